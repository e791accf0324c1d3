"""The intent rules: keyword families over normalised words and their documented precedence (see the package
docstring), and the rating levels a message states."""

from __future__ import annotations

import re

from bot.nlu.normalise import ME
from bot.nlu.types import Intent, Rating

# ----------------------------------------------------------------- keyword families

_KIN = r"(?:con|vo|chong|me|ba|bo|ong|anh|chi|cha)"
# whose dossier: "hồ sơ (của) tôi", "hồ sơ của mẹ", "hồ sơ con tôi", "hồ sơ công ty"
_MINE = rf"(?:{ME}|nha (?:toi|minh)|gia dinh|cong ty|doanh nghiep (?:toi|minh)|{_KIN} (?:toi|minh|em))"
_CHANNEL = r"(?:zalo|sms|messenger|mess|facebook|fb|email|dien thoai)"
_SUB_OBJ = r"(?:thong bao|tin nhan|tin|nhac nho|nhac|theo doi|gui tin)"
# words that may sit between a switch verb and what it switches ("tắt hết thông báo", "bật giùm tôi thông báo")
_QUANT = rf"(?: (?:het|tat ca|toan bo|moi|cac|may|cai|nhung|giup|dum|ho|luon|di|{ME}))"

# who sends the notices, when a user names it ("không muốn bot nhắn nữa")
_SENDER = r"(?:bot|chatbot|ban|admin|hethong|trang(?: nay)?|page|ben (?:ban|nay))"

# The user's own data ("thông tin / dữ liệu / tin nhắn của tôi", the own phone of _OWN_PHONE) kept, used or
# shared by the bot, or said to be so; privacy itself. SPEC section 8 has no privacy intent: unknown.
_MY_DATA = (
    r"(?:sdtcuatoi|(?:thong tin|du lieu|tin nhan|cuoc tro chuyen|lich su (?:chat|tro chuyen|tin nhan)|"
    rf"noi dung (?:chat|tin nhan|tro chuyen)|email|dia chi|ten|can cuoc cong dan)(?: ca nhan)?(?: cua)? {ME}|"
    r"(?:thong tin|du lieu) ca nhan)\b"
)
_KEEP = r"(?:luu(?: tru| lai)?|giu(?: lai)?|nho|thu thap|chia se|bao mat|xoa(?: bo)?|tiet lo|lam lo)"
_PRIVACY = (
    rf"\b(?:{_KEEP}|dung|su dung)(?: (?:lai|het|cac|nhung|toan bo|tat ca|moi))* {_MY_DATA}"
    rf"|{_MY_DATA}(?: (?:co|se|bi|da|duoc|dang|khong|con|van|ban|bot|he thong))*"
    rf" (?:{_KEEP}|ban|lo|an toan|rieng tu|(?:su )?dung (?:de|vao|lam|cho)|(?:(?<=duoc )|(?<=bi ))(?:su )?dung)\b"
    r"|\b(?:quyen rieng tu|privacy|chinh sach (?:bao mat|quyen rieng tu|du lieu)|bao mat (?:thong tin|du lieu))\b"
)

_SPAM = (
    r"\b(?:cho vay|vay (?:tien|von|online|nhanh|tin chap|the chap|gap|tieu dung)|khoan vay|giai ngan|"
    r"lai suat|lai thap|phim|ca do|ca cuoc|casino|nha cai|xo so|lo de|danh de|kiem tien|"
    r"viec lam (?:them|online|tai nha)|tuyen (?:ctv|cong tac vien)|khuyen mai|giam gia|sale|gia re|"
    r"dat nen|bat dong san|gia tot|gia soc|thanh ly|ban gap|freeship|"
    r"trung thuong|nhan qua|nhan thuong|bitcoin|crypto|forex|tien ao|sex|game|click|"
    r"inbox|ib)\b"
)

_UNSUB = (
    rf"\b(?:huy|tat|ngung|dung|ngat|chan|go|(?<!\bcan )bo){_QUANT}{{0,2}}(?: dang ky| viec| che do)?"
    rf"(?: nhan| gui| nhan tin)?{_QUANT}{{0,2}} {_SUB_OBJ}\b"
    r"|\b(?:huy|bo) dang ky(?= (?:nhan|theo doi|thong bao|tin)\b|(?: (?:di|nhe|nha|a|giup|ho|voi|"
    r"minh|toi|em|admin))*$)"
    r"|\b(?:khong|dung|thoi|khoi|ngung|chang)(?: (?:muon|can|phai|nen|cho|de|hay))*"
    rf"(?: {_SENDER})? (?:nhan|gui|bao|thong bao|theo doi|lam phien|spam|nhac|lien lac|nhan tin)\b"
    r"(?! duoc| gio| nhieu| lau)(?: \w+){0,5} nua\b"
    r"|(?<!\bsao )\b(?:khong|dung|ngung)(?: (?:muon|can|thich))? (?:nhan|gui) (?:thong bao|tin nhan|tin)\b(?! duoc)"
    r"|\b(?:unsubscribe|unsub|stop|block)\b|\bdung (?:lam phien|spam)\b"
    r"|\b(?:tin nhan|thong bao)(?: \w+){0,4} (?:tat|ngung|chan)\b"
)

# rating: a level word, negated, intensified or plain
_LEVEL = r"(?:hai long|vua long|ung y)"
RATING_NEG = re.compile(
    r"\b(?:khong|chua|chang|cha|it)(?: (?:duoc|thay|cam thay|co|may|lam|qua|he|hoan toan|thuc su|"
    rf"that su|that|la|con|thuc|su)){{0,3}} {_LEVEL}\b"
    r"|\b(?:that vong|bat man|bat binh)\b"
    r"|\b(?:phuc vu|thai do|chat luong|lam viec)(?: \w+)? (?:(?:rat|qua|that|hoi|kha) )?(?:kem|te|chua tot|khong tot)\b"
)
RATING_VERY = re.compile(
    # "kết quả hài lòng" is no "quá hài lòng"
    r"\b(?:rat|cuc ky|cuc ki|vo cung|het suc|hoan toan|sieu|tuyet doi|(?<!\bket )qua|that su|thuc su|"
    r"(?<!\bket )qua la)"
    rf"(?: (?:la|chi|rat|chi la|su|that|ra|luon)){{0,2}} {_LEVEL}\b"
    rf"|\b{_LEVEL} (?:lam|qua|cuc ky|cuc ki|vo cung|het suc|tuyet doi|100|hoan toan|het muc|het y)\b"
)
_RATING_ANY = re.compile(rf"\b{_LEVEL}\b")
# "đánh giá hài lòng", "mức độ hài lòng": the name of the survey, not an answer
RATING_TOPIC = re.compile(
    rf"(?<!\btoi )(?<!\bminh )(?<!\bem )(?<!\bda )\bdanh gia (?:su |muc do )?{_LEVEL}\b"
    rf"|\b(?:muc do|muc|(?<!\bthuc )(?<!\bthat )su|khao sat|chi so|ty le|phieu) {_LEVEL}\b"
)

_RATE = (
    r"\b(?:danh gia|cham diem|cho diem|gop y|y kien|nhan xet|khao sat|binh chon|feedback|review|"
    rf"rate|rating|vote|thai do|{_LEVEL}|chat luong (?:phuc vu|dich vu|giai quyet|tiep dan))\b"
    # feedback about the service itself
    r"|\b(?:can bo|nhan vien|phuc vu|lam viec)(?: \w+){0,2} (?:rat |qua |that |kha |hoi |khong )?"
    r"(?:nhiet tinh|chu dao|than thien|tan tinh|lich su|vui ve|hach dich|cau ky|kho chiu|cham chap|"
    r"thieu ton trong|tac trach|nhung nhieu|chuyen nghiep)\b"
    # praise for the staff ("gửi lời khen", "muốn khen cô cán bộ"); "khen thưởng" is a procedure
    r"|\b(?:loi khen|khen ngoi)\b|\b(?:muon|xin|gui|nen|phai|de) khen\b(?! thuong)"
    r"|\bkhen (?:can bo|nhan vien|bo phan|anh|chi|co|chu|em|ban)\b"
)

_SUB = (
    r"(?<!\bchua )(?<!\bda )(?<!\bkhong )\bnhan (?:thong bao|tin nhan|tin bao|thong tin cap nhat)\b"
    rf"|\bnhan tin (?:(?:cho |lai (?:cho )?)?{ME} )?(?:khi|neu|luc|ve|bao|nhe|nha)\b"
    r"|\b(?:muon|can|dang ky|duoc|se|xin) nhan tin\b"
    rf"|\b(?:bat|mo|kich hoat|dang ky|cai dat|cai|gui){_QUANT}{{0,2}}"
    r" (?:nhan )?(?:thong bao|tin nhan|tin|theo doi|nhac)\b"
    r"|\btheo doi\b|\bsubscribe\b|\bdang ky nhan\b"
    rf"|\bthong bao (?:(?:cho|giup|lai|ngay|toi) )?{ME}\b"
    rf"|\b(?:bao|nhan|nhan tin|nhac|bao tin|bao lai|gui tin|gui thong bao|bao ket qua)"
    rf"(?: (?:qua )?{_CHANNEL})? (?:(?:cho|lai cho|lai|giup|ngay cho|ngay|ket qua cho|tin cho) )?{ME}\b"
    r"|\b(?:xong|co ket qua|hoan thanh|duoc duyet|co tin)(?: (?:thi|roi))? (?:bao|nhan tin|nhan|thong bao|"
    r"nhac|goi bao)\b(?! gio| nhieu| lau)"
    rf"|\bcap nhat (?:(?:cho|giup) )?{ME}\b"
    # updates asked for as something to receive, or again and again ("muốn được cập nhật tình hình thường xuyên")
    r"|\b(?:muon|xin|mong) duoc cap nhat\b"
    r"|\bcap nhat(?: \w+){0,5} (?:tu dong|lien tuc|thuong xuyen|hang ngay|moi ngay|dinh ky|moi khi)\b"
    r"|\b(?:muon|can|xin|duoc) (?:duoc )?(?:thong bao|bao tin)\b"
    r"|(?<!\bnao )(?<!\bgio )\bbao ket qua\b(?! chua)"
    r"|\b(?:thong bao|bao|nhan tin|nhac)\b(?! gio| nhieu| lau)(?: \w+){0,3} (?:khi|luc|neu)\b"
)

# whom a user asks to reach; "người" alone only without an honorific ("nơi có người hướng dẫn" is no request)
_ROLE = (
    r"(?:can bo|nhan vien|nguoi that|admin|tu van vien|lanh dao|chuyen vien|ai do|bo phan|tong dai vien|tong dai|"
    r"nguoi phu trach|con nguoi|chu tich)"
)
# how a person is addressed before their role ("cô cán bộ", "anh nhân viên", "vị chuyên viên")
_HONORIFIC = r"(?: (?:co|chu|cau|bac|anh|chi|ong|ba|vi|mot|1))"

_CONTACT = (
    r"\b(?:gap|noi chuyen|chat|trao doi|ket noi|chuyen|noi|goi)(?: (?:truc tiep|voi|cho|gap|duoc|toi|den|giup|ho))*"
    rf"(?:{_HONORIFIC}{{0,2}} {_ROLE}|(?: (?:mot|1))? nguoi(?! nha\b))\b"
    r"|\bdia chi\b(?! (?:thuong tru|tam tru|cu tru|nha|ho khau|email))"
    r"|\b(?:lien he|lien lac|hotline|tong dai|so dien thoai|email|goi dien|goi lai|"
    r"khieu nai|phan anh|to cao|nguoi that|tong dai vien|tu van vien|con nguoi|zalo can bo)\b"
    r"|\bgoi (?:cho |toi |den )?(?:so|ai)\b"
    rf"|\bgoi(?: lai)? (?:cho|lai cho) {ME}\b"  # a call-back request
    r"|\bdien thoai (?:lien he|cua|ho tro|nong|duong day|bo phan|can bo|uy ban|xa|phuong|huyen|tinh)\b"
    # someone on duty, or where the staff are
    r"|\bco ai (?:doc|tra loi|nghe|xem|giup|ho tro|lam viec)\b"
    # someone who speaks the user's language ("có ai nói tiếng Khmer không", "cần người phiên dịch")
    r"|\b(?:ai|nguoi|can bo|nhan vien|admin)(?: nao)?(?: (?:biet|co the|ranh|gioi|thao))?(?: noi)?(?: duoc)?"
    r" tieng (?:khmer|kho me|khome|dan toc|hoa|anh)\b"
    r"|\b(?:can|co|xin|muon)(?: (?:nguoi|ai))? (?:phien dich|thong dich)\b"
    r"|\b(?:ai|nguoi|can bo|nhan vien|admin)(?: nao)? (?:dang |co )?truc\b|\btruc (?:page|fanpage|tong dai)\b"
    r"|\b(?:nhan vien|can bo|admin|nguoi truc)(?: \w+)? (?:dau roi|dau het roi|dau ca roi|di dau het)\b"
    r"|\bxin so\b|\bso may\b|\bcho (?:toi |minh |em )?gap\b|\bso (?:cua )?(?:can bo|nhan vien|bo phan)\b"
    r"|\b(?:gio lam viec|mo cua|dong cua|lam viec (?:vao )?(?:thu|chu nhat|ngay nao|may gio|luc))"
    # asking for a person to help ("cần người hỗ trợ", "muốn có ai đó tư vấn", "cho em một cán bộ giải đáp")
    rf"|\b(?:(?:can|muon|cho {ME})(?: co| duoc)?(?: mot| 1)? (?:nguoi|ai do|ai|can bo|nhan vien|chuyen vien)"
    r"|co (?:mot |1 )?(?:nguoi|ai do))(?: nao)? (?:ho tro|giup|giup do|tu van|huong dan|tra loi|giai dap)\b"
    # where an office is: the one-stop desk, a department or its office ("văn phòng một cửa ở đâu")
    r"|\b(?:tru so|co quan|uy ban nhan dan|uy ban|mot cua|trung tam phuc vu hanh chinh cong|"
    r"van phong(?! pham)|hanh chinh cong|bo phan tiep nhan|noi tiep nhan|diem tiep nhan|chi cuc|"
    r"phong (?:tu phap|tai nguyen|tiep dan|tiep nhan|lao dong|kinh te|noi vu|quan ly do thi|van hoa|"
    r"tai chinh|giao duc|y te)|"
    r"so (?:tu phap|noi vu|tai nguyen|xay dung|giao thong|y te|giao duc|ke hoach|tai chinh|cong thuong|"
    r"lao dong|van hoa|khoa hoc|thong tin|nong nghiep))(?: \w+){0,4} (?:o dau|nam o|o cho nao)\b"
)

# What a citizen does to apply ("khi nào tôi được đăng ký"), as opposed to waiting for a result.
_APPLY = r"(?:dang ky|nop|lam|xin|bat dau|dat lich|den (?:nop|lam|dang ky))\b"

_LOOKUP_STRONG = (
    r"\b(?:xong chua|xong roi chua|ket qua chua|co chua|duoc chua|toi dau|den dau|toi buoc nao|"
    r"den buoc nao|buoc nao roi|o buoc nao|sao roi|the nao roi|ra sao roi|sao chua|giai quyet chua|"
    r"xu ly chua|duyet chua|ky chua|tra chua|lay duoc chua|nhan duoc chua|xong het chua|"
    r"(?:tiep nhan|thu ly|cap|chuyen|bo sung|nhan ho so) chua|"
    rf"(?:bao gio|khi nao|luc nao|ngay nao|hom nao|chung nao) (?:{ME} )?(?:thi )?(?:moi )?"
    # "khi nào tôi có thể / được đăng ký" asks when one may apply: a procedure question, not a status
    rf"(?!(?:co the|duoc|co the duoc) {_APPLY})(?:xong|co|tra|lay|nhan|duoc|"
    r"giai quyet|xu ly|hoan thanh|bao|tra ket qua)|bao lau nua|may ngay nua|"
    r"cham tre|o dau roi|dang o dau|dang o buoc|dang xu ly|dang giai quyet|tinh trang|tien do|trang thai|"
    r"den luot|chua (?:co ket qua|xong|duoc giai quyet|thay ket qua|giai quyet|xu ly)|(?<!bao )lau (?:qua|vay)|"
    r"ket qua ho so|dau roi|bi tra ve|bi tu choi|dangtheodoi)\b"
    rf"|\bho so (?:cua )?{_MINE}\b|\bho so(?: \w+){{1,3}} cua {_MINE}\b|\bho so cua {_KIN}\b|\b(?:da|vua|moi) nop\b"
    # overdue: of a dossier, or said as a complaint ("trễ hẹn rồi"), not "khai sinh quá hạn" (a procedure)
    r"|\bho so(?: \w+){0,3} (?:tre|qua) (?:han|hen)\b|\b(?:tre|qua) (?:han|hen) (?:roi|ma|\d+|may|nhieu|lau|ca)\b"
    r"|^(?:bi |da )?(?:tre|qua) (?:han|hen)\b"
    rf"|\b(?:tra cuu|tra|kiem tra|xem|tim)(?: (?:giup|lai|thu|cho|ho|voi|dum|{ME}))*"
    r" (?:ho so|ma ho so|ma so|tinh trang|tien do|trang thai|ket qua)\b"
)

# Words that only ask about a procedure: enough on their own.
_PROCEDURE_ASK = (
    r"\b(?:thu tuc|quy trinh|trinh tu|dieu kien|mau don|to khai|bieu mau|le phi|phi|chi phi|thoi han|"
    r"thoi gian (?:giai quyet|xu ly|lam|cho|tra)|can (?:nhung |co |phai |mang |mang theo |chuan bi )?"
    r"(?:giay to|ho so) (?:gi|nao)|giay to (?:gi|nao|can|gom)|ho so gom|gom (?:nhung |co )?"
    r"(?:gi|nhung gi|giay to)|nhung giay to|can chuan bi|chuan bi (?:gi|nhung)|"
    r"cach (?:lam|xin|dang ky|cap|nop|doi|thuc hien)|uy quyen|nop o|lam o|nop thay|lam thay|"
    r"huong dan (?:lam|thu tuc|dang ky|cach|nop|xin|cap))\b"
)
# Generic questions ("ở đâu", "bao lâu", "cần gì", "làm sao"): a procedure question only next to
# something administrative, so "mua xe cũ ở đâu rẻ" stays off-topic.
_ASK_GENERIC = (
    rf"(?:\b(?:bao gio|khi nao|luc nao|thoi gian nao) (?:{ME} )?(?:co the|duoc|co the duoc) {_APPLY}|"
    r"\b(?:ton bao nhieu|bao nhieu tien|het bao nhieu|mat bao lau|bao lau|mat may ngay|may ngay|bao nhieu ngay|"
    r"can (?:nhung |co |phai |mang |mang theo |chuan bi )?(?:nhung )?(?:gi|nao)|nhung gi|o dau|noi nao|cho nao|"
    r"(?:can|phai|nen) lam (?:nhung )?gi|"
    r"nhu the nao|the nao|ra sao|lam sao|bang cach nao|online|truc tuyen|qua mang|mat phi|mien phi|co can|"
    r"can nhung)\b)"
)
_ADMIN_CONTEXT = (
    r"\b(?:nop|xin|cap|dang ky|doi|ho so|giay|chung thuc|xac nhan|don|giai quyet|ket qua|mot cua|"
    r"lam (?!sao|gi|the nao|nhu the nao|cach nao)\w+)\b"
)

_LOOKUP_WEAK = r"\b(?:tra cuu|kiem tra|ho so|ma ho so|ket qua|lookup|tra (?:giup|thu|lai|ma|xem))\b|^tra$"

_PROCEDURE_TOPIC = (
    r"\b(?:khai sinh|khai tu|ket hon|ly hon|hon nhan|doanh nghiep|kinh doanh|giay phep|xay dung|lai xe|"
    r"bang lai|can cuoc|chung minh nhan dan|ho chieu|ly lich tu phap|tu phap|chung thuc|ban sao|sao y|"
    r"cong chung|quyen su dung dat|so do|so hong|dat dai|tro cap|tro giup xa hoi|"
    # social and health insurance are procedures; insurance products sold by companies are not
    r"bao hiem(?! (?:xe|o to|nhan tho|nhan than|du lich|tai nan|vat chat|trach nhiem dan su|chay no))|ho khau|"
    r"thuong tru|tam tru|tam vang|con nuoi|giam ho|nguoi cao tuoi|ho ngheo|can ngheo|chung chi|dang kiem|"
    r"bien so|sang ten|chuyen nhuong|cap doi|cap lai|cap moi|cap phep|trich luc|giay chung nhan|"
    r"giay xac nhan|xac nhan (?:cu tru|thuong tru|tam tru|ho ngheo|hon nhan|doc than)|xin phep|"
    r"an toan thuc pham|nguoi co cong|thuong binh|mai tang|tuyen sinh|chuyen truong|van bang|"
    r"giay khai sinh|dang ky xe|tac dong|thu tuc hanh chinh)\b"
)

_HELP_STRONG = (
    # "em nên / phải / cần làm gì" is the user asking what to do, not what the bot can do
    r"\b(?:ban|bot|chatbot|em|he thong|trang nay|cai nay|ung dung)(?: (?!nen\b|phai\b|can\b|se\b)\w+)? "
    r"(?:co the |duoc )?(?:lam|giup|ho tro)"
    r"(?: duoc)?(?: cho (?:toi|minh|em))?(?: (?:nhung|cai))? gi\b|\bgiup duoc (?:nhung )?gi\b"
    r"|\b(?:cach|huong dan)(?: \w+)? (?:dung|su dung)\b"
    r"|(?<!\bquyen )\b(?:dung|su dung) (?:the nao|sao|ra sao|nhu the nao)\b"
    r"|\b(?:lam sao|the nao|cach nao)(?: de)? (?:dung|su dung)\b(?! dat)"
    r"|\bkhong (?:biet|ranh|ro|hieu)(?: cach)? (?:dung|su dung|tra cuu|bam|thao tac)\b(?! dat)"
    # not at ease with the device itself ("không rành điện thoại", "không quen công nghệ")
    r"|\bkhong (?:ranh|quen|gioi|thao|sanh)(?: (?:ve|lam|su dung|dung))? (?:dien thoai|may moc|may tinh|"
    r"cong nghe|mang|internet|zalo|facebook|smartphone|tin nhan|nhan tin)\b"
    # the bot's commands ("có những lệnh nào", "danh sách lệnh")
    r"|\b(?:cac|nhung|danh sach|bang) lenh\b|\blenh (?:nao|gi)\b"
    r"|\b(?:chuc nang|tinh nang|menu)\b"
    # the bot named with a few words, then what it can do ("cái bot một cửa này biết làm mấy việc gì")
    r"|\b(?:bot|chatbot|ung dung|app|trang nay|hethong|cai nay)(?: (?!(?:toi|minh|em|chau|tao|phai|can|nen)\b)\w+){0,4}"
    r" (?:co the |duoc |biet )?(?:lam|giup|ho tro)(?: duoc)?(?: cho \w+)?(?: (?:nhung|cai|may|cac))?"
    r"(?: (?:viec|chuc nang|dich vu|thu))? gi\b"
)

_HELP = (
    r"\b(?:huong dan|tro giup|help|su dung|lam gi|"
    r"lam duoc gi|giup|giup do|ho tro|bat dau|start|gioi thieu|lua chon|tuy chon|danh muc|"
    r"khong biet (?:dung|lam sao|bat dau|hoi))\b"
)

# Khmer "អរគុណ" (thank you) and "ជំរាបសួរ" / "សួស្តី" (hello) as Trà Vinh's Khmer users spell them in Latin letters
_THANKS = r"\b(?:cam on|cam ta|thank you|da ta|biet on|arkun|orkun|ar kun|or kun|aw kun|awkun)\b"
_THANKS_CLAUSE = re.compile(
    r"\bcam on\b(?: (?:ban|admin|em|anh|chi|nhieu|rat nhieu|a|nha|nhe|bot|moi nguoi|ca nha))*"
    r"(?: (?!(?:nhung|ma|con|vi|da)\b)\w+){0,3}? (?:da|vi(?: da)?)\b.*$"
)

_GREETING = (
    r"\b(?:xin chao|chao|hello|helo|hi|hey|alo|a lo|kinh chao|good morning|good afternoon|"
    r"good evening|chum (?:reap|riep|rip|riap|reab) (?:suor|sour|sua|suo|sor)|chumreapsuor|suosdei|suosdey|"
    r"suostei|sousdey|sua sdey|sua sdei)\b|^(?:admin|bot|ban|em|anh|chi|co|chu) oi(?: (?:a|nha|nhe|oi))*$"
)

SPAM_RE = re.compile(_SPAM)
# a formal complaint goes to a person even when it names what it is about ("phản ánh thái độ cán bộ")
_COMPLAINT_RE = re.compile(r"\b(?:khieu nai|phan anh|to cao)\b")
UNSUB_RE = re.compile(_UNSUB)
_PRIVACY_RE = re.compile(_PRIVACY)
_RATE_RE = re.compile(_RATE)
_SUB_RE = re.compile(_SUB)
_CONTACT_RE = re.compile(_CONTACT)
_LOOKUP_STRONG_RE = re.compile(_LOOKUP_STRONG)
_PROCEDURE_ASK_RE = re.compile(_PROCEDURE_ASK)
_LOOKUP_WEAK_RE = re.compile(_LOOKUP_WEAK)
_PROCEDURE_TOPIC_RE = re.compile(_PROCEDURE_TOPIC)
_PROCEDURE_GENERIC_RE = re.compile(rf"^(?=.*(?:{_ADMIN_CONTEXT}|{_PROCEDURE_TOPIC})).*?{_ASK_GENERIC}")
_SUB_WEAK_RE = re.compile(r"\bthong bao\b")
_CONTACT_WEAK_RE = re.compile(r"\b(?:tu van|dien thoai)\b")
_HELP_STRONG_RE = re.compile(_HELP_STRONG)
_HELP_RE = re.compile(_HELP)
_THANKS_RE = re.compile(_THANKS)
_GREETING_RE = re.compile(_GREETING)

# Precedence from rule 4 on (module docstring): first match wins; a code counts as rule 9.
RULES: tuple[tuple[re.Pattern[str], Intent], ...] = (
    (_COMPLAINT_RE, Intent.CONTACT),
    (_RATE_RE, Intent.RATE),
    (_PRIVACY_RE, Intent.UNKNOWN),
    (_SUB_RE, Intent.SUBSCRIBE),
    (_CONTACT_RE, Intent.CONTACT),
    (_LOOKUP_STRONG_RE, Intent.LOOKUP),
    (_HELP_STRONG_RE, Intent.HELP),
    (_PROCEDURE_ASK_RE, Intent.PROCEDURE),
    (_PROCEDURE_GENERIC_RE, Intent.PROCEDURE),
    (_LOOKUP_WEAK_RE, Intent.LOOKUP),
    (_PROCEDURE_TOPIC_RE, Intent.PROCEDURE),
    (_SUB_WEAK_RE, Intent.SUBSCRIBE),
    (_CONTACT_WEAK_RE, Intent.CONTACT),
    (_HELP_RE, Intent.HELP),
    (_THANKS_RE, Intent.THANKS),
    (_GREETING_RE, Intent.GREETING),
)


# --------------------------------------------------------------------------- rating

# A whole message that is a star score: "5 sao", "cho 4 sao nhé", "5*", "4/5", "⭐⭐⭐⭐⭐". Three stars is
# neither level of the three-level survey, so it is not read as one.
_STARS_RE = re.compile(
    r"(?:(?:cho|danh gia|xin|toi|minh|em|chi|anh)\s+)*"
    r"(?P<n>[1-5]|mot|hai|ba|bon|nam)\s*(?:sao|\*|/\s*5)"
    r"(?:\s+(?:nhe|nha|nhen|a|luon|ha|nghen))*"
)
_STAR_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}


def star_level(folded: str) -> Rating | None:
    """The level of a message that only gives a star score, if it is one."""
    text = folded.strip(" .!🙏")
    count = text.count("⭐")
    if count and not text.replace("⭐", "").strip():
        n = count
    else:
        m = _STARS_RE.fullmatch(text)
        if m is None:
            return None
        n = int(m["n"]) if m["n"].isdigit() else _STAR_WORDS[m["n"]]
    return {5: Rating.VERY_SATISFIED, 4: Rating.SATISFIED, 2: Rating.DISSATISFIED, 1: Rating.DISSATISFIED}.get(n)


def level_in(words: str) -> Rating | None:
    """Rating level stated in normalised words, if any."""
    if RATING_NEG.search(words):
        return Rating.DISSATISFIED
    words = RATING_TOPIC.sub(" danh gia ", words)
    if RATING_VERY.search(words):
        return Rating.VERY_SATISFIED
    if _RATING_ANY.search(words):
        return Rating.SATISFIED
    return None


# ------------------------------------------------------------------------- intents

def classify(words: str, codes: list[str], rating: Rating | None) -> Intent:
    """Intent of normalised words by the documented precedence."""
    if SPAM_RE.search(words):
        return Intent.UNKNOWN
    if UNSUB_RE.search(words):
        return Intent.UNSUBSCRIBE
    if rating is not None:
        return Intent.RATE
    words = _THANKS_CLAUSE.sub("cam on", words)
    for pattern, intent in RULES:
        if pattern.search(words) or (codes and pattern is _LOOKUP_STRONG_RE):
            return intent
    return Intent.UNKNOWN
