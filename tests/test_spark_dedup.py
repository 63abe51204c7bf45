"""Near-duplicate clusters on Spark (spark_dedup): both component paths, canonical choice."""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from vnevents import dedup

needs_java = pytest.mark.skipif(
    shutil.which("java") is None, reason="no java binary: Spark needs a Java runtime"
)

REPORT = (
    "Chiều 3/10/2024, Hội Nông dân tỉnh Hòa Phong tổ chức hội nghị tổng kết phong trào nông dân "
    "sản xuất, kinh doanh giỏi giai đoạn 2019-2024. Toàn tỉnh có hơn 41.000 hộ đạt danh hiệu sản "
    "xuất, kinh doanh giỏi các cấp, tạo việc làm thường xuyên cho 12.500 lao động. Phát biểu tại "
    "hội nghị, đồng chí Phó Bí thư Tỉnh ủy ghi nhận kết quả của phong trào và đề nghị các cấp hội "
    "tiếp tục hỗ trợ hội viên tiếp cận vốn vay, chuyển giao khoa học kỹ thuật và liên kết tiêu thụ "
    "nông sản."
)
OTHER = (
    "Sáng 4/10/2024, Sở Y tế tỉnh Hòa Phong tổ chức tập huấn công tác phòng, chống dịch sốt xuất "
    "huyết cho 150 cán bộ y tế tuyến xã. Các học viên được hướng dẫn giám sát ca bệnh, xử lý ổ "
    "dịch và truyền thông thay đổi hành vi diệt lăng quăng tại hộ gia đình."
)


@pytest.mark.spark
@needs_java
@pytest.mark.parametrize("limit", [0])  # 0 edges on the driver: Spark's label propagation
def test_spark_dedup_driver_and_spark_paths_agree(spark_session: Any, limit: int) -> None:
    from vnevents.spark_dedup import cluster

    bodies = {
        "k1": REPORT,
        "k2": REPORT,  # exact copy
        "k3": REPORT.replace("tiếp tục ", "") + " Tin, ảnh: Minh Anh.",  # re-edited, longest
        "k4": OTHER,
    }
    rows = []
    for key, body in bodies.items():
        sig = dedup.signature(body)
        rows.append((key, dedup.content_hash(body), sig, dedup.band_keys(sig), None, len(body)))
    schema = (
        "key string, id string, minhash binary, bands array<bigint>, published string, body_len int"
    )
    df = spark_session.createDataFrame(rows, schema)
    results = []
    for driver_edges in (1_000_000, limit):  # union-find on the driver, then in Spark
        out = cluster(df, driver_edges=driver_edges).collect()
        results.append(
            {r["key"]: (r["cluster"], r["canonical_key"], r["cluster_size"]) for r in out}
        )
    assert results[0] == results[1]
    assert results[0]["k4"] == ("k4", "k4", 1)
    assert {results[0][k] for k in ("k1", "k2", "k3")} == {
        ("k1", "k3", 3)
    }  # longest body is canonical
