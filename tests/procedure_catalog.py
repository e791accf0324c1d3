"""The procedure catalog the tests search: twelve real procedures, their codes, and a CSV of good and bad rows."""

from __future__ import annotations

from bot.records.models import Procedure
from bot.records.procedures import search
from bot.runtime import Runtime

DVC = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc="

# code -> (name, keywords, documents, fee, duration, where, online)
CATALOG: dict[str, tuple[str, str, tuple[str, ...], str, str, str, bool]] = {
    "1.001193": (
        "Đăng ký khai sinh",
        "khai sinh, giay khai sinh, lam giay khai sinh, dang ky khai sinh, lam khai sinh cho con, be moi sinh",
        (
            "Tờ khai đăng ký khai sinh theo mẫu",
            "Giấy chứng sinh (bản chính)",
            "Giấy tờ tùy thân của người đi đăng ký để xuất trình",
        ),
        "Miễn lệ phí khi đăng ký đúng hạn",
        "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú của cha hoặc mẹ",
        True,
    ),
    "1.004884": (
        "Đăng ký lại khai sinh",
        "dang ky lai khai sinh, lam lai giay khai sinh, khai sinh lai, mat so goc khai sinh",
        ("Tờ khai đăng ký lại khai sinh theo mẫu", "Bản sao giấy tờ có thông tin khai sinh trước đây (nếu có)"),
        "Theo mức thu do HĐND tỉnh quy định",
        "05 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú",
        True,
    ),
    "1.000894": (
        "Đăng ký kết hôn",
        "ket hon, dang ky ket hon, giay ket hon, cuoi, lay vo, lay chong",
        ("Tờ khai đăng ký kết hôn theo mẫu", "Giấy tờ tùy thân của hai bên để xuất trình"),
        "Miễn lệ phí",
        "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã nơi cư trú của một trong hai bên",
        True,
    ),
    "1.000656": (
        "Đăng ký khai tử",
        "khai tu, giay khai tu, bao tu, giay bao tu, nguoi mat, qua doi",
        ("Tờ khai đăng ký khai tử theo mẫu", "Giấy báo tử"),
        "Miễn lệ phí khi đăng ký đúng hạn",
        "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã",
        True,
    ),
    "1.000010": (
        "Cấp đổi giấy phép lái xe",
        "bang lai, giay phep lai xe, doi bang lai, doi bang lai xe, gplx, bang lai het han",
        (
            "Đơn đề nghị đổi giấy phép lái xe theo mẫu",
            "Bản sao giấy phép lái xe cần đổi",
            "Giấy khám sức khỏe của người lái xe (trừ hạng A1, A2, A3)",
            "Bản sao căn cước công dân",
        ),
        "135.000 đồng/lần",
        "05 ngày làm việc",
        "Bộ phận Một cửa Sở Giao thông vận tải",
        True,
    ),
    "2.000488": (
        "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam",
        "ly lich tu phap, lltp, phieu ly lich tu phap, lam ly lich tu phap, xin ly lich tu phap",
        ("Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu", "Bản chụp căn cước công dân hoặc hộ chiếu"),
        "200.000 đồng/lần/người; sinh viên, người có công với cách mạng 100.000 đồng",
        "10 ngày",
        "Bộ phận Một cửa Sở Tư pháp",
        True,
    ),
    "2.001610": (
        "Đăng ký thành lập doanh nghiệp tư nhân",
        "thanh lap doanh nghiep, mo cong ty, doanh nghiep tu nhan, dang ky doanh nghiep, lap cong ty",
        ("Giấy đề nghị đăng ký doanh nghiệp theo mẫu", "Bản sao giấy tờ pháp lý của chủ doanh nghiệp"),
        "50.000 đồng/lần (miễn khi đăng ký qua mạng)",
        "03 ngày làm việc",
        "Phòng Đăng ký kinh doanh - Sở Tài chính",
        True,
    ),
    "1.001612": (
        "Đăng ký thành lập hộ kinh doanh",
        "ho kinh doanh, giay phep kinh doanh, dang ky kinh doanh, mo tiem, mo quan, buon ban",
        ("Giấy đề nghị đăng ký hộ kinh doanh theo mẫu", "Bản sao căn cước công dân của chủ hộ kinh doanh"),
        "Theo mức thu do HĐND tỉnh quy định",
        "03 ngày làm việc",
        "Bộ phận Một cửa UBND cấp huyện",
        True,
    ),
    "1.009122": (
        "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ",
        "giay phep xay dung, xin phep xay nha, xay nha, gpxd, sua nha",
        (
            "Đơn đề nghị cấp giấy phép xây dựng theo mẫu",
            "Bản sao giấy tờ chứng minh quyền sử dụng đất",
            "Hai bộ bản vẽ thiết kế xây dựng",
        ),
        "Theo mức thu do HĐND tỉnh quy định",
        "15 ngày",
        "Bộ phận Một cửa UBND cấp huyện",
        True,
    ),
    "2.000815": (
        "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp",
        "chung thuc, sao y, cong chung, photo cong chung, chung thuc ban sao, sao y ban chinh",
        ("Bản chính giấy tờ, văn bản cần chứng thực", "Bản sao cần chứng thực"),
        "2.000 đồng/trang; từ trang thứ ba trở đi 1.000 đồng/trang",
        "Trong ngày",
        "Bộ phận Một cửa UBND cấp xã hoặc Phòng Tư pháp cấp huyện",
        False,
    ),
    "1.001255": (
        "Cấp thẻ căn cước",
        "can cuoc, can cuoc cong dan, the can cuoc, lam can cuoc, chung minh nhan dan, cmnd",
        ("Tờ khai căn cước (nếu thông tin thay đổi)",),
        "Miễn phí lần đầu từ đủ 14 tuổi; cấp đổi 30.000 đồng",
        "07 ngày làm việc",
        "Công an cấp huyện",
        True,
    ),
    "1.000494": (
        "Trợ cấp xã hội hàng tháng cho người cao tuổi",
        "tro cap nguoi gia, tro cap nguoi cao tuoi, tien nguoi gia, luong nguoi gia, nguoi cao tuoi",
        ("Tờ khai đề nghị trợ giúp xã hội theo mẫu", "Bản sao căn cước công dân của người cao tuổi"),
        "Miễn phí",
        "Không quá 20 ngày làm việc",
        "Bộ phận Một cửa UBND cấp xã",
        True,
    ),
}


KHAI_SINH, LAI_KHAI_SINH, KET_HON, KHAI_TU = "1.001193", "1.004884", "1.000894", "1.000656"
GPLX, LLTP, DOANH_NGHIEP, HO_KINH_DOANH = "1.000010", "2.000488", "2.001610", "1.001612"
GPXD, CHUNG_THUC, CAN_CUOC, NGUOI_CAO_TUOI = "1.009122", "2.000815", "1.001255", "1.000494"


def add_procedure(rt: Runtime, code: str, **fields: str) -> None:
    """Insert or replace one catalog row."""
    with rt.db.session() as s:
        proc = s.get(Procedure, code) or Procedure(code=code)
        for key, value in fields.items():
            setattr(proc, key, value)
        s.add(proc)


def codes(rt: Runtime, query: str) -> list[str]:
    """The codes a catalog search finds, best first."""
    with rt.db.session() as s:
        return [p.code for p in search(s, query)]


GOOD_AND_BAD = (
    "code,name,field,documents,fee,duration,where,url,keywords\n"
    '1.001193,Đăng ký khai sinh,Hộ tịch,"Tờ khai đăng ký khai sinh; Giấy chứng sinh",Miễn lệ phí,Trong ngày,'
    'UBND cấp xã,https://dichvucong.gov.vn/x?ma=1.001193,"Khai sinh, giấy khai sinh"\n'
    '2.000815,Chứng thực bản sao,Chứng thực,"- Bản chính giấy tờ\n- Bản sao cần chứng thực; nếu có",'
    "2.000 đồng/trang,Trong ngày,UBND cấp xã,,sao y|chứng thực\n"
    ",Không có mã,,,,,,,\n"
    "1.000894,,Hộ tịch,,,,,,\n"
    "\n"
    "1.000010,Cấp đổi giấy phép lái xe,Đường bộ,,135.000 đồng,05 ngày,Sở GTVT,dichvucong.gov.vn,bang lai\n"
    "1.000656,Đăng ký khai tử,Hộ tịch\n"
    "1.001193,Đăng ký khai sinh (lặp),Hộ tịch,,,,,,\n"
    "2.000488,Cấp Phiếu lý lịch tư pháp,Lý lịch tư pháp,Tờ khai,200.000 đồng,10 ngày,Sở Tư pháp,,lltp\n"
)
