"""The interface's words in Vietnamese (the default) and English: one table, code labels,
dates and numbers as readers of each language write them.

Every label a page shows comes from ``MESSAGES`` (interface words) or ``CODES`` (the
record's closed vocabularies); a key missing from the table is shown as the key, and a
test checks that every ``t("…")`` used in a template is in the table. This module knows
nothing of requests beyond reading the ``lang`` cookie.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from vnevents.record import EventType, Level, PlaceRole, Qualifier, Role, TimeOfDay

LANGS = ("vi", "en")
DEFAULT_LANG = "vi"
COOKIE = "lang"

# Interface words: key → (Vietnamese, English).
MESSAGES: dict[str, tuple[str, str]] = {
    "nav.dashboard": ("Tổng quan", "Dashboard"),
    "nav.search": ("Tìm kiếm", "Search"),
    "nav.map": ("Bản đồ", "Map"),
    "nav.people": ("Nhân vật", "People"),
    "nav.documents": ("Văn bản", "Documents"),
    "nav.api": ("API", "API"),
    "nav.switch": ("English", "Tiếng Việt"),
    "nav.switch_title": ("Switch to English", "Chuyển sang tiếng Việt"),
    "search.placeholder": ('Tìm kiếm… (lang son, "dang uy")', 'Search… (lang son, "dang uy")'),
    "search.box": (
        'Từ khóa, có dấu hoặc không: lang son, "Đảng ủy", -hop…',
        'Words, with or without diacritics: lang son, "Đảng ủy", -hop…',
    ),
    "search.button": ("Tìm", "Search"),
    "search.help": (
        'Cú pháp: "cụm từ" tìm đúng cụm từ; -từ loại bỏ; gõ không dấu tìm mọi cách viết, '
        "gõ có dấu tìm đúng như gõ; tên tỉnh tìm cả các bài đặt ở huyện, xã thuộc tỉnh.",
        'Syntax: "a phrase" matches the phrase; -word excludes; without diacritics matches '
        "every spelling, with them exactly; a province also finds reports placed in its "
        "districts and communes.",
    ),
    "search.filters": ("Bộ lọc:", "Filters:"),
    "search.remove_filter": ("Bỏ bộ lọc này", "Remove this filter"),
    "search.more_than": ("hơn", "more than"),
    "search.articles": ("bài", "articles"),
    "search.for": ("cho", "for"),
    "search.export": ("tải về", "export"),
    "search.nothing": (
        "Không tìm thấy bài nào. Hãy bớt từ, hoặc gõ không dấu.",
        "Nothing found. Try fewer words, or words without diacritics.",
    ),
    "search.past_end": (
        "Trang {page} vượt quá kết quả: chỉ có {pages} trang.",
        "Page {page} is past the end: there are {pages} pages.",
    ),
    "search.first_page": ("Về trang đầu", "Back to the first page"),
    "search.last_page": ("Đến trang cuối", "Go to the last page"),
    "search.prev": ("← trang trước", "← previous"),
    "search.next": ("trang sau →", "next →"),
    "search.page_of": ("trang {page} / {pages}", "page {page} of {pages}"),
    "search.also": ("cũng đăng trên", "also published by"),
    "search.untitled": ("(không có tiêu đề)", "(untitled)"),
    "search.facets": ("Lọc kết quả", "Refine"),
    "search.too_many": ("quá nhiều kết quả để đếm", "too many results to count"),
    "facet.top_of": ("{shown} đầu trong {total}", "top {shown} of {total}"),
    "facet.see_all": ("xem tất cả", "see all"),
    "facet.all_title": ("Mọi giá trị: {facet}", "All values: {facet}"),
    "facet.back": ("← về kết quả tìm kiếm", "← back to the results"),
    "facet.count": ("Số bài", "Articles"),
    "facet.value": ("Giá trị", "Value"),
    "facet.province": ("Tỉnh, thành", "Province"),
    "facet.level": ("Cấp hành chính", "Level"),
    "facet.type": ("Loại sự kiện", "Event type"),
    "facet.year": ("Năm", "Year"),
    "facet.organiser": ("Đơn vị tổ chức", "Organiser"),
    "facet.person": ("Nhân vật", "Person"),
    "facet.document": ("Văn bản", "Document"),
    "dash.title": ("Tổng quan", "Dashboard"),
    "dash.articles": ("bài báo", "articles"),
    "dash.sources": ("nguồn đã gặp", "sources seen"),
    "dash.people": ("nhân vật", "people"),
    "dash.documents": ("văn bản được trích dẫn", "documents cited"),
    "dash.by_month": ("Sự kiện theo tháng", "Events by month"),
    "dash.by_province": ("Sự kiện theo tỉnh, thành", "Events by province"),
    "dash.by_type": ("Loại sự kiện", "Event types"),
    "dash.top_documents": ("Văn bản được trích dẫn nhiều nhất", "Most-cited documents"),
    "dash.symbol": ("Số hiệu", "Symbol"),
    "dash.citing": ("Số bài trích dẫn", "Reports citing it"),
    "dash.no_document": ("Chưa có văn bản nào được trích dẫn.", "No document cited yet."),
    "dash.no_data": ("Chưa có dữ liệu.", "No data yet."),
    "dash.show_all": ("xem cả {total}", "show all {total}"),
    "dash.show_top": ("chỉ {shown} đầu", "top {shown} only"),
    "map.title": ("Bản đồ sự kiện theo tỉnh, thành", "Map of events by province"),
    "map.before": ("Trước 01/7/2025 (63 tỉnh, thành)", "Before 1 July 2025 (63 provinces)"),
    "map.after": ("Từ 01/7/2025 (34 tỉnh, thành)", "From 1 July 2025 (34 provinces)"),
    "map.explain": (
        "Mỗi vòng tròn là một tỉnh, thành; diện tích tỷ lệ với số sự kiện. Sự kiện trước "
        "ngày sắp xếp đơn vị hành chính 01/7/2025 nằm ở bản đồ 63 tỉnh, từ ngày đó ở bản đồ "
        "34 tỉnh (theo ngày diễn ra, không có thì theo ngày đăng). Bấm vào tỉnh để xem các bài.",
        "Each circle is a province, its area proportional to the number of events. Events "
        "before the 1 July 2025 reform are on the 63-province map, later ones on the "
        "34-province map (by event date, else publication date). Click a province for its "
        "reports.",
    ),
    "map.events": ("sự kiện", "events"),
    "map.none": (
        "Chưa có sự kiện nào có ngày và tỉnh.",
        "No event with a date and a province yet.",
    ),
    "map.islands_hs": ("Quần đảo Hoàng Sa (Đà Nẵng)", "Hoàng Sa (Paracel) Islands (Đà Nẵng)"),
    "map.islands_ts": ("Quần đảo Trường Sa (Khánh Hòa)", "Trường Sa (Spratly) Islands (Khánh Hòa)"),
    "map.table": ("Bảng số liệu", "Table"),
    "map.unplaced": (
        "{n} tỉnh, thành không có tọa độ: {names}",
        "{n} provinces without coordinates: {names}",
    ),
    "map.source": (
        "Tọa độ: vietnamadminunits (MIT). Dấu chấm xám: vị trí các xã, phường.",
        "Coordinates: vietnamadminunits (MIT). Grey dots: commune locations.",
    ),
    "article.published": ("đăng", "published"),
    "article.by": ("tác giả", "by"),
    "article.event_on": ("diễn ra ngày", "event on"),
    "article.source": ("nguồn", "source"),
    "article.also": ("Cũng đăng trên:", "Also published by:"),
    "article.another_copy": ("một bản khác", "another copy"),
    "article.copy": ("bản sao", "copy"),
    "article.click": (
        "Bấm vào chỗ tô màu hoặc một mục để xem nó được đọc từ đâu.",
        "Click a highlight or an item to see where it came from.",
    ),
    "article.cleaned": ("Văn bản đã làm sạch", "Cleaned text"),
    "article.items": ("Các mục trích xuất", "Extracted items"),
    "article.detail": ("Bấm vào một mục hoặc chỗ tô màu.", "Click an item or a highlight."),
    "article.page": ("trang", "page"),
    "article.no_items": (
        "Không trích xuất được mục nào từ bài này.",
        "No item was extracted from this article.",
    ),
    "article.raw": ("Văn bản gốc khi thu thập", "Raw text as crawled"),
    "article.no_raw": (
        "(không lưu: bản ghi này đến không kèm văn bản gốc)",
        "(not stored: this record came without its raw text)",
    ),
    "article.read_from": ("đọc từ", "read from"),
    "article.characters": ("ký tự", "characters"),
    "article.untitled": ("(không có tiêu đề)", "(untitled)"),
    "article.title": ("Bài", "Article"),
    "people.title": ("Nhân vật", "People"),
    "people.filter": ("Tên, có dấu hoặc không", "Name, diacritics optional"),
    "people.button": ("Lọc", "Filter"),
    "people.name": ("Họ tên", "Name"),
    "people.articles": ("Số bài", "Articles"),
    "people.none": ("Không tìm thấy ai.", "No one found."),
    "person.written_as": ("Cách viết:", "Written as:"),
    "person.titles": ("Chức danh theo thời gian", "Titles over time"),
    "person.title": ("Chức danh", "Title"),
    "person.first": ("Lần đầu", "First seen"),
    "person.last": ("Lần cuối", "Last seen"),
    "person.no_title": ("Không trích xuất được chức danh.", "No title extracted."),
    "person.appearances": ("Xuất hiện ({n})", "Appearances ({n})"),
    "person.date": ("Ngày", "Date"),
    "person.article": ("Bài", "Article"),
    "person.role": ("Vai trò", "Role"),
    "docs.title": ("Văn bản được trích dẫn", "Cited documents"),
    "docs.filter": ("Số hiệu, ví dụ NQ/TW", "Symbol, e.g. NQ/TW"),
    "docs.kind": ("Loại", "Kind"),
    "docs.none": ("Không tìm thấy văn bản.", "No document found."),
    "doc.dated": ("Ngày ban hành", "Dated"),
    "doc.citing": ("Các bài trích dẫn ({n})", "Reports citing it ({n})"),
    "doc.cited_as": ("Trích dẫn là", "Cited as"),
    "error.title": ("Lỗi {status}", "Error {status}"),
    "error.back": ("Về trang tìm kiếm", "Back to search"),
    "footer.json": ("Trang này dạng JSON", "This page as JSON"),
    "footer.note": (
        "Bản ghi được trích xuất tự động; mỗi mục tô màu đều dẫn về đoạn văn bản nó được đọc ra.",
        "Records extracted automatically; "
        "every highlighted item links back to the text it was read from.",
    ),
    "docs_page.title": ("Tài liệu API", "API documentation"),
    "docs_page.loading": ("Đang tải tài liệu API…", "Loading the API documentation…"),
}

_EVENT_EN = {
    "tong_ket": "Year-end review",
    "so_ket": "Interim review",
    "kiem_tra": "Inspection, supervision",
    "lam_viec": "Working session",
    "trien_khai": "Rollout, briefing",
    "tap_huan": "Training",
    "dai_hoi": "Congress",
    "hoi_thao": "Workshop, seminar",
    "hop": "Meeting, session",
    "le": "Ceremony, anniversary",
    "other": "Other",
}

# The record's closed vocabularies: kind → code → (Vietnamese, English).
CODES: dict[str, dict[str, tuple[str, str]]] = {
    "type": {t.value: (t.label, _EVENT_EN[t.value]) for t in EventType}
    | {"unknown": ("Chưa rõ", "Unknown")},
    "level": {
        "tinh": ("tỉnh", "province"),
        "thanh_pho": ("thành phố", "city"),
        "thi_xa": ("thị xã", "town"),
        "quan": ("quận", "urban district"),
        "huyen": ("huyện", "district"),
        "phuong": ("phường", "ward"),
        "xa": ("xã", "commune"),
        "thi_tran": ("thị trấn", "township"),
        "dac_khu": ("đặc khu", "special zone"),
    },
    "role": {
        "chu_tri": ("chủ trì", "chaired"),
        "truong_doan": ("trưởng đoàn", "led the delegation"),
        "phat_bieu": ("phát biểu", "spoke"),
        "du": ("dự", "attended"),
        "other": ("khác", "other"),
    },
    "time_of_day": {
        "sang": ("sáng", "morning"),
        "trua": ("trưa", "noon"),
        "chieu": ("chiều", "afternoon"),
        "toi": ("tối", "evening"),
    },
    "qualifier": {
        "tren": ("trên", "over"),
        "hon": ("hơn", "more than"),
        "gan": ("gần", "nearly"),
        "khoang": ("khoảng", "about"),
        "den": ("đến", "up to"),
        "duoi": ("dưới", "under"),
    },
    "place_role": {
        "event": ("nơi diễn ra", "event place"),
        "mentioned": ("được nhắc đến", "mentioned"),
    },
    "kind": {
        "event": ("sự kiện", "event"),
        "place": ("địa danh", "place"),
        "organiser": ("đơn vị", "organiser"),
        "person": ("nhân vật", "person"),
        "figure": ("số liệu", "figure"),
        "document": ("văn bản", "document"),
        "award": ("khen thưởng", "award"),
    },
}
# Every code of the record's enums has a label (tests check this against record.py).
ENUMS = {
    "type": EventType,
    "level": Level,
    "role": Role,
    "time_of_day": TimeOfDay,
    "qualifier": Qualifier,
    "place_role": PlaceRole,
}

_MONTHS_EN = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
_ISO = re.compile(r"(?P<y>\d{4}|-)-(?P<m>\d{2})(?:-(?P<d>\d{2}))?(?:[T ](?P<hm>\d{2}:\d{2}))?")


def pick(lang: str | None) -> str:
    """A supported language code (the default for anything else)."""
    return lang if lang in LANGS else DEFAULT_LANG


@dataclass(frozen=True)
class Translator:
    """The helpers templates call, bound to one language."""

    lang: str

    @property
    def index(self) -> int:
        return LANGS.index(self.lang)

    def t(self, key: str, **values: object) -> str:
        """The message ``key`` in this language, with ``{name}`` filled from ``values``."""
        pair = MESSAGES.get(key)
        text = pair[self.index] if pair else key
        return text.format(**values) if values else text

    def label(self, kind: str, code: object) -> str:
        """A code shown by its label ("tong_ket" → "Tổng kết"); an unknown code as it is."""
        if code is None or code == "":
            return ""
        pair = CODES.get(kind, {}).get(str(code))
        return pair[self.index] if pair else str(code)

    def date(self, value: object) -> str:
        """ "2022-12-08" → "08/12/2022" (English: "8 Dec 2022"); "--12-08" → "08/12";
        "2022-12" → "12/2022"; a time of day is kept ("08/12/2022 09:30"); other text as is."""
        if not isinstance(value, str) or not value:
            return ""
        m = _ISO.match(value)
        if not m:
            return value
        y, mo, d, hm = m.group("y"), m.group("m"), m.group("d"), m.group("hm")
        year = "" if y == "-" else y
        if self.lang == "en":
            month = _MONTHS_EN[int(mo) - 1] if 1 <= int(mo) <= 12 else mo
            text = " ".join(x for x in (str(int(d)) if d else "", month, year) if x)
        else:
            text = "/".join(x for x in (d or "", mo, year) if x)
        return f"{text} {hm}" if hm else text

    def number(self, value: object) -> str:
        """19687 → "19.687" (Vietnamese) or "19,687" (English)."""
        if not isinstance(value, int):
            return "" if value is None else str(value)
        text = f"{value:,}"
        return text.replace(",", ".") if self.lang == "vi" else text

    def helpers(self) -> dict[str, Callable[..., str] | str]:
        return {
            "t": self.t,
            "label": self.label,
            "fmt_date": self.date,
            "fmt_num": self.number,
            "lang": self.lang,
            "other_lang": LANGS[1 - self.index],
        }


def translator(lang: str | None) -> Translator:
    return Translator(pick(lang))
