"""Exact and near-duplicate detection (dedup), on invented Vietnamese reports."""

from __future__ import annotations

import pytest
from datasketch import MinHashLSH

from vnevents import dedup

REPORT = (
    "Sáng 15/4, Ủy ban nhân dân tỉnh Hòa Phong tổ chức hội nghị tổng kết công tác phòng, chống "
    "thiên tai năm 2023 và triển khai nhiệm vụ năm 2024. Năm qua, trên địa bàn tỉnh xảy ra 12 đợt "
    "mưa lớn, làm hư hỏng hơn 300 ngôi nhà và 45 km đường giao thông nông thôn. Các địa phương đã "
    "chủ động di dời 1.250 hộ dân ra khỏi vùng nguy hiểm, không để xảy ra thiệt hại về người. "
    "Phát biểu chỉ đạo hội nghị, Phó Chủ tịch UBND tỉnh đề nghị các sở, ngành rà soát phương án "
    "ứng phó, kiểm tra hồ đập trước mùa mưa bão và tăng cường tuyên truyền kỹ năng phòng tránh "
    "cho người dân vùng ven biển. Dịp này, UBND tỉnh tặng Bằng khen cho 15 tập thể và 20 cá nhân."
)
OTHER = (
    "Chiều 15/4, Ủy ban nhân dân tỉnh Hòa Phong tổ chức hội nghị tổng kết công tác giảm nghèo năm "
    "2023. Tỷ lệ hộ nghèo toàn tỉnh giảm còn 3,2%, vượt chỉ tiêu Hội đồng nhân dân tỉnh giao. "
    "Tỉnh đã hỗ trợ xây mới 420 căn nhà cho hộ nghèo với tổng kinh phí hơn 21 tỷ đồng từ nguồn xã "
    "hội hóa. Phát biểu kết luận, Chủ tịch UBND tỉnh yêu cầu các huyện miền núi tập trung đào tạo "
    "nghề, tạo việc làm cho lao động nông thôn và nhân rộng các mô hình sinh kế hiệu quả."
)


@pytest.mark.parametrize(
    "copy",
    [
        # re-published with other furniture
        "Trang chủ > Thời sự\n" + REPORT + "\nMinh Anh\nLượt xem: 1.024\nChia sẻ: Facebook | Zalo",
        # a sentence reworded and a closing sentence dropped
        REPORT.replace("tổ chức hội nghị", "tiến hành hội nghị").replace(
            " Dịp này, UBND tỉnh tặng Bằng khen cho 15 tập thể và 20 cá nhân.", ""
        ),
        # another headline above it
        "Hòa Phong: tổng kết phòng, chống thiên tai\n" + REPORT,
    ],
)
def test_dedup_near_duplicates_pair_up(copy: str) -> None:
    pairs = dedup.near_duplicate_pairs([("goc", REPORT), ("ban-sao", copy), ("khac", OTHER)])
    assert pairs == {("ban-sao", "goc")}


@pytest.mark.parametrize("other", [OTHER])
def test_dedup_same_event_type_same_province_is_not_a_duplicate(other: str) -> None:
    sa, sb = dedup.signature(REPORT), dedup.signature(other)
    assert dedup.similarity(sa, sb) < dedup.THRESHOLD
    index = dedup.NearDupIndex()
    index.add("a", sa)
    assert index.query(sb) == []


@pytest.mark.parametrize("body", [REPORT, OTHER, "Ngắn"])
def test_dedup_signature_round_trip_and_band_keys(body: str) -> None:
    sig = dedup.signature(body)
    assert len(sig) == dedup.NUM_PERM * 8
    assert (dedup.from_signature(sig).hashvalues == dedup.minhash(body).hashvalues).all()
    bands, rows = dedup.lsh_bands()
    keys = dedup.band_keys(sig)
    assert len(keys) == bands and bands * rows <= dedup.NUM_PERM
    assert all(-(2**63) <= k < 2**63 for k in keys)
    assert dedup.band_keys(dedup.signature(body)) == keys  # stable across calls


@pytest.mark.parametrize("a,b", [(REPORT, "Trang chủ\n" + REPORT), (REPORT, OTHER)])
def test_dedup_band_keys_agree_with_the_lsh_index(a: str, b: str) -> None:
    """The Spark job's banding finds a candidate exactly when datasketch's index does."""
    sa, sb = dedup.signature(a), dedup.signature(b)
    shared = bool(set(dedup.band_keys(sa)) & set(dedup.band_keys(sb)))
    lsh = MinHashLSH(threshold=dedup.THRESHOLD, num_perm=dedup.NUM_PERM)
    lsh.insert("a", dedup.from_signature(sa))
    assert shared == (lsh.query(dedup.from_signature(sb)) == ["a"])


@pytest.mark.parametrize("body", [REPORT])
def test_dedup_content_hash_is_exact(body: str) -> None:
    assert dedup.content_hash(body) == dedup.content_hash(body)
    assert dedup.content_hash(body) != dedup.content_hash(body + " ")
    assert dedup.similarity(dedup.signature(body), dedup.signature(body)) == 1.0


@pytest.mark.parametrize("size", [1, 3])
def test_dedup_similarity_refuses_mismatched_signatures(size: int) -> None:
    with pytest.raises(ValueError):
        dedup.similarity(dedup.signature(REPORT), dedup.signature(OTHER)[: size * 8])
