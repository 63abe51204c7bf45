"""The command line: bad input is reported and loses nothing; every command is documented."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from vnevents.cli import app

ROOT = Path(__file__).resolve().parents[1]
REPORT = (
    "Huyện Tam Nông tổng kết công tác dân vận năm 2024\n"
    "Sáng 20/12, Ban Dân vận Huyện ủy Tam Nông tổ chức hội nghị tổng kết công tác dân vận năm "
    "2024.\n"
    "Năm qua, toàn huyện vận động nhân dân hiến 12.000 m2 đất làm đường giao thông nông thôn.\n"
)

runner = CliRunner()


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def bad_inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "good.txt").write_text(REPORT, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02PNG\x00" * 100)
    (folder / "cp1258.txt").write_bytes(b"H\xf4i ngh\xec t\xf4ng k\xea\xf2t 2024")
    (folder / "oneline.txt").write_text(
        ("Sáng 3/4, hội nghị diễn ra. " * 40000)[:1_000_000], encoding="utf-8"
    )
    lines = [
        json.dumps({"id": "j1", "text": REPORT}, ensure_ascii=False),
        "{broken json",
        "[1, 2]",
        json.dumps(
            {"id": "j2", "text": REPORT.replace("Tam Nông", "Thanh Sơn")}, ensure_ascii=False
        ),
    ]
    (folder / "batch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


def test_cli_extract_reports_bad_files_and_keeps_going(bad_inputs: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = runner.invoke(app, ["extract", str(bad_inputs), "-o", str(out)])
    assert result.exit_code == 0, result.output
    docs = {r["doc"] for r in _records(out)}
    assert {"good.txt", "oneline.txt", "j1", "j2"} <= docs
    for name, reason in [
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("cp1258.txt", "UTF-8"),
        ("batch.jsonl:2", "broken JSON"),
        ("batch.jsonl:3", "not an object"),
    ]:
        assert re.search(rf"{re.escape(name)}.*{reason}", result.stderr), (name, result.stderr)


def test_cli_extract_strict_exits_nonzero_on_failure(bad_inputs: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["extract", str(bad_inputs), "-o", str(tmp_path / "o.jsonl"), "--strict"]
    )
    assert result.exit_code == 1


def test_cli_extract_fifty_megabyte_file_is_refused_with_reason(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_bytes((REPORT * 200 + "\n").encode() * 300)  # ~ 50 MB
    small = tmp_path / "ok.txt"
    small.write_text(REPORT, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    result = runner.invoke(app, ["extract", str(big), str(small), "-o", str(out)])
    assert result.exit_code == 0
    assert [r["doc"] for r in _records(out)] == ["ok.txt"]
    assert re.search(r"big\.txt: file too large", result.stderr)


def test_cli_extract_reads_stdin() -> None:
    result = runner.invoke(app, ["extract", "-"], input=REPORT)
    assert result.exit_code == 0
    record = json.loads(result.stdout.splitlines()[0])
    # the title's "năm 2024" settles the year of "Sáng 20/12"
    assert record["event"]["date"] == "2024-12-20" and record["title"].startswith("Huyện Tam Nông")


def test_cli_extract_missing_path_is_reported(tmp_path: Path) -> None:
    result = runner.invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert result.exit_code == 0 and "no such file" in result.stderr


def test_cli_eval_prints_headline(tmp_path: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(
        json.dumps({"doc": "a", "title": "X", "event": {"type": "le"}}) + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["eval", str(gold), str(gold)])
    assert result.exit_code == 0 and "headline 1.0000" in result.stdout


def test_cli_eval_broken_file_is_a_clean_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{nope\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(bad), str(bad)])
    assert result.exit_code == 2 and "bad.jsonl:1" in result.stderr


def test_cli_every_command_is_documented_in_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = [c.name or c.callback.__name__ for c in app.registered_commands]
    assert len(commands) >= 6
    for name in commands:
        assert f"vnevents {name}" in readme, name


def test_cli_every_command_help_has_an_example() -> None:
    for command in app.registered_commands:
        assert "Example:" in (command.callback.__doc__ or ""), command.callback.__name__


def test_cli_eval_refuses_an_empty_gold_file(tmp_path: Path) -> None:
    gold, pred = tmp_path / "gold.jsonl", tmp_path / "pred.jsonl"
    gold.write_text("\n\n", encoding="utf-8")
    pred.write_text(json.dumps({"doc": "a"}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", str(pred), str(gold)])
    assert result.exit_code == 2
    assert "gold.jsonl holds no gold records" in result.stderr and "headline" not in result.stdout


@pytest.mark.parametrize("data", [b"\xff\xfe{\x00}\x00", b'{"doc": "a"}\n{"doc": "caf\xe9"}\n'])
def test_cli_eval_decode_error_names_the_file(tmp_path: Path, data: bytes) -> None:
    bad = tmp_path / "hong.jsonl"
    bad.write_bytes(data)
    result = runner.invoke(app, ["eval", str(bad), str(bad)])
    assert result.exit_code == 2
    assert re.search(r"hong\.jsonl:\d+: not UTF-8", result.stderr), result.stderr
    assert "Traceback" not in result.stderr


def test_cli_spark_without_pyspark_is_one_line(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = (
        "import sys; sys.modules['pyspark'] = None; sys.modules['pyspark.sql'] = None\n"
        "from vnevents.cli import app\n"
        f"app(['spark', {str(tmp_path)!r}, '--out', {str(tmp_path / 'out')!r}])\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert run.returncode == 2
    lines = [line for line in run.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "pip install 'vnevents[spark]'" in lines[0], run.stderr


@pytest.mark.parametrize("name", ["bad\x1b[31mname\x07.txt", "rtl\u202etxt.exe"])
def test_cli_control_characters_in_names_are_escaped(tmp_path: Path, name: str) -> None:
    (tmp_path / name).write_bytes(b"")
    result = runner.invoke(app, ["extract", str(tmp_path / name)])
    assert (
        "\x1b" not in result.stderr
        and "\x07" not in result.stderr
        and "\u202e" not in result.stderr
    )
    assert "\\x1b" in result.stderr or "\\u202e" in result.stderr


def test_cli_time_limit_default_is_the_budget() -> None:
    import inspect

    from vnevents import budget
    from vnevents.cli import extract
    from vnevents.store.cli import ingest

    for command in (extract, ingest):
        assert inspect.signature(command).parameters["time_limit"].default == budget.DEFAULT_SECONDS


@pytest.mark.parametrize(
    "text", ["Hội nghị tổng kết công tác năm 2024", "\ufeff", " \u200b\n", "... !!! ???"]
)
def test_cli_text_without_a_body_is_a_failure_not_a_record(tmp_path: Path, text: str) -> None:
    (tmp_path / "x.txt").write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "x.txt")])
    assert result.exit_code == 0 and result.stdout == ""
    assert re.search(r"skipped .*x\.txt: (empty input|no text|no body text)", result.stderr), (
        result.stderr
    )
