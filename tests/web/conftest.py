"""Fixtures: a real database (examples/ through the real ingest, plus two reports written
here) and a TestClient over ``create_app``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from vnevents.dedup import content_hash
from vnevents.store.ingest import records_from_paths, store_records
from vnevents.web.app import Settings, create_app

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# A report whose text tries to run a script: the pages must show it as text.
SCRIPT_REPORT = (
    "Hội nghị về an toàn thông tin <script>alert('xss')</script>\n\nThứ Hai, 12/05/2025 09:30\n\n"
    "Sáng 12/5, Sở Thông tin và Truyền thông tổ chức hội nghị về an toàn thông tin. "
    "Một đại biểu dán đoạn mã <script>document.title='hacked'</script> vào tham luận "
    "và <img src=x onerror=alert(1)> để minh họa.\n"
)

# A report whose source URL would run a script if rendered as a link (stored XSS).
JS_URL = "javascript:alert(document.domain)"
JS_URL_REPORT = (
    "Hội nghị tập huấn phòng cháy rừng\n\n"
    "Sáng 14/3, Hạt Kiểm lâm huyện Đông Sơn tổ chức hội nghị tập huấn phòng cháy rừng "
    "cho 120 người của các tổ đội xung kích."
)

# A record as the Spark job would hand it over (FORMAT.md dict with spans), written
# here so that every kind of item is present whatever the stages find today.
SPARK_BODY = (
    "Sáng 3/6, Ban Chỉ đạo chuyển đổi số huyện Mường Khương tổ chức hội nghị sơ kết chuyển đổi số "
    "6 tháng đầu năm 2025. Đồng chí Vừ Seo Páo, Phó Chủ tịch UBND huyện chủ trì hội nghị. "
    "Toàn huyện đã lắp đặt 245 điểm truy cập Internet công cộng và cấp 1.250 tài khoản định danh "
    "điện tử. Hội nghị quán triệt Nghị quyết số 57-NQ/TW của Bộ Chính trị. "
    "Dịp này, UBND huyện tặng Giấy khen cho 4 tập thể, 6 cá nhân."
)


def _span(text: str, needle: str) -> list[int]:
    start = SPARK_BODY.index(needle)
    return [start, start + len(needle)]


def spark_record() -> dict[str, Any]:
    body = SPARK_BODY
    return {
        "doc": "part-00000#0",
        "id": content_hash(body),
        "source": {
            "url": "https://muongkhuong.example/so-ket-chuyen-doi-so",
            "site": "muongkhuong.example",
        },
        "title": "Mường Khương sơ kết chuyển đổi số 6 tháng đầu năm 2025",
        "published": "2025-06-04",
        "author": None,
        "body": body,
        "event": {
            "type": "so_ket",
            "date": "2025-06-03",
            "time_of_day": "sang",
            "period": None,
            "span": _span(body, "sơ kết"),
        },
        "places": [
            {
                "name": "Mường Khương",
                "level": "huyen",
                "province": "Lào Cai",
                "code": None,
                "role": "event",
                "span": _span(body, "Mường Khương"),
                "today": [],
            }
        ],
        "organizers": [
            {
                "name": "Ban Chỉ đạo chuyển đổi số huyện Mường Khương",
                "expanded": None,
                "span": _span(body, "Ban Chỉ đạo chuyển đổi số huyện Mường Khương"),
            }
        ],
        "people": [
            {
                "name": "Vừ Seo Páo",
                "titles": ["Phó Chủ tịch UBND huyện"],
                "role": "chu_tri",
                "span": _span(body, "Vừ Seo Páo"),
            }
        ],
        "figures": [
            {
                "value": 245,
                "unit": "điểm truy cập",
                "qualifier": None,
                "span": _span(body, "245 điểm truy cập"),
            },
            {
                "value": 1250,
                "unit": "tài khoản",
                "qualifier": None,
                "span": _span(body, "1.250 tài khoản"),
            },
        ],
        "documents": [
            {
                "kind": "Nghị quyết",
                "symbol": "57-NQ/TW",
                "name": None,
                "date": None,
                "issuer": "Bộ Chính trị",
                "span": _span(body, "Nghị quyết số 57-NQ/TW"),
            }
        ],
        "awards": [
            {
                "kind": "Giấy khen",
                "issuer": "UBND huyện",
                "collectives": 4,
                "individuals": 6,
                "span": _span(body, "Giấy khen cho 4 tập thể, 6 cá nhân"),
            }
        ],
    }


@pytest.fixture
def spark_rec() -> dict[str, Any]:
    """A fresh copy of the Spark-style record stored in ``web_db``."""
    return spark_record()


@pytest.fixture(scope="session")
def web_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("web")
    db = folder / "web.db"
    extra = folder / "extra"
    extra.mkdir()
    (extra / "script.txt").write_text(SCRIPT_REPORT, encoding="utf-8")
    (extra / "js-url.jsonl").write_text(
        json.dumps({"id": "js-url", "url": JS_URL, "text": JS_URL_REPORT}, ensure_ascii=False)
        + "\n",
        encoding="utf-8",
    )
    stats = store_records(db, records_from_paths([str(EXAMPLES), str(extra)]))
    assert not stats.failed
    store_records(db, [spark_record()])
    return db


@pytest.fixture(scope="session")
def client(web_db: Path) -> TestClient:
    return TestClient(create_app(Settings(db=web_db)))
