"""HTML pages and WARC files → InputDoc / Failure (readers_web), on pages written here."""

from __future__ import annotations

import io
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from vnevents.pipeline import Failure, InputDoc, extract_doc
from vnevents.readers import read_blob, read_paths
from vnevents.readers_web import WarcStats, html_doc, read_warc

MENU = (
    "<nav><ul><li><a href='/'>Trang chủ</a></li><li><a href='/ts'>Thời sự</a></li>"
    "<li><a href='/kt'>Kinh tế</a></li></ul></nav>"
)
SIDEBAR = (
    "<aside><h3>Tin đọc nhiều</h3><ul><li><a href='/x'>Giá vàng hôm nay tăng mạnh</a></li>"
    "<li><a href='/y'>Thời tiết cuối tuần</a></li></ul></aside>"
)
FOOTER = (
    "<footer><p>Bản quyền thuộc Cổng thông tin điện tử tỉnh Hòa Phong. Ghi rõ nguồn khi phát hành "
    "lại.</p></footer>"
)
PARAGRAPHS = [
    "Sáng 12/3, Ủy ban nhân dân huyện Đông Lâm tổ chức hội nghị sơ kết công tác quý I và triển "
    "khai nhiệm vụ quý II năm 2024.",
    "Trong quý I, toàn huyện thu ngân sách đạt hơn 45 tỷ đồng, bằng 32% dự toán năm; giải quyết "
    "việc làm mới cho 620 lao động.",
    "Phát biểu chỉ đạo, đồng chí Chủ tịch UBND huyện đề nghị các xã đẩy nhanh tiến độ giải ngân "
    "vốn đầu tư công và chăm lo đời sống người dân.",
]


def page(
    title: str = "Huyện Đông Lâm sơ kết công tác quý I năm 2024",
    *,
    head: str = "",
    paragraphs: list[str] | None = None,
) -> str:
    """An invented provincial portal page with menus, a sidebar and a footer."""
    body = "".join(f"<p>{p}</p>" for p in (PARAGRAPHS if paragraphs is None else paragraphs))
    return (
        "<!DOCTYPE html><html lang='vi'><head><meta charset='utf-8'>"
        f"<title>{title} - Cổng TTĐT</title>{head}</head>"
        f"<body>{MENU}<main><article><h1>{title}</h1>{body}"
        "<figure><img src='hoinghi.jpg'><figcaption>Quang cảnh hội nghị</figcaption></figure>"
        f"</article></main>{SIDEBAR}{FOOTER}</body></html>"
    )


HEAD = (
    "<link rel='canonical' href='https://donglam.example.gov.vn/tin-tuc/so-ket-quy-i.html'>"
    "<meta property='article:published_time' content='2024-03-12T15:20:00+07:00'>"
    "<meta name='author' content='Thanh Hương'>"
)


def warc_bytes(
    records: Sequence[tuple[str, str, bytes, str, str | None]], *, gz: bool = True
) -> tuple[bytes, list[int]]:
    """A WARC of (type, uri, payload, content type, warc date) records, and each record's offset."""
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    writer.write_record(writer.create_warcinfo_record("test.warc", {"software": "vnevents tests"}))
    offsets = []
    for rec_type, uri, payload, ctype, when in records:
        status = "404 Not Found" if "/missing" in uri else "200 OK"
        http = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        headers = {"WARC-Date": when} if when else None
        record = writer.create_warc_record(
            uri, rec_type, payload=io.BytesIO(payload), http_headers=http, warc_headers_dict=headers
        )
        offsets.append(buf.tell())
        writer.write_record(record)
        record.raw_stream.close()  # warcio builds the record in a temporary file it leaves open
    return buf.getvalue(), offsets


CRAWL = [
    (
        "response",
        "https://donglam.example.gov.vn/a.html",
        page().encode(),
        "text/html; charset=utf-8",
        "2024-03-12T20:30:00Z",
    ),
    ("response", "https://donglam.example.gov.vn/logo.png", b"\x89PNG\r\n", "image/png", None),
    (
        "response",
        "https://donglam.example.gov.vn/missing",
        page("Không tìm thấy trang").encode(),
        "text/html",
        None,
    ),
    ("response", "https://donglam.example.gov.vn/style.css", b"body{margin:0}", "text/css", None),
    (
        "response",
        "https://donglam.example.gov.vn/b.html",
        page("Hội nghị tập huấn công tác dân vận").encode("utf-8"),
        "application/xhtml+xml",
        "2024-03-13T01:00:00Z",
    ),
]


@pytest.mark.parametrize("head", [HEAD])
def test_readers_web_html_main_text_and_metadata(head: str) -> None:
    item = html_doc(page(head=head), "so-ket.html")
    assert isinstance(item, InputDoc)
    assert item.title == "Huyện Đông Lâm sơ kết công tác quý I năm 2024"
    assert item.url == "https://donglam.example.gov.vn/tin-tuc/so-ket-quy-i.html"
    assert item.published == "2024-03-12"
    assert item.author == "Thanh Hương"
    assert extract_doc(item).source.site == "donglam.example.gov.vn"  # from the canonical URL
    lines = item.text.split("\n")
    assert lines[0] == item.title  # the headline opens the text, as on a crawled page
    for paragraph in PARAGRAPHS:
        assert paragraph in lines  # one paragraph per line
    for furniture in ("Trang chủ", "Tin đọc nhiều", "Giá vàng", "Bản quyền"):
        assert furniture not in item.text


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Trang chủ</title></head><body>"
        + MENU
        + SIDEBAR
        + FOOTER
        + "</body></html>",
        "<html><body><div><img src='banner.jpg'></div></body></html>",
    ],
)
def test_readers_web_html_without_main_text_fails(html: str) -> None:
    item = html_doc(html, "rong.html")
    assert isinstance(item, Failure)
    assert item.doc == "rong.html"
    assert "no main text" in item.reason


@pytest.mark.parametrize("furniture", [["Chia sẻ", "In bài"]])
def test_readers_web_furniture_rules_run_on_what_trafilatura_keeps(furniture: list[str]) -> None:
    tools = "".join(f"<p>{f}</p>" for f in furniture)
    item = html_doc(page(head=HEAD).replace("</article>", tools + "</article>"), "cong-cu.html")
    assert isinstance(item, InputDoc)
    kept = item.text.split("\n")
    assert all(f in kept for f in furniture)  # trafilatura keeps the share/print links...
    body = extract_doc(item).body.split("\n")
    assert not any(f in body for f in furniture)  # ...and our cleaning drops them
    assert PARAGRAPHS[1] in body


@pytest.mark.parametrize("gz", [True, False])
def test_readers_web_warc_reads_html_responses_and_counts_the_rest(gz: bool) -> None:
    data, offsets = warc_bytes(CRAWL, gz=gz)
    stats = WarcStats()
    read = list(read_warc(io.BytesIO(data), "crawl.warc", size=len(data), stats=stats))
    items = [i for i in read if isinstance(i, InputDoc)]
    assert len(items) == len(read) == 2  # no failures either
    assert [i.url for i in items] == [CRAWL[0][1], CRAWL[4][1]]
    assert [i.doc for i in items] == [f"crawl.warc@{offsets[0]}", f"crawl.warc@{offsets[4]}"]
    # WARC-Date is UTC; 20:30Z on the 12th is the 13th in Vietnam.
    assert [i.published_fallback for i in items] == ["2024-03-13", "2024-03-13"]
    assert (stats.records, stats.html, stats.non_html, stats.not_ok, stats.other_types) == (
        6,
        2,
        2,
        1,
        1,
    )
    assert stats.corrupt_at is None


@pytest.mark.parametrize("gz", [True, False])
@pytest.mark.parametrize("cut_into", [1, 4])
def test_readers_web_truncated_warc_keeps_records_before_the_break(gz: bool, cut_into: int) -> None:
    data, offsets = warc_bytes(CRAWL, gz=gz)
    cut = (
        offsets[cut_into]
        + (
            offsets[cut_into + 1] - offsets[cut_into]
            if cut_into + 1 < len(offsets)
            else len(data) - offsets[cut_into]
        )
        // 2
    )
    stats = WarcStats()
    items = list(read_warc(io.BytesIO(data[:cut]), "cut.warc.gz", size=cut, stats=stats))
    failures = [i for i in items if isinstance(i, Failure)]
    docs = [i for i in items if isinstance(i, InputDoc)]
    assert len(failures) == 1 and items[-1] is failures[0]
    assert failures[0].reason.startswith(f"corrupt WARC at offset {offsets[cut_into]}:")
    assert stats.corrupt_at == offsets[cut_into]
    assert [d.url for d in docs] == [CRAWL[0][1]]  # every HTML page before the break


@pytest.mark.parametrize("gz", [True, False])
def test_readers_web_garbage_inside_warc_reports_its_offset(gz: bool) -> None:
    data, offsets = warc_bytes(CRAWL, gz=gz)
    broken = data[: offsets[2]] + b"day khong phai la ban ghi WARC\r\n" * 20 + data[offsets[2] :]
    items = list(read_warc(io.BytesIO(broken), "hong.warc", size=len(broken)))
    assert isinstance(items[-1], Failure)
    assert items[-1].reason.startswith(f"corrupt WARC at offset {offsets[2]}:")
    assert [i.url for i in items[:-1] if isinstance(i, InputDoc)] == [CRAWL[0][1]] and len(
        items
    ) == 2


@pytest.mark.parametrize("empty", ["<html><body>" + MENU + SIDEBAR + FOOTER + "</body></html>"])
def test_readers_web_warc_page_without_main_text_is_one_failure(empty: str) -> None:
    crawl = [
        CRAWL[0],
        ("response", "https://donglam.example.gov.vn/rong.html", empty.encode(), "text/html", None),
        CRAWL[4],
    ]
    data, offsets = warc_bytes(crawl)
    stats = WarcStats()
    items = list(read_warc(io.BytesIO(data), "rong.warc.gz", size=len(data), stats=stats))
    assert [type(i).__name__ for i in items] == ["InputDoc", "Failure", "InputDoc"]
    failure = items[1]
    assert isinstance(failure, Failure)
    assert failure.doc == f"rong.warc.gz@{offsets[1]}" and "no main text" in failure.reason
    assert stats.corrupt_at is None  # a page without text does not break the file


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (bytes(range(256)) * 40, "corrupt WARC at offset 0: "),  # binary, not an archive
        (
            b"<html><body>" + PARAGRAPHS[0].encode() * 30 + b"</body></html>",
            "corrupt WARC at offset 0: ",
        ),
        (b"", "empty input"),
    ],
)
def test_readers_web_file_that_is_no_warc_is_one_short_failure(data: bytes, reason: str) -> None:
    items = list(read_warc(io.BytesIO(data), "tep.warc", size=len(data)))
    assert len(items) == 1 and isinstance(items[0], Failure)
    assert items[0].reason.startswith(reason)
    assert len(items[0].reason) < 250  # warcio quotes the unparsed line: kept short


def test_readers_web_read_paths_dispatches_html_and_warc(tmp_path: Path) -> None:
    data, _ = warc_bytes(CRAWL, gz=True)
    (tmp_path / "crawl.warc.gz").write_bytes(data)
    (tmp_path / "trang.html").write_text(page(head=HEAD), encoding="utf-8")
    (tmp_path / "rong.htm").write_text(
        "<html><body><nav>Trang chủ</nav></body></html>", encoding="utf-8"
    )
    text = "Huyện Đông Lâm sơ kết quý I\n\n<p>" + PARAGRAPHS[0] + "</p>\n"
    (tmp_path / "van-ban.txt").write_text(text, encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert [type(i).__name__ for i in items] == [
        "InputDoc",
        "InputDoc",
        "Failure",
        "InputDoc",
        "InputDoc",
    ]
    assert items[2].doc == "rong.htm"
    # The plain-text path is untouched: no trafilatura, the text as written (markup too).
    assert items[4] == InputDoc(text=text, doc="van-ban.txt")
    # read_blob (the Spark job's reader) gives the same documents from bytes.
    for path in sorted(tmp_path.iterdir()):
        from_disk = list(read_paths([path]))
        assert list(read_blob(path.name, path.read_bytes())) == from_disk


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (HEAD, "2024-03-12"),  # the page's markup wins over the capture date
        ("", "2024-03-13"),  # no date anywhere: the capture date is the fallback
    ],
)
def test_readers_web_capture_date_is_only_a_fallback(head: str, expected: str) -> None:
    crawl = [
        (
            "response",
            "https://donglam.example.gov.vn/c.html",
            page(head=head).encode(),
            "text/html",
            "2024-03-12T20:30:00Z",
        )
    ]
    data, _ = warc_bytes(crawl)
    (item,) = list(read_warc(io.BytesIO(data), "c.warc.gz"))
    assert isinstance(item, InputDoc)
    record = extract_doc(item)
    assert record.published is not None and record.published[:10] == expected
    assert record.source.url == crawl[0][1]
    assert record.source.site == "donglam.example.gov.vn"  # the site comes from the target URI


@pytest.mark.parametrize("flag, shown", [("--verbose", True), (None, False)])
def test_readers_web_cli_verbose_shows_what_a_warc_held(
    tmp_path: Path, flag: str | None, shown: bool
) -> None:
    data, _ = warc_bytes(CRAWL)
    warc = tmp_path / "crawl.warc.gz"
    warc.write_bytes(data)
    args = [
        sys.executable,
        "-m",
        "vnevents.cli",
        *([flag] if flag else []),
        "extract",
        str(warc),
        "-o",
        str(tmp_path / "out.jsonl"),
    ]
    run = subprocess.run(args, capture_output=True, text=True, check=True)
    assert ("6 records: 2 HTML pages read, 2 non-HTML responses skipped" in run.stderr) is shown
    assert len((tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()) == 2
