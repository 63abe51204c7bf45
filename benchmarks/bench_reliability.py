"""Reliability in figures: bad inputs, cut WARC files, generated inputs, crash trials, attacks,
load.

Prints, in one run, for each suite what was tried and what went wrong (every failure count
must be 0; documents over the time budget are listed, not counted as failures):

1. bad inputs through `vnevents extract`, per category (tests/fuzz/cases.py, full sizes:
   200 MB single-line text, 50 MB JSON line, 200 MB on stdin, 100,000 repetitions per pattern);
2. WARC files cut at every byte (plain and gzip);
3. hypothesis properties and atheris coverage-guided fuzzing of the readers;
4. crash trials on a 5,000-document input: SIGKILL at 30 random moments and resume, two
   ingests at once, an ingest while `serve` answers searches, a full disk (tmpfs);
5. attacks on the web app: FTS5/SQL payloads in every parameter, path traversal, write
   methods, stored XSS, schemathesis from the OpenAPI description;
6. load: 20 concurrent search clients for 30 s against a 100,000-document database, alone
   and while an ingest writes to it (the database is built as bench_store.py builds it).

Usage: python benchmarks/bench_reliability.py [--only inputs,warc,properties,crash,attacks,load]
       [--db LARGE.db] [--docs 5000] [--kills 30] [--clients 20] [--seconds 30] [--keep DIR]
The full run takes about an hour on a 2-core machine (the 100,000-document database alone
takes ~6 minutes to build; pass --db to reuse one, e.g. bench_store.py --keep's large.db).
The bounded forms run in CI: `pytest -m "fuzz or crash"` (a few minutes).
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "fuzz"))
sys.path.insert(0, str(ROOT / "benchmarks"))

import attacks  # noqa: E402 - tests/fuzz: the shared catalogues
import cases  # noqa: E402
import crash  # noqa: E402
import load  # noqa: E402

SUITES = ("inputs", "warc", "properties", "crash", "attacks", "load")
ROWS: list[tuple[str, str, str]] = []  # (suite, what was tried, what went wrong)


def row(suite: str, tried: str, wrong: str, details: list[str] | None = None) -> None:
    ROWS.append((suite, tried, wrong))
    print(f"  {suite:<34} {tried:<40} {wrong}", flush=True)
    for line in (details or [])[:8]:
        print(f"      - {line[:300]}", flush=True)


def bench_inputs(folder: Path) -> None:
    print("\n1. bad inputs (vnevents extract, full sizes)", flush=True)
    scale = cases.SCALES["full"]
    every = cases.all_cases("full")
    for category in dict.fromkeys(c.category for c in every):
        chosen = [c for c in every if c.category == category]
        verdicts = cases.run_batch(
            chosen, folder / category.replace(" ", "-"), time_limit=scale["budget"], bound=900
        )
        mine = [v for v in verdicts if v.case.category == category]
        good = [v for v in verdicts if v.case.category == "good documents"]
        bad = [f"{v.case.name!r}: {'; '.join(v.problems)}" for v in mine if v.problems]
        row(
            category,
            f"{len(mine)} inputs (+{len(good)} good documents)",
            f"{len(bad)} wrongly handled, "
            f"{sum(bool(v.problems) for v in good)} good documents lost",
            bad,
        )
    verdicts = [cases.run_stdin(c, bound=600) for c in cases.stdin_cases("full")]
    bad = [f"{v.case.stdin[:30]!r}…: {'; '.join(v.problems)}" for v in verdicts if v.problems]  # type: ignore[index]
    row("stdin", f"{len(verdicts)} inputs", f"{len(bad)} wrongly handled", bad)
    patho = cases.pathological_cases(scale)
    t0 = time.monotonic()
    verdicts = cases.run_batch(
        patho,
        folder / "pathological",
        time_limit=scale["budget"],
        bound=60 + len(patho) * (scale["budget"] * 3 + 5),
    )
    bad = [f"{v.case.name}: {'; '.join(v.problems)}" for v in verdicts if v.problems]
    over = _overruns(folder / "pathological")
    row(
        "pathological (100,000 repetitions)",
        f"{len(patho)} texts in {time.monotonic() - t0:.0f} s",
        f"{len(bad)} wrongly handled; "
        f"over the {scale['budget']} s budget: {', '.join(over) or 'none'}",
        bad,
    )


def _overruns(folder: Path) -> list[str]:
    """Names of the documents the last run reported as over the budget (from its stderr)."""
    err = (
        (folder / "stderr.txt").read_text(encoding="utf-8")
        if (folder / "stderr.txt").exists()
        else ""
    )
    return [
        line.removeprefix("skipped ").split(": ", 1)[0].rsplit("/", 1)[-1]
        for line in err.splitlines()
        if "took longer" in line
    ]


def bench_warc() -> None:
    print("\n2. WARC files cut at every byte", flush=True)
    from test_properties import _cut_trials

    for gz in (False, True):
        data, _ = cases.warc_bytes(cases.crawl_records(), gz=gz)
        problems = _cut_trials(gz, None)
        row(
            f"cut {'gzip' if gz else 'plain'} WARC",
            f"{len(data) - 1} cuts of a {len(data):,}-byte file",
            f"{len(problems)} read wrongly",
            problems,
        )


def bench_properties(folder: Path, runs: int) -> None:
    print("\n3. generated inputs", flush=True)
    env = dict(os.environ, VNEVENTS_FUZZ="full", PYTHONPATH=str(ROOT / "src"))
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            str(ROOT / "tests" / "fuzz" / "test_properties.py"),
            "-k",
            "not atheris and not warc_cut",
            "--hypothesis-show-statistics",
        ],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
    )
    examples = sum(
        int(line.split()[1])
        for line in run.stdout.splitlines()
        if line.strip().startswith("- during generate phase") and line.split()[1].isdigit()
    )
    last = run.stdout.strip().splitlines()[-1] if run.stdout.strip() else run.stderr[-300:]
    row("hypothesis properties", f"{examples or '2,000 per property'} examples", last)
    art = folder / "atheris"
    art.mkdir(exist_ok=True)
    t0 = time.monotonic()
    fuzz = subprocess.run(
        [
            sys.executable,
            str(ROOT / "tests" / "fuzz" / "atheris_readers.py"),
            f"-runs={runs}",
            "-max_len=8192",
            "-seed=1",
            f"-artifact_prefix={art}/",
        ],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(ROOT / "src")),
        cwd=art,
    )
    crashes = sorted(
        p.name for p in art.iterdir() if p.name.startswith(("crash-", "timeout-", "oom-"))
    )
    row(
        "atheris (readers)",
        f"{runs:,} runs in {time.monotonic() - t0:.0f} s",
        f"{len(crashes)} crashes (exit {fuzz.returncode})",
        crashes + ([fuzz.stderr[-500:]] if crashes else []),
    )


def bench_crash(folder: Path, docs: int, kills: int) -> None:
    print(f"\n4. crash trials ({docs:,} documents)", flush=True)
    src = crash.make_input(folder / "input.jsonl", docs)
    t0 = time.monotonic()
    ref_run = crash.ingest(src, folder / "reference.db")
    full = time.monotonic() - t0
    assert ref_run.returncode == 0, ref_run.stderr
    reference = crash.snapshot(folder / "reference.db")
    chains = max(1, kills // 5)
    report = (
        crash.kill_trials(
            src,
            folder / "kills",
            reference,
            chains=chains,
            kills_per_chain=kills // chains,
            full_seconds=full,
        )
        if (folder / "kills").mkdir() is None
        else None
    )
    assert report is not None
    row(
        "SIGKILL and resume",
        f"{report.kills} kills in {report.chains} resumed runs (uninterrupted: {full:.0f} s)",
        f"{len(report.bad_integrity)} integrity failures, "
        f"{len(report.losses)} databases unlike the reference, "
        f"{len(report.tracebacks)} tracebacks, {report.orphans} orphan workers",
        report.bad_integrity + report.losses + report.tracebacks,
    )
    small = crash.make_input(folder / "small.jsonl", 200)
    (folder / "races").mkdir()
    assert crash.ingest(small, folder / "small-ref.db").returncode == 0
    races = crash.concurrent_trials(
        small, folder / "races", crash.snapshot(folder / "small-ref.db"), runs=20
    )
    (folder / "races-big").mkdir()
    big = crash.concurrent_trials(src, folder / "races-big", reference, runs=3)
    row(
        "two ingests at once",
        f"{races.runs} on a fresh database (200 docs) + {big.runs} ({docs:,} docs)",
        f"{len(races.failures) + len(big.failures)} failed or differ",
        races.failures + big.failures,
    )
    (folder / "serve").mkdir()
    serve = crash.ingest_while_serving(src, small, folder / "serve", clients=4)
    row(
        "ingest while serve answers",
        serve.summary(),
        f"{len(serve.errors)} errors, ingest {'completed' if serve.ingest_ok else 'FAILED'}",
        serve.errors,
    )
    disk = crash.full_disk_trial(src, folder, reference, size_mb=24)
    row(
        "full disk",
        disk.how,
        f"{len(disk.problems)} problems; message: {disk.message!r}",
        disk.problems,
    )


def bench_attacks(folder: Path, examples: int) -> None:
    print("\n5. attacks on the web app", flush=True)
    from fastapi.testclient import TestClient

    from vnevents.store.ingest import records_from_paths, store_records
    from vnevents.web.app import Settings, create_app

    db = folder / "attacks.db"
    store_records(db, records_from_paths([str(ROOT / "examples")]))
    store_records(
        db, [attacks.xss_record(n, p) for n, p in enumerate(attacks.XSS_PAYLOADS)], near_dup=False
    )
    app = create_app(Settings(db=db))
    client = TestClient(app)
    report = attacks.run_all(client, db, extra=lambda r: attacks.schemathesis_run(app, r, examples))
    for kind, n in report.sent.items():
        wrong = [f for f in report.failures if f.startswith(kind.split(" ")[0])]
        row(kind, f"{n} requests", f"{len(wrong)} failures", wrong)
    row(
        "all attacks",
        f"{report.total} requests",
        f"{len(report.failures)} failures; database unchanged: "
        f"{'no' if any('changed' in f for f in report.failures) else 'yes'}",
        report.notes,
    )


def bench_load(folder: Path, db: Path | None, clients: int, seconds: float, docs: int) -> None:
    print(f"\n6. load: {clients} clients for {seconds:.0f} s", flush=True)
    if db is None:
        db = folder / "large.db"
        _build_large(db)
    from vnevents.web.cli import default_workers

    proc, base = crash.start_server(db, workers=default_workers())
    try:
        load.run(base, 2, 5)  # the page cache, not the answers' (queries differ by seed)
        alone = load.run(base, clients, seconds, seed=1)
        row("searches alone", alone.summary(), f"{len(alone.errors)} errors", alone.errors)
        src = crash.make_input(folder / "load-input.jsonl", docs, tag=f"-load-{int(time.time())}")
        writer = subprocess.Popen(
            crash.ingest_cmd(src, db, "--workers", "1"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            env=crash.env(),
        )
        time.sleep(3)
        during = load.run(base, clients, seconds, seed=2)
        writer_err = writer.communicate()[1].decode("utf-8", "replace")
        row(
            "searches while an ingest writes",
            during.summary(),
            f"{len(during.errors)} errors; ingest exit {writer.returncode}",
            during.errors + ([writer_err[-300:]] if writer.returncode else []),
        )
    finally:
        crash.stop_server(proc)


def _build_large(db: Path) -> None:
    """The 100,000-document database of bench_store.py, from the corpus."""
    import bench_store

    from vnevents.pipeline import Failure
    from vnevents.readers import read_paths
    from vnevents.store.workers import auto_workers, records

    corpus = crash.CORPUS
    if not corpus.exists():
        sys.exit(f"no corpus at {corpus}: pass --db or set VNEVENTS_SHARED")
    recs = [r for r in records(read_paths([corpus]), auto_workers()) if not isinstance(r, Failure)]
    bench_store.build_large(recs, 100_000, db)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", default=",".join(SUITES), help="comma-separated suites to run")
    parser.add_argument(
        "--db", type=Path, help="an existing 100,000-document database for the load suite"
    )
    parser.add_argument("--docs", type=int, default=5000)
    parser.add_argument("--kills", type=int, default=30)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--atheris-runs", type=int, default=200_000)
    parser.add_argument("--schemathesis-examples", type=int, default=200)
    parser.add_argument("--keep", type=Path, help="keep the work files in this folder")
    args = parser.parse_args()
    only = set(args.only.split(","))
    random.seed(0)
    print(
        f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start "
        "(figures from a shared machine are noisy)"
    )
    with tempfile.TemporaryDirectory(prefix="vnevents-reliability-") as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        steps: dict[str, Any] = {
            "inputs": lambda: bench_inputs(folder / "inputs"),
            "warc": bench_warc,
            "properties": lambda: bench_properties(folder, args.atheris_runs),
            "crash": lambda: bench_crash(folder / "crash", args.docs, args.kills),
            "attacks": lambda: bench_attacks(folder, args.schemathesis_examples),
            "load": lambda: bench_load(folder, args.db, args.clients, args.seconds, args.docs),
        }
        for name in SUITES:
            if name in only:
                (folder / name).mkdir(exist_ok=True)
                t0 = time.monotonic()
                steps[name]()
                print(f"  ({name}: {time.monotonic() - t0:.0f} s)", flush=True)
    print("\nsummary")
    for suite, tried, wrong in ROWS:
        print(f"  {suite:<34} {tried:<40} {wrong}")


if __name__ == "__main__":
    main()
