"""What generated tickets say, and their search documents, cheaply.

The texts come from the demo's English and Chinese templates. Placeholders are filled from small
pools, so the same strings repeat and their segmentation (jieba, the slow part) is cached.
"""

from __future__ import annotations

import random
from functools import lru_cache

from serviceloop.core.search import segment
from serviceloop.customers.models import Machine, ProductModule
from serviceloop.demo import texts

_NUMBERS = (5, 8, 12, 20, 35, 60, 75, 90)
_ALARMS = tuple(f"{prefix}-{code}" for prefix in ("AL", "E", "SV") for code in (1021, 2041, 3007, 4410, 7001))


@lru_cache(maxsize=100_000)
def segmented(text: str) -> str:
    """`segment` of one text, remembered: a document is the texts' segments joined by spaces."""
    return segment(text)


def search_document(number: str, *texts_: str) -> str:
    """The same document `refresh_search_document` builds: number, subject, names, serial, public text."""
    parts = [segment(number), *(segmented(t) for t in texts_ if t)]
    return " ".join(p for p in parts if p)


class Writer:
    """Fills the demo templates for one ticket's machine, module and language."""

    def __init__(self, rng: random.Random, machine: Machine, module: ProductModule | None, chinese: bool):
        self.rng, self.lang = rng, ("zh-hans" if chinese else "en")
        name = module.name if module else "machine"
        self.values = {
            "model": machine.model.code,
            "serial": machine.serial_number,
            "module": texts.MODULES_ZH.get(name, "设备") if chinese else name,
            "alarm": rng.choice(_ALARMS),
            "n": rng.choice(_NUMBERS),
        }

    def opening(self, problem: texts.Problem) -> tuple[str, str]:
        subject, body = problem.zh if self.lang == "zh-hans" else problem.en
        return subject.format(**self.values), body.format(**self.values)

    def say(self, options: dict[str, list[str]]) -> str:
        return self.rng.choice(options[self.lang]).format(**self.values)
