"""The shapes of the knowledge base quality benchmark's corpus (kb_quality_data.py) and queries
(kb_quality_queries.py), and the short forms the corpus is written in."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Doc:
    key: str
    language: str  # "en" or "zh-hans"
    kind: str  # "known_problem", "how_to" or "manual"
    title: str
    symptom: str = ""
    cause: str = ""
    fix_steps: str = ""
    body: str = ""
    module: str = ""
    tags: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Query:
    text: str
    language: str  # "en" or "zh"
    key: str  # the article that answers it


def kp(key: str, language: str, title: str, symptom: str, cause: str, fix: str, module: str = "",
       tags: tuple[str, ...] = ()) -> Doc:  # fmt: skip
    return Doc(key, language, "known_problem", title, symptom=symptom, cause=cause, fix_steps=fix,
               module=module, tags=tags)  # fmt: skip


def howto(key: str, language: str, title: str, body: str, module: str = "", kind: str = "how_to",
          tags: tuple[str, ...] = ()) -> Doc:  # fmt: skip
    return Doc(key, language, kind, title, body=body, module=module, tags=tags)


EN, ZH = "en", "zh-hans"
