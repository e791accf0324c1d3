"""Demo province data: Trà Vinh (H59) as it was in 2019–2024, before the 2025 merger.

What `seed_demo` loads, all idempotent (rows are matched by key; an existing row is never
changed, so statuses set later through the push API survive a re-seed):

* Agencies. The province (`000.00.00.H59`, UBND tỉnh; address and hotline of the provincial
  public-administration service centre), the 18 provincial agencies (`000.00.01.H59` …
  `000.00.18.H59`), the 9 district-level units (`000.00.20.H59` … `000.00.28.H59`) and 25
  real commune-level units (`000.<CC>.<DD>.H59`: CC counts from 31 inside district DD).
  **The sub-codes below H59 are invented** (the real ones are not public) but have the
  real shape `AAA.BB.CC.HNN`; the SPEC's example agency `000.31.25.H59` is UBND xã Tân An
  (huyện Càng Long = `000.00.25.H59`). Commune names are real; street addresses and
  hotlines are illustrative, not the agencies' real contacts.
* Procedures. 21 procedures of the national catalogue. The codes of 1.001193, 1.000894,
  1.000010 and 1.000494 come from docs/DOMAIN.md; the others were checked against one
  secondary public source each, except those in `UNVERIFIED_PROCEDURE_CODES`, which are
  recalled and must be checked on dichvucong.gov.vn before real use. Fees and durations
  follow the national rules as far as known; where a province sets the amount the text
  says so instead of inventing a figure.
* Dossiers. Six fixed dossiers (`DEMO_CODES`, constant codes for the README and the tests,
  all with the phone `DEMO_PHONE`, so the ownership check of a demo takes 5678)
  and 320 generated ones (`random.Random(2026)`), dated relative to the moment of the first
  seeding so the demo looks current. The dates of a later run are anchored to the first
  one (the earliest `created_at` of the fixed dossiers), so seeding again on another day
  regenerates the same codes and adds nothing. Applicants' names and phones are invented.
  Code = `<agency code>-<YYMMDD of the receipt in Asia/Ho_Chi_Minh>-<daily sequence per
  agency>`. National-portal codes (a few dossiers) are invented in the shape
  `000.00.00.G22-YYMMDD-NNNN`.
* History. Twelve months before the first seeding of returned dossiers (codes ending 5001 and up, so
  never a current dossier's code), with their channel, and ratings of about 45% of them, many with the
  SIPAS follow-up answers: the satisfaction rate rises over the year, Trà Cú's units lag behind, the
  online share grows; the dashboard's trends have something to show on the first `make run`.
  Every demo dossier has a channel (direct, online, postal).
* Unanswered questions (a few wordings over the last four weeks, already masked) and the chatbot's
  daily usage counters for the same twelve months.
* Officials. `DEMO_OFFICIAL` (admin) and `canbo.tanan` (official of UBND xã Tân An).
"""

from __future__ import annotations

import logging
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from bot.records.models import Agency, Dossier, Official, Procedure, Rating, UnansweredQuestion, UsageCount
from bot.records.officials import hash_password
from bot.records.ratings import dossier_key
from bot.records.unanswered import folded
from bot.runtime import Runtime

log = logging.getLogger(__name__)

VN = ZoneInfo("Asia/Ho_Chi_Minh")

DEMO_OFFICIAL = ("canbo.travinh", "motcua-demo-2026")
"""The admin account printed by `make run` (username, password)."""
DEMO_OFFICIAL_TANAN = ("canbo.tanan", "tanan-demo-2026")
"""An `official` account that sees only UBND xã Tân An."""

DEMO_PHONE = "0912345678"
DEMO_PHONE_LAST4 = "5678"
"""The ownership check answer for the `finished` and `returned` demo dossiers."""

DEMO_CODES: dict[str, str] = {
    "processing": "000.31.25.H59-261103-0004",
    "overdue": "000.00.25.H59-261015-0021",
    "due_today": "000.00.08.H59-261119-0007",
    "finished": "000.00.03.H59-261110-0015",
    "returned": "000.31.25.H59-261105-0002",
    "needs_documents": "000.00.20.H59-261112-0009",
}
"""Fixed demo dossiers by purpose; the codes never change, their dates follow the seeding day."""

DEMO_STATUS: dict[str, int] = {
    "processing": 4, "overdue": 4, "due_today": 4, "finished": 9, "returned": 10, "needs_documents": 5,
}

# Example codes printed in the SPEC and in the bot's texts: they must stay unknown to the
# demo so that a push of the SPEC example creates a dossier (201) and the help example is
# not somebody's dossier.
RESERVED_CODES = frozenset({"000.31.25.H59-261102-0001", "000.00.15.H59-261020-0007", "000.00.20.H59-191025-0001"})

RANDOM_DOSSIERS = 320
RNG_SEED = 2026
HISTORY_DAYS = 120

PROVINCE_CODE = "000.00.00.H59"
CODE_TANAN = "000.31.25.H59"
CENTRE = "Trung tâm Phục vụ hành chính công tỉnh Trà Vinh"

UNVERIFIED_PROCEDURE_CODES = frozenset({"2.000488", "1.003010", "2.000620", "1.012753"})


# ------------------------------------------------------------------------------ agencies

@dataclass(frozen=True)
class AgencySeed:
    """One agency row."""

    code: str
    name: str
    parent_code: str | None
    level: str
    address: str
    hotline: str


def _hotline(n: int) -> str:
    """An illustrative landline of Trà Vinh (area code 0294)."""
    return f"0294 3{850 + (n * 7) % 140:03d} {(123 + n * 271) % 900 + 100:03d}"


_PROVINCE = AgencySeed(PROVINCE_CODE, "UBND tỉnh Trà Vinh", None, "province",
                       f"{CENTRE}, Số 1 Lê Lợi, Phường 1, TP Trà Vinh", "0294 3855 247")

# (sub-code, name, street address in TP Trà Vinh)
_DEPARTMENTS: tuple[tuple[int, str, str], ...] = (
    (1, "Văn phòng UBND tỉnh Trà Vinh", "Số 1 Lê Lợi, Phường 1"),
    (2, "Sở Nội vụ tỉnh Trà Vinh", "Số 12 Nguyễn Thị Minh Khai, Phường 2"),
    (3, "Sở Tư pháp tỉnh Trà Vinh", "Số 25 Phạm Thái Bường, Phường 3"),
    (4, "Sở Kế hoạch và Đầu tư tỉnh Trà Vinh", "Số 19 Nguyễn Thị Minh Khai, Phường 2"),
    (5, "Sở Tài chính tỉnh Trà Vinh", "Số 40 Nguyễn Đáng, Phường 7"),
    (6, "Sở Công Thương tỉnh Trà Vinh", "Số 8 Lê Thánh Tôn, Phường 2"),
    (7, "Sở Nông nghiệp và Phát triển nông thôn tỉnh Trà Vinh", "Số 55 Điện Biên Phủ, Phường 6"),
    (8, "Sở Giao thông vận tải tỉnh Trà Vinh", "Số 6 Nguyễn Đáng, Phường 6"),
    (9, "Sở Xây dựng tỉnh Trà Vinh", "Số 14 Lê Lợi, Phường 1"),
    (10, "Sở Tài nguyên và Môi trường tỉnh Trà Vinh", "Số 33 Phạm Ngũ Lão, Phường 1"),
    (11, "Sở Thông tin và Truyền thông tỉnh Trà Vinh", "Số 2 Phạm Thái Bường, Phường 3"),
    (12, "Sở Lao động - Thương binh và Xã hội tỉnh Trà Vinh", "Số 4 Hùng Vương, Phường 4"),
    (13, "Sở Văn hóa, Thể thao và Du lịch tỉnh Trà Vinh", "Số 18 Trần Phú, Phường 2"),
    (14, "Sở Khoa học và Công nghệ tỉnh Trà Vinh", "Số 11 Nguyễn Thái Học, Phường 1"),
    (15, "Sở Giáo dục và Đào tạo tỉnh Trà Vinh", "Số 19 Lý Thường Kiệt, Phường 2"),
    (16, "Sở Y tế tỉnh Trà Vinh", "Số 16 Nguyễn Chí Thanh, Phường 9"),
    (17, "Ban Dân tộc tỉnh Trà Vinh", "Số 27 Bạch Đằng, Phường 4"),
    (18, "Ban Quản lý Khu kinh tế tỉnh Trà Vinh", "Số 9 Võ Nguyên Giáp, Phường 7"),
)

# (sub-code, name, urban, address)
_DISTRICTS: tuple[tuple[int, str, bool, str], ...] = (
    (20, "UBND thành phố Trà Vinh", True, "Số 2 Bạch Đằng, Phường 1, TP Trà Vinh"),
    (21, "UBND thị xã Duyên Hải", True, "Đường 19 Tháng 5, Phường 1, thị xã Duyên Hải"),
    (22, "UBND huyện Châu Thành", False, "Khóm 2, thị trấn Châu Thành, huyện Châu Thành"),
    (23, "UBND huyện Cầu Ngang", False, "Khóm Minh Thuận A, thị trấn Cầu Ngang, huyện Cầu Ngang"),
    (24, "UBND huyện Trà Cú", False, "Khóm 2, thị trấn Trà Cú, huyện Trà Cú"),
    (25, "UBND huyện Càng Long", False, "Khóm 4, thị trấn Càng Long, huyện Càng Long"),
    (26, "UBND huyện Cầu Kè", False, "Khóm 3, thị trấn Cầu Kè, huyện Cầu Kè"),
    (27, "UBND huyện Tiểu Cần", False, "Khóm 1, thị trấn Tiểu Cần, huyện Tiểu Cần"),
    (28, "UBND huyện Duyên Hải", False, "Khóm 1, thị trấn Long Thành, huyện Duyên Hải"),
)

# district sub-code -> commune-level names in order (their sub-codes count from 31)
_COMMUNES: dict[int, tuple[str, ...]] = {
    25: ("UBND xã Tân An", "UBND thị trấn Càng Long", "UBND xã An Trường"),
    20: tuple(f"UBND Phường {n}, TP Trà Vinh" for n in range(1, 10)) + ("UBND xã Long Đức",),
    21: ("UBND xã Long Hữu",),
    22: ("UBND thị trấn Châu Thành", "UBND xã Hòa Thuận"),
    23: ("UBND thị trấn Cầu Ngang", "UBND xã Hiệp Mỹ Đông"),
    24: ("UBND thị trấn Trà Cú", "UBND xã Hàm Giang"),
    26: ("UBND thị trấn Cầu Kè", "UBND xã Hòa Ân"),
    27: ("UBND thị trấn Tiểu Cần", "UBND xã Hiếu Tử"),
    28: ("UBND thị trấn Long Thành",),
}


def _district_place(dd: int) -> str:
    name = next(n for code, n, _u, _a in _DISTRICTS if code == dd)
    return name.replace("UBND thành phố", "TP").replace("UBND ", "")


def _commune_address(name: str, dd: int, n: int) -> str:
    unit = name.removeprefix("UBND ").split(",")[0]
    if unit.startswith("Phường"):
        return f"Số {n * 3 + 2} Nguyễn Đáng, {unit}, TP Trà Vinh"
    where = "Khóm 1" if unit.startswith("thị trấn") else "Ấp Chợ"
    return f"{where}, {unit}, {_district_place(dd)}"


def agency_seeds() -> list[AgencySeed]:
    """Every demo agency, parents before children."""
    seeds = [_PROVINCE]
    for i, (nn, name, street) in enumerate(_DEPARTMENTS, start=1):
        seeds.append(AgencySeed(f"000.00.{nn:02d}.H59", name, PROVINCE_CODE, "province",
                                f"{street}, TP Trà Vinh", _hotline(i)))
    for i, (dd, name, _urban, address) in enumerate(_DISTRICTS, start=20):
        seeds.append(AgencySeed(f"000.00.{dd:02d}.H59", name, PROVINCE_CODE, "district", address, _hotline(i)))
    i = 40
    for dd, names in _COMMUNES.items():
        for k, name in enumerate(names):
            i += 1
            seeds.append(AgencySeed(f"000.{31 + k:02d}.{dd:02d}.H59", name, f"000.00.{dd:02d}.H59", "commune",
                                    _commune_address(name, dd, k + 1), _hotline(i)))
    return seeds


def _urban(district_code: str) -> bool:
    return any(f"000.00.{dd:02d}.H59" == district_code and urban for dd, _n, urban, _a in _DISTRICTS)


# ---------------------------------------------------------------------------- procedures

@dataclass(frozen=True)
class ProcedureSeed:
    """One procedure of the catalogue and how demo dossiers use it."""

    code: str
    name: str
    field: str
    documents: tuple[str, ...]
    fee: str
    duration: str
    where: str
    keywords: str
    days: int  # working days from receipt to the due date (0: same day)
    level: str  # commune | district | province | police (police: catalogue only, no dossiers)
    agency: str = ""  # the department's code for level "province"
    weight: int = 0  # share of the generated dossiers
    steps: tuple[str, ...] = ()  # departments handling an open dossier; {econ} = district economic office

    @property
    def url(self) -> str:
        return f"https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc={self.code}"


_HT_STEPS = ("Công chức tư pháp - hộ tịch thẩm định", "Lãnh đạo UBND xã ký duyệt")
_CT_STEPS = ("Công chức tư pháp - hộ tịch thực hiện chứng thực", "Lãnh đạo UBND xã ký chứng thực")
_XH_STEPS = ("Công chức văn hóa - xã hội thẩm định", "Phòng Lao động - Thương binh và Xã hội huyện thẩm định",
             "Lãnh đạo UBND huyện ký quyết định")
_LAND_STEPS = ("Chi nhánh Văn phòng đăng ký đất đai thẩm định", "Phòng Tài nguyên và Môi trường xử lý",
               "Lãnh đạo UBND huyện ký duyệt")

PROCEDURES: tuple[ProcedureSeed, ...] = (
    ProcedureSeed(
        "1.001193", "Đăng ký khai sinh", "Hộ tịch",
        ("Tờ khai đăng ký khai sinh theo mẫu",
         "Giấy chứng sinh (bản chính) hoặc giấy tờ thay thế giấy chứng sinh",
         "Giấy tờ tùy thân của người đi đăng ký (căn cước công dân hoặc hộ chiếu) để xuất trình",
         "Văn bản ủy quyền có chứng thực, nếu nhờ người khác đi đăng ký"),
        "Miễn lệ phí khi đăng ký đúng hạn", "Trong ngày (nộp sau 15 giờ thì trả trong ngày làm việc tiếp theo)",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú của cha hoặc mẹ",
        "khai sinh, giay khai sinh, lam giay khai sinh, dang ky khai sinh, lam khai sinh cho con, be moi sinh",
        0, "commune", weight=14, steps=_HT_STEPS),
    ProcedureSeed(
        "1.000894", "Đăng ký kết hôn", "Hộ tịch",
        ("Tờ khai đăng ký kết hôn theo mẫu (hai bên có thể dùng chung một tờ khai)",
         "Giấy tờ tùy thân của hai bên để xuất trình",
         "Giấy xác nhận tình trạng hôn nhân, nếu một bên không thường trú tại xã nơi đăng ký"),
        "Miễn lệ phí", "Trong ngày; trường hợp cần xác minh không quá 05 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú của một trong hai bên",
        "ket hon, dang ky ket hon, giay ket hon, giay dang ky ket hon, cuoi, lay vo, lay chong",
        0, "commune", weight=6, steps=_HT_STEPS),
    ProcedureSeed(
        "1.000656", "Đăng ký khai tử", "Hộ tịch",
        ("Tờ khai đăng ký khai tử theo mẫu",
         "Giấy báo tử hoặc giấy tờ thay thế giấy báo tử do cơ quan có thẩm quyền cấp",
         "Giấy tờ tùy thân của người đi đăng ký để xuất trình"),
        "Miễn lệ phí khi đăng ký đúng hạn", "Trong ngày; trường hợp cần xác minh không quá 03 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú cuối cùng của người chết",
        "khai tu, giay khai tu, bao tu, giay bao tu, nguoi mat, qua doi, lam giay bao tu",
        0, "commune", weight=4, steps=_HT_STEPS),
    ProcedureSeed(
        "1.004884", "Đăng ký lại khai sinh", "Hộ tịch",
        ("Tờ khai đăng ký lại khai sinh theo mẫu",
         "Bản sao giấy tờ có thông tin khai sinh trước đây (nếu có)",
         "Văn bản cam đoan về việc đã đăng ký khai sinh nhưng không còn lưu giữ được bản chính"),
        "Theo mức thu do HĐND tỉnh quy định", "05 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã nơi đã đăng ký khai sinh trước đây hoặc nơi cư trú",
        "dang ky lai khai sinh, lam lai giay khai sinh, khai sinh lai, mat so goc khai sinh",
        5, "commune", weight=2, steps=_HT_STEPS),
    ProcedureSeed(
        "2.000635", "Cấp bản sao trích lục hộ tịch", "Hộ tịch",
        ("Tờ khai cấp bản sao trích lục hộ tịch theo mẫu",
         "Giấy tờ tùy thân của người yêu cầu để xuất trình",
         "Văn bản ủy quyền, nếu nhờ người khác làm thay"),
        "8.000 đồng/bản sao trích lục", "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã nơi đã đăng ký hộ tịch",
        "trich luc, ban sao khai sinh, cap lai khai sinh, mat giay khai sinh, ban sao giay khai sinh, "
        "trich luc ket hon",
        0, "commune", weight=5, steps=_HT_STEPS),
    ProcedureSeed(
        "1.004873", "Cấp Giấy xác nhận tình trạng hôn nhân", "Hộ tịch",
        ("Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu",
         "Giấy tờ tùy thân của người yêu cầu để xuất trình",
         "Giấy tờ chứng minh đã ly hôn hoặc vợ/chồng đã chết, nếu trước đây đã kết hôn"),
        "Theo mức thu do HĐND tỉnh quy định", "03 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã nơi thường trú",
        "xac nhan doc than, giay doc than, tinh trang hon nhan, xac nhan tinh trang hon nhan, doc than",
        3, "commune", weight=5, steps=_HT_STEPS),
    ProcedureSeed(
        "2.000815",
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp "
        "hoặc chứng nhận", "Chứng thực",
        ("Bản chính giấy tờ, văn bản cần chứng thực",
         "Bản sao cần chứng thực (nếu người yêu cầu tự mang theo bản chụp)"),
        "2.000 đồng/trang; từ trang thứ ba trở đi 1.000 đồng/trang, tối đa 200.000 đồng/bản", "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã hoặc Phòng Tư pháp cấp huyện",
        "chung thuc, sao y, cong chung, photo cong chung, chung thuc ban sao, sao y ban chinh",
        0, "commune", weight=12, steps=_CT_STEPS),
    ProcedureSeed(
        "2.000884", "Chứng thực chữ ký trong các giấy tờ, văn bản", "Chứng thực",
        ("Giấy tờ, văn bản cần chứng thực chữ ký (người yêu cầu ký trước mặt người thực hiện chứng thực)",
         "Giấy tờ tùy thân còn giá trị sử dụng của người yêu cầu để xuất trình"),
        "10.000 đồng/trường hợp", "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã hoặc Phòng Tư pháp cấp huyện",
        "chung thuc chu ky, xac nhan chu ky, ky ten, chung thuc giay uy quyen, chung thuc don",
        0, "commune", weight=5, steps=_CT_STEPS),
    ProcedureSeed(
        "1.000494", "Trợ cấp xã hội hàng tháng cho người cao tuổi", "Bảo trợ xã hội",
        ("Tờ khai đề nghị trợ giúp xã hội theo mẫu",
         "Bản sao căn cước công dân của người cao tuổi",
         "Giấy tờ chứng minh nơi cư trú, nếu cơ sở dữ liệu dân cư chưa có thông tin"),
        "Miễn phí", "Không quá 20 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã nơi người cao tuổi cư trú",
        "tro cap nguoi gia, tro cap nguoi cao tuoi, tro cap hang thang, tien nguoi gia, luong nguoi gia, "
        "bao tro xa hoi, nguoi cao tuoi",
        20, "commune", weight=4, steps=_XH_STEPS),
    ProcedureSeed(
        "1.001731", "Hỗ trợ chi phí mai táng cho đối tượng bảo trợ xã hội", "Bảo trợ xã hội",
        ("Tờ khai đề nghị hỗ trợ chi phí mai táng theo mẫu",
         "Bản sao giấy báo tử hoặc trích lục khai tử",
         "Bản sao quyết định hưởng trợ cấp xã hội hàng tháng của người đã mất"),
        "Miễn phí", "Không quá 05 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã nơi người đã mất cư trú",
        "mai tang, tien mai tang, ho tro mai tang, chi phi mai tang, ma chay, tien chon cat",
        5, "commune", weight=2, steps=_XH_STEPS),
    ProcedureSeed(
        "1.001612", "Đăng ký thành lập hộ kinh doanh", "Thành lập và hoạt động của hộ kinh doanh",
        ("Giấy đề nghị đăng ký hộ kinh doanh theo mẫu",
         "Bản sao giấy tờ pháp lý của cá nhân (căn cước công dân) của chủ hộ kinh doanh",
         "Bản sao biên bản họp thành viên hộ gia đình, nếu các thành viên cùng thành lập hộ kinh doanh",
         "Bản sao hợp đồng thuê hoặc giấy tờ về quyền sử dụng địa điểm kinh doanh"),
        "Theo mức thu do HĐND tỉnh quy định", "03 ngày làm việc",
        "Bộ phận Một cửa UBND cấp huyện (Phòng Tài chính - Kế hoạch)",
        "ho kinh doanh, giay phep kinh doanh, dang ky kinh doanh, mo tiem, mo quan, buon ban, kinh doanh ca the",
        3, "district", weight=6, steps=("Phòng Tài chính - Kế hoạch thẩm định",)),
    ProcedureSeed(
        "1.009122", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "Hoạt động xây dựng",
        ("Đơn đề nghị cấp giấy phép xây dựng theo mẫu",
         "Bản sao giấy tờ chứng minh quyền sử dụng đất",
         "Hai bộ bản vẽ thiết kế xây dựng (mặt bằng, mặt cắt, mặt đứng, móng, sơ đồ đấu nối hạ tầng)",
         "Cam kết bảo đảm an toàn cho công trình liền kề, nếu có"),
        "Theo mức thu do HĐND tỉnh quy định", "15 ngày",
        "Bộ phận Một cửa UBND cấp huyện",
        "giay phep xay dung, xin phep xay nha, xay nha, gpxd, cat nha, sua nha, xay nha o",
        11, "district", weight=5,
        steps=("{econ} thẩm định", "{econ} kiểm tra thực địa", "Lãnh đạo UBND huyện ký duyệt")),
    ProcedureSeed(
        "1.012753", "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "Đất đai",
        ("Đơn đăng ký đất đai, tài sản gắn liền với đất theo mẫu",
         "Giấy tờ về quyền sử dụng đất (nếu có)",
         "Chứng từ thực hiện nghĩa vụ tài chính hoặc giấy tờ về miễn, giảm nghĩa vụ tài chính (nếu có)",
         "Mảnh trích đo bản đồ địa chính thửa đất (nếu có)"),
        "Lệ phí cấp giấy chứng nhận và phí thẩm định hồ sơ theo mức HĐND tỉnh quy định",
        "Không quá 20 ngày làm việc",
        "Bộ phận Một cửa UBND cấp huyện hoặc Chi nhánh Văn phòng đăng ký đất đai",
        "so do, so hong, lam so do, cap so do lan dau, giay chung nhan quyen su dung dat, gcn qsdd, dat chua co so",
        20, "district", weight=6, steps=_LAND_STEPS),
    ProcedureSeed(
        "1.003010", "Đăng ký biến động quyền sử dụng đất, quyền sở hữu tài sản gắn liền với đất", "Đất đai",
        ("Đơn đăng ký biến động đất đai, tài sản gắn liền với đất theo mẫu",
         "Bản gốc Giấy chứng nhận đã cấp",
         "Hợp đồng, văn bản về việc chuyển nhượng, tặng cho, thừa kế đã công chứng hoặc chứng thực"),
        "Lệ phí và phí thẩm định hồ sơ theo mức HĐND tỉnh quy định", "Không quá 10 ngày làm việc",
        "Bộ phận Một cửa UBND cấp huyện hoặc Chi nhánh Văn phòng đăng ký đất đai",
        "sang ten so do, sang ten, chuyen nhuong dat, bien dong dat dai, tach thua, mua ban dat, tang cho dat",
        10, "district", weight=7, steps=_LAND_STEPS),
    ProcedureSeed(
        "2.000620", "Cấp Giấy phép bán lẻ rượu", "Lưu thông hàng hóa trong nước",
        ("Đơn đề nghị cấp Giấy phép bán lẻ rượu theo mẫu",
         "Bản sao Giấy chứng nhận đăng ký doanh nghiệp hoặc hộ kinh doanh",
         "Bản sao hợp đồng thuê hoặc giấy tờ chứng minh quyền sử dụng địa điểm kinh doanh",
         "Bản cam kết bảo đảm tuân thủ các yêu cầu về phòng cháy, chữa cháy và bảo vệ môi trường"),
        "Phí thẩm định theo quy định của Bộ Tài chính", "10 ngày làm việc",
        "Bộ phận Một cửa UBND cấp huyện",
        "ban ruou, giay phep ban ruou, ban le ruou, kinh doanh ruou, ruou bia, tap hoa ban ruou",
        10, "district", weight=2, steps=("{econ} thẩm định", "Lãnh đạo UBND huyện ký duyệt")),
    ProcedureSeed(
        "1.000010", "Cấp đổi giấy phép lái xe", "Đường bộ",
        ("Đơn đề nghị đổi giấy phép lái xe theo mẫu",
         "Bản sao giấy phép lái xe cần đổi",
         "Giấy khám sức khỏe của người lái xe do cơ sở y tế có thẩm quyền cấp (trừ hạng A1, A2, A3)",
         "Bản sao căn cước công dân hoặc hộ chiếu còn thời hạn"),
        "135.000 đồng/lần", "05 ngày làm việc",
        f"Bộ phận Một cửa Sở Giao thông vận tải tại {CENTRE}",
        "bang lai, giay phep lai xe, doi bang lai, doi bang lai xe, gplx, cap doi bang lai, bang lai het han",
        5, "province", "000.00.08.H59", weight=10,
        steps=("Phòng Quản lý phương tiện và người lái xử lý", "Lãnh đạo Sở Giao thông vận tải ký duyệt",
               "In giấy phép lái xe")),
    ProcedureSeed(
        "2.001610", "Đăng ký thành lập doanh nghiệp tư nhân", "Thành lập và phát triển doanh nghiệp",
        ("Giấy đề nghị đăng ký doanh nghiệp theo mẫu",
         "Bản sao giấy tờ pháp lý của cá nhân đối với chủ doanh nghiệp tư nhân"),
        "50.000 đồng/lần (miễn khi đăng ký qua mạng); phí công bố nội dung đăng ký doanh nghiệp 100.000 đồng",
        "03 ngày làm việc",
        f"Phòng Đăng ký kinh doanh - Sở Kế hoạch và Đầu tư, tại {CENTRE}",
        "thanh lap doanh nghiep, mo cong ty, doanh nghiep tu nhan, dang ky doanh nghiep, dkkd, lap cong ty",
        3, "province", "000.00.04.H59", weight=4, steps=("Phòng Đăng ký kinh doanh thẩm định",)),
    ProcedureSeed(
        "2.000488", "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        "Lý lịch tư pháp",
        ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu",
         "Bản chụp căn cước công dân hoặc hộ chiếu của người được cấp Phiếu",
         "Văn bản ủy quyền, nếu nhờ người khác làm thủ tục (không áp dụng với Phiếu số 2)"),
        "200.000 đồng/lần/người; sinh viên, người có công với cách mạng 100.000 đồng; "
        "từ Phiếu thứ ba trở đi 5.000 đồng/Phiếu",
        "10 ngày", f"Bộ phận Một cửa Sở Tư pháp tại {CENTRE}",
        "ly lich tu phap, lltp, phieu ly lich tu phap, lam ly lich tu phap, xin ly lich tu phap, ly lich",
        8, "province", "000.00.03.H59", weight=6,
        steps=("Phòng Hành chính tư pháp tra cứu, xác minh", "Lãnh đạo Sở Tư pháp ký duyệt")),
    ProcedureSeed(
        "1.004222", "Đăng ký thường trú", "Đăng ký, quản lý cư trú",
        ("Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
         "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp",
         "Văn bản đồng ý của chủ hộ hoặc chủ sở hữu chỗ ở, nếu đăng ký vào chỗ ở của người khác"),
        "20.000 đồng/lần; nộp trực tuyến 10.000 đồng/lần", "07 ngày làm việc",
        "Công an xã, phường, thị trấn nơi cư trú",
        "thuong tru, ho khau, nhap ho khau, chuyen ho khau, dang ky thuong tru, cu tru",
        7, "police"),
    ProcedureSeed(
        "1.004194", "Đăng ký tạm trú", "Đăng ký, quản lý cư trú",
        ("Tờ khai thay đổi thông tin cư trú (mẫu CT01)",
         "Giấy tờ, tài liệu chứng minh chỗ ở hợp pháp"),
        "15.000 đồng/lần; nộp trực tuyến 7.000 đồng/lần", "03 ngày làm việc",
        "Công an xã, phường, thị trấn nơi tạm trú",
        "tam tru, dang ky tam tru, kt3, o tro, thue tro, so tam tru",
        3, "police"),
    ProcedureSeed(
        "1.116410", "Cấp thẻ căn cước", "Căn cước",
        ("Không phải nộp giấy tờ: công dân đến làm thủ tục trực tiếp, được thu nhận ảnh và vân tay",
         "Người dưới 14 tuổi đi cùng cha, mẹ hoặc người giám hộ"),
        "Cấp lần đầu: miễn phí; cấp đổi 50.000 đồng; cấp lại 70.000 đồng", "07 ngày làm việc",
        "Công an cấp huyện hoặc Phòng Cảnh sát quản lý hành chính về trật tự xã hội Công an tỉnh",
        "can cuoc, the can cuoc, cccd, lam can cuoc, lam cccd, cmnd, chung minh nhan dan, doi can cuoc",
        7, "police"),
)


# ------------------------------------------------------------------------------ dossiers

@dataclass
class DossierSeed:
    """One demo dossier before its code is known."""

    agency: AgencySeed
    procedure: ProcedureSeed
    status: int
    received_at: datetime
    due_at: datetime
    finished_at: datetime | None
    returned_at: datetime | None
    current_step: str
    applicant_name: str
    applicant_phone: str
    national: bool = False


STATUS_WEIGHTS: dict[int, int] = {1: 3, 2: 4, 3: 2, 4: 30, 5: 6, 6: 3, 7: 2, 8: 2, 9: 15, 10: 33}
OPEN = (1, 2, 4, 5, 6)
CLOSED_STEP = {
    3: "Bộ phận Một cửa từ chối tiếp nhận",
    7: "Hồ sơ đã được rút theo yêu cầu",
    8: "Dừng xử lý",
    9: "Bộ phận Một cửa chờ trả kết quả",
    10: "Đã trả kết quả",
}
OPEN_STEP = {
    1: "Chờ Bộ phận Một cửa tiếp nhận hồ sơ nộp trực tuyến",
    2: "Bộ phận Một cửa chuyển hồ sơ đến bộ phận chuyên môn",
    5: "Chờ công dân bổ sung giấy tờ theo hướng dẫn của Bộ phận Một cửa",
    6: "Chờ công dân nộp phí, lệ phí",
}

_FAMILY = ("Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Ngô", "Dương", "Lâm", "Châu",
           "Trương", "Phan", "Hồ", "Lý", "Đoàn", "Tăng", "Mai")
_MALE = (("Văn", "Minh", "Hoàng", "Quốc", "Thanh", "Hữu", "Công"),
         ("An", "Bình", "Cường", "Dũng", "Hải", "Hùng", "Khang", "Long", "Nam", "Phúc", "Quang", "Sơn",
          "Tài", "Thắng", "Toàn", "Trí", "Vinh", "Hậu", "Phong", "Lộc"))
_FEMALE = (("Thị", "Ngọc", "Thanh", "Mỹ", "Kim", "Thu", "Hồng"),
           ("Anh", "Diễm", "Duyên", "Hạnh", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngân", "Nhung",
            "Oanh", "Phượng", "Thảo", "Trang", "Tuyết", "Vân", "Yến", "Xuân"))
# Names of Khmer citizens (about a third of the province) often use these family names.
_KHMER = ("Thạch Sô Phal", "Kim Thị Sa Ly", "Sơn Thị Chanh Thi", "Thạch Thị Sa Rây", "Danh Sóc Kha",
          "Kim Sa Rươl", "Sơn Văn Chanh", "Thạch Thị Sô Phia", "Kim Thị Sô Phon", "Thạch Văn Sang",
          "Sơn Thị Mỹ Linh", "Lâm Thị Sa Rết", "Thạch Ngọc Thành", "Kim Văn Sô Khanh", "Trầm Thị Sô Phi")
_PHONE_PREFIXES = ("032", "033", "034", "035", "036", "037", "038", "039", "070", "076", "077", "078", "079",
                   "081", "082", "083", "084", "085", "086", "088", "089", "090", "091", "093", "094", "096",
                   "097", "098")


def _name(rng: random.Random) -> str:
    if rng.random() < 0.2:
        return rng.choice(_KHMER)
    middles, givens = _MALE if rng.random() < 0.5 else _FEMALE
    return f"{rng.choice(_FAMILY)} {rng.choice(middles)} {rng.choice(givens)}"


def _phone(rng: random.Random) -> str:
    phone = rng.choice(_PHONE_PREFIXES) + f"{rng.randrange(10**7):07d}"
    return phone if phone != DEMO_PHONE else "0987654321"


def _is_workday(d: date) -> bool:
    return d.weekday() < 5


def add_workdays(d: date, n: int) -> date:
    """The date n working days (Mon–Fri) after d; n = 0 keeps d."""
    while n > 0:
        d += timedelta(days=1)
        if _is_workday(d):
            n -= 1
    return d


def sub_workdays(d: date, n: int) -> date:
    """The date n working days before d; the result is always a working day."""
    while n > 0 or not _is_workday(d):
        d -= timedelta(days=1)
        if _is_workday(d):
            n -= 1
    return d


def vn_at(d: date, hour: int, minute: int = 0) -> datetime:
    """A Vietnam-time wall clock moment as an aware UTC datetime."""
    return datetime.combine(d, time(hour, minute), VN).astimezone(UTC)


class _Clock:
    """Office-hour moments not later than the anchor."""

    def __init__(self, now: datetime, rng: random.Random) -> None:
        self.now = now
        self.today = now.astimezone(VN).date()
        self.rng = rng

    def moment(self, d: date, after: datetime | None = None) -> datetime | None:
        """A random office-hour time on d, after `after`, not later than now; None if none fits."""
        lo = vn_at(d, 7, 30)
        hi = min(vn_at(d, 16, 45), self.now - timedelta(minutes=5))
        if after is not None:
            lo = max(lo, after + timedelta(minutes=10))
        if hi <= lo:
            return None
        return lo + timedelta(seconds=self.rng.randrange(int((hi - lo).total_seconds())))

    def received(self, d: date) -> datetime:
        """A receipt moment on working day d, or on the last working day before that fits."""
        while True:
            m = self.moment(d) if _is_workday(d) else None
            if m is not None:
                return m
            d = sub_workdays(d, 1)

    def due(self, d: date) -> datetime:
        return vn_at(d, 17)


def _step(p: ProcedureSeed, agency: AgencySeed, status: int, rng: random.Random) -> str:
    if status in CLOSED_STEP:
        return CLOSED_STEP[status]
    if status in OPEN_STEP:
        return OPEN_STEP[status]
    district = agency.code if agency.level == "district" else (agency.parent_code or "")
    econ = "Phòng Quản lý đô thị" if _urban(district) else "Phòng Kinh tế - Hạ tầng"
    return rng.choice(p.steps).format(econ=econ)


def _open_dates(p: ProcedureSeed, status: int, clock: _Clock) -> tuple[datetime, datetime]:
    rng, today = clock.rng, clock.today
    dur = p.days or rng.randint(1, 3)  # same-day procedures still open: verification needed
    if status in (1, 2):
        received = clock.received(sub_workdays(today, rng.randint(0, 2)))
        return received, clock.due(add_workdays(received.astimezone(VN).date(), dur))
    kind = rng.choices(("future", "today", "overdue"), (68, 10, 22))[0]
    if kind == "future":
        due_d = add_workdays(today, rng.randint(1, max(1, min(dur, 15))))
    elif kind == "today":
        due_d = today
    else:
        due_d = sub_workdays(today, rng.randint(1, 12))
    received_d = max(sub_workdays(due_d, dur), today - timedelta(days=HISTORY_DAYS))
    received = clock.received(min(received_d, today))
    return received, max(clock.due(due_d), received)


def _closed_dates(
    p: ProcedureSeed, status: int, clock: _Clock,
) -> tuple[datetime, datetime, datetime | None, datetime | None]:
    rng, today = clock.rng, clock.today
    dur = p.days
    if status == 3:  # refused at the desk, same day
        received = clock.received(sub_workdays(today, rng.randint(1, 80)))
        refused = received + timedelta(minutes=rng.randint(10, 90))
        return received, clock.due(add_workdays(received.astimezone(VN).date(), dur)), refused, None
    if status in (7, 8):
        received = clock.received(sub_workdays(today, rng.randint(5, 80)))
        r_d = received.astimezone(VN).date()
        end_d = min(add_workdays(r_d, rng.randint(1, max(1, dur))), sub_workdays(today, 1))
        ended = clock.moment(end_d, after=received) if end_d > r_d else None
        return received, clock.due(add_workdays(r_d, dur)), ended or received + timedelta(hours=1), None
    recent = status == 9
    finish_d = sub_workdays(today, rng.randint(0, 12) if recent else rng.randint(1, 70))
    if rng.random() < 0.15:  # finished late
        due_d = sub_workdays(finish_d, rng.randint(1, 8))
    else:  # on time, often early
        due_d = add_workdays(finish_d, rng.randint(0, min(dur, 5)))
    received_d = max(min(sub_workdays(due_d, dur), finish_d), today - timedelta(days=HISTORY_DAYS))
    received = clock.received(received_d)
    finished = clock.moment(finish_d, after=received)
    if finished is None:  # same day as the receipt, or today before the office opened
        finished = min(received + timedelta(minutes=rng.randint(15, 60)), clock.now - timedelta(minutes=1))
    due = max(clock.due(due_d), received)
    returned: datetime | None = None
    if status == 10:
        f_d = finished.astimezone(VN).date()
        ret_d = min(add_workdays(f_d, rng.randint(0, 3)), clock.today)
        returned = clock.moment(ret_d, after=finished if ret_d == f_d else None)
        if returned is None:
            returned = min(finished + timedelta(minutes=30), clock.now)
    return received, due, finished, returned


def _random_dossiers(now: datetime, agencies: Sequence[AgencySeed]) -> list[DossierSeed]:
    rng = random.Random(RNG_SEED)
    clock = _Clock(now, rng)
    by_level: dict[str, list[AgencySeed]] = defaultdict(list)
    by_code = {a.code: a for a in agencies}
    for a in agencies:
        by_level[a.level].append(a)
    usable = [p for p in PROCEDURES if p.weight > 0]
    statuses = list(STATUS_WEIGHTS)
    statuses += rng.choices(list(STATUS_WEIGHTS), list(STATUS_WEIGHTS.values()), k=RANDOM_DOSSIERS - len(statuses))
    rng.shuffle(statuses)
    out: list[DossierSeed] = []
    for status in statuses:
        p = rng.choices(usable, [q.weight for q in usable])[0]
        if p.level == "province":
            agency = by_code[p.agency]
        elif p.level == "commune" and rng.random() < 0.2:
            agency = by_code[CODE_TANAN]  # the SPEC's commune gets a good share for the dashboard demo
        else:
            agency = rng.choice(by_level[p.level])
        if status in OPEN:
            received, due = _open_dates(p, status, clock)
            finished = returned = None
        else:
            received, due, finished, returned = _closed_dates(p, status, clock)
        national = p.level != "commune" and rng.random() < 0.1
        out.append(DossierSeed(agency, p, status, received, due, finished, returned, _step(p, agency, status, rng),
                               _name(rng), _phone(rng), national))
    return out


def _fixed_dossiers(now: datetime, agencies: dict[str, AgencySeed]) -> dict[str, dict[str, Any]]:
    """The DEMO_CODES dossiers, dated relative to `now`."""
    procs = {p.code: p for p in PROCEDURES}
    today = now.astimezone(VN).date()
    hour = timedelta(hours=1)

    def row(purpose: str, agency: str, proc: str, received_days: int, due: datetime, step: str, phone: str,
            name: str, finished: datetime | None = None, returned: datetime | None = None) -> dict[str, Any]:
        p, a = procs[proc], agencies[agency]
        received = min(vn_at(sub_workdays(today, received_days), 8, 15), now - hour)
        return {"procedure_code": p.code, "procedure_name": p.name, "agency_code": a.code, "agency_name": a.name,
                "status": DEMO_STATUS[purpose], "received_at": received, "due_at": max(due, received),
                "finished_at": finished, "returned_at": returned, "current_step": step,
                "applicant_name": name, "applicant_phone": phone, "national_code": None}

    finished = min(vn_at(sub_workdays(today, 3), 10, 20), now - hour)
    fin_ret = min(vn_at(sub_workdays(today, 9), 9, 40), now - hour)
    return {
        DEMO_CODES["processing"]: row(
            "processing", CODE_TANAN, "1.004884", 2, vn_at(add_workdays(today, 3), 17),
            "Công chức tư pháp - hộ tịch thẩm định", DEMO_PHONE, "Trần Thị Bích"),
        DEMO_CODES["overdue"]: row(
            "overdue", "000.00.25.H59", "1.012753", 26, vn_at(sub_workdays(today, 6), 17),
            "Chi nhánh Văn phòng đăng ký đất đai thẩm định", DEMO_PHONE, "Lê Văn Hùng"),
        DEMO_CODES["due_today"]: row(
            "due_today", "000.00.08.H59", "1.000010", 5, vn_at(today, 17),
            "Phòng Quản lý phương tiện và người lái xử lý", DEMO_PHONE, "Phạm Quốc Khang"),
        DEMO_CODES["finished"]: row(
            "finished", "000.00.03.H59", "2.000488", 10, vn_at(sub_workdays(today, 2), 17),
            CLOSED_STEP[9], DEMO_PHONE, "Nguyễn Văn An", finished=finished),
        DEMO_CODES["returned"]: row(
            "returned", CODE_TANAN, "1.000894", 10, vn_at(sub_workdays(today, 9), 17),
            CLOSED_STEP[10], DEMO_PHONE, "Nguyễn Văn An", finished=fin_ret,
            returned=min(vn_at(sub_workdays(today, 8), 14, 5), now - hour)),
        DEMO_CODES["needs_documents"]: row(
            "needs_documents", "000.00.20.H59", "1.009122", 6, vn_at(add_workdays(today, 8), 17),
            OPEN_STEP[5], DEMO_PHONE, "Võ Thị Mỹ Hạnh"),
    }


def _coded(seeds: list[DossierSeed], taken: set[str]) -> dict[str, dict[str, Any]]:
    """Codes in receipt order: `<agency>-<YYMMDD>-<SSSS>`, skipping fixed and reserved codes."""
    seq: dict[tuple[str, str], int] = defaultdict(int)
    national_seq: dict[str, int] = defaultdict(int)
    out: dict[str, dict[str, Any]] = {}
    for d in sorted(seeds, key=lambda s: (s.received_at, s.agency.code)):
        day = d.received_at.astimezone(VN).strftime("%y%m%d")
        while True:
            seq[(d.agency.code, day)] += 1
            code = f"{d.agency.code}-{day}-{seq[(d.agency.code, day)]:04d}"
            if code not in taken and code not in RESERVED_CODES:
                break
        national = None
        if d.national:
            national_seq[day] += 1
            national = f"000.00.00.G22-{day}-{national_seq[day]:04d}"
        out[code] = {
            "procedure_code": d.procedure.code, "procedure_name": d.procedure.name,
            "agency_code": d.agency.code, "agency_name": d.agency.name, "status": d.status,
            "received_at": d.received_at, "due_at": d.due_at, "finished_at": d.finished_at,
            "returned_at": d.returned_at, "current_step": d.current_step,
            "applicant_name": d.applicant_name, "applicant_phone": d.applicant_phone, "national_code": national,
        }
    return out


def _channel(code: str, share_online: float = 0.4) -> str:
    """How a demo dossier was submitted (its own generator: the codes of the other dossiers stay as they were)."""
    draw = random.Random(f"{RNG_SEED}:channel:{code}").random()
    return "postal" if draw < 0.03 else "online" if draw < 0.03 + share_online else "direct"


def demo_dossiers(now: datetime) -> dict[str, dict[str, Any]]:
    """Every current demo dossier by code, dated relative to `now` (deterministic for a given `now`)."""
    now = now.astimezone(UTC).replace(microsecond=0)
    agencies = agency_seeds()
    fixed = _fixed_dossiers(now, {a.code: a for a in agencies})
    generated = _coded(_random_dossiers(now, agencies), set(fixed))
    return {code: {**data, "channel": _channel(code)} for code, data in {**fixed, **generated}.items()}


# ------------------------------------------------------------------------------- history

HISTORY_MONTHS_DAYS = 365
HISTORY_PER_WORKDAY = 12
HISTORY_SEQ_START = 5001  # history codes end in 5001 and up: never one of the current dossiers' codes
WEAK_DISTRICT = 24  # Trà Cú: its units rate lower, so the charts have something to show
REASONS = (
    "Phải đi lại nhiều lần mới nộp được hồ sơ",
    "Trả kết quả trễ hẹn",
    "Cán bộ hướng dẫn chưa rõ, phải bổ sung giấy tờ nhiều lần",
    "Chờ đợi lâu tại bộ phận một cửa",
    "Không được báo trước khi hồ sơ bị trễ",
    "Thủ tục còn yêu cầu nhiều giấy tờ",
    "Gọi điện đến cơ quan không ai nghe máy",
)
_ANSWER_WEIGHTS = {  # good, fair, poor per level
    "very_satisfied": (85, 12, 3),
    "satisfied": (60, 30, 10),
    "dissatisfied": (20, 30, 50),
}
_FACTOR_KEYS = ("access", "procedure", "civil_servant", "result", "feedback")


def _weak(agency: AgencySeed) -> bool:
    district = agency.code if agency.level == "district" else (agency.parent_code or "")
    return district == f"000.00.{WEAK_DISTRICT:02d}.H59"


def _history_rating(
    rng: random.Random, agency: AgencySeed, p: ProcedureSeed, late: bool, returned: datetime, t: float, now: datetime
) -> dict[str, Any] | None:
    """A rating for a returned history dossier (about 45% are rated), or None."""
    if rng.random() >= 0.45:
        return None
    good = 0.72 + 0.16 * t - (0.15 if _weak(agency) else 0.0) - (0.3 if late else 0.0)
    level = ("very_satisfied" if rng.random() < 0.55 else "satisfied") if rng.random() < good else "dissatisfied"
    created = returned + timedelta(minutes=rng.randint(10, 2 * 24 * 60))
    if created > now - timedelta(minutes=5):
        return None
    answers: dict[str, str] = {}
    if rng.random() < 0.6:
        for key in _FACTOR_KEYS[: rng.choices((5, 3, 1), (60, 20, 20))[0]]:
            answer = rng.choices(("good", "fair", "poor"), _ANSWER_WEIGHTS[level])[0]
            answers[key] = "poor" if key == "result" and late and level == "dissatisfied" else answer
    reason = rng.choice(REASONS[1:2] if late else REASONS) if level == "dissatisfied" else ""
    return {
        "platform": "zalo" if rng.random() < 0.7 else "messenger",
        "agency_code": agency.code,
        "agency_name": agency.name,
        "procedure_code": p.code,
        "procedure_name": p.name,
        "level": level,
        "reason": reason,
        "answers": answers,
        "created_at": created.replace(microsecond=0),
    }


def demo_history(now: datetime) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, Any]]]:
    """Twelve months of returned dossiers before `now` (codes ending 5001 and up) and the ratings of some of
    them, by dossier code: satisfaction improves over the year, Trà Cú lags, the online share grows."""
    now = now.astimezone(UTC).replace(microsecond=0)
    rng = random.Random(RNG_SEED + 1)
    clock = _Clock(now, rng)
    agencies = agency_seeds()
    by_code = {a.code: a for a in agencies}
    by_level: dict[str, list[AgencySeed]] = defaultdict(list)
    for a in agencies:
        by_level[a.level].append(a)
    usable = [p for p in PROCEDURES if p.weight > 0]
    first = clock.today - timedelta(days=HISTORY_MONTHS_DAYS)
    dossiers: dict[str, dict[str, Any]] = {}
    ratings: dict[str, dict[str, Any]] = {}
    seq: dict[tuple[str, str], int] = defaultdict(lambda: HISTORY_SEQ_START - 1)
    day = first
    while day < clock.today:
        t = (day - first).days / HISTORY_MONTHS_DAYS
        for _ in range(HISTORY_PER_WORKDAY if _is_workday(day) else 0):
            p = rng.choices(usable, [q.weight for q in usable])[0]
            if p.level == "province":
                agency = by_code[p.agency]
            elif p.level == "commune" and rng.random() < 0.2:
                agency = by_code[CODE_TANAN]
            else:
                agency = rng.choice(by_level[p.level])
            received = clock.moment(day) or vn_at(day, 8)
            due_d = add_workdays(day, p.days or 1)
            late = rng.random() < (0.25 if _weak(agency) else 0.1)
            finish_d = add_workdays(due_d, rng.randint(1, 5)) if late else add_workdays(day, rng.randint(0, p.days))
            finished = clock.moment(finish_d, after=received) or received + timedelta(minutes=40)
            returned = clock.moment(add_workdays(finish_d, rng.randint(0, 2)), after=finished)
            returned = returned or finished + timedelta(minutes=30)
            if returned > now - timedelta(hours=1):
                continue
            key = (agency.code, day.strftime("%y%m%d"))
            seq[key] += 1
            code = f"{agency.code}-{key[1]}-{seq[key]:04d}"
            dossiers[code] = {
                "procedure_code": p.code, "procedure_name": p.name, "agency_code": agency.code,
                "agency_name": agency.name, "status": 10, "received_at": received, "due_at": clock.due(due_d),
                "finished_at": finished, "returned_at": returned, "current_step": CLOSED_STEP[10],
                "applicant_name": _name(rng), "applicant_phone": _phone(rng), "national_code": None,
                "channel": _channel(code, 0.3 + 0.2 * t),
            }
            rating = _history_rating(rng, agency, p, late, returned, t, now)
            if rating is not None:
                ratings[code] = rating
        day += timedelta(days=1)
    return dossiers, ratings


# ------------------------------------------------------------------- unanswered questions and usage

UNANSWERED = (
    ("giá vé xe buýt đi Cần Thơ bao nhiêu", 4),
    ("gia ve xe buyt di can tho bao nhieu", 3),
    ("làm căn cước cho con dưới 6 tuổi cần mang gì", 5),
    ("lam can cuoc cho con duoi 6 tuoi can gi", 2),
    ("ubnd xã có làm việc sáng thứ bảy không", 4),
    ("thứ 7 xã có làm việc không ạ", 2),
    ("đóng tiền phạt vi phạm giao thông ở đâu", 3),
    ("số tôi [số điện thoại] sao chưa nhận được tin nhắn", 1),
    ("xin mẫu đơn xác nhận hộ nghèo", 2),
)
"""Demo messages the bot could not answer, already masked, with how often each was sent."""


def demo_unanswered(now: datetime) -> list[tuple[str, str, datetime]]:
    """(platform, masked text, when) of the demo's unanswered questions, over the last four weeks."""
    rng = random.Random(RNG_SEED + 2)
    out: list[tuple[str, str, datetime]] = []
    for text, n in UNANSWERED:
        for _ in range(n):
            when = now - timedelta(days=rng.randint(0, 27), minutes=rng.randint(5, 600))
            out.append(("zalo" if rng.random() < 0.7 else "messenger", text, when.replace(microsecond=0)))
    return out


def demo_usage(now: datetime) -> list[tuple[date, str, str, int]]:
    """(day, platform, metric, count) for every day of the twelve months before `now`: the chatbot's own use."""
    rng = random.Random(RNG_SEED + 3)
    today = now.astimezone(VN).date()
    out: list[tuple[date, str, str, int]] = []
    for back in range(HISTORY_MONTHS_DAYS, 0, -1):
        day = today - timedelta(days=back)
        growth = 1 + (HISTORY_MONTHS_DAYS - back) / HISTORY_MONTHS_DAYS
        for platform, share in (("zalo", 0.7), ("messenger", 0.3)):
            busy = (1.0 if _is_workday(day) else 0.35) * share * growth
            lookups = int(rng.randint(50, 90) * busy)
            out += [
                (day, platform, "lookups", lookups),
                (day, platform, "people", int(lookups * rng.uniform(0.6, 0.8))),
                (day, platform, "subscriptions", int(lookups * rng.uniform(0.05, 0.12))),
                (day, platform, "notices_sent", int(lookups * rng.uniform(0.15, 0.25))),
                (day, platform, "notices_refused", int(lookups * rng.uniform(0.0, 0.03))),
                (day, platform, "handovers", int(lookups * rng.uniform(0.0, 0.04))),
            ]
    return out


# ----------------------------------------------------------------------------------- seed

def _anchor(s: Session, now: datetime) -> datetime:
    """The moment of the first seeding (kept in the fixed dossiers' created_at), else now."""
    first = s.scalar(select(func.min(Dossier.created_at)).where(Dossier.code.in_(list(DEMO_CODES.values()))))
    return (first or now).astimezone(UTC).replace(microsecond=0)


def seed_demo(rt: Runtime) -> dict[str, int]:
    """Load the demo province (idempotent: existing rows are left untouched); counts of demo rows."""
    agencies = agency_seeds()
    added: dict[str, int] = defaultdict(int)
    with rt.db.session() as s:
        have = set(s.scalars(select(Agency.code)))
        for a in agencies:  # parents come first; flushing one by one keeps the foreign key happy
            if a.code not in have:
                s.add(Agency(code=a.code, name=a.name, parent_code=a.parent_code, level=a.level,
                             address=a.address, hotline=a.hotline))
                s.flush()
                added["agencies"] += 1

        have = set(s.scalars(select(Procedure.code)))
        for p in PROCEDURES:
            if p.code not in have:
                s.add(Procedure(code=p.code, name=p.name, field=p.field, documents="\n".join(p.documents),
                                fee=p.fee, duration=p.duration, where=p.where, url=p.url, keywords=p.keywords))
                added["procedures"] += 1

        anchor = _anchor(s, rt.now())
        dossiers = demo_dossiers(anchor)
        history, ratings = demo_history(anchor)
        have = set(s.scalars(select(Dossier.code)))
        new = [{"code": code, "created_at": anchor, "updated_at": anchor, **data}
               for code, data in {**dossiers, **history}.items() if code not in have]
        if new:  # one executemany, not thousands of ORM objects
            s.execute(insert(Dossier), new)
        added["dossiers"] += len(new)
        have = set(s.scalars(select(Rating.dossier_key)))
        key = rt.settings.rating_key
        keyed = {dossier_key(key, code): code for code in ratings}
        new = [
            {"dossier_key": k, "finished_on": history[code]["finished_at"].astimezone(VN).date(), **ratings[code]}
            for k, code in keyed.items()
            if k not in have
        ]
        if new:
            s.execute(insert(Rating), new)
        added["ratings"] += len(new)

        questions = demo_unanswered(rt.now())
        have = set(s.scalars(select(UnansweredQuestion.text)))
        for platform, text, when in questions:
            if text not in have:
                s.add(UnansweredQuestion(platform=platform, text=text, folded=folded(text), created_at=when))
                added["unanswered questions"] += 1
        have_usage = set(s.execute(select(UsageCount.day, UsageCount.platform, UsageCount.metric)).tuples())
        new = [{"day": day, "platform": platform, "metric": metric, "count": n}
               for day, platform, metric, n in demo_usage(anchor) if (day, platform, metric) not in have_usage]
        if new:
            s.execute(insert(UsageCount), new)
        added["usage counts"] += len(new)

        accounts = ((DEMO_OFFICIAL, "admin", None), (DEMO_OFFICIAL_TANAN, "official", CODE_TANAN))
        have = set(s.scalars(select(Official.username)))
        for (username, password), role, agency in accounts:
            if username not in have:
                s.add(Official(username=username, password_hash=hash_password(password), role=role,
                               agency_code=agency))
                added["officials"] += 1

    counts = {"agencies": len(agencies), "procedures": len(PROCEDURES), "dossiers": len(dossiers),
              "history dossiers": len(history), "ratings": len(ratings), "officials": len(accounts)}
    log.info("demo data: %s present, %s added", counts, dict(added))
    return counts
