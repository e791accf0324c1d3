"""The intent rules: keyword families over normalised words and their documented precedence (see the package
docstring), and the rating levels a message states."""

from __future__ import annotations

import re

from bot.nlu.guarded import Family, Guarded, guarded
from bot.nlu.normalise import ME
from bot.nlu.topics import topic_of
from bot.nlu.types import Intent, Rating

# ----------------------------------------------------------------- keyword families

_KIN = r"(?:con|vo|chong|me|ba|bo|ong|anh|chi|cha)"
# whose dossier: "hồ sơ (của) tôi", "hồ sơ của mẹ", "hồ sơ con tôi", "hồ sơ công ty"
_MINE = rf"(?:{ME}|nha (?:toi|minh)|gia dinh|cong ty|doanh nghiep (?:toi|minh)|{_KIN} (?:toi|minh|em))"
# the user, or whoever the user speaks for, as people address themselves ("bác", "ông", "con", "má con")
_ME_WIDE = (
    rf"(?:{ME}|bac|ong|ba|co|chu|ma (?:con|toi)|me (?:con|toi)|ba (?:con|toi)|me|ma|chi|anh|tui|"
    r"con(?! so\b| nua\b| lai\b| nguoi\b))"
)

_CHANNEL = r"(?:zalo|sms|messenger|mess|facebook|fb|email|dien thoai)"
_SUB_OBJ = (
    r"(?:thong bao|tin nhan|tin bao|bao tin|tin|nhac nho|nhac|theo doi|gui tin|"
    r"(?:tieng|chuong|am) (?:bao|thong bao|tin))"
)
# words that may sit between a switch verb and what it switches ("tắt hết thông báo", "bật giùm tôi thông báo")
_QUANT = rf"(?: (?:het|tat ca|toan bo|moi|cac|may|cai|nhung|giup|dum|ho|luon|di|{ME}))"

# who sends the notices, when a user names it ("không muốn bot nhắn nữa")
_SENDER = r"(?:bot|chatbot|ban|admin|hethong|trang(?: nay)?|page|ben (?:ban|nay))"

# The user's own data ("thông tin / dữ liệu / tin nhắn của tôi", the own phone of _OWN_PHONE) kept, used or
# shared by the bot, or said to be so; privacy itself. SPEC section 8 has no privacy intent: unknown.
_MY_DATA = (
    r"(?:sdtcuatoi|(?:thong tin|du lieu|tin nhan|cuoc tro chuyen|lich su (?:chat|tro chuyen|tin nhan)|"
    rf"noi dung (?:chat|tin nhan|tro chuyen)|email|dia chi|ten|can cuoc cong dan|giong noi|so dien thoai|sdt|"
    rf"hinh anh|hinh|anh|ghi am)(?: ca nhan)?(?: cua)? {ME}|"
    r"(?:thong tin|du lieu) ca nhan)\b"
)
_KEEP = (
    r"(?:luu(?: tru| lai)?|giu(?: lai)?|nho|thu thap|chia se|bao mat|xoa(?: bo)?|tiet lo|lam lo|ghi am(?: lai)?|"
    r"dua cho ai|ban cho)"
)
_PRIVACY = (
    rf"\b(?:{_KEEP}|dung|su dung)(?: (?:lai|het|cac|nhung|toan bo|tat ca|moi))* {_MY_DATA}"
    rf"|\b{_KEEP}(?: \w+){{0,3}} (?:so can cuoc|can cuoc cong dan|chung minh nhan dan|sdtcuatoi)\b"
    r"|\bghi am\b|\b(?:keep|store|save|share|delete|sell)\b(?: \w+){0,3} (?:my|personal) (?:data|information|info|chat|"
    r"history|messages?|phone|phone number|number|id|address|name|photos?|can cuoc cong dan)\b|\bpersonal data\b"
    r"|\bwhere (?:does |do |will )?my (?:data|information|info|messages?) go\b"
    rf"|\b{_MY_DATA}(?: (?:co|se|bi|da|duoc|dang|khong|con|van|ban|bot|he thong))*"
    rf" (?:{_KEEP}|ban|lo|an toan|rieng tu|(?:su )?dung (?:de|vao|lam|cho)|(?:(?<=duoc )|(?<=bi ))(?:su )?dung)\b"
    r"|\b(?:quyen rieng tu|privacy|chinh sach (?:bao mat|quyen rieng tu|du lieu)|bao mat (?:thong tin|du lieu))\b"
    r"|\b(?:so can cuoc|can cuoc|cccd|cmnd|chung minh nhan dan|so dien thoai|sdt)(?: \w+){0,8} "
    r"(?:co |se |da )?(?:luu|giu|xoa|chia se|ban)(?: lai| di)? (?:khong|ko|hong|chua|o dau)\b"
    r"|\b(?:so|lo|bi lo|ro ri|lam lo) (?:het )?(?:thong tin|du lieu)\b"
    r"|\b(?:luu|giu)(?: lai)? (?:so dien thoai|sdt|so can cuoc|can cuoc|cccd|so cccd)(?: \w+){0,8} "
    r"(?:o dau|khong|hong|chua|lai khong)\b"
    r"|\b(?:tin nhan|thong tin|du lieu|cuoc tro chuyen|chat)(?: \w+){0,7} (?:co |se )?(?:duoc |bi )?"
    r"(?:luu|giu|xoa)(?: lai| di)? (?:khong|hong|chua|o dau)\b|\bbi lo ra\b"
    r"|\bnguoi khac (?:co the )?(?:xem|doc|biet|thay|coi) (?:duoc )?(?:khong|hong|chu|ha)\b"
    r"|\b(?:bot|hethong|ban|trang nay|ben nay) co (?:luu|giu|ghi)(?: lai)? (?:tin nhan|ma|thong tin|cuoc tro chuyen)\b"
)

_SPAM = (
    r"\b(?:cho vay|vay (?:tien|von|online|nhanh|tin chap|the chap|gap|tieu dung)|khoan vay|giai ngan|"
    r"lai suat|lai thap|(?<!\bgo )(?<!\bban )(?<!\bbam )phim(?! (?:so|chu|bam|tat|nong))|ca do|ca cuoc|casino|"
    r"nha cai (?:uy tin|online|ca do|bong da|hang dau)|xo so|lo de|"
    r"danh de|kiem tien|"
    r"viec lam (?:them|online|tai nha)|tuyen (?:ctv|cong tac vien)|khuyen mai|giam gia|sale|gia re|"
    r"dat nen|bat dong san|gia tot|gia soc|thanh ly|ban gap|freeship|"
    r"trung thuong|(?<!\bchung )nhan thuong(?! binh)|bitcoin|crypto|forex|tien ao|sex|game|click)\b"
    # "nhận quà" is a gift, "nhắn qua Zalo" a channel; "inbox" a sales pitch only next to a price or a sale
    r"|\bnhan qua (?:tang|mien phi|ngay|khung|lien tay|hap dan|gia tri|tri an|may man|sinh nhat)\b"
    r"|\b(?:de|se|duoc) nhan qua\b(?! (?:zalo|sms|tin|tin nhan|dien thoai|so|messenger|mess|email|fb|facebook|mang|"
    r"buu dien|app|ung dung|bot|day|nay|nhieu|troi|tai|han|lau|chung|ngan|lai)\b)"
    r"|\b(?:inbox|ib) (?:ngay|de (?:nhan|biet)|gia|shop)\b"
    r"|\b(?:gia|sale|ban|order|dat hang)(?: \w+){0,4} (?:inbox|ib)\b"
    # a broker's advert: "ai cần làm sổ nhanh ib em, bao đậu, giá mềm"
    r"|\b(?:bao dau|bao rot|gia mem|uy tin 100|dich vu tron goi|"
    r"nhan lam (?:ho so|so do|so|giay to) (?:nhanh|tron goi|gia))\b"
    r"|\bai can(?: \w+){1,6} (?:ib|inbox)\b"
)

# who may speak of themselves ("ông không làm phiền nữa": a goodbye; "chị không cần theo dõi nữa": a request)
_SPEAKERS = ("toi", "ba", "em", "con", "chau", "minh", "tui", "ong", "chu", "bac", "anh", "chi")
_NOT_BY_SPEAKER = "".join(rf"(?<!\b{who} )" for who in _SPEAKERS)  # lookbehinds: one fixed width each
_UNSUB = (
    rf"\b(?<!\bdung )(?<!\bkhong )(?<!\bdung co )(?:huy|tat|ngung|dung|ngat|chan|go|(?<!\bcan )bo){_QUANT}{{0,2}}"
    r"(?: dang ky| viec| che do)?"
    rf"(?: nhan| gui| nhan tin)?{_QUANT}{{0,2}} {_SUB_OBJ}\b"
    r"|\b(?:huy|bo) dang ky(?= (?:nhan|theo doi|thong bao|tin|giup|ho|di)\b|(?: (?:di|nhe|nha|a|giup|ho|voi|"
    r"minh|toi|em|admin))*$)"
    # "bà không làm phiền nữa" is a goodbye, "đừng làm phiền tôi nữa" a request
    rf"|\b(?:{_NOT_BY_SPEAKER}khong|dung|thoi|khoi|ngung|"
    r"chang)(?: (?:muon|can|phai|nen|cho|de|hay|bi|co))*"
    rf"(?: {_SENDER})? (?:nhan|gui|bao|thong bao|theo doi|lam phien|spam|nhac|lien lac|nhan tin)\b"
    r"(?! duoc| gio| nhieu| lau)(?: \w+){0,5} nua\b"
    # "tôi không cần bot báo nữa": who needs no more notices (only "tôi không làm phiền nữa" is a goodbye)
    rf"|\b(?:{'|'.join(_SPEAKERS)}) khong (?:can|muon)(?: {_SENDER})? (?:nhan|bao|thong bao|nhac|nhan tin|gui|"
    r"theo doi)\b"
    r"(?! duoc| gio| nhieu| lau)(?: \w+){0,5} nua\b"
    r"|\b(?:khong|dung|ngung)(?<!\bsao khong)(?<!\bsao dung)(?<!\bsao ngung)(?<!\bduoc khong)(?<!\bco khong)"
    r"(?<!\bphai khong)(?<!\bchua khong)(?: (?:muon|can|thich))? (?:nhan|gui)"
    r" (?:thong bao|tin nhan|tin)\b(?! duoc| (?:tieng|bang|kho|met|lau|qua lai|gioi|ranh|nhanh|thao|quen|kip|cung)\b)"
    # "block" as a request ("block this bot"), not "it blocks our factory"
    r"|\b(?:unsubscribe|unsub|stop)\b"
    r"|\bblock(?= (?:me|this|these|messages?|notif\w*|tin|thong bao|bot|page|di|luon|nha)\b|$)"
    r"|\bdung (?:lam phien|spam)\b"
    # "xin miễn cho tôi phần tin nhắn đó": spared the messages
    rf"|\bmien(?: (?:cho|giup) {_ME_WIDE})?(?: (?:phan|cai|khoan|may|nhung|cac)){{0,2}}"
    r" (?:tin nhan|thong bao|tin bao|nhan tin|nhac nho)\b"
    r"|\b(?:xin|muon|cho (?:toi|em|minh|tui)) thoi (?:theo doi|nhan tin|nhan thong bao|nhan tin bao)\b"
    r"|\bhet (?:muon|can|thich)(?: \w+)? (?:nhan|theo doi|thong bao|nhan tin)\b"
    r"|\b(?:xin|lam on|vui long|mong|de nghi|yeu cau)(?: \w+){0,3} (?:thoi|ngung|dung) (?:gui|nhan tin|bao|nhac)"
    r"(?: (?:tin|tin nhan|thong bao))?\b"
    r"|\b(?:tin nhan|thong bao)(?: \w+){0,4} (?:tat(?! ca| toan)|ngung|chan)\b"
    # "thôi, đừng gửi", "ngưng nhắn đi" closing a message
    r"|\b(?:thoi|dung|ngung) (?:gui|nhan tin|nhan|bao|nhac)(?: (?:tin|nua|di|nha|nhe|nghen|a|giup|dum|luon))*$"
    # what is followed named first: "theo dõi hủy đi", "thông báo bỏ giùm"
    r"|\b(?:theo doi|thong bao|noti)(?: (?:ho so|nay|do|cua (?:toi|em|minh)))? (?:huy|tat|bo|ngung|dung)"
    r"(?: (?:di|luon|giup|dum|gium|ho|nha|nhe|nghen|nhen|a))+\b"
)
# Other ways of asking to stop the notices: a strong hint, weighed by the model with the rest.
_UNSUB_MORE = (
    # the loanwords of chat: "tắt noti", "bỏ sub", "unfollow", "off thông báo"
    r"\b(?:tat|off|huy|bo|ngung|dung)(?: \w+){0,2} (?:noti|notification|notifications|sub|follow|update|alert|"
    r"alerts)\b|\boff(?: (?:het|giup|dum|gium|the|all|my))* (?:thong bao|tin nhan|tin)\b"
    # off the list: "xóa tên tôi khỏi danh sách nhận tin", "xoá ... khỏi danh sách theo dõi"
    r"|\b(?:xoa|go|bo|rut|loai)(?: \w+){0,6} khoi (?:danh sach|ds)(?: \w+){0,2} (?:nhan|theo doi|thong bao|dangtheodoi)"
    r"|\b(?:ngung|tam ngung)(?: \w+){0,3} (?:theo doi|nhan tin|thong bao|bao tin)(?: \w+){0,2} lai\b"
    r"|\bngung (?:bao|nhan tin|nhac|gui)\b|\bkhoi (?:nhan tin|bao|gui tin|nhac|thong bao)\b"
    r"|\b(?:dung|thoi|khoi) (?:update|cap nhat|bao|nhan tin|gui|nhac)(?: \w+){0,5} nua\b"
    # a subscription made by mistake, to be undone ("bấm nhầm đăng ký nhận tin, giờ bỏ ra sao")
    r"|\bnham\b(?: \w+){0,3} dang ky(?: \w+){0,5} (?:bo|huy|go|tat)\b"
    # English
    r"|\b(?:unfollow|opt (?:me )?out|(?:turn|switch|shut) off(?: \w+){0,3}? (?:notif\w*|alerts?|updates?|messages?)|"
    r"(?:deactivate|disable|mute|silence)(?: \w+){0,3}? (?:notif\w*|alerts?|updates?|messages?)|"
    r"(?:mute|silence|turn off|switch off) (?:this|the) (?:bot|chat|thing)|turn (?:this|it|them|these) off|"
    # the particle after what is switched ("switch the updates off")
    r"(?:turn|switch|shut) (?:(?:the|these|those|all|my|your|all the) )?"
    r"(?:notif\w*|alerts?|updates?|messages?|notices?) off|"
    r"cancel (?:the |my |all |these )?(?:alerts?|notif\w*|subscriptions?|updates?)|remove me from|"
    r"no more (?:messages?|notif\w*|alerts?|updates?)|do not (?:send|notify|message|text))\b"
    r"|\b(?:do not|no longer|not)(?: \w+)? (?:want|need)(?: to)?(?: (?:receive|get))? (?:any )?(?:more )?(?:the )?"
    r"(?:thong bao|notif\w*|alerts?|updates?|messages?|notices?|tin nhan)\b"
    r"|\b(?:no need to|don t need to|do not need to|you can stop|please stop|stop)(?: keep| keeping| to)?"
    r" (?:messag\w*|texting|text|notify\w*|updating|sending|send|msg\w*|remind\w*|ping\w*|inform\w*)(?: me| us)?\b"
)
# Messages too many or too often ("nhắn hoài", "ngày nào cũng mấy cái noti", not "bao nhiêu"), and a word to
# stop them or to say they bother ("tắt", "ngưng", "dừng lại", "bỏ đi", "phiền"; not "bộ phận", "thời hạn", "đúng")
_NAG_RE = guarded(
    r"\b(?:nhan|bao(?! (?:nhieu|lau|gio))|gui|spam|noti|thong bao|tin nhan|tin bao|nhac|tin|messages?|"
    r"notifications?)\b(?: \w+){0,4} (?:hoai|nhieu qua|nhieu lam|nhieu hon|qua troi|lien tuc|suot|ban dem|moi ngay|"
    r"hang ngay|"
    r"may lan|\d+ lan)\b"
    r"|\b(?:ngay nao cung|moi ngay|mot ngay)(?: \w+){0,3} (?:nhan|bao|noti|tin|thong bao)\b"
    r"|\bnhieu (?:tin|tin nhan|thong bao|noti|tin bao)\b|\btoo many\b"
    r"|\b(?:ca|may|hang) (?:chuc|tram) (?:cai )?(?:tin|tin nhan|thong bao|noti|tin bao)\b"
    r"|\b(?:don dap|ao ao|lien tu ti|tui bui)\b"
    r"|\bdoc (?:khong|ko) (?:xue|het|kip|xiet)\b|\b(?:van|con|cu) (?:gui|nhan|bao) (?:thong bao|tin)\b"
    r"|\b(?:nhan|gui|bao|noti|nhan tin)(?: tin)? nhieu (?:vay|the|qua|lam|ghe|the nay|du vay|z)\b"
    r"|\b(?:keu|reo|rung) (?:hoai|tinh tinh|ting ting|lien tuc|suot|quai|hoai hoai)\b"
    r"|\b(?:ngay|dem|toi|sang|trua|bua) nao cung (?:toi|den|co|gui|nhan|bao|reo|keu|rung)\b"
    r"|\blam (?:toi|tui|em|ba|minh) met\b|\b(?:ting ting|tinh tinh)\b"
)
_STOP_RE = guarded(
    r"\b(?:tat(?! ca| toan| nien)|off|ngung|chhop|dung (?:lai|gui|nhan|di|nha|nhe|nua|giup|gium|dum|ho)|dung$|"
    r"(?<![0-9] )(?<!\bsao )(?<!\bdiem )thoi(?! han| gian| diem| tiet)|"
    r"huy|bo (?:di|giup|dum|het|ra|bot)|stop|mute|enough|deactivate|disable|"
    r"chan (?:di|giup|dum|luon|het|tin|bot|so)|khoi (?:nhan|bao|gui|nhac)|phien (?:qua|ghe|lam|that)|lam phien)\b"
)

# rating: a level word, negated, intensified or plain
_LEVEL = r"(?:hai long|vua long|ung y|ung bung)"
# Southern "ưng" (pleased) is a level when negated or intensified ("hổng ưng", "rất ưng", "ưng lắm"), never
# "ứng dụng", "đáp ứng", "ứng tiền"
_LEVEL_OR_UNG = (
    rf"(?:{_LEVEL}|bang long|ung\b(?! (?:dung|tien|vien|cu|xu|pho|truoc|luong|bien|phat|tuyen|thi|cuu|von|tac|tro|"
    r"voi|hoa|chien|ky)\b))"
)
RATING_NEG = guarded(
    r"\b(?:khong|chua|chang|cha|it)(?: (?:duoc|thay|cam thay|co|may|lam|qua|he|hoan toan|thuc su|"
    rf"that su|that|la|con|thuc|su)){{0,3}} {_LEVEL_OR_UNG}"
    r"|\b(?:that vong|bat man|bat binh|disappointed|disappointing|not impressed|unimpressed|unhappy|not happy|"
    r"not pleased|displeased)\b"
    r"|\b(?:phuc vu|thai do|chat luong|lam viec)(?: \w+)? (?:(?:rat|qua|that|hoi|kha) )?(?:kem|te|chua tot|khong tot)\b"
    # English: "not satisfied", "dissatisfied", "unsatisfied"
    r"|\b(?:not|never|dis|un|khong)(?: (?:very|really|fully|completely|at all|so))? ?satisfied\b"
)
# "không (phải) rất hài lòng" is no "rất hài lòng": a degree under a negation
_DEGREE_NEGATED = r"(?<!\bkhong )(?<!\bphai )(?<!\bchua )"
RATING_VERY = guarded(
    # "kết quả hài lòng" is no "quá hài lòng"
    rf"{_DEGREE_NEGATED}\b(?:rat|cuc ky|cuc ki|vo cung|het suc|hoan toan|sieu|tuyet doi|(?<!\bket )qua|that su|thuc su|"
    r"(?<!\bket )qua la)"
    rf"(?: (?:la|chi|rat|chi la|su|that|ra|luon)){{0,2}} {_LEVEL_OR_UNG}"
    # (not "hài lòng, làm đúng hẹn": without its marks "lắm" is "làm", a verb before what was done)
    rf"|\b{_LEVEL_OR_UNG} (?:lam(?! (?:dung hen|viec|thu tuc|ho so|hs|giay)\b)|qua|cuc ky|cuc ki|vo cung|het suc|"
    r"tuyet doi|100|hoan toan|het muc|het y|ghe|thiet|that)\b"
    # ("hồ sơ satisfied" is no "so satisfied")
    r"|\b(?:very|really|extremely|super|(?<!\bho )so|totally|completely|fully|highly|rat) satisfied\b"
    r"|\b(?:very|really|extremely|super|(?<!\bho )so|more than) (?:happy|pleased)"
    r"(?! (?:new year|birthday|holidays?|tet)\b)"
)
_RATING_ANY = guarded(
    rf"\b(?:{_LEVEL}|satisfied)\b"
    # English "pretty happy with", "quite pleased"
    r"|\b(?:pretty|quite|fairly|reasonably|mostly|overall|generally) (?:happy|pleased|content)\b"
    r"|\b(?:happy|pleased|content) (?:with|about) (?:the|how|your|their|it|this|that|service|staff)\b"
)
# The subject of a rating: who says "đánh giá hài lòng" gives a level ("ông đánh giá hài lòng"); asked for
# alone or after a wish it names the survey ("đánh giá hài lòng", "muốn đánh giá hài lòng").
_RATER = (
    "".join(
        rf"(?<!\b{who} danh gia)"
        for who in (
            "toi", "minh", "em", "da", "ong", "ba", "bac", "chu", "co", "anh", "chi", "con", "chau", "tao", "ty",
        )
    )
)
_AT_LEVEL = r"(?<!\bo )(?<!\bdat )(?<!\bden )(?<!\btoi )"
# "đánh giá hài lòng", "mức độ hài lòng": the name of the survey, not an answer (an intensifier after it is one)
_INTENSIFIED = (
    r"(?! (?:lam|qua|cuc ky|cuc ki|vo cung|het suc|tuyet doi|100|hoan toan|het muc|het y|nhung|ma|vi|boi vi|"
    r"tuy|du|do)\b)"
)
RATING_TOPIC = guarded(
    rf"\bdanh gia{_RATER} (?:su |muc do )?{_LEVEL}\b{_INTENSIFIED}"
    # (a level reached is an answer: "đánh giá ở mức hài lòng", "đạt mức hài lòng"; "chọn mức hài lòng" asks for one)
    rf"|\b(?:{_AT_LEVEL}muc do|{_AT_LEVEL}muc|(?<!\bthuc )(?<!\bthat )su|khao sat|chi so|ty le|phieu) {_LEVEL}\b"
    rf"{_INTENSIFIED}"
)

# Praise and complaint said as a verdict ("tạm được", "ổn", "tệ", "bực mình", "tuyệt vời"): a level only inside
# a rating; "tạm" (so-so) weighs most, then a complaint, then praise. Not "y tế", "kinh tế", "cảm ơn".
_MOOD_SO_SO = guarded(r"\btam (?:duoc|on|on ap)\b")
_MOOD_BAD = guarded(
    # Khmer "ot te" (no), "mean te" (is there?) typed in Latin letters are no "tệ"
    r"\bte\b(?<!\by te)(?<!\bkinh te)(?<!\bthuc te)(?<!\bquoc te)(?<!\bkhong te)"
    r"(?<!\bot te)(?<!\bmean te)(?<!\bsabay te)"
    r"(?! nan| bao| mean)"
    r"|(?<!\bkhong )(?<!\bchang )(?<!\bchua )(?<!\bkhong he )\bbuc (?:minh|boi|xuc|qua|ghe|that|thiet|lam|gi|vl|mat)\b"
    r"|\b(?:toi|minh|em|rat|qua|la|ong|ba|bac) buc\b|^buc\b"
    r"|\b(?:kem coi|qua kem|rat kem|do te|qua do|terrible|awful|bad service|poor service)\b"
)
_MOOD_VERY = guarded(
    r"(?<!\bkhong )(?<!\bchua )(?<!\bco gi )\b(?:tuyet voi|tuyet doi(?! (?:khong|hai long|chinh xac))|xuat sac|"
    r"hoan hao|tuyet cu meo|qua dinh|dinh cao|het say|het xay|excellent|perfect|amazing|awesome|outstanding|"
    r"rat tot|qua tot|tot lam|tot qua|cuc ky tot|very good)\b"
)
# "ổn" folds to "on": a verdict after its subject or alone at either end, not the English "on" nor "cảm ơn"
_MOOD_OK = guarded(
    r"\b(?:dich vu|thay|cung|van|la|thi|kha|rat|qua|deu|moi thu|tat ca|nhin chung|nhung|service) on\b|^on\b"
    r"|\bon$(?<!\bcam on)(?<!\blam on)(?<!\bdoi on)(?<!\bbiet on)"
    r"|\b(?:on ap(?<!\bkhong on ap)(?<!\bchua on ap)|cung on)\b"
    # "cũng được" is a verdict first or after what is judged, not "gọi số này cũng được"
    r"|(?:^|\b(?:thay|dich vu|thi|la|nhin chung|noi chung|danh gia|cam thay|van|ha|nhi|ma) )cung duoc\b"
    # the office or the work as the subject ("làm sổ đỏ ở một cửa cũng được"), not a question ("nộp ở xã cũng được
    # không")
    r"|\b(?:mot cua|xa|phuong|huyen|can bo|nhan vien|lan nay|ben do|o do|cho do|phuc vu|lam viec|tiep dan|giai quyet|"
    r"xu ly|huong dan) cung duoc\b"
    r"(?! (?:khong|hong|ha|chu|chua|hay|khg)\b)"
    r"|\bkhong (?:co )?(?:gi )?(?:de )?(?:che|phan nan|than phien)\b(?!(?: \w+){0,2} chi (?:mong|muon|xin|de nghi))"
    r"|\b(?:okay|fine|decent|not bad|good service|good job)\b"
    # "cũng được" closing a message about how the service went ("cán bộ làm nhanh gọn, cũng được")
    r"|\b(?:lam|xu ly|giai quyet|phuc vu|tiep dan)\b(?: \w+){0,4} (?:nhanh|gon|le|on|tot|ky|dung hen|sot sang)"
    r"(?: \w+){0,2} cung duoc$"
    r"|\b(?:was|is|thay|thi|la|cung|kha|van|dich vu|service) (?:ok|oke|okela)\b"
)


_MOODS = Family([_MOOD_SO_SO, _MOOD_BAD, _MOOD_VERY, _MOOD_OK])
_MOOD_LEVELS = (Rating.SATISFIED, Rating.DISSATISFIED, Rating.VERY_SATISFIED, Rating.SATISFIED)


# the user's own skill said to be poor ("tiếng Việt tôi dở tệ", "tui viết kém"): no verdict on the service
_WHO_ME = r"(?:toi|tui|em|minh|anh|chi|co|chu|bac|ong|ba|con|chau)"
_HOW = r"(?: (?:hoi|rat|qua|con|cung|thi|van|nhieu))?"  # how much ("hơi", "rất", "còn" ...)
_OWN_SKILL = guarded(
    rf"\b(?:tieng (?:viet|anh|kinh|khmer|hoa|nhat|han)|chu|mat|tai|tri nho|trinh do)(?: cua)? {_WHO_ME}{_HOW} "
    r"(?:do te|te|kem|do|yeu)\b"
    rf"|\b(?:toi|tui|em|minh){_HOW} (?:noi|viet|go|doc|nghe|danh may|hieu)(?: tieng \w+)?{_HOW} "
    r"(?:do te|te|kem|do|yeu)\b"
    r"|\bmy (?:vietnamese|english|eyes|typing) (?:is|are) (?:bad|terrible|poor|awful)\b"
)


def mood_in(words: str) -> Rating | None:
    """The level a verdict of praise or complaint gives, if any (taken only in a rating)."""
    words = _OWN_SKILL.sub(" ", words)
    first = _MOODS.first(words)
    return None if first is None else _MOOD_LEVELS[first]


_RATE_OTHER = (
    r"\b(?:danh gia|review|nhan xet)(?: (?:giup|dum))(?!(?: \w+){0,3} (?:can bo|dich vu|mot cua|bo phan|nhan vien|"
    r"xa|phuong|uy ban|thu tuc|ho so \d))"
    # on behalf of a relative ("đánh giá giùm dì em", "đánh giá giúp ông vụ cấp lại thẻ") is the office's
    r"(?! (?:ba|ma|me|bo|cha|ong|bac|chu|co|di|cau|ong ba|ba ngoai|ong ngoai|ba noi|ong noi|vo|chong|con)\b)"
    r"|\b(?:danh gia|review)\b.*\b(?:nao (?:tot|ngon|uy tin|on)|cai nao|co tot|tot khong|ngon khong|ngon hon|uy tin)\b"
)

_RATE = (
    r"\b(?:(?<!\bkhong muon )(?<!\bkhong can )(?<!\bkhoi )(?<!\bchang muon )"
    r"danh gia(?! tac dong| nang luc| rui ro| chat luong cong trinh)|"
    r"cham diem|cho diem|gop y|y kien|nhan xet|khao sat|binh chon|feedback|review|suggestion|"
    rf"rate|rating|vote|thai do|{_LEVEL}|chat luong (?:phuc vu|dich vu|giai quyet|tiep dan))\b"
    # a score given, whatever its level ("cho 3 sao thôi", "chấm 6 điểm", "give 3 stars", "3 sao, không hơn")
    r"|^(?:[0-9]|10) (?:sao|stars?|diem)\b|^(?:mot|hai|bon|nam|sau|bay|tam|chin|muoi) (?:sao|diem)"
    r"(?: (?:thoi|thui|nha|nhe|thoi nha|a|nghen))*$"
    r"|\b(?:cho|cham|give|gave|rate|danh gia|xin cho)(?: \w+){0,3} "
    r"(?:[0-9]|10|mot|hai|ba|bon|nam|sau|bay|tam|chin|muoi)"
    r" (?:sao|stars?|diem)\b"
    # a suggestion for the office ("bên một cửa nên có người nói tiếng Khmer", "xã nên bố trí thêm chỗ ngồi"); its
    # words join the spelling's vocabulary (spelling.py), so none that a typo could be mended into ("mở rộng": "wrong")
    r"|\b(?:mot cua|ubnd|uy ban|co quan|bo phan (?:mot cua|tiep nhan)|xa|phuong)(?: \w+){0,2} nen "
    r"(?:co|bo tri|them)\b"
    r"(?! (?:giay|ho so|gi|nhung gi|cai gi|mang|nop)\b)"
    # ... or the office named after ("nên có một người nói tiếng Anh ở bộ phận một cửa"); a suggestion said so
    r"|\bnen (?:co|bo tri|them)(?: \w+){1,6} (?:o|tai|cho) (?:bo phan mot cua|mot cua|uy ban|ubnd|xa|phuong)\b"
    r"|^(?:goi y|de xuat|kien nghi)(?: (?:nho|nhe|nha|thoi|la|cua (?:toi|tui|em|minh)))* nen\b"
    # the waiting room ("nên để thêm ghế cho người ta ngồi chờ")
    r"|\bnen (?:co |de |bo tri |lam )?them (?:ghe|cho ngoi|quat|nuoc uong|ban|quay|nguoi|can bo|nhan vien)\b"
    # feedback about the service itself
    r"|\b(?<!\bchuc )(?:can bo|nhan vien|cong chuc|vien chuc|chuyen vien|phuc vu|(?<!\bngay )lam viec)(?: \w+){0,6}"
    r" (?:rat |qua |that |kha |hoi |khong )?"
    r"(?:nhiet tinh|chu dao|than thien|tan tinh|lich su|vui ve|hach dich|cau ky|kho chiu|cham chap|"
    r"thieu ton trong|tac trach|nhung nhieu|chuyen nghiep|kien nhan|nho nhe|chu dao|de thuong|nhanh nhen)\b"
    r"|\b(?:coc loc|noi trong khong|thieu kien nhan|hach sach|lam kho dan|hanh dan|quat thao|to tieng|cau co|"
    r"kho tinh)\b|\b(?:rat|qua|that|kha|cuc ky) tien(?: loi)?\b"
    r"|\b(?:muon|xin) ghi nhan\b"
    # how the staff explained ("hướng dẫn kỹ lắm"); English for the staff's manner ("staff very patient")
    r"|\b(?:huong dan|giai thich|chi bao|tu van)(?: (?:toi|tui|em|minh|ba|ong|chau|con|bac|co|chu|anh|chi))?"
    r" (?:rat |qua |that |kha )?(?:ky|ky luong|tan tinh|ro rang|de hieu|chu dao)\b"
    r"|\b(?:staff|officer|clerk|official|lady|she|he|they)(?: (?:is|was|were|are|very|so|really|quite|extremely))* "
    r"(?:patient|helpful|kind|friendly|rude|slow|professional|nice|polite|careless|unhelpful)\b"
    # praise for the staff ("gửi lời khen", "muốn khen cô cán bộ"); "khen thưởng" is a procedure
    r"|\b(?:loi khen|khen ngoi)\b|\b(?:muon|xin|gui|nen|phai|de) khen\b(?! thuong)"
    r"|\bkhen (?:can bo|nhan vien|bo phan|anh|chi|co|chu|em|ban)\b"
    r"|\b(?:toi|minh|em|ba|ong|bac|con) khen\b|\bkhen (?:nha|nhe|luon|het y|that)\b|^che\b"
    # a manner judged with a degree ("tận tình lắm", "giỏi lắm", "đỉnh thật sự", "quý quá")
    r"|\b(?:nhiet tinh|tan tinh|chu dao|gioi|dinh|de thuong|vui ve|than thien|nhanh gon|lich su|chuyen nghiep|"
    r"hach dich|cau ky|cham chap|thieu ton trong|quy|tan tam|chiu kho|dang khen)"
    r" (?:lam|qua|that su|thiet|ghe|xiu|het y|het muc|vo cung|cuc ky)\b"
)

# the notices asked back after they were stopped ("bữa trước tui hủy nhận tin rồi, giờ muốn nhận lại thông báo")
_RESUB = (
    r"\b(?:nhan lai (?:thong bao|tin bao|noti)|(?<!\bdung )(?<!\bkhong )bat lai|mo lai (?:thong bao|tin|noti)|"
    r"dang ky (?:nhan )?lai|theo doi lai)\b"
)

_SUB = (
    rf"{_RESUB}|"
    # the notices kept on: "đừng tắt thông báo", "cứ báo tiếp"
    r"\b(?:dung|dung co|khong) (?:tat|huy|ngung|bo) (?:thong bao|tin nhan|tin|theo doi)\b"
    r"|\b(?:bao|gui|nhan tin|nhac) tiep\b|\btiep tuc (?:bao|gui|nhan tin|nhac|thong bao)\b|"
    # "chừng nào tới phiên tôi thì nói cho tôi biết": told when something comes
    r"\b(?:chung nao|khi nao|luc nao|bao gio|hom nao)\b(?: \w+){1,10} thi (?:noi|bao|nhan|goi|nhan tin)"
    r"(?: lai)?(?: cho)? (?:toi|tui|minh|em|ba|ong|chau|con|bac|co|chu|anh|chi) biet\b|"
    r"\bnhan(?<!\bchua nhan)(?<!\bda nhan)(?<!\bkhong nhan)(?<!\bda dang ky nhan) "
    r"(?:thong bao|tin nhan|tin bao|thong tin cap nhat|update|"
    r"noti)\b"
    r"|\b(?:bot|chau|may dua|can bo|admin)(?: cu)? (?:bao|nhan|nhan tin|nhac|noti)(?: (?:giup|dum|ngay|lien|vay|luon))*"
    r" (?:khi|ngay|giup|dum|lien|nha|nhe)\b"
    rf"|\b(?:bot|ad|admin|ban)(?: cu)? (?:bao|nhan|nhan tin|nhac|noti)(?: (?:cho|lai|giup))? {_ME_WIDE}"
    r" (?:nha|nhe|nghe|nghen|nhen|voi|biet|hay|khi|lien)\b"
    rf"|\bco gi(?: moi)?(?: thi)?(?: (?:bot|ad|admin|ban))? (?:bao|nhan|nhan tin|nhac|bao tin)(?: (?:cho|lai|giup))?"
    rf" {_ME_WIDE}\b"
    # "có gì mới em cứ nhắn zalo": whoever is addressed, told to keep sending news
    r"|\bco gi(?: moi)?(?: thi)?(?: (?:em|chau|con|co|chu|anh|chi|ad|admin|ban|bot))? cu"
    r" (?:bao|nhan|nhan tin|nhac|bao tin|gui)\b"
    rf"|\bnhan tin (?:(?:cho |lai (?:cho )?)?{ME} )?(?:khi|neu|luc|ve|bao|nhe|nha)\b"
    r"|\b(?:muon|can|dang ky|duoc|se|xin) nhan tin\b"
    # (not one already made: "hồ sơ đã đăng ký nhận thông báo ấy, giờ ở bước nào")
    rf"|\b(?<!\bda )(?<!\btung )(?:bat|mo|kich hoat|dang ky|cai dat|cai|gui){_QUANT}{{0,2}}"
    r" (?:nhan )?(?:thong bao(?! luu tru| mau dau| thay doi| giai the)|tin nhan|tin|theo doi|nhac)\b"
    r"|\btheo doi\b|\bsubscribe\b|\b(?<!\bda )dang ky nhan\b(?! tro cap| luong| tien| ho tro| che do| tro giup| qua)"
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
    r"|\bbao ket qua\b(?<!\bnao bao ket qua)(?<!\bgio bao ket qua)(?! chua)"
    r"|\b(?:thong bao|bao|nhan tin|nhac)\b(?! gio| nhieu| lau)(?: \w+){0,3} (?:khi|luc|neu)\b"
    # told when something happens: "có gì thì báo", "xong thì kêu tui", "khi nào duyệt thì nhắn con"
    r"|\bthi (?:\w+ ){0,2}?(?:(?<!\bkhai )bao|nhan|nhan tin|keu|hu|noti|ping|text|inbox|ib|nt|thong bao|bao tin|"
    r"bao lai|update|inform|notify|alert|"
    r"cap nhat|goi)\b(?! gio| nhieu| lau| hoai| loi| sai| truoc)"
    r"(?! (?:duoc )?(?:ket qua|tro cap|tien|giay|so do|luong|ho tro|hang|qua|ho so|bang|the|chung nhan)\b)"
    rf"|\b(?:bao|nhan tin|nhac|bao tin|keu|goi bao)(?: (?:cho|lai|giup|ngay|ho))? {_ME_WIDE}\b"
    # done, then tell me: "làm xong là ad ib liền cho em nha", "duyệt rồi là nhắn con"
    r"|\b(?:xong|duyet|co ket qua|co roi)(?: roi)? la (?:\w+ ){0,2}?"
    r"(?:bao|nhan tin|nhan(?= (?:lien|ngay|cho|lai)\b)|ib|inbox|noti|ping|nt|thong bao|bao tin|keu|goi bao)\b"
    rf"|\b(?:(?:ib|inbox|nt)(?: (?:lien|ngay|lai|giup|dum|ho|lien lien))?|nhan (?:lien|ngay|lai|lien lien))(?: cho)?"
    rf" {_ME_WIDE} (?:nha|nhe|nghe|voi|biet|hay|lien|ngay|khi)\b"
    rf"|\bnhan(?: (?:cho|lai|giup|ho))? {_ME_WIDE} (?:biet|hay)\b"
    # watched over, or sent through a channel ("canh giùm hồ sơ", "báo tin hồ sơ qua Zalo này")
    r"|\b(?:canh|de y|trong)(?: (?:giup|dum|ho))?(?: cai)? (?:ho so|ma|giay)\b"
    r"|\b(?:bao|nhan|nhan tin|gui tin|bao tin|gui)(?: \w+){0,4} (?:qua|ve|vo|vao) (?:zalo|so nay|day|sdt|messenger|"
    r"may nay|may|dien thoai nay|"
    r"facebook|fb|email|sms|so dien thoai)\b"
    r"|\bvao (?:danh sach )?(?:theo doi|dangtheodoi)\b|\badd\b(?: \w+){0,4} (?:theo doi|dangtheodoi|follow)\b"
    r"|\bchu dong (?:bao|nhan|nhan tin|thong bao|gui tin|cap nhat|lien lac|bao tin)\b"
    r"|\b(?:bao|nhan|nhan tin|gui tin|cap nhat|lien lac)(?: \w+){0,3} khi (?:co )?(?:thay doi|tien trien|cap nhat|"
    r"ket qua|bien dong)\b"
    # "update cho mình", but "update giúp em 2 hồ sơ này" asks how they stand now (unless it says when)
    r"|\bupdate cho \w+\b|\bupdate giup \w+(?: \w+){0,5} (?:khi|moi khi|neu|luc)\b"
    r"|\bmoi khi\b(?: \w+){0,4} (?:thay doi|chuyen buoc|co ket qua|xong)\b"
    # loanwords and English
    r"|\b(?:follow|sub|subscribe|notify|remind|ping|alert|alerts|noti|notification|notifications|keep me posted|"
    r"keep me updated|let me know|tell me when|text me|message me|msg me|dm me|pm me|inbox me|email me|inform me|"
    r"(?:give|send) (?:me|us) a (?:head|heads) up|"
    r"update me|advise me|alarm me|set (?:up )?(?:a )?reminders?|"
    r"send me (?:a |the )?(?:messages?|notifications?|texts?|updates?|msgs?|alerts?)|"
    r"get notifications|set up (?:an? )?alert|turn on (?:the )?(?:notif\w*|alerts?|updates?|thong bao|tin nhan|noti)|"
    r"kindly (?:inform|notify|update|let me know)|"
    r"can i get (?:a )?(?:messages?|notifications?|texts?|updates?|alerts?)|"
    r"(?:once|when|as soon as) the (?:decision|result|approval|permit|license|licence)(?: \w+){0,4} "
    r"(?:comes? through|comes? out|is ready|is out|is done))\b"
    r"|\b(?:whenever|when|once|if) (?:there is|there s|there are|you have|it has|it s)(?: \w+){0,8} "
    r"(?:inform|notify|tell|let me know|message|text|ping)\b"
    r"|\b(?:want|wish|like|need|would like|please)(?: to)? (?:receive|get|have) (?:the |a |an )?(?:thong bao|notif\w*|"
    r"alerts?|updates?|news|messages?|tin nhan)\b"
)

# whom a user asks to reach; "người" alone only without an honorific ("nơi có người hướng dẫn" is no request)
_ROLE = (
    r"(?:can bo(?! sung)|nhan vien|nguoi that|admin|tu van vien|lanh dao|chuyen vien|ai do|bo phan|tong dai vien|"
    r"tong dai|nguoi phu trach|con nguoi|chu tich|pho chu tich|truong phong|truong bo phan|giam doc)"
)
# how a person is addressed before their role ("cô cán bộ", "anh nhân viên", "vị chuyên viên")
_HONORIFIC = r"(?: (?:co|chu|cau|bac|anh|chi|ong|ba|vi|mot|1))"

_CONTACT = (
    # a person or a machine? ("ad là người hay máy", "có phải cán bộ thật không", "trả lời tự động hả")
    r"\b(?:nguoi|con nguoi|can bo|nhan vien|admin|ban|may)(?: (?:that|thiet))? hay (?:la |voi )?"
    r"(?:may|bot|robot|tu dong|nguoi|con nguoi)\b"
    r"|\b(?:phai|that|thiet)(?: la)? (?:nguoi|can bo|nhan vien|con nguoi)(?: (?:that|thiet))?\b"
    r"|\bnguoi (?:thiet|that)\b|\b(?:tra loi tu dong|chi co may|(?:noi chuyen|nhan|chat|hoi) (?:voi )?may|can nguoi)\b"
    r"|\b(?:real person|human|a person|someone|somebody|an agent|a staff|staff member|real people|call me|"
    r"talk to|talk with|speak to|speak with|phone number|telephone|contact|address|complaint|opening hours|"
    r"office hours|"
    r"(?:need|want|like) (?:a |an |the )?(?:staff|officer|official|human|person) to|"
    r"what time (?:does|do|is|will) (?:the )?(?:\w+ ){0,5}(?:open|close)|open on (?:saturday|sunday|weekend)|"
    r"working hours|lunch break|call (?:me )?back|callback|(?:office|you|counter) (?:open|opens|close|closes)|"
    r"open (?:on )?(?:saturday|sunday|weekends?)|connect (?:me|us)|transfer (?:me|us)|put (?:me|us) through|"
    r"(?:ask|talk|speak|meet)(?: \w+)? (?:directly|direct|in person|face to face)|"
    r"not (?:chat|talk|speak) (?:with|to) (?:a |the )?(?:bot|machine|robot))\b"
    r"|\b(?:english|korean|chinese|japanese|khmer|french|thai) speaking\b"
    r"|\b(?:staff|officer|person|someone|somebody|people) (?:i|we) can (?:chat|talk|speak)\b"
    r"|\b(?:staff|officer|official|someone|anyone|anybody|person|people)(?: \w+){0,2} (?:speak|speaks|can speak|"
    r"who speaks?|know|knows) (?:english|korean|chinese|japanese|khmer|french|thai)\b"
    # on line, on the phone, at the desk
    r"|\bco (?:ai|nguoi|nhan vien|can bo|admin)(?: nao)? (?:online|truc tuyen|o day|o do)\b|\bai (?:nghe|bat) may\b"
    r"|\bso (?:may )?ban\b|\bzalo (?:cua )?(?:can bo|nhan vien|bo phan|mot cua|xa|phuong|uy ban|chi|anh|co|chu)\b"
    r"|\bhoi (?:truc tiep )?(?:can bo|nhan vien|lanh dao|nguoi phu trach)\b"
    rf"|\b(?:goi|goi dien)(?: (?:lai|cho|giup|dum|ho))* {_ME_WIDE}(?: lai)?\b"
    # when the office is open: days, lunch, hours ("thứ bảy có làm việc không", "trưa có nghỉ không")
    r"|\b(?:lam viec|lam|mo cua|mo|dong cua|dong|nghi|nghi trua|tiep dan|tiep cong dan|nhan ho so|truc)\b(?: \w+){0,3}"
    r" (?:may gio|toi may gio|den may gio|ngay nao|thu may|buoi nao)\b"
    r"|\bmay gio(?: thi| moi)? (?:mo|dong|nghi|lam|nhan|tiep)\b"
    r"|\bmay gio\b(?: \w+){0,3} (?:nhan ho so|lam viec|mo cua|dong cua|tiep dan|nghi trua)\b"
    r"|\b(?:thu (?:hai|ba|tu|nam|sau|bay|[2-7])|chu nhat|cuoi tuan|ngay le|saturday|sunday|weekend|trua|buoi trua|"
    r"buoi sang|buoi chieu)\b(?: \w+){0,6} co (?:lam viec|lam|mo cua|mo|nghi|tiep dan|nhan|truc|ai truc|ai tiep)\b"
    r"|\b(?:lam viec|mo cua|nghi|tiep dan|nhan ho so)(?: \w+){0,3} (?:thu (?:bay|7)|chu nhat|cuoi tuan|ngay le|trua)\b"
    r"|\bnghi trua\b|\bgio nghi\b|\btiep (?:cong )?dan\b"
    r"|\b(?:gap|noi chuyen|chat|trao doi|ket noi|chuyen|noi|goi|keu|call|video call)(?: (?:truc tiep|voi|cho|gap|duoc|"
    r"toi|den|giup|ho|em|minh|bac|con|chau|qua|sang|tui))*"
    rf"(?:{_HONORIFIC}{{0,2}} {_ROLE}|(?: (?:mot|1))? nguoi(?! nha\b))\b"
    r"|\bdia chi\b(?<!\bdoi dia chi)(?! (?:thuong tru|tam tru|cu tru|nha|ho khau|email|tru so|kinh doanh|cong ty|cty|"
    r"doanh nghiep|tren))"
    r"|\b(?:lien he|lien lac|hotline|tong dai|so dien thoai|email|goi dien|goi lai|"
    r"khieu nai|phan anh|to cao|nguoi that|tong dai vien|tu van vien|con nguoi|zalo can bo)\b"
    r"|\bgoi (?:cho |toi |den )?(?:so|ai)\b"
    r"|\bgoi (?:lai|dien lai|dien) cho (?:toi|tui|em|minh|con|chau|bac|ba|ong|anh|chi|co|chu)\b"
    r"|\bcan bo(?: nao)? (?:xuong|den|toi|ve) (?:tan )?nha\b"
    rf"|\bgoi(?: lai)? (?:cho|lai cho) {ME}\b"  # a call-back request
    r"|\bdien thoai (?:lien he|cua|ho tro|nong|duong day|bo phan|can bo|uy ban|xa|phuong|huyen|tinh)\b"
    # someone on duty, or where the staff are
    r"|\bco ai (?:doc|tra loi|nghe|xem|giup|ho tro|lam viec)\b"
    # someone who speaks the user's language ("có ai nói tiếng Khmer không", "cần người phiên dịch")
    r"|\b(?:ai|nguoi|can bo|nhan vien|admin)(?: nao)?(?: (?:biet|co the|ranh|gioi|thao))?(?: noi)?(?: duoc)?"
    r" tieng \w+|\bsupport tieng \w+"
    r"|\b(?:can|co|xin|muon)(?: (?:nguoi|ai))? (?:phien dich|thong dich)\b"
    r"|\b(?:ai|nguoi|can bo|nhan vien|admin)(?: nao)? (?:dang |co )?truc\b|\btruc (?:page|fanpage|tong dai)\b"
    r"|\b(?:nhan vien|can bo|admin|nguoi truc)(?: \w+)? (?:dau roi|dau het roi|dau ca roi|di dau het)\b"
    r"|\bxin so\b|\bso may\b|\bcho (?:toi |minh |em )?gap\b"
    r"|\b(?<!\bho )so (?:cua )?(?:can bo(?! sung)|nhan vien|bo phan)\b"
    r"|\b(?:gio lam viec|mo cua|dong cua|lam viec (?:vao )?(?:thu|chu nhat|ngay nao|may gio|luc))"
    # asking for a person to help ("cần người hỗ trợ", "muốn có ai đó tư vấn", "cho em một cán bộ giải đáp")
    rf"|\b(?:(?:can|muon|cho {ME})(?: co| duoc)?(?: mot| 1)? (?:nguoi|ai do|ai|can bo|nhan vien|chuyen vien)"
    r"|co (?:mot |1 )?(?:nguoi|ai do))(?: nao)? (?:ho tro|giup|giup do|tu van|huong dan|tra loi|giai dap)\b"
    # where an office is: the one-stop desk, a department or its office ("văn phòng một cửa ở đâu")
    r"|\b(?:tru so|co quan|uy ban nhan dan|uy ban|mot cua|trung tam (?:phuc vu )?hanh ch[ai]nh cong|trung tam pvhcc|"
    r"van phong(?! pham)|hanh chinh cong|bo phan tiep nhan|noi tiep nhan|diem tiep nhan|chi cuc|"
    r"phong (?:tu phap|tai nguyen|tiep dan|tiep nhan|lao dong|kinh te|noi vu|quan ly do thi|van hoa|"
    r"tai chinh|giao duc|y te)|"
    r"so (?:tu phap|noi vu|tai nguyen|xay dung|giao thong|y te|giao duc|ke hoach|tai chinh|cong thuong|"
    r"lao dong|van hoa|khoa hoc|thong tin|nong nghiep))(?: \w+){0,6} (?:o dau|nam o|o cho nao|"
    r"nam (?:o )?(?:duong|cho) nao|o duong nao|duong nao|nam cho nao|o gan|gan (?:cho|chua)|o phuong nao|o xa nao)\b"
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
    r"|\b(?:nho|biet|co|con nho)(?: \w+){0,2} (?:may )?(?:so|chu so|con so) cuoi\b"
    rf"|\bho so (?:cua )?{_MINE}\b|\bho so(?: \w+){{1,3}} cua {_MINE}\b|\bho so cua {_KIN}\b|\b(?:da|vua|moi) nop\b"
    # overdue: of a dossier, or said as a complaint ("trễ hẹn rồi"), not "khai sinh quá hạn" (a procedure)
    r"|\bho so(?: \w+){0,3} (?:tre|qua) (?:han|hen)\b|\b(?:tre|qua) (?:han|hen) (?:roi|ma|\d+|may|nhieu|lau|ca)\b"
    r"|^(?:bi |da )?(?:tre|qua) (?:han|hen)\b"
    rf"|\b(?:tra cuu|tra|kiem tra|xem|tim)(?: (?:giup|lai|thu|cho|ho|voi|dum|{ME}))*"
    r" (?:ho so|ma ho so|ma so|tinh trang|tien do|trang thai|ket qua|my|on|dossier|application|file|status)\b"
    r"|\b(?:status of|been processed|been approved|any (?:news|update)|checking in|"
    r"is (?:it|my(?: \w+){1,3}) (?:done|ready|finish|finished|complete|completed|processed|"
    r"approved)|where is my|show me my|my dossiers?|(?:finish\w*|done|ready|complete\w*|approved) or not|"
    r"show me (?:all )?(?:my |the )?(?:ho so|dossiers?|applications?|files?|records?)|"
    r"(?:dossiers?|files?|applications?) (?:which |that )?(?:i m|i am|i ve been|i have been|i) follow\w*|"
    r"(?:whole|full) list)\b"
)

# Words that only ask about a procedure: enough on their own.
_PROCEDURE_ASK = (
    r"\b(?:thu tuc|quy trinh|trinh tu|dieu kien|mau don|to khai|bieu mau|le phi|phi|chi phi|thoi han|"
    r"thoi gian (?:giai quyet|xu ly|lam|cho|tra)|can (?:nhung |co |phai |mang |mang theo |chuan bi )?"
    r"(?:giay to|ho so) (?:gi|nao)|giay to (?:gi|nao|can|gom)|ho so gom|gom (?:nhung |co )?"
    r"(?:gi|nhung gi|giay to)|nhung giay to|can chuan bi|chuan bi (?:gi|nhung)|"
    r"cach (?:lam|xin|dang ky|cap|nop|doi|thuc hien|sua|chinh sua|dinh chinh)|uy quyen|nop o|lam o|nop thay|lam thay|"
    r"huong dan (?:lam|thu tuc|dang ky|cach|nop|xin|cap)|lam ho so (?:sao|the nao|nhu the nao|ra sao|gi|gom gi))\b"
    # how to submit ("nộp qua bưu điện được không")
    r"|\bnop(?: ho so)? (?:qua|bang|truc tuyen|online|tien mat)(?: \w+){0,3} (?:duoc|khong)\b"
    # English: how to register or apply, what documents, what fee, how long
    r"|\b(?:how (?:do|can|to|long)|what (?:documents|papers)|which documents|do i need|is there a fee|processing time|"
    r"where (?:do|can) i (?:submit|apply|register|get|file)|can (?:i|a foreigner|foreigners|we) (?:register|apply|get)|"
    r"requirements? for|fees? for|documents? (?:needed|required)|eligib\w+|who can (?:apply|get|register)|"
    r"what s needed|what is needed|what needed|what do (?:i|we) need|"
    r"(?:what|which) (?:procedure|procedures|papers?|"
    r"documents?|steps?)|what (?:do|should) i (?:do|prepare|bring))\b"
)
# Where to get a paper ("trích lục xin ở đâu", "giấy khám sức khỏe khám ở đâu"), even about a dossier under way.
_PROCEDURE_WHERE = (
    r"\b(?:xin|lay|lam|kham|mua|tai|nop|cap|gia han|doi|cap lai|lam lai|sua|chinh sua|dinh chinh)(?: \w+){0,2}?"
    r" (?:o dau|cho nao|noi nao)\b"
    r"|\b(?:dang ky|chon|dien|khai)(?: \w+){0,2} o buoc nao\b"
    r"(?<!\bket qua o dau)"
    r"|\b(?:nop|lam)(?: \w+){0,6} o \w+(?: \w+)? hay (?:phai )?(?:len|o|ra|den)\b"
    # what to do next, once a dossier is done ("giờ muốn thế chấp thì ... ở đâu"), or what is required before
    r"|\b(?:gio|bay gio|nay|tiep theo)(?: \w+){0,2} muon\b(?: \w+){0,8} (?:thi (?:phai|can)|can gi|o dau|bao lau|"
    r"thu tuc|the nao|nhu the nao)\b"
    r"|\bco phai (?:lam )?(?:thu tuc|lai ho so|ho so moi)\b|\bco can\b(?: \w+){0,4} (?:moi|truoc khi|de) nop\b"
    # English: what the next paper needs, once one is done ("next step is a work permit - how much is the fee")
    r"|\bnext (?:step|i need|i want|one)\b(?: \w+){0,8} (?:how|what|which|where)\b|\bhow much is the fee\b"
    r"|\bphai (?:nop|lam|cong chung)(?: \w+){0,5} (?:hay|truoc)\b|\b(?:moi|truoc khi) nop(?: \w+){0,2} duoc\b"
)
# May one apply yet ("làm căn cước cho thằng nhỏ 14 tuổi được chưa"): no dossier named, a procedure is.
_PROCEDURE_MAY = r"^(?!.*\bho so\b).*\b(?:lam|xin|dang ky|cap|di lam)\b(?: \w+){0,8} (?:duoc|co duoc) (?:chua|khong)\b"
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

_LOOKUP_WEAK = (
    r"\b(?<!\bkhong phai )(?<!\bkhong can )"
    r"(?:tra cuu|kiem tra|ho so|ma ho so|ket qua|lookup|tra (?:giup|thu|lai|ma|xem))\b"
    r"|^tra$"
)

_PROCEDURE_TOPIC = (
    r"\b(?:khai sinh|khai tu|ket hon|ly hon|hon nhan|doanh nghiep|kinh doanh|giay phep|xay dung|lai xe|"
    r"bang lai|can cuoc|chung minh nhan dan|ho chieu|ly lich tu phap|tu phap|chung thuc|ban sao|sao y|"
    r"tien tuat|tro cap tuat|tu tuat|chung chi hanh nghe|chung tu|giay chung tu|"
    r"danh gia tac dong moi truong|tac dong moi truong|"
    r"cong chung|quyen su dung dat|so do(?! di\b)|so hong|dat dai|tro cap|tro giup xa hoi|"
    # social and health insurance are procedures; insurance products sold by companies are not
    r"bao hiem(?! (?:xe|o to|nhan tho|nhan than|du lich|tai nan|vat chat|trach nhiem dan su|chay no))|ho khau|"
    r"thuong tru|tam tru|tam vang|con nuoi|giam ho|nguoi cao tuoi|ho ngheo|can ngheo|chung chi|dang kiem|"
    r"bien so|sang ten|chuyen nhuong|cap doi|cap lai|cap moi|cap phep|trich luc|giay chung nhan|"
    r"giay xac nhan|xac nhan (?:cu tru|thuong tru|tam tru|ho ngheo|hon nhan|doc than)|xin phep|"
    r"an toan thuc pham|nguoi co cong|thuong binh|mai tang|tuyen sinh|chuyen truong|van bang|"
    r"giay khai sinh|dang ky xe|tac dong|thu tuc hanh chinh|tach thua|dinh chinh|giai the|von dieu le|"
    r"thanh lap (?:cong ty|cty|doanh nghiep|htx|hop tac xa)|nganh nghe|mau dau|the chap|chuyen muc dich|luu tru|"
    r"giay phep lao dong|work permit|khuyet tat|birth|marriage|residence|household business|certificate|license|"
    r"licence|permit|passport|id card|quoc tich|nationality|citizenship|procedures?)\b"
)

_HELP_STRONG = (
    # "em nên / phải / cần làm gì" is the user asking what to do, not what the bot can do
    r"\b(?:ban|bot|chatbot|em|he thong|trang nay|cai nay|ung dung)(?: (?!nen\b|phai\b|can\b|se\b)\w+)? "
    r"(?:co the |duoc )?(?:lam|giup|ho tro)"
    r"(?: duoc)?(?: cho (?:toi|minh|em))?(?: (?:nhung|cai))? gi\b|\bgiup duoc (?:nhung )?gi\b"
    r"|\b(?:cach|huong dan)(?: \w+)? (?:dung|su dung)\b"
    r"|\b(?:dung|su dung)(?<!\bquyen dung)(?<!\bquyen su dung)(?: (?:cai nay|bot|app|ung dung|cai app|trang nay))?"
    r" (?:the nao|sao|ra sao|nhu the nao)\b"
    r"|\b(?:lam sao|the nao|cach nao)(?: de)? (?:dung|su dung)\b(?! dat)"
    r"|\bkhong (?:biet|ranh|ro|hieu)(?: cach)? (?:dung|su dung|tra cuu|bam|thao tac)\b(?! dat)"
    # not at ease with the device itself ("không rành điện thoại", "không quen công nghệ")
    r"|\bkhong (?:ranh|quen|gioi|thao|sanh)(?: (?:ve|lam|su dung|dung))?(?: (?:may|cai|may cai|cac))?"
    r" (?:dien thoai|may moc|may tinh|cong nghe|mang|internet|zalo|facebook|smartphone|tin nhan|nhan tin|app|"
    r"ung dung)\b"
    # the bot's commands ("có những lệnh nào", "danh sách lệnh")
    r"|\b(?:cac|nhung|danh sach|bang) lenh\b|\blenh (?:nao|gi)\b"
    r"|\b(?:chuc nang|tinh nang|menu)\b"
    # the bot named with a few words, then what it can do ("cái bot một cửa này biết làm mấy việc gì")
    r"|\b(?:bot|chatbot|ung dung|app|trang nay|hethong|cai nay)(?: (?!(?:toi|minh|em|chau|tao|phai|can|nen)\b)\w+){0,4}"
    r" (?:co the |duoc |biet )?(?:lam|giup|ho tro)(?: duoc)?(?: cho \w+)?(?: (?:nhung|cai|may|cac))?"
    r"(?: (?:viec|chuc nang|dich vu|thu))? gi\b"
    # the bot named in English: help, after a request for a person ("I want a real person, not this bot")
    r"|\b(?:this|the) (?:bot|chatbot|app)\b"
)

# The bot, as people name it; a yes/no question with it as the subject asks what it can do ("bot có tra được hs
# bên huyện không", "cái này có tự báo khi xong không hay phải hỏi hoài"); how to write to it; what it costs.
_BOTLIKE = (
    r"(?:bot|chatbot|cai nay|cho nay|o day|tren (?:nay|day)|zalo nay|ung dung|app|trang nay|cai may nay|may nay|"
    r"hethong|cai bot|tong dai tu dong|(?:mot )?tai khoan zalo|(?:cai )?may tra loi(?: tu dong)?)"
)
_BOT_QUESTION = (
    rf"\b{_BOTLIKE}\b(?: \w+){{0,2}} co (?:the )?(?!ai\b|nguoi\b|can bo\b|nhan vien\b|admin\b)(?:\w+ ){{1,12}}"
    r"(?:khong|chu|hay (?:la )?(?:chi|phai))\b"
    rf"|\b{_BOTLIKE}(?: nay)? (?:biet|hieu|nghe|doc|nhan|tra|gui|lam|ho tro|support|hoi)(?: \w+){{0,8}} khong\b"
    rf"|\b{_BOTLIKE}(?: nay)? (?:tra cuu|tra|xem|lam|ho tro|giai quyet) (?:duoc )?(?:\w+ ){{1,8}}hay (?:la )?chi\b"
    rf"|\b{_BOTLIKE}(?: \w+){{0,2}} (?:biet|co the|duoc) lam (?:duoc )?gi\b"
    r"|\b(?:co )?(?:tinh nang|chuc nang) (?:nao|gi)\b"
    # "có chức năng tự báo khi ... không": whether the bot has a feature, not a request to use it
    r"|\bco (?:tinh nang|chuc nang|che do|feature|function|option|cach nao)(?: \w+){1,16} "
    r"(?:khong|ko|k|hong|hok|ha|chua)\b"
    r"|\b(?:ban|bot|em|he thong|hethong|trang nay) co the tu(?: dong)? (?:nhan|bao|nhac|gui|thong bao)(?: \w+){0,10} "
    r"(?:khong|hong|ha|chua)\b"
    r"|\bnoi (?:vo|vao)(?: day| may| dien thoai)? (?:duoc|dc) (?:khong|hong|ko|ha|chu)\b"
    r"|\b(?:dan|go|nhap|gui)(?: ma)?(?: \w+){0,3} (?:vo|vao) (?:day|do)(?: roi)? (?:lam gi|lam sao|bam gi|the nao)\b"
    rf"|\b{_BOTLIKE} (?:dung|su dung|tra) (?:cho|duoc cho)(?: \w+){{0,6}} (?:duoc|dc) (?:khong|hong|chu|ha)\b"
    r"|\b(?:em|ban|bot|may|no) co (?:nghe|hieu|doc|nhan) (?:duoc )?(?:giong|giong noi|tieng noi|voice|ghi am|"
    r"tin nhan thoai)\b"
    r"|\b(?:noi|gui|nhan) (?:bang |vo |vao )?(?:giong|giong noi|voice|ghi am|may)(?: \w+){0,4} (?:duoc|dc) "
    r"(?:khong|hong|ko|ha)\b"
    r"|\b(?:thi|phai) (?:go|nhap|bam|nhan) (?:cai )?gi\b"
    r"|\b(?:no|bot|trang nay) (?:co )?(?:hieu|doc|nghe) (?:duoc )?(?:khong|hong|ha)\b"
    r"|\blam sao (?:de )?(?:tra|dung|xai|hoi)(?: \w+){0,4} (?:tren|trong|voi) (?:con |cai )?(?:bot|app|trang|zalo)\b"
    r"|\b(?:o day|cho nay|bot|trang nay|ben nay) (?:tra cuu|tra|hoi|xem|coi) duoc (?:nhung |may |cac )?"
    r"(?:loai |cai )?(?:\w+ ){0,2}(?:gi|nao)\b"
    r"|\bma (?:ho so|hs)(?: la)?(?: cai)? (?:so nao|o dau|nam o dau|cho nao|la so nao)\b"
    r"|\b(?:menu|danh muc|cac nut|nut bam)\b(?: \w+){0,2} (?:dau|o dau|dau roi|dau het|nao|khong thay|khong ra|mat)\b"
    r"|\b(?:mo|hien|bat|show) (?:lai )?(?:menu|danh muc)\b"
    r"|\b(?:go|nhap|gui) (?:ma|so|cai ma)(?: \w+){0,3} (?:vo|vao)(?: \w+){0,3} (?:la|thi|co) (?:no )?(?:tu |tra |ra )"
    r"|\bco(?: (?:the|chuc nang|tinh nang|che do))? (?:tu(?: dong)?|auto) (?:bao|nhan|nhac|thong bao|gui|remind|notify|"
    r"bao tin)(?: \w+){0,12} "
    r"(?:khong|hong|hok|ha|chua)\b"
    # English: "is there an auto feature that tells me ...", "does it notify me automatically?"
    r"|\b(?:is there|are there|do you have|does (?:it|this|the bot|the system)|can (?:it|this|the bot|you))"
    r"(?: \w+){0,4} (?:auto|automatic|automatically|auto notification|auto notifications)\b"
    r"|\b(?:o day|cho nay|bot|trang nay|ben nay|cai nay) (?:tra|hoi|xem|coi|lam) duoc (?:nhung |may |cac )?"
    r"(?:cai |viec |chuyen |thu )?"
    r"(?:gi|nao)\b"
    r"|\b(?:tra|gui|nhap|go) (?:nhieu|2|hai|ba|may) (?:ma|ho so)(?: \w+){0,4} (?:thi )?(?:go|nhap|gui|lam) "
    r"(?:sao|the nao|kieu gi|ra sao)\b"
    rf"|\b{_BOTLIKE}(?: \w+){{0,3}} (?:giup|ho tro|lam)(?: \w+){{0,3}} (?:nhung |cac )?"
    r"(?:viec|chuyen|dich vu) (?:gi|nao)\b"
    r"|\b(?:go|nhap|gui|nhan)\b(?: \w+){0,3} ma\b(?: \w+){0,6} (?:duoc khong|dinh dang|cach nhau|1 lan|mot lan|"
    r"tung ma|dau cham|dau gach|viet hoa|viet thuong|kieu (?:nao|gi))\b|\bbot (?:chi )?nhan (?:1|mot) ma\b"
    r"|\b(?:dung|su dung|xai)(?: \w+){0,3} (?:co )?(?:mat|ton) (?:tien|phi)\b"
    r"|\b(?:dung|su dung) (?:bot|cai nay|ung dung|app)\b(?: \w+){0,4} (?:phai|can) (?:dang ky|tai khoan|mat khau)"
    # how to type a code or a question so that it is understood; which button
    r"|\b(?:go|nhap|viet|danh|gui|nhan)(?: \w+){0,4} (?:kieu (?:nao|gi)|theo kieu nao|nhu the nao|the nao|ra sao|"
    r"dinh dang (?:nao|gi)|sao)\b(?: \w+){0,4} (?:thi|de|cho)(?: (?:bot|no|may))?(?: moi)? (?:hieu|nhan|doc|ra|tra)\b"
    r"|\b(?:thi|de|cho|la) (?:bot|no|may|hethong)(?: moi)? (?:hieu|nhan|doc duoc|ra)\b"
    r"|\b(?:go|nhap|nhan|bam)(?: cai)? (?:gi|cai gi|nut (?:nao|gi)|cho nao)\b(?: \w+){0,2} (?:de|thi)\b"
    r"|\bbam (?:cai )?(?:nut|cho) (?:nao|gi)\b|\bbam (?:o |vo |vao )?(?:dau|cho nao)\b|\bnut (?:nao|gi)\b"
    r"|\bma(?: ho so)? (?:nam|in|ghi|o) (?:o )?(?:dau|cho nao)(?: tren| trong| o)\b"
    r"|\b(?:chi|huong dan|day)(?: \w+){0,3} cach (?:tra|xem|nhan|go|dung|su dung|bam|nhap|tra cuu|danh gia|"
    r"theo doi|dang ky nhan|huy)\b(?:(?: \w+){0,4} (?:tren bot|tren nay|o day|bang bot))?"
    r"|\b(?:lam sao|the nao|cach nao|cach)(?: de)? (?:dung|su dung|xai) (?:cai )?(?:bot|chatbot|ung dung|app|"
    r"tong dai tu dong|may nay|trang nay|cai nay)\b"
    r"|\b(?:lam sao|the nao|bang cach nao|cach nao|nhu the nao|cach)(?: de)?(?: \w+)? (?:tra cuu|tra|xem)(?: \w+){0,3}"
    r" (?:tren (?:nay|day)|o day|bang bot|tren zalo)\b"
    r"|\b(?:tra cuu|tra|xem)(?: \w+){0,3} (?:tren (?:nay|day)|o day)(?: \w+){0,2} (?:nhu the nao|the nao|lam sao|"
    r"bang cach nao|bam cho nao|sao)\b"
    r"|\bco cach nao(?: de)? (?:bot|tu dong|nhan tin|nhan thong bao|luu|tra|xem|dien thoai)\b"
    r"|\bngoai (?:viec )?(?:tra|hoi|xem)(?: \w+){0,3} (?:con|thi)(?: \w+){0,3} (?:gi|duoc gi)\b"
    r"|\b(?:tra loi|hoi) duoc (?:nhung )?(?:cai )?gi\b|\b24 ?7\b"
    # English
    r"|\b(?:what can (?:you|it|this(?: \w+)?|the \w+) do|how (?:do|can) i use|how to use|how use|commands?|options|"
    r"features|new user|first time (?:using|use|here)|what (?:is|does) (?:this|the) (?:chat|bot|chatbot|app|page) "
    r"(?:do|for)|new here|can (?:this|the|you)(?: \w+){0,3} (?:in )?english)\b"
    # the bot named with what it does ("con bot này làm được những gì")
    rf"|\b{_BOTLIKE}(?: nay)? (?:lam|giup|ho tro)(?: duoc)? (?:nhung|cac|may) (?:gi|viec gi|viec nao|chuyen gi)\b"
)

_HELP = (
    r"\bkhong (?:biet|bit|ranh) (?:viet |doc |go )?chu\b|"
    # the bot not understanding, or not answering (after a request for a person, which wins)
    r"\b(?:bot|no|may)(?: \w+)? (?:khong|chua) (?:hieu|tra loi)\b"
    r"|\b(?:nhan|go|hoi)(?: \w+){0,2} ma (?:khong|chua) (?:thay )?(?:tra loi|phan hoi)\b"
    r"|\b(?:huong dan|tro giup|help|su dung|lam gi|"
    r"lam duoc gi|giup|giup do|ho tro|bat dau|start|gioi thieu|lua chon|tuy chon|danh muc|"
    r"khong biet (?:dung|lam sao|bat dau|hoi))\b"
)

# Khmer "អរគុណ" (thank you) and "ជំរាបសួរ" / "សួស្តី" (hello) as Trà Vinh's Khmer users spell them in Latin letters
_THANKS = (
    r"\b(?:cam on|cam ta|thank you|da ta|biet on|doi on|xie xie|xiexie|arkun|orkun|akun|ar kun|or kun|aw kun|awkun|"
    r"cheers|"
    r"tam biet|bye|bai bai|goodbye|see (?:ya|you)|hen gap lai|hen dip khac|hen khi khac|"
    r"good night|have a nice day|noted|got it|(?:iu|yeu|thuong) (?:admin|bot|ban))\b"
    # an acknowledgement that closes the talk ("ok ok", "dạ được rồi", "vâng em hiểu rồi ạ", "tui biết rồi")
    # a bare "ok" is an acknowledgement (BARE_ACK)
    r"|^(?!(?:(?:da|vang|u|uh|um|o) )?(?:ok )*ok(?: (?:a|nha|nhe|admin|nghe|nhen|ha))*$)"
    r"(?:(?:o|u|da|vang|ok|roi|thoi|duoc|hieu|biet|ro|a|nha|nhe|nghe|nhen|admin|em|toi|chau|con|ba|bac|ong|minh|"
    r"da|vay|the)\b ?)*(?:ok|hieu roi|biet roi|da hieu|ro roi|duoc roi)\b(?: (?:a|nha|nhe|admin|roi|ok|nghe|nhen|ha|"
    r"thoi nghe|thoi|vay))*$"
    # a goodbye after a closing word ("thôi được rồi, chào nha"); a wish to the office without a hello
    r"|\b(?:thoi|duoc roi|biet roi|hieu roi|ok|di day|di nha|di ra)\b.*\bchao\b"
    # "ok rồi cô, để tui nói ông xã nha": understood, and what comes next, with nothing asked
    r"|^(?!.*\b(?:chua|sao|bao gio|khi nao|o dau|the nao|khong|gi|nao)\b)(?:da |vang |u )?(?:ok|duoc|biet|hieu) roi\b"
    r"(?: (?:co|chu|con|chau|em|anh|chi|admin|bac|nha|nhe|a))* de (?:tui|toi|em|minh|con|chau|bac|ba|ong|mai|chieu)\b"
    r"|\bgg (?:admin|bot|nha|nhe|luon|wp)\b|\bgg$"
    r"|^(?!.*\bchao\b).*\bchuc\b(?: \w+){0,4} "
    r"(?:suc khoe|thanh cong|vui ve|tot lanh|binh an|an lanh|may man|manh khoe|manh gioi|an khang|hanh phuc|"
    r"cuoi tuan vui)\b"
)
# "ok", "ok ok", "okie ạ" alone: an acknowledgement, not thanks (the conversation answers it as one); "ok rồi", "ok
# em cảm ơn" are thanks
BARE_ACK = re.compile(r"(?:(?:da|vang|u|uh|um|o) )?(?:ok )*ok(?: (?:a|nha|nhe|admin|nghe|nhen|ha))*")

# Thanks for something received, with no question left ("cảm ơn ad, hs ... em nhận rồi nhé")
_THANKS_DONE = (
    r"^(?!.*\b(?:chua|sao|bao gio|khi nao|may gio|o dau|the nao|cho (?:toi|em|minh) (?:hoi|xin))\b)"
    r"(?=.*\b(?:cam on|arkun|orkun|or kun|ar kun|akun|awkun|thank you)\b)"
    r".*\b(?:(?:nhan|lay)\b(?: \w+){0,5} (?:roi|du roi)|da nhan|doi tiep|cho ket qua|nhan thong bao roi)\b"
)
_THANKS_CLAUSE = guarded(
    r"\bcam on\b(?: (?:ban|admin|em|anh|chi|nhieu|rat nhieu|a|nha|nhe|bot|moi nguoi|ca nha))*"
    r"(?: (?!(?:nhung|ma|con|vi|da)\b)\w+){0,3}? (?:da|vi(?: da)?)\b.*$"
    # thanks for the help itself ("cảm ơn bot giúp tôi", "thanks nha, giúp e nhiều lắm")
    r"|\bcam on\b(?: (?:ban|admin|em|anh|chi|nhieu|a|nha|nhe|bot|moi nguoi|co|chu|chau))* (?:da )?(?:giup|ho tro|"
    r"huong dan|chi|tra loi)\b(?! (?:toi|em|minh|bac|con) (?:voi|di|tra|xem|hoi|gap|xin))(?: \w+){0,3}$"
)

_GREETING = (
    r"\b(?:xin chao|chao|hello|helo|hi|hey|alo|a lo|kinh chao|good morning|good afternoon|"
    r"good evening|chumreapsuor|suosdei|suosdey|"
    r"suostei|sousdey|su(?:a|o|or)(?: s)? ?s?d(?:ei|ey|ay)|sok sa(?:b|p|pb)a[iy]|yo|helu|hellu|xin trao|"
    r"konnichiwa|konichiwa|ohayo|annyeong|"
    r"annyeonghaseyo|"
    r"anyong|ni hao|nihao|sawasdee|sawadee|bonjour|hola|namaste|assalamualaikum|"
    # season's greetings
    r"chuc mung nam moi|happy new year|chuc tet|merry christmas|chuc mung giang sinh|cung hy phat tai)\b"
    r"|^(?:admin|bot|ban|em|anh|chi|co|chu) oi(?: (?:a|nha|nhe|oi))*$"
)
# Who is writing, said after a hello or "thưa" ("thưa cô chú, tôi là ...", "chào ad, mình là người nộp hồ sơ")
_INTRODUCTION = (
    # "tui là bà Tư ở Hiếu Tử nè": who is writing, and where from, as the whole message
    r"^(?:toi|tui|minh|em|con|chau) la (?:ba|ong|co|chu|anh|chi|bac|di|cau) [a-z]+(?: [a-z]+)?"
    r"(?: o(?: [a-z]+){1,3})?(?: (?:ne|a|day|nha))?$|"
    r"^(?:(?:xin |kinh )?chao|xin trao|thua|hello|hi|alo|da|chumreapsuor|suosdei|"
    r"konnichiwa|annyeong|ni hao|sawasdee|bonjour|hola)\b(?: \w+){0,8}? (?:toi|tui|minh|em|con|chau|bac|ong|ba|chi|anh|"
    r"co|chu) (?:la|ten)\b(?! gi\b| chi\b)"
    r"|^(?:toi|tui|minh|em|con|chau|bac|ong|ba) (?:ten la|la nguoi)\b"
    r"|^(?:xin chao|chao|hello|hi)\b(?: \w+){0,3}? (?:i am|i m|my name is|this is) [a-z]+\b"
    # "chào ad, em bên cty vận tải Phúc Hưng": whose firm is writing, as the whole message
    r"|^(?:(?:xin |kinh )?chao|hello|hi|alo)(?: (?:ad|admin|ban|bot|anh|chi|em|co|chu))? (?:\w+ ){0,2}?"
    r"ben(?: \w+){1,6}$"
)

SPAM_RE = guarded(_SPAM)
# a formal complaint goes to a person even when it names what it is about ("phản ánh thái độ cán bộ")
# a formal complaint or denunciation goes to a person even when it states a level ("thái độ rất tệ, em muốn tố cáo")
_COMPLAINT_EN = (
    r"\b(?:file|make|lodge) a (?:formal )?complaint\b"
    r"|\breport (?:an? |the |this |that )?(?:officer|official|staff|clerk|employee|bribe|corruption)\b"
)
_FORMAL_COMPLAINT_RE = guarded(
    r"\b(?<!\bkhong )(?<!\bchang )(?:muon|xin|se|can|phai|de nghi) (?:khieu nai|to cao)\b"
    rf"|\b(?:don|gui) (?:khieu nai|to cao)\b|{_COMPLAINT_EN}"
)
_COMPLAINT_RE = guarded(
    rf"\b(?<!\bkhong phai )(?<!\bchang phai )(?<!\bkhong )(?:khieu nai|phan anh|to cao)\b|{_COMPLAINT_EN}"
)
UNSUB_RE = guarded(_UNSUB)
_UNSUB_MORE_RE = guarded(_UNSUB_MORE)
_PRIVACY_RE = guarded(_PRIVACY)
_RATE_RE = guarded(_RATE)
_SUB_RE = guarded(_SUB)
_CONTACT_RE = guarded(_CONTACT)
_LOOKUP_STRONG_RE = guarded(_LOOKUP_STRONG)
_PROCEDURE_ASK_RE = guarded(_PROCEDURE_ASK)
_LOOKUP_WEAK_RE = guarded(_LOOKUP_WEAK)
_PROCEDURE_TOPIC_RE = guarded(_PROCEDURE_TOPIC)
_PROCEDURE_GENERIC_RE = guarded(rf"^(?=.*(?:{_ADMIN_CONTEXT}|{_PROCEDURE_TOPIC})).*?{_ASK_GENERIC}")
_SUB_WEAK_RE = guarded(r"\b(?<!\bmau )(?<!\bsoan )(?<!\bviet )thong bao\b")
_CONTACT_WEAK_RE = guarded(r"\b(?:tu van|dien thoai)\b")
_HELP_STRONG_RE = guarded(_HELP_STRONG)
_HELP_RE = guarded(_HELP)
_RATE_OTHER_RE = guarded(_RATE_OTHER)
_THANKS_DONE_RE = guarded(_THANKS_DONE)
_BOT_QUESTION_RE = guarded(_BOT_QUESTION)
_PROCEDURE_WHERE_RE = guarded(_PROCEDURE_WHERE)
_PROCEDURE_MAY_RE = guarded(rf"^(?=.*{_PROCEDURE_TOPIC}){_PROCEDURE_MAY}")
_INTRODUCTION_RE = guarded(_INTRODUCTION)
# anything asked or wanted: an introduction with one of these is no mere greeting
_ASKS_RE = guarded(
    r"\b(?:hoi|xin(?! chao)|giup|gium|dum|sao|khong|gi|nao|bao gio|bao nhieu|the nao|muon|can|lam on|"
    r"cho (?:toi|em|minh)|tra(?! vinh| cu\b| on\b)|xem|coi|kiem tra|nop|dang ky|o dau)\b"
)
# a person asked for in so many words wins over what is said of the bot ("gặp nhân viên thật, bot không hiểu")
_PERSON_RE = guarded(
    r"\b(?:gap|noi chuyen voi|chat voi|ket noi voi|chuyen (?:toi |em |minh )?(?:qua|sang|cho)|cho (?:toi|em|chi|minh|"
    r"tui|con) gap) (?:\w+ ){0,2}(?:nhan vien|can bo|nguoi that|chuyen vien|admin that|tong dai vien|lanh dao|"
    r"nguoi phu trach|truong phong|chu tich)\b"
    r"|\bcho (?:toi|em|chi|minh|tui|con|bac|co|chu|anh) gap (?:co|chu|anh|chi|ong|ba|bac|em) [a-z]+"
)
# "không cần thông báo, chỉ muốn biết hồ sơ ... xong chưa": the status is what is asked
# "chỉ hỏi" (only asking), not "chỉ hơi đông" (only a bit crowded): both fold to "chi hoi"
_A_BIT = (
    r"(?! (?:dong|lau|cham|nong|chat|met|kho|it|nhieu|xa|ton|mat|phien|bat tien|ban|tre|muon|dat|cao|thap|nho|lon|"
    r"kem|rac roi|lang|nhanh|kho chiu|cuc|gat|on|coc|kho hieu|roi|lau lac|tot)\b)"
)
_ONLY_STATUS_RE = guarded(
    rf"\bchi (?:muon|can|hoi{_A_BIT}|xin) (?:biet|xem|coi|hoi|tra|check|kiem tra)\b|\bchi hoi\b{_A_BIT}"
)
# what is not asked, said before what is ("tôi không hỏi tình trạng hồ sơ, tôi chỉ cần biết ...")
_NOT_ASKED_RE = guarded(r"\b(?:khong|chang|dau co|dau phai|khong phai) (?:phai )?(?:hoi|can|muon|tra cuu|xem|coi)\b")
_THANKS_RE = guarded(_THANKS)
_GREETING_RE = guarded(_GREETING)

# Precedence from rule 4 on (module docstring): first match wins; a code counts as rule 9.
# A verdict that opens the message or is about the service ("tệ, chờ cả buổi", "dịch vụ ổn"): a rating.
_SERVICE_RE = guarded(
    r"\b(?:dich vu|can bo|nhan vien|phuc vu|mot cua|bo phan|thu tuc|service|staff|lam viec|giai quyet|tiep dan|"
    r"xep hang|cho|danh gia|cham|cho diem|overall|nhin chung|noi chung)\b"
)

# Precedence from rule 4 on (module docstring): first match wins; a code counts as a status question.
RULES: tuple[tuple[Guarded, Intent], ...] = (
    (_COMPLAINT_RE, Intent.CONTACT),
    (_PRIVACY_RE, Intent.UNKNOWN),
    (_BOT_QUESTION_RE, Intent.HELP),
    (_THANKS_DONE_RE, Intent.THANKS),
    (_RATE_OTHER_RE, Intent.UNKNOWN),
    (_RATE_RE, Intent.RATE),
    (_SUB_RE, Intent.SUBSCRIBE),
    (_CONTACT_RE, Intent.CONTACT),
    (_PROCEDURE_WHERE_RE, Intent.PROCEDURE),
    (_PROCEDURE_MAY_RE, Intent.PROCEDURE),
    (_LOOKUP_STRONG_RE, Intent.LOOKUP),
    (_HELP_STRONG_RE, Intent.HELP),
    (_PROCEDURE_ASK_RE, Intent.PROCEDURE),
    (_PROCEDURE_GENERIC_RE, Intent.PROCEDURE),
    (_INTRODUCTION_RE, Intent.GREETING),
    (_LOOKUP_WEAK_RE, Intent.LOOKUP),
    (_PROCEDURE_TOPIC_RE, Intent.PROCEDURE),
    (_SUB_WEAK_RE, Intent.SUBSCRIBE),
    (_CONTACT_WEAK_RE, Intent.CONTACT),
    (_HELP_RE, Intent.HELP),
    (_THANKS_RE, Intent.THANKS),
    (_GREETING_RE, Intent.GREETING),
)
_RULES = Family([p for p, _ in RULES])
_MOOD_AT = RULES.index((_RATE_OTHER_RE, Intent.UNKNOWN))
_STATUS_AT = RULES.index((_LOOKUP_STRONG_RE, Intent.LOOKUP))


# --------------------------------------------------------------------------- rating

# A whole message that is a star score: "5 sao", "cho 4 sao nhé", "5*", "4/5", "⭐⭐⭐⭐⭐". Three stars is
# neither level of the three-level survey, so it is not read as one.
_STARS_RE = guarded(
    r"(?:(?:cho|danh gia|xin|toi|minh|em|chi|anh)\s+)*"
    r"(?P<n>[1-5]|mot|hai|ba|bon|nam)\s*(?:sao|xao|\*|/\s*5)"
    r"(?:\s+(?:nhe|nha|nhen|a|luon|ha|nghen))*"
)
_STAR_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}
_STAR_LEVELS = {5: Rating.VERY_SATISFIED, 4: Rating.SATISFIED, 2: Rating.DISSATISFIED, 1: Rating.DISSATISFIED}
# A star score inside a message: given ("cho / chấm / đánh giá / rate ... 5 sao") or standing as a clause of its
# own ("làm nhanh gọn, 5 sao", "5 sao cho hồ sơ ..."); not a noun's ("khách sạn 5 sao") nor a question about it.
_GIVE = r"(?:cho|cham|danh gia|dg|rate|rating|vote|tang|chon|xin|give|gave|rated|would say|d say)"
# the office itself, its staff or a dossier, named as such (not a person, who may be a teacher or a shopkeeper)
_OFFICE_NAMED = r"(?:hs|ho so|bo phan|can bo|dich vu|mot cua|xa|huyen|phuong|ubnd|uy ban|trung tam|nhan vien)\b"
# whom a score is given to: the office named, or one of its people or the bot addressed
_OFFICE_TARGET = rf"(?:{_OFFICE_NAMED}|co|chu|anh|chi|ben (?:xa|huyen|mot cua)|ad|admin)"
# a score about to be given to the office named first, its name up to five words long ("chấm cho bộ phận một cửa
# xã" before "tám điểm" or "bốn sao")
_TO_THE_OFFICE = rf"\b(?:cho|cham|danh gia|dg)\s+(?:cho\s+)?{_OFFICE_NAMED}(?:\s+[^\s\d]+){{0,5}}?\s+"
# what may follow a score given: an end, a particle, whom or why it is for
_AFTER_SCORE = (
    r"(?:cho|nha|nhe|nhen|nghen|nghe|a|luon|ha|for|to|from|by|tu|roi|ne|di|vi|because|lun|cai|ve|tai|o|nhung|ma|het|thoi|thui|"
    r"bong|oi|ak|hen|nhan vien|no cap|fr|real|thiet|xiu|thai do|would|will|again|"
    r"day|do|bo phan|can bo|dich vu|ho so|hs|xa|huyen|phuong|so|tinh|ubnd|trung tam|mot cua)"
)
# what a score is given to, said just before it ("dịch vụ 4 sao", "service: 4/5")
_SUBJECT = r"(?:service|dich vu|phuc vu|thai do|chat luong|overall|nhin chung|tong the|tong ket|toi cho)"
_LEAD = (
    rf"(?:\b{_GIVE}\b(?:\s+[^\s\d]+){{0,3}}?\s+|(?:^|[,.;:!(\-–—])\s*|\b{_SUBJECT}\s*:?\s*|\b(?:hs|ho so)\s+"
    r"|\b(?:deu|ca hai|ca 2|tat ca|moi cai)\s+)"
)
_STAR_IN_TEXT = guarded(
    rf"(?:{_LEAD}|\b(?:thi|chi|chi co)\s+)"
    # a classifier and a colour may come with the stars ("năm cái sao vàng", "5 ngôi sao")
    r"(?P<n>[1-5]|mot|hai|bon|nam)\s*(?:(?:(?:cai|ngoi) )?(?:sao|xao)(?: vang)?|stars?|\*|/\s*5(?:\s*sao)?"
    r"|tren\s*(?:5|nam)\b(?:\s*sao)?)(?![\w/])"
    rf"(?=\s*(?:$|[^\w\s]|{_AFTER_SCORE}\b))"
    # given to the office wherever it is said ("honestly 5 sao cho hồ sơ này")
    rf"|\b(?P<m>[1-5]|mot|hai|bon|nam)\s*(?:sao|xao|stars?)\s+cho\s+{_OFFICE_TARGET}\b"
    # the office named, then its score closing the clause ("Một cửa phường 2 sao. Lý do: ..."); not "phường 2 sao
    # rồi" (how is ward 2's doing)
    r"|\b(?:mot cua|ubnd|uy ban(?: nhan dan)?|bo phan (?:mot cua|tiep nhan))(?: (?:phuong|xa|huyen|thi tran))?"
    r"\s+(?P<o>[1-5])\s*(?:sao|stars?)(?=\s*(?:$|[.;!]))"
    # given to the office named first ("đánh giá cho bộ phận một cửa xã bốn sao")
    rf"|{_TO_THE_OFFICE}(?P<w>[1-5]|mot|hai|bon|nam)\s*(?:(?:(?:cai|ngoi) )?(?:sao|xao)|stars?)(?![\w/])"
    # a score out of five given, whatever follows ("tôi cho 4/5 nhanh nhưng ..."); not an appointment ("hẹn cho 4/5")
    r"|(?<!\bhen )(?<!\bngay )\b(?:cho|cham|danh gia|rate|rated|give|gave)\s+(?P<g>[1-5])\s*/\s*5(?![\w/])"
)
# Points out of ten, given ("chấm 10 điểm", "cho 9/10") or a clause of their own ("nhanh gọn, 10 điểm"); not a
# mark ("con được 8 điểm", "điểm thi 9/10") nor a date ("nộp ngày 9/10"). Five and six points are no level.
# (not the scale: "chấm theo thang 10 điểm thì ... 8 điểm")
_POINTS = r"(?<!\bthang )(?<!\bthang diem )(?P<p>10|[0-9]|100|muoi|chin|tam|bay|bon|ba|hai|mot|khong)"
_OUT_OF_10 = r"(?:/\s*10\b|tren\s*(?:thang diem\s*)?(?:10|muoi)\b|out\s*of\s*10\b|outta\s*10\b)"
_POINTS_IN_TEXT = guarded(
    # on a scale of ten, wherever it is said ("điểm 9 trên thang điểm 10")
    rf"\b(?:diem\s+)?{_POINTS.replace('?P<p>', '?P<q>')}\s*(?:diem\s*)?tren\s*thang diem\s*(?:10|muoi)\b"
    # given, or a clause of its own ("chấm 10 điểm", "xong rồi, 10đ", "cho 9/10")
    rf"|{_LEAD}(?:diem\s+)?{_POINTS}\s*(?:(?:diem|d|points?)(?:\s*{_OUT_OF_10})?|{_OUT_OF_10}(?:\s*diem)?)(?![\w/])"
    rf"(?=\s*(?:$|[^\w\s]|{_AFTER_SCORE}\b|(?:khong|ko|k) co nhung\b))"
    rf"|\b{_GIVE}\b(?:\s+[^\s\d]+){{0,3}}?\s+(?:diem\s+)?{_POINTS.replace('?P<p>', '?P<s>')}\s*(?:diem|d|points?)\b"
    r"(?![\w/])"
    rf"|\b(?:diem\s+)?{_POINTS.replace('?P<p>', '?P<r>')}\s*diem\s+cho\s+{_OFFICE_TARGET}\b"
    # given to the office named first ("chấm cho bộ phận một cửa xã tám điểm"), not a point taken off before the
    # score ("1 điểm 9 trên thang điểm 10")
    rf"|{_TO_THE_OFFICE}{_POINTS.replace('?P<p>', '?P<v>')}\s*(?:diem|d|points?)\b(?![\w/])(?!\s*(?:\d|tren\b|/))"
    # out of ten, given to what is named first ("rate bộ phận một cửa huyện 9/10")
    rf"|\b{_GIVE}\b(?:\s+[^\s\d]+){{0,8}}?\s+{_POINTS.replace('?P<p>', '?P<t>')}\s*(?:diem\s*)?{_OUT_OF_10}"
    # the points named before their number ("nhận sổ rồi, cho điểm 8", "chấm điểm 9 nha"); not a mark a teacher gave
    rf"|(?<!\bduoc )(?<!\bthay )\b(?:cho|cham|danh gia|dg)\s+diem\s+{_POINTS.replace('?P<p>', '?P<u>')}"
    r"(?![\w/])(?![.,]\d)"
    rf"(?=\s*(?:$|[^\w\s]|{_AFTER_SCORE}\b))"
)
_POINT_WORDS = {
    "khong": 0, "mot": 1, "hai": 2, "ba": 3, "bon": 4, "bay": 7, "tam": 8, "chin": 9, "muoi": 10,
}


_CONTRAST = re.compile(r"\b(?:nhung|but|tuy nhien)\b")

# what every star score and every score out of ten contains: a cheap first look
_POINT_D = re.compile(r"(?:\d|muoi|chin|tam|bay|bon|ba|hai|mot|khong)\s*d\b")  # "10đ", "chín đ"
_D_END = re.compile(r"d\b")  # a word ending in d, which "10đ" needs (no Vietnamese syllable ends in d)


# What every star score inside a message holds (`_STAR_IN_TEXT`'s alternatives all have it), and every score out of
# ten (`_POINTS_IN_TEXT`'s): a number beside its unit. One plain search, before the full patterns ("làm sao",
# "trên mạng" and "điểm thi" have the hint strings, few have a number beside them).
_STAR_NEAR = re.compile(r"(?:[1-5]|mot|hai|bon|nam)\s*(?:(?:cai|ngoi) )?(?:sao|xao|star|\*|/|tren)")
_POINTS_NEAR = re.compile(
    r"(?:[0-9]|muoi|chin|tam|bay|bon|ba|hai|mot|khong)\s*(?:diem|d|point|/|tren|out)"
    r"|diem\s+(?:[0-9]|muoi|chin|tam|bay|bon|ba|hai|mot|khong)"
)


def _stars_in(text: str) -> bool:
    """A star score is given inside the text (`_STAR_IN_TEXT`)."""
    return _STAR_NEAR.search(text) is not None and _STAR_IN_TEXT.search(text) is not None


def _points_in(text: str) -> bool:
    """A score out of ten is given inside the text (`_POINTS_IN_TEXT`)."""
    return _POINTS_NEAR.search(text) is not None and _POINTS_IN_TEXT.search(text) is not None


def _star_hint(text: str) -> bool:
    """The text may hold a star score: it has one of the strings every one has."""
    return "sao" in text or "/" in text or "tren" in text or "star" in text or "xao" in text or "*" in text


def _points_hint(text: str) -> bool:
    """The text may hold a score out of ten."""
    if "diem" in text or "/" in text or "tren" in text or "point" in text or "out" in text:
        return True
    return _D_END.search(text) is not None and _POINT_D.search(text) is not None


def star_level(folded: str, words: str = "") -> Rating | None:
    """The level of a star score: a message that only gives one, or one given inside a message."""
    text = folded.strip(" .!🙏")
    count = text.count("⭐")
    if count and not text.replace("⭐", "").strip():
        n = count
    elif not _star_hint(text):
        return None
    # the first score said (a guarded search answers whether, not always which)
    elif m := _STARS_RE.fullmatch(text) or (_stars_in(text) and _STAR_IN_TEXT.regex.search(text)):
        said = next(m[g] for g in ("n", "m", "o", "g", "w") if g in m.re.groupindex and m[g])
        n = int(said) if said.isdigit() else _STAR_WORDS[said]
    else:
        return None
    return _STAR_LEVELS.get(n)


# a star score closing a message about a dossier ("mã <code> trễ hẹn hai tuần một sao"): read only when it has a code
_TRAILING_STARS = re.compile(r"\b(?P<n>[1-5]|mot|hai|bon|nam) ?(?:sao|stars?)(?: (?:thoi|thui|nha|nhe|a))?[ .!]*$")


def trailing_stars(folded: str) -> Rating | None:
    """The level of a star score that closes the text, if any."""
    m = _TRAILING_STARS.search(folded) if "sao" in folded or "star" in folded else None
    if m is None:
        return None
    return _STAR_LEVELS.get(int(m["n"]) if m["n"].isdigit() else _STAR_WORDS[m["n"]])


def score_given(folded: str) -> bool:
    """A score of stars or points is given, whatever its level ("cho 3 sao", "chấm 5/10")."""
    text = folded.strip(" .!🙏")
    stars = _star_hint(text) and bool(_STARS_RE.fullmatch(text) or _stars_in(text))
    return stars or _points_hint(text) and _points_in(text)


def points_level(folded: str) -> Rating | None:
    """The level of a score out of ten given in a message: 9-10 (or 100) very satisfied, 7-8 satisfied, 0-4
    dissatisfied; five and six are no level."""
    text = folded.strip(" .!🙏")
    if not _points_hint(text):
        return None
    m = _points_in(text) and _POINTS_IN_TEXT.regex.search(text)
    if not m:
        return None
    # "ông đòi cho 10 điểm nhưng em chấm 6/10 thôi": the score given after a contrast is the one that counts
    if (turn := _CONTRAST.search(text, m.end())) and (later := _POINTS_IN_TEXT.regex.search(text, turn.end())):
        m = later
    said = m["p"] or m["q"] or m["r"] or m["s"] or m["t"] or m["u"] or m["v"]
    return _level_of_points(int(said) if said.isdigit() else _POINT_WORDS[said])


def _level_of_points(n: int) -> Rating | None:
    """9-10 (or 100) very satisfied, 7-8 satisfied, 0-4 dissatisfied; five and six are no level."""
    if n >= 9:
        return Rating.VERY_SATISFIED
    if n >= 7:
        return Rating.SATISFIED
    return Rating.DISSATISFIED if n <= 4 else None


# In a message already read as a rating, a score said anywhere gives its level ("tôi cho 4/5 nhanh nhưng phải phô tô
# nhiều", "chấm cho bộ phận một cửa phường 9 điểm trên 10"); not a date ("nộp ngày 4/5", "4/5/2025") nor a score
# asked about ("5 sao là gì")
_ANY_SCORE = re.compile(
    r"(?<![\d/.,:-])(?<!\bngay )(?<!\bhom )(?<!\bthang )(?<!\bhen )(?<!\bden )(?<!\btu )(?<!\bsang )(?<!\bchieu )"
    r"(?:(?P<s>[1-5])\s*(?:/\s*5|sao|xao|stars?|\*)(?![\d/])"
    r"|(?P<p>10|[0-9])\s*(?:diem\s*)?(?:/\s*10|tren\s*(?:thang diem\s*)?(?:10|muoi))(?![\d/])"
    r"|(?P<q>10|[0-9])\s*diem\b)"
    r"(?!\s*(?:la gi|la sao|la the nao|nghia la|co nghia|la bao nhieu|\?))"  # a question about the score
)


# a row of star emoji inside a rating ("đánh giá giùm dì em nha ⭐⭐⭐⭐⭐ cô cán bộ dễ thương")
_STAR_RUN = re.compile("(?<![\u2b50\U0001f31f])[\u2b50\U0001f31f]{1,5}(?![\u2b50\U0001f31f])")


def score_anywhere(folded: str) -> tuple[bool, Rating | None]:
    """Whether a score is said anywhere in a message (or a row of star emoji), and the level of the first one: none
    for three stars or five and six points (taken only in a rating with no level read)."""
    m = _ANY_SCORE.search(folded) if _star_hint(folded) or _points_hint(folded) else None
    if m is None:
        run = _STAR_RUN.search(folded.replace("\ufe0f", "")) if "\u2b50" in folded or "\U0001f31f" in folded else None
        return (False, None) if run is None else (True, _STAR_LEVELS.get(len(run.group())))
    if m["s"]:
        return True, _STAR_LEVELS.get(int(m["s"]))
    return True, _level_of_points(int(m["p"] or m["q"]))


# "chưa tới mức rất hài lòng", "không đến nỗi rất hài lòng": the top level denied, whatever else is said
_TOP_DENIED = guarded(
    r"\b(?:(?:khong|chua|chang|hong)(?: (?:toi|den|toi muc|den muc|muc|noi|den noi|phai|la|duoc|that su|thuc su|"
    r"dam|the|kip))+|kho (?:ma )?noi(?: la)?)"
    rf" (?:rat|qua|cuc ky|hoan toan|that su|thuc su|vo cung)(?: la)? {_LEVEL}\b"
    r"|\b(?:khong|chua)(?: phai)? (?:very|really|totally|fully|completely|extremely) satisfied\b"
    # "nói rất hài lòng thì chưa": the top level denied after it is named
    rf"|\b(?:rat|qua|cuc ky|hoan toan|that su|thuc su|vo cung)(?: la)? {_LEVEL}"
    r"(?: (?:thi|la) (?:chua|khong|khong phai|chua han|khong han|(?:(?:hoi|cung|co ve) )*qua(?: loi)?)"
    r"| (?:chua han|khong han))\b"
)


# "not very satisfied, just satisfied", "không rất hài lòng mà chỉ hài lòng thôi": a degree denied, then the plain level
# set in its place ("chỉ" folds as "chị" does: only after the denial)
_JUST_LEVEL = guarded(
    r"\b(?:not|never|khong|chua|chang|hong)(?: \w+){0,3}? (?:very|really|so|fully|completely|totally|extremely|rat|"
    r"qua|cuc ky|hoan toan|vo cung)(?: la)? (?:satisfied|hai long)\b.*"
    r"\b(?:chi|just|only|merely|simply)(?: (?:la|thay|cam thay|o muc|muc|dat muc|dung muc|plain|plainly))?"
    r" (?:hai long|vua long|satisfied)\b(?! (?:khi|neu|voi dieu kien|if|when)\b)"
    # the plain level said first, then the top one denied ("satisfied only, not very satisfied", "hài lòng thôi,
    # chứ không phải rất hài lòng")
    r"|\b(?<!\bkhong )(?<!\bchua )(?<!\bnot )(?<!\bchang )(?:hai long|satisfied)(?: (?:only|thoi|thui|la du|la duoc))?"
    r"(?: \w+){0,2}? (?:not|khong phai|chua phai|chu khong phai|chu chua|chu khong) (?:very|really|so|rat|qua|that su)"
    r"(?: la)? (?:satisfied|hai long)\b"
)


# "không phải không hài lòng": a complaint denied is the plain level
_NEG_DENIED = guarded(rf"\b(?:khong|chua) (?:phai|han|han la|phai la) (?:khong|chua) {_LEVEL}\b")


def level_in(words: str) -> Rating | None:
    """Rating level stated in normalised words, if any."""
    if _JUST_LEVEL.search(words):
        return Rating.SATISFIED
    words = _NEG_DENIED.sub("hai long", words)
    if RATING_NEG.search(words):
        return Rating.DISSATISFIED
    words = _TOP_DENIED.sub(" ", words)
    words = RATING_TOPIC.sub(" danh gia ", words)
    if RATING_VERY.search(words):
        return Rating.VERY_SATISFIED
    if _RATING_ANY.search(words):
        return Rating.SATISFIED
    return None


# ------------------------------------------------------------------------- intents

_RESUB_RE = guarded(_RESUB)


def unsubscribes(words: str) -> bool:
    """A negated subscription, a loanword or English for it, or messages said to be too many with a word to stop
    them; not when the notices are asked back."""
    return _RESUB_RE.search(words) is None and (
        UNSUB_RE.search(words) is not None
        or _UNSUB_MORE_RE.search(words) is not None
        or (_NAG_RE.search(words) is not None and _STOP_RE.search(words) is not None)
    )


# a verdict said as a clause of its own, between punctuation marks ("..., ổn. mã hs ...") in folded text
_VERDICT_WORDS = r"(?:on|on ap|cung duoc|cung dc|tam duoc|tam on)"
_CLAUSE_END = r"\s*(?:[,.;!?'\"\u201c\u201d]|$)"
# the verdict opening the message, or after this time's experience ("lần này làm giấy cho chùa cũng được, ...")
_VERDICT_OPENS = re.compile(
    rf"\s*{_VERDICT_WORDS}{_CLAUSE_END}"
    r"|(?:lan nay|dot nay|lan truoc|lan do|hom qua|bua truoc|vua roi)\b[^,.;!?]{0,60}?\s(?:cung duoc|cung dc|tam duoc|"
    r"on|on ap)\s*(?:[,.;!?]|$)"
)
# the verdict as a clause of its own after a mark (a search that skips to the marks)
_VERDICT_AFTER = re.compile(rf"[,.;!?'\"\u201c\u201d:]\s*{_VERDICT_WORDS}{_CLAUSE_END}")


def verdict_clause(folded: str) -> bool:
    """A mild verdict is a clause of its own: "ổn", "cũng được", "tạm được" between marks, or opening the message."""
    return _VERDICT_OPENS.match(folded) is not None or _VERDICT_AFTER.search(folded) is not None


def _verdict(words: str, mood: Rating | None, codes: bool = False) -> bool:
    """Praise or complaint that opens the message or is about the service (or strong, beside a dossier's code)."""
    if mood is None:
        return False
    if codes and mood != Rating.SATISFIED:
        return True
    tokens = words.split()
    framing = (" ".join(tokens[:4]), " ".join(tokens[-5:]))
    return any(mood_in(part) is not None for part in framing) or _SERVICE_RE.search(words) is not None


def _stops_us(words: str) -> bool:
    """The notices stopped in so many words (not asked back), with no other organisation named before or in the
    request ("đừng nhắn tin cho cô nữa nghen, ... khách mua cá tưởng cô bị gì"; not "tắt thông báo facebook")."""
    # the first request (a guarded search answers whether, not which)
    asked = UNSUB_RE.search(words) and UNSUB_RE.regex.search(words)
    if not asked or _RESUB_RE.search(words) is not None:
        return False
    return topic_of(" ".join(words[: asked.end()].split() + words[asked.end() :].split()[:6])) is None


def classify(
    words: str,
    codes: list[str],
    rating: Rating | None,
    elsewhere: bool = False,
    mood: Rating | None = None,
    fragment: bool = False,
    scored: bool = False,
    office: bool = False,
    clause: bool = False,
    spam: bool | None = None,
) -> Intent:
    """Intent of normalised words by the documented precedence; `clause`: a verdict said as a clause of its own
    (`verdict_clause`); `elsewhere`: the message names another
    organisation's service and nothing of the office's (topics.py); `mood`: its verdict of praise or complaint;
    `fragment`: a piece of a code that does not parse (a status question when nothing else is asked); `scored`: a
    score given that is no level ("3 sao"); `spam`: whether `SPAM_RE` matches, when already known."""
    if (SPAM_RE.search(words) is not None if spam is None else spam) and not office:
        return Intent.UNKNOWN
    # the first thing only asked (a guarded search answers whether, not which)
    only = _ONLY_STATUS_RE.search(words) and _ONLY_STATUS_RE.regex.search(words)
    if only and _NOT_ASKED_RE.search(words[: only.start()]):
        # what is only asked is the request: the status when a dossier is named after it, else what it asks
        words = words[only.start() :]
        if codes or fragment or "ho so" in words:
            return Intent.LOOKUP
        only = None
    if elsewhere and not codes and not _stops_us(words):
        # who is writing, with nothing asked, is a greeting even when it names a school or a market stall
        introduced = _INTRODUCTION_RE.search(words) is not None and _ASKS_RE.search(words) is None
        return Intent.GREETING if introduced else Intent.UNKNOWN
    if only and (codes or fragment or "ho so" in words):
        return Intent.LOOKUP
    if unsubscribes(words):
        return Intent.UNSUBSCRIBE
    if (rating is not None or scored) and _FORMAL_COMPLAINT_RE.search(words) is None:
        return Intent.RATE
    if _PERSON_RE.search(words):
        return Intent.CONTACT
    words = _THANKS_CLAUSE.sub("cam on", words)
    first = _RULES.first(words)
    at = len(RULES) if first is None else first
    if at >= _MOOD_AT and (clause or _verdict(words, mood, bool(codes))):
        return Intent.RATE
    if at >= _STATUS_AT and (codes or fragment):
        return Intent.LOOKUP
    return Intent.UNKNOWN if first is None else RULES[first][1]
