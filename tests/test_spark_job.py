"""The Spark job on a local[2] session: same records as the local path, clusters, tables."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.dataset as ds
import pytest
from typer.testing import CliRunner
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vnevents.cli import app
from vnevents.pipeline import Failure, extract_many
from vnevents.readers import read_paths
from vnevents.record import to_json

needs_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="no java binary: Spark needs a Java runtime"
)

LEAD = (
    "Sáng 20/5/2024, Ban Thường vụ Huyện ủy Tân Hòa tổ chức hội nghị sơ kết 5 năm thực hiện Chỉ "
    "thị số 07-CT/HU về phát triển kinh tế tập thể trên địa bàn huyện."
)
BODY = [
    LEAD,
    "Sau 5 năm, toàn huyện thành lập mới 38 hợp tác xã, nâng tổng số lên 112 hợp tác xã với hơn "
    "9.400 thành viên; doanh thu bình quân đạt 2,6 tỷ đồng mỗi hợp tác xã một năm.",
    "Phát biểu kết luận, đồng chí Bí thư Huyện ủy đề nghị các xã tiếp tục củng cố các hợp tác xã "
    "yếu kém, gắn sản xuất với tiêu thụ sản phẩm và ứng dụng công nghệ số trong quản lý.",
]
DISTINCT = [
    "Chiều 21/5/2024, Ủy ban nhân dân huyện Tân Hòa tổ chức lễ khánh thành cầu treo bản Nà Lìu, "
    "công trình do Quỹ Vì người nghèo tỉnh hỗ trợ 1,8 tỷ đồng.",
    "Cầu dài 96 m, rộng 1,5 m, giúp hơn 300 hộ dân hai bên suối đi lại an toàn trong mùa mưa lũ.",
    "Tại buổi lễ, đại diện chính quyền địa phương cảm ơn các nhà tài trợ và đề nghị người dân giữ "
    "gìn công trình.",
]


def page(title: str, paragraphs: list[str], menu: str) -> bytes:
    items = "".join(f"<li><a href='/{i}'>{m}</a></li>" for i, m in enumerate(menu.split("|")))
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f"<html><head><title>{title}</title></head><body><nav><ul>{items}</ul></nav>"
        f"<article><h1>{title}</h1>{body}</article><footer>Liên hệ tòa soạn</footer></body></html>"
    ).encode()


def write_warc(path: Path, pages: list[tuple[str, bytes]], cut: int | None = None) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for uri, html in pages:
        ctype = "image/png" if uri.endswith(".png") else "text/html; charset=utf-8"
        http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(uri, "response", payload=io.BytesIO(html), http_headers=http)
        )
    data = buf.getvalue()
    path.write_bytes(data[:cut] if cut else data)


@pytest.fixture(scope="session")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("spark_inputs")
    write_warc(
        root / "huyen.warc.gz",
        [
            (
                "https://tanhoa.example.gov.vn/so-ket-chi-thi-07.html",
                page("Tân Hòa sơ kết 5 năm Chỉ thị 07", BODY, "Trang chủ|Tin tức|Liên hệ"),
            ),
            (
                "https://baotinh.example.vn/thoi-su/tan-hoa-phat-trien-kinh-te-tap-the.html",
                page(
                    "Huyện Tân Hòa: kinh tế tập thể phát triển",
                    BODY[:2] + [BODY[2].replace("tiếp tục ", "")],
                    "Thời sự|Kinh tế|Xã hội|Video",
                ),
            ),
            (
                "https://tanhoa.example.gov.vn/khanh-thanh-cau-treo.html",
                page("Khánh thành cầu treo bản Nà Lìu", DISTINCT, "Trang chủ|Tin tức|Liên hệ"),
            ),
            ("https://tanhoa.example.gov.vn/logo.png", b"\x89PNG\r\n\x1a\n"),  # skipped, counted
        ],
    )
    write_warc(
        root / "hong.warc.gz",
        [
            ("https://tanhoa.example.gov.vn/a.html", page("Bài một", DISTINCT, "Trang chủ")),
            ("https://tanhoa.example.gov.vn/b.html", page("Bài hai", BODY, "Trang chủ")),
        ],
        cut=-60,
    )
    text = "Huyện Tân Hòa sơ kết Chỉ thị 07\n\n" + "\n\n".join(BODY)
    (root / "bai.txt").write_text(text, encoding="utf-8")
    lines = [json.dumps({"id": "jsonl-1", "text": text}, ensure_ascii=False), "{không phải JSON"]
    (root / "tin.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="session")
def output(
    spark_session: Any, inputs: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, dict[str, Any]]:
    from vnevents.spark_job import run

    out = tmp_path_factory.mktemp("spark_out") / "tables"
    summary = run(spark_session, [str(inputs)], str(out), partitions=4)
    return out, summary


def local_results(inputs: Path) -> tuple[dict[str | None, dict[str, Any]], list[Failure]]:
    records: dict[str | None, dict[str, Any]] = {}
    failures: list[Failure] = []
    for item in extract_many(read_paths([inputs])):
        if isinstance(item, Failure):
            failures.append(item)
        else:
            records[item.doc] = to_json(item)
    return records, failures


def table(out: Path, name: str) -> list[dict[str, Any]]:
    parts = ds.partitioning(
        pa.schema([("year", pa.int32()), ("province", pa.string())]), flavor="hive"
    )
    rows: list[dict[str, Any]] = (
        ds.dataset(out / name, format="parquet", partitioning=parts if name == "records" else None)
        .to_table()
        .to_pylist()
    )
    return rows


@pytest.mark.spark
@needs_java
def test_spark_job_records_match_the_local_path(
    inputs: Path, output: tuple[Path, dict[str, Any]]
) -> None:
    out, summary = output
    local, local_failures = local_results(inputs)
    rows = table(out, "records")
    assert summary["records"] == len(rows) == len(local) == 6
    assert {r["doc"]: json.loads(r["record_json"]) for r in rows} == local
    assert {r["doc"]: r["record"]["title"] for r in rows} == {
        d: rec["title"] for d, rec in local.items()
    }
    failures = table(out, "failures")
    assert sorted(f["reason"][:30] for f in failures) == sorted(
        f.reason[:30] for f in local_failures
    )
    assert any(f["reason"].startswith("corrupt WARC at offset") for f in failures)


@pytest.mark.spark
@needs_java
def test_spark_job_clusters_syndicated_copies(output: tuple[Path, dict[str, Any]]) -> None:
    out, _ = output
    rows = {r["url"] or r["doc"]: r for r in table(out, "records")}
    so_ket = [r for r in rows.values() if "07-CT/HU" in r["record_json"]]
    assert len(so_ket) == 4  # two pages, the text file and the JSON line
    assert len({r["cluster"] for r in so_ket}) == 1
    assert len({r["canonical_id"] for r in so_ket}) == 1
    assert sum(r["is_canonical"] for r in so_ket) == 1
    assert all(r["cluster_size"] == 4 for r in so_ket)
    # The bridge report, re-published under another headline in the cut WARC.
    bridge = rows["https://tanhoa.example.gov.vn/khanh-thanh-cau-treo.html"]
    copy = rows["https://tanhoa.example.gov.vn/a.html"]
    assert bridge["cluster"] == copy["cluster"] != so_ket[0]["cluster"]
    assert bridge["cluster_size"] == 2 and bridge["is_canonical"] != copy["is_canonical"]
    clusters = {c["size"]: c for c in table(out, "clusters")}
    assert sorted(clusters) == [2, 4]
    assert {s["url"] for s in clusters[4]["sources"]} >= {
        "https://tanhoa.example.gov.vn/so-ket-chi-thi-07.html",
        "https://baotinh.example.vn/thoi-su/tan-hoa-phat-trien-kinh-te-tap-the.html",
    }


@pytest.mark.spark
@needs_java
def test_spark_job_writes_partitions_and_flat_tables(output: tuple[Path, dict[str, Any]]) -> None:
    import duckdb

    out, _ = output
    years = {p.name for p in (out / "records").iterdir() if p.is_dir()}
    assert "year=2024" in years
    glob = str(out / "records" / "**" / "*.parquet")
    ((count,),) = duckdb.execute(
        f"select count(*) from read_parquet('{glob}', hive_partitioning=true)"
    ).fetchall()
    assert count == 6
    records = [json.loads(r["record_json"]) for r in table(out, "records")]
    ids = {rec["id"] for rec in records}
    for name in ("people", "figures", "documents"):
        flat = table(out, name)
        assert len(flat) == sum(len(rec[name]) for rec in records)
        assert all(r["id"] in ids and r["span_start"] < r["span_end"] for r in flat)
    assert table(out, "figures")  # the reports print figures: the table is not trivially empty


@pytest.mark.spark
@needs_java
def test_spark_job_summary_counts_warc_records_like_the_local_reader(
    inputs: Path, output: tuple[Path, dict[str, Any]]
) -> None:
    from vnevents.readers_web import WarcStats, read_warc_file

    local = WarcStats()
    corrupt = 0
    for path in sorted(inputs.glob("*.warc.gz")):
        stats = WarcStats()
        list(read_warc_file(path, stats))
        local.add(stats)
        corrupt += stats.corrupt_at is not None
    _, summary = output
    expected = {
        "records": local.records,
        "html": local.html,
        "non_html": local.non_html,
        "not_ok": local.not_ok,
        "other_types": local.other_types,
        "corrupt_files": corrupt,
    }
    assert summary["warc"] == expected
    assert local.non_html == 1 and corrupt == 1  # the logo, the cut file
    out, _ = output
    written = json.loads((next((out / "summary").glob("part-*"))).read_text(encoding="utf-8"))
    assert written["warc"] == expected


@pytest.mark.spark
@needs_java
@pytest.mark.parametrize("names", [["a.txt", "so/b.warc.gz", "so/.tam/c.txt", ".an.txt"]])
def test_spark_job_lists_uris_like_local_paths(
    spark_session: Any, tmp_path: Path, names: list[str]
) -> None:
    from urllib.parse import urlsplit

    from vnevents.spark_job import list_inputs

    for name in names:
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("Nội dung", encoding="utf-8")
    sc = spark_session.sparkContext
    local, _ = list_inputs(sc, [str(tmp_path)])
    hadoop, _ = list_inputs(sc, [tmp_path.as_uri()])  # listed through Hadoop's file system
    assert sorted(urlsplit(u).path for u in hadoop) == sorted(urlsplit(u).path for u in local)
    assert sorted(Path(urlsplit(u).path).name for u in local) == [
        "a.txt",
        "b.warc.gz",
    ]  # hidden skipped
    _, missing = list_inputs(sc, [(tmp_path / "khong-co").as_uri()])
    assert [reason for _, reason in missing] == ["no such file or folder"]


@pytest.mark.spark
@needs_java
def test_spark_job_refuses_existing_output_before_extracting(
    spark_session: Any, inputs: Path, output: tuple[Path, dict[str, Any]]
) -> None:
    from vnevents.spark_job import run

    out, _ = output
    with pytest.raises(ValueError, match="--overwrite"):
        run(spark_session, [str(inputs / "bai.txt")], str(out))


@pytest.mark.parametrize(
    ("master", "submitted", "local"),
    [
        ("local[2]", False, True),
        ("local[*]", True, True),
        (None, False, True),
        (None, True, False),
        ("yarn", False, False),
        ("k8s://https://k8s.example:6443", True, False),
    ],
)
def test_spark_job_small_machine_settings_only_for_local_sessions(
    monkeypatch: pytest.MonkeyPatch, master: str | None, submitted: bool, local: bool
) -> None:
    from vnevents.spark_job import is_local

    if submitted:
        monkeypatch.setenv("PYSPARK_GATEWAY_PORT", "40123")
    else:
        monkeypatch.delenv("PYSPARK_GATEWAY_PORT", raising=False)
    assert is_local(master) is local


@pytest.mark.parametrize("module", ["vnevents.spark_job"])
def test_spark_job_runs_as_a_module_for_spark_submit(module: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", module, "--help"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert "--out" in done.stdout and "--partitions" in done.stdout


@pytest.mark.parametrize("command", [["spark", "--help"]])
def test_spark_job_command_is_documented(command: list[str]) -> None:
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0
    assert "--out" in result.output and "Example:" in result.output
