"""Fixtures: real databases made by the real ingest over examples/ and over small texts."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from vnevents.store.ingest import IngestStats, records_from_paths, store_records

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

# Small reports written for these tests: one title line, one date line, a lead.
TINY = {
    "a_lang_son.txt": "Hội nghị tổng kết công tác tại Lạng Sơn\n\nThứ Hai, 12/05/2025 09:30\n\n"
    "Sáng 12/5, UBND tỉnh Lạng Sơn tổ chức hội nghị tổng kết công tác năm 2024 tại thành phố Lạng "
    "Sơn.",
    "b_dang_uy.txt": "Đảng ủy xã Tân Thành họp phiên thường kỳ\n\nThứ Ba, 13/05/2025 08:00\n\n"
    "Chiều 12/5, Đảng ủy xã Tân Thành họp phiên thường kỳ tháng 5 để bàn công tác phát triển đảng "
    "viên.",
    "c_hop_sua.txt": "Trao tặng hộp sữa cho học sinh vùng cao\n\nThứ Tư, 14/05/2025 10:00\n\n"
    "Sáng 14/5, Hội Chữ thập đỏ huyện trao tặng 500 hộp sữa cho học sinh các điểm trường vùng cao.",
}


@pytest.fixture(scope="session")
def tiny() -> dict[str, str]:
    """The small reports above, {file name: text}."""
    return dict(TINY)


@pytest.fixture(scope="session")
def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file())


@pytest.fixture(scope="session")
def examples_db(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, IngestStats]:
    """examples/ ingested once by the real pipeline and store."""
    db = tmp_path_factory.mktemp("store") / "examples.db"
    stats = store_records(db, records_from_paths([str(EXAMPLES)]))
    return db, stats


@pytest.fixture
def write_docs(tmp_path: Path) -> Callable[[dict[str, str]], Path]:
    """Write {name: text} into a fresh folder and return it."""

    def write(docs: dict[str, str]) -> Path:
        folder = tmp_path / "docs"
        folder.mkdir(exist_ok=True)
        for name, text in docs.items():
            (folder / name).write_text(text, encoding="utf-8")
        return folder

    return write


@pytest.fixture
def tiny_db(tmp_path: Path, write_docs: Callable[[dict[str, str]], Path]) -> Path:
    db = tmp_path / "tiny.db"
    store_records(db, records_from_paths([str(write_docs(TINY))]))
    return db
