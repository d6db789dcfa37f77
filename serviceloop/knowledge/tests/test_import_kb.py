"""`serviceloop import_kb`: Markdown, HTML and Word files become articles; broken files are reported
and leave nothing behind; a second run imports nothing twice."""

from __future__ import annotations

import os
from io import StringIO
from pathlib import Path

import docx
import pytest
from django.core.management import CommandError, call_command

from serviceloop.knowledge.models import Article, ArticleStatus, ArticleVersion
from serviceloop.knowledge.services.importing import detect_language, read_document
from serviceloop.knowledge.services.importing.html import html_to_markdown


def run(*args: str) -> tuple[int, str, str]:
    """(exit status, stdout, stderr) of the command."""
    out, err = StringIO(), StringIO()
    try:
        call_command("import_kb", *args, stdout=out, stderr=err)
    except CommandError as exc:
        return exc.returncode, out.getvalue(), err.getvalue() + str(exc)
    return 0, out.getvalue(), err.getvalue()


def word_file(path: Path) -> Path:
    document = docx.Document()
    document.add_paragraph("Spindle belt replacement", style="Title")
    document.add_heading("Tools", level=1)
    document.add_paragraph("A 10 mm spanner", style="List Bullet")
    document.add_paragraph("Gloves", style="List Bullet")
    paragraph = document.add_paragraph("Switch the machine ")
    paragraph.add_run("off").bold = True
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ["Part", "Number", "Belt", "SB-200"], strict=True):
        cell.text = text
    document.save(str(path))
    return path


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "guides" / "deep").mkdir(parents=True)
    (tmp_path / "guides" / "coolant.md").write_text(
        "# Refilling the coolant\n\nOpen the **tank** and fill it to the mark.\n", encoding="utf-8"
    )
    (tmp_path / "guides" / "deep" / "alarm.html").write_text(
        "<html><head><title>Alarm 1042</title><script>alert(1)</script></head><body>"
        "<h1>Alarm 1042</h1><p>Reset the <em>drive</em>.</p><ul><li>Press STOP</li><li>Wait</li></ul>"
        "</body></html>",
        encoding="utf-8",
    )
    word_file(tmp_path / "guides" / "deep" / "belt.docx")
    (tmp_path / "guides" / "notes.txt").write_text("not a document", encoding="utf-8")
    return tmp_path / "guides"


def base_args(world, category) -> list[str]:
    return ["--category", category.name, "--author", world.engineer.username]


def test_imports_markdown_html_and_word_from_nested_folders(world, category, folder):
    status, out, err = run(str(folder), *base_args(world, category), "--visibility", "public")
    assert status == 0, err
    assert "3 imported, 0 already imported, 0 failed" in out
    assert "[3/3]" in err and "... ok" in err
    articles = {a.title: a for a in Article.objects.filter(category=category)}
    assert set(articles) == {"Refilling the coolant", "Alarm 1042", "Spindle belt replacement"}
    coolant = articles["Refilling the coolant"]
    assert coolant.body.strip() == "Open the **tank** and fill it to the mark."
    assert (coolant.language, coolant.visibility, coolant.kind) == ("en", "public", "how_to")
    assert coolant.author == world.engineer and coolant.status == ArticleStatus.DRAFT
    assert ArticleVersion.objects.filter(article=coolant, number=1).exists()
    alarm = articles["Alarm 1042"].body
    assert "Reset the *drive*." in alarm and "- Press STOP\n- Wait" in alarm and "alert" not in alarm
    belt = articles["Spindle belt replacement"].body
    assert "# Tools" in belt and "- A 10 mm spanner\n- Gloves" in belt and "**off**" in belt
    assert "| Part | Number |\n| --- | --- |\n| Belt | SB-200 |" in belt


def test_chinese_is_detected_and_front_matter_is_read(world, category, tmp_path):
    (tmp_path / "zh.md").write_text(
        "# 主轴皮带更换\n\n关闭设备电源，打开后盖，松开 HX-2000 的张紧轮。\n", encoding="utf-8"
    )
    (tmp_path / "front.md").write_text(
        "---\ntitle: Coolant pump\nlanguage: de\ntags: [pump, coolant]\n---\nCheck the pump.\n",
        encoding="utf-8",
    )
    status, _, err = run(str(tmp_path), *base_args(world, category))
    assert status == 0, err
    chinese = Article.objects.get(title="主轴皮带更换")
    assert chinese.language == "zh-hans"
    front = Article.objects.get(title="Coolant pump")
    assert (front.language, front.tags, front.body.strip()) == ("de", ["pump", "coolant"], "Check the pump.")


def test_language_option_overrides_detection(world, category, tmp_path):
    (tmp_path / "zh.md").write_text("# 标题\n\n这是中文正文。\n", encoding="utf-8")
    assert run(str(tmp_path), *base_args(world, category), "--language", "en")[0] == 0
    assert Article.objects.get(title="标题").language == "en"


def test_detect_language():
    assert detect_language("设备无法启动，请检查 HX-2000 电源") == "zh-hans"
    assert detect_language("The machine will not start; 检查") == "en"
    assert detect_language("1234") == "en"


def test_rerun_skips_what_was_imported(world, category, folder):
    assert run(str(folder), *base_args(world, category))[0] == 0
    status, out, err = run(str(folder), *base_args(world, category))
    assert status == 0
    assert "0 imported, 3 already imported, 0 failed" in out
    assert err.count("already imported") == 3
    assert Article.objects.filter(category=category).count() == 3


def test_broken_files_are_reported_skipped_and_leave_nothing(world, category, tmp_path):
    (tmp_path / "good.md").write_text("# Good\n\nFine text.\n", encoding="utf-8")
    (tmp_path / "latin1.md").write_bytes("# Caf\xe9\n\nd\xe9j\xe0 vu\n".encode("latin-1"))
    (tmp_path / "empty.md").write_bytes(b"")
    (tmp_path / "title-only.md").write_text("# Only a title\n", encoding="utf-8")
    (tmp_path / "broken.docx").write_bytes(os.urandom(2048))
    (tmp_path / "too-long.md").write_text("# " + "x" * 400 + "\n\ntext\n", encoding="utf-8")
    versions_before = ArticleVersion.objects.count()
    status, out, err = run(str(tmp_path), *base_args(world, category))
    assert status == 1
    assert "1 imported, 0 already imported, 5 failed" in out
    assert f"{tmp_path / 'latin1.md'} ... failed: not UTF-8 text" in err
    assert f"{tmp_path / 'broken.docx'} ... failed: not a valid .docx file" in err
    assert f"{tmp_path / 'empty.md'} ... failed: no text to import" in err
    assert f"{tmp_path / 'title-only.md'} ... failed: no text to import" in err
    assert f"{tmp_path / 'too-long.md'} ... failed: title is longer than 300 characters" in err
    assert list(Article.objects.values_list("title", flat=True)) == ["Good"]
    assert ArticleVersion.objects.count() == versions_before + 1


def test_a_file_failing_on_publish_leaves_nothing(world, category, tmp_path):
    """A known problem needs symptom and fix steps to be submitted: the created draft is undone too."""
    (tmp_path / "problem.md").write_text("# Belt squeals\n\nIt squeals.\n", encoding="utf-8")
    args = [*base_args(world, category), "--kind", "known_problem", "--publish"]
    status, out, err = run(str(tmp_path), *args)
    assert status == 1 and "0 imported, 0 already imported, 1 failed" in out
    assert "failed: symptom: a known problem needs its symptom and its fix steps" in err
    assert not Article.objects.exists()


def test_dry_run_writes_nothing(world, category, folder):
    status, out, err = run(str(folder), *base_args(world, category), "--dry-run", "--publish")
    assert status == 0, err
    assert "Dry run, nothing saved: 3 would import" in out
    assert not Article.objects.exists() and not ArticleVersion.objects.exists()


def test_publish_as_the_categorys_owner(world, category, folder):
    status, _, err = run(str(folder), *base_args(world, category), "--publish")
    assert status == 0, err
    articles = Article.objects.filter(category=category)
    assert articles.count() == 3
    assert {a.status for a in articles} == {ArticleStatus.PUBLISHED}
    assert all(a.published_at and a.review_due_on for a in articles)


def test_publish_refused_for_an_author_who_may_not_review(world, category, folder):
    status, _, err = run(
        str(folder), "--category", category.name, "--author", world.agent.username, "--publish"
    )
    assert status == 2
    assert "may not publish in 'CNC lathes'" in err
    assert not Article.objects.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--category", "Nope", "--author", "{engineer}"], "No knowledge category is named 'Nope'"),
        (["--category", "{category_id}", "--author", "ghost"], "No active user is named 'ghost'"),
        (["--category", "{category_id}", "--author", "{quality}"], "may not write knowledge articles"),
    ],
)
def test_bad_arguments_exit_2(world, category, folder, args, message):
    names = {
        "engineer": world.engineer.username,
        "quality": world.quality.username,
        "category_id": category.pk,
    }
    status, _, err = run(str(folder), *(arg.format(**names) for arg in args))
    assert status == 2
    assert message in err
    assert not Article.objects.exists()


def test_missing_path_or_wrong_kind_of_file_exit_2(world, category, folder, tmp_path):
    status, _, err = run(str(tmp_path / "missing"), *base_args(world, category))
    assert (status, "no such file or folder" in err) == (2, True)
    status, _, err = run(str(folder / "notes.txt"), *base_args(world, category))
    assert (status, "cannot import this kind of file" in err) == (2, True)
    (tmp_path / "nothing").mkdir()
    status, _, err = run(str(tmp_path / "nothing"), *base_args(world, category))
    assert (status, "No .md, .markdown, .html, .htm or .docx files found" in err) == (2, True)
    assert not Article.objects.exists()


def test_category_by_id_and_single_file(world, category, folder):
    status, out, _ = run(
        str(folder / "coolant.md"), "--category", str(category.pk), "--author", world.engineer.username
    )
    assert status == 0 and "1 imported" in out


def test_html_title_falls_back_to_first_heading_and_tables_convert():
    title, h1, body = html_to_markdown(
        "<body><h1>Torque values</h1><table><tr><th>Bolt</th><th>Nm</th></tr><tr><td>M8</td><td>25</td></tr>"
        "</table><p>See <a href='https://example.test/t'>the chart</a>.</p><pre>G28 X0\n  M30</pre></body>"
    )
    assert (title, h1) == ("", "Torque values")
    assert "| Bolt | Nm |\n| --- | --- |\n| M8 | 25 |" in body
    assert "[the chart](https://example.test/t)" in body
    assert "```\nG28 X0\n  M30\n```" in body


def test_html_in_a_declared_legacy_encoding(tmp_path):
    path = tmp_path / "gbk.html"
    path.write_bytes('<meta charset="gbk"><title>主轴</title><p>更换皮带</p>'.encode("gbk"))
    document = read_document(path)
    assert (document.title, document.body.strip()) == ("主轴", "更换皮带")


def test_markdown_title_from_file_name_when_no_heading(tmp_path):
    path = tmp_path / "spindle_belt-check.md"
    path.write_text("Look at the belt.\n", encoding="utf-8")
    assert read_document(path).title == "spindle belt check"
