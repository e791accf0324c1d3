"""Other organisations' business: what a message is about when it names a service the one-stop-shop does not
run (electricity, water, banks, hospitals, parcels, exams, phone top-ups ...).

A topic is a finding, not an intent: "đăng ký kinh doanh quán cà phê" is still a procedure. The model weighs it
with the rest, a rule's certainty yields to it (a rating of a shop is no rating of the service), and the
conversation names it when it says what the bot cannot help with.
"""

from __future__ import annotations

import re
from enum import StrEnum

from bot.nlu.guarded import Family, Guarded, guarded


class Topic(StrEnum):
    """Services of other organisations that people ask the one-stop-shop's bot about."""

    ELECTRICITY = "electricity"
    WATER = "water"
    BANK = "bank"
    HEALTH = "health"
    PARCEL = "parcel"
    EXAM = "exam"
    PHONE = "phone"
    SHOP = "shop"
    TRAVEL = "travel"
    MEDIA = "media"
    NEWS = "news"
    JOB = "job"
    TAX = "tax"
    CHAT = "chat"
    OTHER = "other"


# the user's own work ("tôi đang bán hàng", "tui đi giao hàng"): no business asked about
_MINE = "".join(
    rf"(?<!\b{who} {doing} )" for who in ("toi", "tui", "em", "minh", "anh", "chi") for doing in ("dang", "di")
)
# bodies with papers of their own: the chamber of commerce's certificate of origin, customs; the mass organisations
_CERTIFYING = r"vcci|phong thuong mai|c o (?:so|form|mau)|chung nhan xuat xu|hai quan"
_MASS_ORGANISATIONS = r"hoi phu nu|hoi nong dan|hoi cuu chien binh|doan thanh nien"
# Folded, normalised words (see spelling.normalised_words). Order matters only when two topics meet.
# fmt: off
_TOPICS: tuple[tuple[Topic, str], ...] = (
    (Topic.ELECTRICITY,
     r"\b(?:tien dien|hoa don (?:tien )?dien|cup dien|cat dien|mat dien|dien luc|evn|evnspc|cong to(?: dien)?|"
     r"dong ho dien|so dien(?! thoai)|chi so dien|electricity|power outage|power bill)\b"),
    (Topic.WATER,
     r"\b(?:tien nuoc|hoa don (?:tien )?nuoc|cup nuoc|mat nuoc|cap nuoc|nuoc sach|dong ho nuoc|water bill|"
     r"nuoc may|cty nuoc|cong ty nuoc|cong ty cap nuoc)\b"),
    (Topic.BANK,
     r"\b(?:ngan hang|chuyen khoan|chuyen tien|so tai khoan|tai khoan ngan hang|the atm|atm|rut tien|nap tien vao|"
     r"sao ke|ma giao dich|khoa the|the tin dung|tin dung|agribank|vietcombank|vietinbank|bidv|"
     r"techcombank|sacombank|mbbank|mb bank|tpbank|vpbank|acb|shb|lienvietpostbank|momo|zalopay|zalo pay|"
     r"vnpay|viettel money|western union|ekyc|bank|banking|bank transfer|vay von ngan hang|tiet kiem ngan hang|"
     r"so phu|sms banking|tat toan(?! bo)|so du|vay von|ngan hang chinh sach|"
     r"vi dien tu|e wallet|ewallet|shopeepay|vnpt pay|ty gia|exchange rate|"
     r"interest rate|lai suat|(?:aud|usd|eur|jpy|krw|vnd|yen|won|dollar|do la|do) (?:to|sang|ra|doi) (?:vnd|usd|aud|"
     r"viet nam dong|tien viet))\b"),
    (Topic.HEALTH,
     r"\b(?:benh vien|phong kham|kham benh|tai kham|nhap vien|xuat vien|benh an|xet nghiem|bac si|nha khoa|"
     r"kham rang|tram y te|tiem chung|tiem vac xin|vaccine|huyet ap|don thuoc|tiem thuoc|nha thuoc|"
     r"hospital|clinic|doctor|dentist|cap cuu|khoa (?:noi|ngoai|san|nhi|cap cuu|hoi suc)|giuong (?:so )?\d+|"
     r"(?:ket qua|kq) (?:xn|sieu am|chup|noi soi)|bv (?:tinh|huyen|da khoa)|bao hiem y te|bhyt|kiem nghiem|"
     r"mau tom|xet nghiem mau|medical records?)\b"),
    (Topic.PARCEL,
     rf"\b(?:don hang|van don|buu gui|buu pham|buu kien|kien hang|{_MINE}giao hang|ship hang|shipper|ship cod|cod|"
     r"shopee|lazada|tiki|tiktok shop|ghtk|giao hang tiet kiem|giao hang nhanh|ghn|viettel post|jt express|"
     r"ninja van|spx|spxvn|best express|dat hang|parcel|package|delivery|tracking (?:number|code|id|no)|order|"
     # freight by sea: a bill of lading, a container, a port
     r"bill (?:tau|hang|of lading)|bill of lading|container|tau container|hang tau|"
     r"cang (?:cat lai|cai mep|sai gon|dinh vu|hai phong|tra vinh|dinh an|can tho)|cat lai|cai mep)\b"),
    (Topic.EXAM,
     # "kết quả thì báo" is no "kết quả thi": an exam is named by what is sat
     r"\b(?:(?<!\bcham )(?<!\bcho )diem thi|"
     r"ket qua (?:ky )?thi (?:tot nghiep|thpt|dai hoc|vao|tuyen|hsg|hoc sinh|ielts|toeic|cong chuc|"
     r"vien chuc|lop|hoc ky|giua ky|cuoi ky|nang khieu|sat hach)|ket qua (?:xet|thi) tuyen|nghi hoc|khoa hoc|"
     r"truong (?:hoc|tieu hoc|thcs|thpt|dai hoc|cao dang|nghe|dan toc|mam non)|"
     r"(?:nha|len|o|cho) truong(?= (?:hoc|con|chau|em|no|day|minh|toi|roi|xin|ve|de|nop|lam|a|nha|ha)\b|$)|"
     r"diem chuan|xet tuyen|trung tuyen|thi tot nghiep|"
     r"tot nghiep thpt|thi thpt|thi dai hoc|thi vao lop|lop 10|hoc bong|scholarships?|hoc phi|hoc ba|nhap hoc|"
     r"ielts|toeic|"
     r"diem ren luyen|bai tap|khoa boi duong|boi duong thuong xuyen|tap huan (?:giao vien|gv)|"
     r"trung tam (?:tieng anh|ngoai ngu|tin hoc|day nghe|luyen thi)|hoc tieng anh|"
     r"thi cong chuc|thi vien chuc|thi hsg|hoc sinh gioi|exam|score|"
     # a university's own services: its student portal, grades, dormitory
     r"ky tuc xa|cong thong tin (?:sinh vien|dao tao|truong)|(?:ma|the|lop|diem) sinh vien|bang diem|"
     r"phong dao tao|rot mon|hoc lai|lop hoc|hoc chu|lop he|hoc he|"
     r"diem (?:hoc ky|hk\d*|mon|tong ket|trung binh|gpa|qua trinh|giua ky|cuoi ky))\b"),
    (Topic.PHONE,
     r"\b(?:nap tien dien thoai|nap (?:card|cac|cad|the|tien)(?: dien thoai| dt)?|the cao|card dien thoai|goi cuoc|"
     r"nha mang|viettel|vinaphone|vina|mobifone|mobi|vietnamobile|4g|5g|3g|data (?:di dong|4g)|"
     r"(?:dang ky |doi )?sim (?:so|chinh chu|4g|5g|data)|top up|topup|recharge)\b"),
    (Topic.SHOP,
     r"\b(?:(?<!\bstop )(?<!\bmot cua )shop|cua hang|tiem(?! chung| vac| thuoc)|"
     r"quan (?:an|com|cafe|ca phe|bun|pho|nhau|nuoc|tra sua|oc|lau|"
     r"nuong|bia|karaoke|net|hu tieu|banh|che|kem|hai san|chay|ruou|mi)|"
     r"(?:danh gia|review|rate|gop y cho) (?:cai )?quan|"
     r"nha hang|sieu thi|cho dem|khach san|homestay|resort|cafe|ca phe|tra sua|gia vang|gia lua|gia heo|gia dua|"
     r"hu tiu|banh canh|com tam|bun bo|bun rieu|mi quang|nem nuong|do an|mon an|thuc uong|banh mi|banh xeo|"
     r"nuoc mia|phan bon|vat tu nong nghiep|thuoc bao ve thuc vat|"
     r"vua (?:phan|lua|gao|trai cay|ca|tom|rau|hai san|dua|mia|phe lieu|ve so|cay giong)|"
     r"(?<!\bkhong )ngon (?:lam|qua|ghe|ba chay|tuyet|het say|re)|"
     r"nha cung cap|ncc|bao bi|(?:com )?can tin|canteen|nail|salon|spa|tiem toc|hot toc|cat toc|barber|"
     r"dien may(?: xanh)?|the gioi di dong|bach hoa xanh|fpt shop|nguyen kim|coopmart|"
     r"winmart|app (?:di cho|mua sam|mua hang|goi do an|giao do an)|"
     r"thung carton|vat tu|(?:con|xe) (?:wave|sh|vision|exciter|winner|dream|air blade)|xe do|"
     r"nha sach|tiem sach|nha thuoc tay|chup anh cuoi|anh cuoi|ao cuoi|studio|honda|yamaha|suzuki|toyota|"
     r"vinfast|phu tung|dai ly xe|gps|giam sat hanh trinh|dinh vi|camera hanh trinh|"
     r"app (?:dat|giao|mua|goi|ban)(?: \w+)?|shopeefood|grabfood|baemin|"
     r"(?<!\bdanh )(?<!\bdinh )(?<!\btham )(?<!\bbinh )(?<!\bdau )(?<!\bdg )"
     r"gia (?:tom|cua|gao|lua|heo|bo(?! phan)|ga|vit|sau rieng|thanh long|thuc an|cam|buoi|xoai|dua|ca tra|ca basa|"
     r"duong cat|bot ngot|dau an|nuoc mam)|"
     # a product reviewed: a pond treatment, a feed, a brand
     r"(?:thuoc|che pham|thuc an) (?:xu ly|tri|diet|thu y|tom|ca|ga|heo|bvtv|bao ve thuc vat|tru sau|ao)|san pham|"
     # an office machine bought or reviewed
     r"may in|may photo|canon|epson|"
     r"gia xoai|ti gia|ty gia|gia ca phe|gia (?:sat|sat thep|thep|xi mang|cat|da xay|gach|vat lieu)|"
     rf"gia phan|bang gia|{_MINE}ban hang|hang gia|bao hanh|"
     # a seller named by what he sells ("ông bán đá ở cảng", "bà bán vé số")
     r"(?:ong|ba|chu|thim|nguoi|sap|quay) ban (?:da|nuoc da|xang|dau|ve so|rau|ca|tom|com|banh|do an)|"
     r"khuyen mai|voucher|restaurant|hotel|store|price|tra gop|dai ly|phan mem|gia xang|xang dau|iphone|samsung|"
     r"(?:pho|noodle|food|coffee|banh mi|bakery) (?:place|shop|stall|joint)|street food|"
     r"(?:ai|cty|cong ty|cho nao|o dau|tiem nao|nguoi nao) ban|ban (?:ca|lua|heo|ga|vit|phan|xe|dat nen|xoai)|"
     r"mua(?: \w+){0,3} (?:o dau|re|gia)|(?<!\bmua )ban (?:nha|can nha|dat|lo dat|mieng dat)|khach mua|hoa hong|"
     r"moi gioi|kenh ban hang|thuong lai|"
     # building materials and their suppliers ("hotline bê tông tươi", "xe bồn", "cát san lấp")
     r"be tong|xi mang|sat thep|vat lieu xay dung|cat san lap|xe bon|"
     # a trader named by what he buys ("chú Sáu lái cá", "cô Ba vựa tôm")
     r"(?:chu|co|anh|chi|ong|ba|bac|di|cau|thim|duong) \w+ lai (?:ca|tom|lua|heo|gao|trai cay|cua|vit|ga|bo|dua)|"
     r"ban (?:dua|trai cay|lua gao|dua xiem)|gia (?:long nhan|chom chom|mang cut|nhan)|"
     # a tradesman named by his trade ("ông thợ may ở chợ", "thợ sửa xe đầu hẻm")
     r"tho (?:may|sua (?:xe|may|dien|nha|ong nuoc|dien thoai|tivi|tu lanh|dong ho)|hot toc|cat toc|uon toc|moc|han|"
     r"son|dien lanh|chup anh|ho|xay)|tiem may)\b"),
    (Topic.TRAVEL,
     r"\b(?:nha xe|xe khach|ve xe|dat ve|ve may bay|chuyen bay|san bay|phuong trang|vietjet|vietnam airlines|"
     r"bamboo|grab|xanh sm|taxi|xe buyt|tour|du lich|flight|bus|ticket|booking|agoda|hang xe|check in|kiem tra in|"
     r"nha nghi|embassy|consulate|dai su quan|lanh su quan|visa|"
     # a foreign country's passport ("renew my US passport", "hộ chiếu Mỹ"): its embassy's, not the office's
     r"(?:renew|renewing|renewal of|replace|apply for|get|gia han|lam lai|cap lai|doi|lam|xin)(?: (?:my|a|the|new|his|"
     r"her|our|con|cho))? (?:(?:us|american|australian|canadian|korean|japanese|french|german|uk|british) passport|"
     r"passport (?:us|uc|canada)|ho chieu (?:my|uc|han|nhat|canada|phap|duc|anh|nuoc ngoai))|"
     # ride-hailing apps and their drivers ("tài xế trên áp Be", "app Grab", "xe ôm công nghệ")
     r"(?:app|ap|ung dung) (?:be|grab|gojek)|be (?:bike|car|food)|gojek|"
     r"tai xe (?:grab|be|gojek|xanh sm|cong nghe|tren (?:app|ap|ung dung))|xe om cong nghe|"
     # a haulier ("công ty xe tải Phúc Lộc chở hàng trễ", "chành xe")
     r"xe tai|(?:cong ty|cty|hang|doanh nghiep|dv|dich vu) (?:xe tai|van tai|van chuyen|chuyen phat)|chanh xe|"
     r"xe cho hang|cho hang (?:tre|cham|tre hen|giao tre|bi be|bi hu|hu|mat))\b"),
    (Topic.MEDIA,
     r"\b(?:facebook|fb|youtube|tiktok|instagram|fanpage|kenh (?:youtube|tiktok|truyen hinh)|group|nhom chat|"
     r"livestream|idol|game|lien quan|app zalo|ung dung zalo|zalo (?:moi )?cap nhat|"
     # an app is another business's, unless it is the public services' own
     r"(?<!\bmay cai )(?<!\bcac )(?<!\bnhung )"
     r"(?:app|ung dung)(?! (?:nay|dich vu cong|dvc|mot cua|cong dich vu|tra cuu ho so|chinh quyen)\b)|"
     r"free fire|garena|netflix|spotify|wifi|mat khau|pass|email marketing|newsletter)\b"),
    (Topic.NEWS,
     r"\b(?:thoi tiet|troi (?:mua|nang|lanh)|mua bao|bao lu|du bao|xo so|(?:mua|ban|do|ket qua) ve so|"
     r"ve so (?:hom nay|online|mien \w+|kien thiet)|vietlott|bong da|da banh|world cup|"
     r"ty so|lich thi dau|tran (?:dau|bong|chung ket|ban ket|tu ket|vn|viet nam|tuyen)|"
     r"link xem (?:lai|truc tiep|bong)|"
     r"weather|lottery|football|con bao (?:so|dang|sap|vua|nay|lon|toi|do)|"
     r"ap thap|so so (?:tra vinh|mien|hom|kien thiet)|"
     r"giai dac biet|ket qua dau gia|dau gia (?:dat|lo dat|tai san|bien so)|ve \d{2,6}(?: \w+){0,2} trung|do ve|"
     r"trung (?:so|giai|ve)|vang (?:len|xuong|tang|giam|sjc|9999|24k)|mua (?:lon|to|dong|giong|dam)|xam nhap man|"
    r"do man|nuoc man|trieu cuong)\b"),
    (Topic.JOB,
     r"\b(?:xin viec|tuyen dung|phong van|viec lam them|part time|cv|hr|luong thang|cham cong|"
     r"tuyen (?:sales|nhan vien|ctv|tho|lao dong|nguoi)|luong \d+ ?(?:tr|trieu|k)|apply (?:for )?(?:a )?job|"
     r"job application|teaching job)\b"),
    (Topic.TAX,
     r"\b(?:ma so thue (?:ca nhan|cua|cty|cong ty|doanh nghiep)|tra cuu ma so thue|"
     r"mst(?: \d+)? (?:con hoat dong|bi khoa|cua cty bi)|to khai thue|thue gtgt|gtgt|"
     r"hoa don (?:gtgt|dien tu|do|ky hieu|so)|hoadondientu|thue dien tu|bao cao thue|misa|phan mem ke toan|"
     r"nguoi nop thue|thue thu nhap|hach toan|tt200|tt133|thong tu 200|thong tu 133|tai khoan \d{3,4}|"
     r"but toan|ke toan|thue tncn|tncn|etax|bien lai (?:nop )?thue)\b"),
    (Topic.CHAT,
     # a text to be written for the user ("soạn giúp em mẫu thông báo họp phụ huynh")
     r"\b(?:soan (?:giup|dum|ho|cho|gium)|(?:viet|soan)(?: \w+){0,2} (?:bai phat bieu|bai van|bai tho|thu moi|"
     r"loi chuc)|"
     r"mau thong bao (?:nghi|hop|moi|tuyen)|hat|ke chuyen|chuyen cuoi|xem boi|giai (?:phuong trinh|toan|bai)|"
     r"lam bai tap|bai van|"
     r"dich (?:giup|dum|ho|cau)|nhan tin cho (?:ghe|nguoi yeu|ban gai|ban trai|ny|crush)|joke|sing|"
     r"(?:co|kiem) (?:nguoi yeu|ny|bo|vo|chong|ban gai|ban trai)(?: chua)?|hen ho(?! so)|ghep doi|"
     r"tim (?:nguoi yeu|ny|ban gai|ban trai))\b"),
    (Topic.OTHER,
     r"\b(?:so huu|phat nguoi|vi pham giao thong|boi thuong bao hiem|"
     r"bao hiem (?:xe|o to|nhan tho|nhan than|du lich|tai nan)|prudential|manulife|bao viet|"
     r"trom|an trom|mat cap|cong an(?! (?:xa|phuong|huyen|tinh|thi tran))|danh nhau|"
     r"hoi cho (?:nong san|thuong mai|viec lam|trien lam)|"
     r"muasamcong|goi thau|(?:van phong )?cong chung tu(?: nhan)?|du thau|luong huu|pension|nenkin|chi tra luong|"
     r"excel|google sheet|ham excel|file excel|"
     # another body's certificate: a certificate of origin from the chamber of commerce, customs
     rf"{_CERTIFYING}|to khai hai quan|"
     # the mass organisations' own business ("hội phụ nữ xã cho vay vốn")
     rf"{_MASS_ORGANISATIONS}|hoi khuyen hoc|quy khuyen hoc|"
     # the border guard's posts and the port's board (a boat's papers to put out to sea are theirs)
     r"bien phong|ban quan ly (?:cho|cang|khu cong nghiep|kcn|chung cu|ben xe)|kiem ngu|"
     # a funeral service (the funeral allowance, "trợ cấp mai táng", is the office's)
     r"(?:co so|dich vu|nha) tang le|dich vu mai tang|xe tang|quan tai|"
     # a charity's gift, by a pagoda, a church or a benefactor ("chùa phát gạo từ thiện")
     r"tu thien|nha hao tam|manh thuong quan|(?:chua|nha tho|nha chua) (?:phat|tang|cho) (?:gao|qua|com|tien)|"
     # another body's own phone ("hợp tác xã nông nghiệp Hòa Tân số điện thoại là số mấy")
     r"(?:hop tac xa|htx)(?: \w+){0,5} (?:so dien thoai|sdt|so may|hotline|zalo)|"
     r"(?:so dien thoai|sdt|hotline|so may|lien he|lien lac)(?: (?:cua|ben|voi))? (?:hop tac xa|htx)|"
     # the irrigation works: when the canal's sluice lets water in or out
     r"thuy loi|xa nuoc|lay nuoc vo|cong (?:ngan man|thuy loi|dap)|nao vet kenh|lich bom nuoc|"
     r"cong thuc excel)\b"),
)
# fmt: on
_TOPIC_RES: tuple[tuple[Topic, Guarded], ...] = tuple((t, guarded(p)) for t, p in _TOPICS)
_TOPIC_FAMILY = Family([p for _, p in _TOPIC_RES])
# "sổ đỏ", not "số đó đi" ("cho cô số đó đi": that number)
_RED_BOOK = r"so do(?! di\b)"
# a file that is the office's, not another body's ("hồ sơ bệnh án", "hồ sơ vay vốn", "hồ sơ xin việc")
_OFFICE_FILE = (
    r"ho so(?! (?:benh an|suc khoe|xin viec|vay (?:von|tien|ngan hang|cua|mua|tin chap|the chap|uu dai)|du tuyen|"
    r"nhap hoc|kham|bao hiem nhan tho|thau|du thau|tuyen dung|"
    r"nhan vien|ung tuyen|du hoc)\b)"
)
# a state scheme's support for a loan ("ngư dân được hỗ trợ vay vốn đóng tàu"), not a lender's advertisement ("hỗ trợ
# vay vốn nhanh, giải ngân trong ngày")
_STATE_LOAN = r"(?:duoc|chinh sach|che do|goi) ho tro (?:vay von|lai suat)"
# the one-stop-shop's own words: a message that names them is about the office even when it names a topic too
_OFFICE = guarded(
    r"\b(?:mot cua|uy ban|ubnd|dich vu cong|hanh chinh|can bo|giay phep|dang ky kinh doanh|ho kinh doanh|"
    r"kinh doanh|chung thuc|khai sinh|dat dai|le phi|nop phi|trich luc|giay chung nhan(?! xuat xu)|xac nhan|cap phep|"
    rf"the chap|ket hon|cu tru|thuong tru|tam tru|lich tu phap|zalo|{_RED_BOOK}|"
    r"(?:tren|qua) (?:facebook|fb|messenger)|chuyen vien|"
    r"tro cap|bao tro xa hoi|nguoi cao tuoi|bao hiem xa hoi|bhxh|so bao hiem|can cuoc|cccd|cmnd|chung minh nhan dan|"
    r"so (?:y te|tu phap|xay dung|tai nguyen|ke hoach|giao thong|lao dong|noi vu|cong thuong|nong nghiep|van hoa|"
    r"giao duc|tai chinh)|"
    r"business (?:license|licence|registration)|(?:work|building|construction) permit|birth certificate|"
    r"marriage (?:certificate|registration)|residence (?:card|registration)|land (?:title|certificate|use)|"
    r"one stop|administrative procedure|paperwork|(?:the )?office (?:open|opens|close|closes|hours)|opening hours|"
    r"(?:dang ky|thong bao) (?:chuong trinh )?khuyen mai|khai tu|giay bao tu|"
    # a health insurance card issued or renewed is the office's; its use at a hospital is not
    r"(?:cap|cap lai|lam|lam lai|gia han|doi)(?: \w+)? (?:the )?(?:bhyt|bao hiem y te)|"
    rf"{_STATE_LOAN}|"
    # a vehicle's papers ("sang tên xe", "muốn đứng tên mình", "cà vẹt")
    r"sang ten|dung ten (?:xe|nha|dat|so|minh|toi|tui|em|chu|cho)|dang ky xe|ca vet|cavet|phu hieu)\b"
)
# words every body's paperwork shares: a file, a procedure, the commune as a body's level; the office's unless a body
# that keeps files of its own is named ("hồ sơ vay ... ở ngân hàng", "làm C/O ... nộp hồ sơ ở đâu", "học bổng khuyến
# học của xã")
_OFFICE_PLAIN = guarded(
    rf"\b(?:{_OFFICE_FILE}|thu tuc|(?:cua|ben|tren|len|ra|toi|xuong) (?:phuong|xa|huyen|thi tran))\b"
)
_OWN_FILES = guarded(
    rf"\b(?:ngan hang|{_CERTIFYING}|{_MASS_ORGANISATIONS}|(?:hoi )?khuyen hoc|cong ty tai chinh|fe credit|"
    r"home credit)\b"
)


def topic_of(words: str) -> Topic | None:
    """The first other organisation's service (in the order above) a message names, if any."""
    first = _TOPIC_FAMILY.first(words)
    return None if first is None else _TOPIC_RES[first][0]


def names_the_office(words: str) -> bool:
    """The message names the one-stop-shop, an administrative unit, a dossier or a procedure (a file, a procedure or
    the commune unless another body that keeps files is named)."""
    if _OFFICE.search(words) is not None:
        return True
    return _OFFICE_PLAIN.search(words) is not None and _OWN_FILES.search(words) is None


# the first score said ("5 sao", "9 10" for "9/10"), else the first score or level word (a plain search: which one
# matters)
_SCORE = re.compile(r"\b(?:\d+|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi) (?:sao|xao|stars?|diem|10|5)\b")
_SCORE_WORD = re.compile(r"\b(?:sao|xao|stars?|diem|hai long|vua long|ung y|bang long|satisfied)\b")
# the office named as what is scored: a dossier, a procedure, the counter, its staff
_SCORED_OFFICE = re.compile(
    r"\b(?:ho so|mot cua|uy ban|ubnd|can bo|chuyen vien|thu tuc|giay to|khai sinh|ket hon|giay phep|cap phep|"
    r"chung thuc|dich vu cong|bo phan (?:mot cua|tiep nhan|tiep dan))\b"
)
# the office's staff or counter named, whom a level with no score is about ("cán bộ tiếp nhận hồ sơ vay vốn nói chuyện
# cộc quá, tôi thất vọng"); not another body's officer ("cán bộ tín dụng")
_OFFICE_STAFF = re.compile(
    r"\b(?:can bo (?:tiep nhan|mot cua|xa|phuong|huyen|uy ban|ubnd|tu phap|dia chinh)|bo phan (?:mot cua|tiep nhan)|"
    r"mot cua|uy ban|ubnd)\b"
)
# the office named as where another business stands ("quán cơm trước cổng UBND"): no office of the score
_BESIDE = re.compile(r"\b(?:truoc|gan|canh|doi dien|sau lung|ke ben|sat)(?: cong)?(?: (?:ben|ngay))? $")


def rated_elsewhere(words: str) -> bool:
    """A score or level given to another business: one named before it, after the office was last named ("quán cơm
    trước UBND ... 1 sao"), or as whom it is given to ("5 sao cho quán phở"), not one named later in passing ("5
    sao, còn mua vé số ủng hộ") nor after the office ("9/10 cho khâu cấp phép homestay")."""
    score = _SCORE.search(words) or _SCORE_WORD.search(words)
    if score is None:  # a level in words ("thất vọng"): another business's, unless the office's staff are named
        return topic_of(words) is not None and _OFFICE_STAFF.search(words) is None
    before = words[: score.start()]
    for m in _SCORED_OFFICE.finditer(before):
        if not _BESIDE.search(before, 0, m.start()):
            before = words[m.end() : score.start()]
    after = " ".join(words[score.end() :].split()[:5])
    to = after.startswith(("cho ", "voi ", "vs ", "ve ", "cua ", "cai "))  # "1 sao cái app đặt xe": what is scored
    if to and (office := _SCORED_OFFICE.search(after)):
        after = after[: office.start()]
    return topic_of(before) is not None or (to and topic_of(after) is not None)


# the office named beyond doubt: a dossier, a procedure's papers, the one-stop counter or its staff
_OFFICE_SURE = guarded(
    rf"\b(?:{_OFFICE_FILE}|mot cua|uy ban|ubnd|can bo|chuyen vien|thu tuc|{_RED_BOOK}|so hong|giay to|khai sinh|"
    r"ket hon|giay phep|chung thuc|lich tu phap|trich luc|dich vu cong|(?:dang ky|thong bao) (?:chuong trinh )?"
    rf"khuyen mai|{_STATE_LOAN})\b"
)


# a bank's transfer notice pasted whole: its amount beside its reference ("mã giao dịch FT... số tiền 12.500.000 VND")
_TRANSFER = guarded(
    r"\b(?:ma giao dich|so tien|so du|so tham chieu)\b(?: \w+){0,12} (?:vnd|dong)\b"
    r"|\bvnd\b(?: \w+){0,12} (?:ma giao dich|so du|so tham chieu)\b"
)


def pasted_transfer(words: str) -> bool:
    """A bank transfer's notice: another body's business even when its memo names a procedure."""
    return _TRANSFER.search(words) is not None


def surely_the_office(words: str) -> bool:
    """The message names the office beyond doubt (a spam word inside it is no spam)."""
    return _OFFICE_SURE.search(words) is not None
