"""Rule-based Vietnamese NLU: intents, dossier codes and typed ratings (SPEC sections 6 and 8).

Pipeline of :func:`understand`:

1. :func:`fold` the text (Unicode-normalised, lower case, no diacritics, ``đ`` -> ``d``).
2. Take the dossier codes out (SPEC section 6 grammar, not examples) and mask phone numbers.
3. Tokenise, expand chat abbreviations and regional words (``hs`` -> ``ho so``, ``ko`` ->
   ``khong``, ``kq`` -> ``ket qua``, Southern ``xài`` -> ``su dung``, ``hế lô`` -> ``hello`` ...) and
   mend one-edit typos of keywords: a token that cannot be a Vietnamese syllable is
   matched against the keyword vocabulary; a real-looking one only when its neighbour
   makes a keyword pair with the mended form ("tat tong bao" -> "tat thong bao").
4. Match keyword families (regular expressions over the folded words, with word
   boundaries) and decide with a fixed precedence, highest first:

   ====  ==================  ==========================================================
   1     unknown (spam)      loans, film links, betting, sales ... never routed to a human
   2     unsubscribe         a negated subscription ("huỷ / tắt hết / đừng ... thông báo")
   3     rate_service        a rating level ("rất hài lòng", "không hài lòng")
   4     contact_human       a formal complaint ("khiếu nại", "phản ánh", "tố cáo")
   5     rate_service        a rating request or feedback ("đánh giá", "góp ý", "dg")
   6     unknown (privacy)   the user's own data kept, used or shared ("bot có lưu số
                             điện thoại của tôi không", "dữ liệu của tôi dùng làm gì")
   7     subscribe           "nhận thông báo", "theo dõi", "xong thì báo mình"
   8     contact_human       "gặp cán bộ", "hotline", "số điện thoại" (not one given, not
                             the user's own: "đổi sđt rồi", "quên số", "sđt của tôi"),
                             "gọi lại cho tôi", "có ai trực không", "cần người hỗ trợ",
                             where an office is ("văn phòng một cửa ở đâu")
   9     lookup_dossier      a code, a status question ("xong chưa"), "hồ sơ của tôi",
                             dossiers already followed ("hồ sơ đang theo dõi")
   10    help                about the bot itself ("bạn làm được gì", "không biết dùng")
   11    procedure_info      "thủ tục", "cần giấy tờ gì", "lệ phí", "mẫu đơn"
   12    procedure_info      a generic question ("ở đâu", "bao lâu", "cần gì", "làm sao")
                             next to an administrative word or topic ("nộp", "giấy", "khai sinh")
   13    lookup_dossier      "tra cứu", "kiểm tra", "hồ sơ" without more
   14    procedure_info      a procedure topic ("khai sinh", "giấy phép xây dựng")
   15    subscribe           "thông báo" without more
   16    contact_human       "tư vấn", "điện thoại" without more
   17    help                "hướng dẫn", "trợ giúp", "giúp"
   18    thanks              "cảm ơn", "tks"
   19    greeting            "chào", "alo", "hi"
   20    unknown             everything else (chit-chat, weather, emoji)
   ====  ==================  ==========================================================

   From rule 4 on, a "cảm ơn <whom> đã <something>" clause is dropped first, so
   "cảm ơn đã hỗ trợ" stays thanks.
"""

from __future__ import annotations

import json
import re
import sys
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

__all__ = [
    "Intent",
    "Rating",
    "Understanding",
    "canonical_code",
    "extract_codes",
    "fold",
    "is_cancel",
    "is_no",
    "is_yes",
    "main",
    "parse_rating",
    "understand",
]


class Intent(StrEnum):
    """Intents of SPEC section 8."""

    GREETING = "greeting"
    HELP = "help"
    LOOKUP = "lookup_dossier"
    RATE = "rate_service"
    SUBSCRIBE = "subscribe"
    UNSUBSCRIBE = "unsubscribe"
    CONTACT = "contact_human"
    PROCEDURE = "procedure_info"
    THANKS = "thanks"
    UNKNOWN = "unknown"


class Rating(StrEnum):
    """Satisfaction levels used by the one-stop portals."""

    VERY_SATISFIED = "very_satisfied"
    SATISFIED = "satisfied"
    DISSATISFIED = "dissatisfied"


@dataclass(frozen=True)
class Understanding:
    """What one message says: intent, dossier codes (canonical, in order) and rating."""

    text: str
    intent: Intent
    codes: tuple[str, ...]
    rating: Rating | None

    def entities(self) -> dict[str, object]:
        """SPEC section 8 entities; keys are present only when found."""
        out: dict[str, object] = {}
        if self.codes:
            out["dossier_code"] = self.codes[0]
            if len(self.codes) > 1:
                out["dossier_codes"] = list(self.codes)
        if self.rating is not None:
            out["rating"] = self.rating.value
        return out


# --------------------------------------------------------------------------- folding

_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_D_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def fold(text: str) -> str:
    """Lower-case, strip diacritics (NFC/NFD alike), map đ to d and collapse whitespace."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_D_TABLE)))
    return " ".join(text.lower().split())


# --------------------------------------------------------------------- dossier codes

# Agency part: 2-4 dot-separated groups, exactly one of them a letter + 2 digits (the
# province group, e.g. H59), the others 1-3 digits; then the 6-digit receipt date and the
# sequence number. Spaces may surround the dots and dashes. Works on folded text.
_DOT = r"\s*\.\s*"
_DASH = r"\s*[-\u2010-\u2015\u2212_]\s*"
_CODE_RE = re.compile(
    rf"(?<![\d.])(?<!\b[a-z])((?:\d{{1,3}}{_DOT}){{0,3}}[a-z]\d\d(?:{_DOT}\d{{1,3}}){{0,3}})"
    rf"{_DASH}(\d{{6}}){_DASH}(\d{{4,5}})(?!\d)",
    re.IGNORECASE,
)
_GROUP_SPLIT = re.compile(_DOT)
_DATE_HINT = re.compile(r"\d{6}")


def _code_from_match(m: re.Match[str]) -> str | None:
    """Canonical code of a regex match, or None when the agency part has a wrong shape."""
    groups = _GROUP_SPLIT.split(m.group(1))
    if not 2 <= len(groups) <= 4:
        return None
    return f"{'.'.join(groups).upper()}-{m.group(2)}-{m.group(3)}"


def canonical_code(raw: str) -> str | None:
    """One code in any SPEC section 6 form -> canonical (upper case, no spaces), else None."""
    m = _CODE_RE.fullmatch(fold(raw).strip())
    return _code_from_match(m) if m else None


def _take_codes(folded: str) -> tuple[list[str], str]:
    """Codes of a folded text (canonical, in order, unique) and the text without them."""
    codes: list[str] = []
    if not _DATE_HINT.search(folded):  # every code has a 6-digit date: skip the full grammar
        return codes, folded

    def cut(m: re.Match[str]) -> str:
        code = _code_from_match(m)
        if code is None:
            return m.group(0)
        if code not in codes:
            codes.append(code)
        return " "

    rest = _CODE_RE.sub(cut, folded)
    return codes, rest


def extract_codes(text: str) -> list[str]:
    """All dossier codes in a message, canonical, in order of appearance, de-duplicated."""
    return _take_codes(fold(text))[0]


# ------------------------------------------------------------------------ tokenising

_TOKEN_RE = re.compile(r"[a-z0-9]+")
_PHONE_RE = re.compile(r"(?<![\d.])(?:\+\s?84|84|0)(?:[\s.\-]?\d){8,10}(?!\d)")

# Chat abbreviations, regional words and glued keywords (folded token -> folded words).
# fmt: off
_ABBREV: dict[str, str] = {
    # negation
    "ko": "khong", "k": "khong", "kh": "khong", "hok": "khong", "hk": "khong",
    "khg": "khong", "kg": "khong", "hem": "khong", "khum": "khong", "hum": "khong", "k0": "khong",
    "kog": "khong", "kgo": "khong", "chx": "chua", "ch": "chua",
    # common chat words
    "hs": "ho so", "hso": "ho so", "hoso": "ho so", "dc": "duoc", "dk": "dang ky", "r": "roi",
    "ad": "admin", "ade": "admin", "e": "em", "t": "toi", "tui": "toi", "mk": "minh", "mik": "minh",
    "mh": "minh", "mjk": "minh", "mjnh": "minh", "b": "ban", "bn": "ban", "bro": "ban",
    "j": "gi", "ji": "gi", "gj": "gi", "vs": "voi", "cx": "cung", "lm": "lam", "ns": "noi",
    "bik": "biet", "bit": "biet", "bh": "bao gio", "bgio": "bao gio", "bjo": "bao gio",
    "ntn": "nhu the nao", "ng": "nguoi", "wa": "qua", "ms": "moi",
    "gium": "giup", "dum": "giup", "giumm": "giup", "plz": "giup", "pls": "giup", "zui": "vui",
    "dzay": "vay", "zay": "vay", "dzui": "vui",
    "coi": "xem", "dzo": "vao", "zo": "vao", "ktra": "kiem tra", "kt": "kiem tra",
    "check": "kiem tra", "tracuu": "tra cuu", "kiemtra": "kiem tra", "xinchao": "xin chao",
    "sdt": "so dien thoai", "dt": "dien thoai", "dthoai": "dien thoai", "sodienthoai": "so dien thoai",
    "tks": "cam on", "thks": "cam on", "thanks": "cam on", "thank": "cam on",
    "thx": "cam on", "thnx": "cam on", "camon": "cam on", "cmon": "cam on", "camun": "cam on",
    "dg": "danh gia", "dgia": "danh gia", "danhgia": "danh gia", "hl": "hai long",
    "rhl": "rat hai long", "khl": "khong hai long", "kohl": "khong hai long",
    "hailong": "hai long", "tt": "thu tuc", "thutuc": "thu tuc", "tthc": "thu tuc hanh chinh",
    "tb": "thong bao", "thongbao": "thong bao", "hd": "huong dan", "huongdan": "huong dan",
    "hdsd": "huong dan su dung", "cb": "can bo", "nv": "nhan vien", "lienhe": "lien he",
    "lh": "lien he", "tongdai": "tong dai", "nt": "nhan tin", "tn": "tin nhan", "dki": "dang ky",
    "dky": "dang ky", "dangky": "dang ky", "ki": "ky", "theodoi": "theo doi",
    "kq": "ket qua", "z": "vay", "dz": "vay", "mn": "moi nguoi", "dv": "dich vu", "cq": "co quan",
    "xn": "xac nhan", "tl": "tra loi", "cbo": "can bo", "nvien": "nhan vien", "nhiu": "nhieu",
    "xai": "su dung", "ak": "a", "ah": "a",
    "ok": "ok", "oke": "ok", "okie": "ok", "oki": "ok", "okay": "ok", "okela": "ok", "okla": "ok",
    # documents
    "cccd": "can cuoc cong dan", "cmnd": "chung minh nhan dan", "cmt": "chung minh nhan dan",
    "gplx": "giay phep lai xe", "gpxd": "giay phep xay dung", "gcn": "giay chung nhan",
    "qsdd": "quyen su dung dat", "llpt": "ly lich tu phap", "gks": "giay khai sinh",
    "dkkd": "dang ky kinh doanh", "hkd": "ho kinh doanh", "ubnd": "uy ban nhan dan",
    "bhxh": "bao hiem xa hoi", "bhyt": "bao hiem y te", "dvc": "dich vu cong",
    "gpkd": "giay phep kinh doanh",
}
# fmt: on

_ME = r"(?:toi|minh|em|tao|chau|chung toi|bon toi|ben (?:toi|minh|em))"

# The user's own phone: the object of a change or a loss ("đổi số điện thoại rồi", "quên sđt") unless an
# office or one of its people owns it ("quên số điện thoại cán bộ"), one said to be the user's ("sđt của
# tôi"), or the subject of a change that ends the clause ("sđt đổi rồi", "sim em bị khoá"). A bare "so"
# may be a folded "sổ" (land title, household book): only "đổi số rồi", "quên số".
_SELF = r"(?:toi|minh|tao|chung toi|bon toi|ben (?:toi|minh))"  # "số của em" may be a clerk's
_PHONE = r"(?:so dien thoai|dien thoai|sim|so(?= roi\b| nua\b|$))"
_THEIRS = (
    r"(?:(?:cua|o|ben|tai|thuoc) )?(?:can bo|nhan vien|admin|bot|ban|xa|phuong|thi tran|huyen|quan|tinh|"
    r"uy ban|co quan|mot cua|van phong|bo phan|trung tam|phong|lien he|ho tro|hotline|tong dai|"
    r"duong day nong|lanh dao|chuyen vien|chu tich)\b"
)
_PHONE_LOST = r"(?:doi|thay|thay doi|mat|lam mat|danh mat|quen|khong nho|hong|bi khoa|khoa)"
_OWN_PHONE = (
    rf"\b(?P<verb>{_PHONE_LOST}(?: (?:het|luon|mat|cai|lai|sang|qua))*) {_PHONE}(?: (?:cu|moi))?(?! {_THEIRS})"
    rf"|\b{_PHONE}(?: (?:cu|moi))? cua {_SELF}\b"
    rf"|\b{_PHONE}(?: (?:cu|cua {_ME}|{_ME}))?(?= (?:(?:da|bi|vua|moi) )*{_PHONE_LOST}"
    r"(?: (?:roi|nen|thi|ma|luon|het|mat|a|nha|nhe|khong)\b|$))"
)

# Phrase rewrites after abbreviation expansion (word boundaries, folded text).
_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (r"\btinh trang hon nhan\b", "hon nhan"),
        (r"\bdanh gia tac dong\b", "tac dong"),
        (r"\bhi hi\b|\bhihi\b|\bhehe\b|\bhaha\b", " "),
        (r"\b(?:he|hi) (?:lo|nho|loo)\b", "hello"),  # "hế lô", "hê nhô"
        (r"\b(?:c|cam|cm|ca) (?:on|un)\b", "cam on"),  # "c.ơn", "cám ưn"
        # "hay lòng" for "hài lòng" after a degree or a negation ("Long An", "Long Hồ" are places)
        (r"\b(rat|khong|chua|qua|that|cuc ky) hay long\b", r"\1 hai long"),
        (r"\bhay long (lam|qua)\b", r"hai long \1"),
        # the switchboard greeted by name is addressed, not asked for ("chào buổi sáng tổng đài một cửa")
        (r"\b((?:xin |kinh )?chao)(?: buoi (?:sang|trua|chieu|toi))?(?: (?:quy|cac|anh|chi|em|co|chu))?"
         r" (?:tong dai vien|tong dai|hotline)\b", r"\1"),
        # Southern and voice-typed "ch" for "tr" in lookup words ("chà cứu", "tình chạng", "chạng thái")
        (r"\bcha cuu\b", "tra cuu"),
        (r"\bchang thai\b", "trang thai"),
        (r"\btinh chang\b", "tinh trang"),
        (r"\bhe thong\b", "hethong"),  # "hệ thống báo lỗi" is not "thông báo"
        (r"\bgoi (?=(?:tin|thong bao|tin nhan)\b)", "gui "),  # Southern "gởi tin" = "gửi tin", not "gọi"
        (r"(?<!\bso )\bhong\b", "khong"),  # Southern "hông"; "sổ hồng" is a land title
        # a phone number the user gives is data, not a request for ours
        (r"\b(?:so dien thoai|dien thoai|phone|so|zalo)(?: cua (?:toi|minh|em))?(?: la)? sdtnum\b", " "),
        (r"\bsdtnum\b", " "),
        (_OWN_PHONE, r"\g<verb> sdtcuatoi"),  # one word that asks for nothing
        # dossiers already followed are something to look at, not to start following ("hồ sơ đang theo dõi",
        # "danh sách hồ sơ theo dõi", "những hồ sơ tôi đã theo dõi"); "theo dõi mấy hồ sơ được" is no list
        (r"\bdang theo doi\b", "dangtheodoi"),
        (
            r"\b(?P<list>danh sach(?: (?:cac|nhung))?(?: ho so)?"
            r"|(?:cac|nhung|xem|liet ke|bao nhieu|may)(?: \w+)? ho so)"
            rf"(?: (?:ma|{_ME}|ban|bot))*(?: (?:da|duoc))* theo doi\b(?! duoc)",
            r"\g<list> dangtheodoi",
        ),
    )
)


# ----------------------------------------------------------------- keyword families

_KIN = r"(?:con|vo|chong|me|ba|bo|ong|anh|chi|cha)"
# whose dossier: "hồ sơ (của) tôi", "hồ sơ của mẹ", "hồ sơ con tôi", "hồ sơ công ty"
_MINE = rf"(?:{_ME}|nha (?:toi|minh)|gia dinh|cong ty|doanh nghiep (?:toi|minh)|{_KIN} (?:toi|minh|em))"
_CHANNEL = r"(?:zalo|sms|messenger|mess|facebook|fb|email|dien thoai)"
_SUB_OBJ = r"(?:thong bao|tin nhan|tin|nhac nho|nhac|theo doi|gui tin)"
# words that may sit between a switch verb and what it switches ("tắt hết thông báo", "bật giùm tôi thông báo")
_QUANT = rf"(?: (?:het|tat ca|toan bo|moi|cac|may|cai|nhung|giup|dum|ho|luon|di|{_ME}))"

# who sends the notices, when a user names it ("không muốn bot nhắn nữa")
_SENDER = r"(?:bot|chatbot|ban|admin|hethong|trang(?: nay)?|page|ben (?:ban|nay))"

# The user's own data ("thông tin / dữ liệu / tin nhắn của tôi", the own phone of _OWN_PHONE) kept, used or
# shared by the bot, or said to be so; privacy itself. SPEC section 8 has no privacy intent: unknown.
_MY_DATA = (
    r"(?:sdtcuatoi|(?:thong tin|du lieu|tin nhan|cuoc tro chuyen|lich su (?:chat|tro chuyen|tin nhan)|"
    rf"noi dung (?:chat|tin nhan|tro chuyen)|email|dia chi|ten|can cuoc cong dan)(?: ca nhan)?(?: cua)? {_ME}|"
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
_RATING_NEG = re.compile(
    r"\b(?:khong|chua|chang|cha|it)(?: (?:duoc|thay|cam thay|co|may|lam|qua|he|hoan toan|thuc su|"
    rf"that su|that|la|con|thuc|su)){{0,3}} {_LEVEL}\b"
    r"|\b(?:that vong|bat man|bat binh)\b"
    r"|\b(?:phuc vu|thai do|chat luong|lam viec)(?: \w+)? (?:(?:rat|qua|that|hoi|kha) )?(?:kem|te|chua tot|khong tot)\b"
)
_RATING_VERY = re.compile(
    # "kết quả hài lòng" is no "quá hài lòng"
    r"\b(?:rat|cuc ky|cuc ki|vo cung|het suc|hoan toan|sieu|tuyet doi|(?<!\bket )qua|that su|thuc su|"
    r"(?<!\bket )qua la)"
    rf"(?: (?:la|chi|rat|chi la|su|that|ra|luon)){{0,2}} {_LEVEL}\b"
    rf"|\b{_LEVEL} (?:lam|qua|cuc ky|cuc ki|vo cung|het suc|tuyet doi|100|hoan toan|het muc|het y)\b"
)
_RATING_ANY = re.compile(rf"\b{_LEVEL}\b")
# "đánh giá hài lòng", "mức độ hài lòng": the name of the survey, not an answer
_RATING_TOPIC = re.compile(
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
    rf"|\bnhan tin (?:(?:cho |lai (?:cho )?)?{_ME} )?(?:khi|neu|luc|ve|bao|nhe|nha)\b"
    r"|\b(?:muon|can|dang ky|duoc|se|xin) nhan tin\b"
    rf"|\b(?:bat|mo|kich hoat|dang ky|cai dat|cai|gui){_QUANT}{{0,2}}"
    r" (?:nhan )?(?:thong bao|tin nhan|tin|theo doi|nhac)\b"
    r"|\btheo doi\b|\bsubscribe\b|\bdang ky nhan\b"
    rf"|\bthong bao (?:(?:cho|giup|lai|ngay|toi) )?{_ME}\b"
    rf"|\b(?:bao|nhan|nhan tin|nhac|bao tin|bao lai|gui tin|gui thong bao|bao ket qua)"
    rf"(?: (?:qua )?{_CHANNEL})? (?:(?:cho|lai cho|lai|giup|ngay cho|ngay|ket qua cho|tin cho) )?{_ME}\b"
    r"|\b(?:xong|co ket qua|hoan thanh|duoc duyet|co tin)(?: (?:thi|roi))? (?:bao|nhan tin|nhan|thong bao|"
    r"nhac|goi bao)\b(?! gio| nhieu| lau)"
    rf"|\bcap nhat (?:(?:cho|giup) )?{_ME}\b"
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
    rf"|\bgoi(?: lai)? (?:cho|lai cho) {_ME}\b"  # a call-back request
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
    rf"|\b(?:(?:can|muon|cho {_ME})(?: co| duoc)?(?: mot| 1)? (?:nguoi|ai do|ai|can bo|nhan vien|chuyen vien)"
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
    rf"(?:bao gio|khi nao|luc nao|ngay nao|hom nao|chung nao) (?:{_ME} )?(?:thi )?(?:moi )?"
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
    rf"|\b(?:tra cuu|tra|kiem tra|xem|tim)(?: (?:giup|lai|thu|cho|ho|voi|dum|{_ME}))*"
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
    rf"(?:\b(?:bao gio|khi nao|luc nao|thoi gian nao) (?:{_ME} )?(?:co the|duoc|co the duoc) {_APPLY}|"
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

_SPAM_RE = re.compile(_SPAM)
# a formal complaint goes to a person even when it names what it is about ("phản ánh thái độ cán bộ")
_COMPLAINT_RE = re.compile(r"\b(?:khieu nai|phan anh|to cao)\b")
_UNSUB_RE = re.compile(_UNSUB)
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
_RULES: tuple[tuple[re.Pattern[str], Intent], ...] = (
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


# ------------------------------------------------------------------- typo tolerance

_ESCAPES = re.compile(r"\\[a-zA-Z]|\(\?[<=!:]*")
_VOCAB_SOURCES: tuple[str, ...] = (
    *(p.pattern for p, _ in _RULES),
    *(p.pattern for p in (_SPAM_RE, _UNSUB_RE, _RATING_NEG, _RATING_VERY, _RATING_TOPIC)),
    *_ABBREV.values(),
    "sdtnum",
)
_VOCAB: frozenset[str] = frozenset(
    w for src in _VOCAB_SOURCES for w in re.findall(r"[a-z]+", _ESCAPES.sub(" ", src))
)
# Deletion index (SymSpell style): every vocabulary word of 3+ letters and its 1-deletions.
_DELETES: dict[str, tuple[str, ...]] = {}
for _w in sorted({w for w in _VOCAB if len(w) >= 3} | {k for k in _ABBREV if len(k) >= 5}):
    for _d in {_w} | {_w[:i] + _w[i + 1:] for i in range(len(_w))}:
        _DELETES[_d] = (*_DELETES.get(_d, ()), _w)
del _w, _d

# A possible Vietnamese syllable without tones: real words, never typo-corrected.
_SYLLABLE = re.compile(
    r"(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?"
    r"(?:oai|oay|oeo|uoi|uou|uya|uyu|ieu|yeu|ai|ao|au|ay|eo|eu|ia|iu|oi|ui|uu|ua|ue|uy|oa|oe|[aeiouy]"
    r"|(?:uye|ie|ye|uo|oa|oe|ua|ue|uy|[aeiouy])(?:ng|[cmnpt])|(?:oa|ue|uy|[aeiy])(?:nh|ch))"
)
_RUNS = re.compile(r"([a-z])\1+")
_RUNS3 = re.compile(r"([a-z])\1\1+")


def _edit_rank(token: str, word: str) -> int:
    """How a word one edit away relates to the token: 0 swap, 1 omission, 2 extra letter, 3 other, 9 none."""
    if len(token) == len(word):
        if sorted(token) == sorted(word):
            return 0
        return 3 if sum(a != b for a, b in zip(token, word, strict=True)) == 1 else 9
    short, long_ = (token, word) if len(token) < len(word) else (word, token)
    if len(long_) - len(short) != 1:
        return 9
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    if short[i:] != long_[i + 1 :]:
        return 9
    return 1 if short is token else 2


@lru_cache(maxsize=8192)
def _mend(token: str) -> str:
    """Expand an abbreviation, or fix a one-edit typo of a keyword; else the token itself."""
    if token in _ABBREV:
        return _ABBREV[token]
    if token in _VOCAB or token.isdigit() or len(token) < 3 or _SYLLABLE.fullmatch(token):
        return token
    if _RUNS.search(token):  # elongation: "cam onnn", "xin chaooo", "chuaa", "okkk"
        for short in (_RUNS.sub(r"\1", token), _RUNS3.sub(r"\1\1", token)):
            if short in _VOCAB or (short in _ABBREV and len(short) >= 3):
                return _ABBREV.get(short, short)
    candidates: set[str] = set(_DELETES.get(token, ()))
    for i in range(len(token)):
        candidates.update(_DELETES.get(token[:i] + token[i + 1 :], ()))
    ranked = sorted((_edit_rank(token, w), w) for w in candidates)
    best = [w for rank, w in ranked if rank == ranked[0][0] < 9] if ranked else []
    if len(best) != 1 or (len(token) < 4 and ranked[0][0] != 1):  # 3 letters: only a missing letter
        return token
    return _ABBREV.get(best[0], best[0])


# Keyword bigrams ("thong bao", "nhan vien" ...): a neighbour that is one keyword syllable
# lets a real-looking typo of the other one be mended ("tat tong bao", "gap nan vien").
_BIGRAMS: frozenset[tuple[str, str]] = frozenset(
    (seg[i], seg[i + 1])
    for src in _VOCAB_SOURCES
    for seg in (part.split() for part in re.split(r"[^a-z ]+", _ESCAPES.sub("|", src)))
    for i in range(len(seg) - 1)
)
_LEFT: dict[str, frozenset[str]] = {}
_RIGHT: dict[str, frozenset[str]] = {}
for _a, _b in _BIGRAMS:
    _LEFT[_b] = _LEFT.get(_b, frozenset()) | {_a}
    _RIGHT[_a] = _RIGHT.get(_a, frozenset()) | {_b}
del _a, _b
# Common short words that are never "mended" from context.
# fmt: off
_STABLE = frozenset({
    "cho", "co", "ma", "la", "da", "toi", "minh", "em", "anh", "chi", "ban", "the", "nao", "gi", "khi", "roi",
    "con", "cua", "voi", "duoc", "khong", "chua", "nay", "do", "day", "ve", "vao", "ra", "len", "di", "den",
    "tu", "tai", "va", "hay", "nhung", "cac", "mot", "ba", "bon", "nam", "sau", "bay", "tam", "chin", "muoi",
    "sao", "vay", "nha", "nhe", "lam", "qua", "rat", "hon", "thi", "moi", "bi", "can", "phai", "xin", "hoi",
    "biet", "muon", "xem", "cung", "van", "nua", "ai",
})
# fmt: on


def _closest(word: str, options: frozenset[str]) -> str | None:
    """The one option a swap, missing or extra letter away from word (fewest-change kind first)."""
    ranked = sorted((_edit_rank(word, w), w) for w in options if len(w) >= 3)
    best = [w for rank, w in ranked if rank == ranked[0][0] <= 2] if ranked else []
    return best[0] if len(best) == 1 else None


@lru_cache(maxsize=8192)
def _mend_pair(a: str, b: str, a_free: bool, b_free: bool) -> tuple[str, str]:
    """Mend one free side of a word pair into a keyword bigram ("tong bao" -> "thong bao")."""
    if (a, b) in _BIGRAMS:
        return a, b
    if a_free and _mendable(a, b) and (fit := _closest(a, _LEFT.get(b, frozenset()))):
        return fit, b
    if b_free and _mendable(b, a) and (fit := _closest(b, _RIGHT.get(a, frozenset()))):
        return a, fit
    return a, b


def _mendable(word: str, anchor: str) -> bool:
    """A word may be mended from its neighbour: neither is a common short word."""
    return len(word) >= 3 and len(anchor) >= 3 and word not in _STABLE and anchor not in _STABLE


def _words(folded: str) -> str:
    """Folded text (codes already removed) -> normalised words joined by single spaces."""
    folded = _PHONE_RE.sub(" sdtnum ", folded)
    tokens = " ".join(_mend(t) for t in _TOKEN_RE.findall(folded)).split()
    # a word already in a keyword bigram with one neighbour is never changed for the other
    held = [False] * len(tokens)
    for i in range(len(tokens) - 1):
        if (tokens[i], tokens[i + 1]) in _BIGRAMS:
            held[i] = held[i + 1] = True
    for i in range(len(tokens) - 1):
        if not (held[i] and held[i + 1]):
            pair = _mend_pair(tokens[i], tokens[i + 1], not held[i], not held[i + 1])
            if pair in _BIGRAMS:
                tokens[i], tokens[i + 1] = pair
                held[i] = held[i + 1] = True
    text = " ".join(tokens)
    for pattern, repl in _REWRITES:
        text = pattern.sub(repl, text)
    return " ".join(text.split())


# --------------------------------------------------------------------------- rating

# A whole message that is a star score: "5 sao", "cho 4 sao nhé", "5*", "4/5", "⭐⭐⭐⭐⭐". Three stars is
# neither level of the three-level survey, so it is not read as one.
_STARS_RE = re.compile(
    r"(?:(?:cho|danh gia|xin|toi|minh|em|chi|anh)\s+)*"
    r"(?P<n>[1-5]|mot|hai|ba|bon|nam)\s*(?:sao|\*|/\s*5)"
    r"(?:\s+(?:nhe|nha|nhen|a|luon|ha|nghen))*"
)
_STAR_WORDS = {"mot": 1, "hai": 2, "ba": 3, "bon": 4, "nam": 5}


def _stars(folded: str) -> Rating | None:
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


def _rating(words: str) -> Rating | None:
    """Rating level stated in normalised words, if any."""
    if _RATING_NEG.search(words):
        return Rating.DISSATISFIED
    words = _RATING_TOPIC.sub(" danh gia ", words)
    if _RATING_VERY.search(words):
        return Rating.VERY_SATISFIED
    if _RATING_ANY.search(words):
        return Rating.SATISFIED
    return None


def parse_rating(text: str) -> Rating | None:
    """A typed rating answer ("rat hai long", "ko hài lòng", "hài lòng ạ", "5 sao") -> Rating, else None."""
    folded = fold(text)
    return _rating(_words(_take_codes(folded)[1])) or _stars(folded)


# ------------------------------------------------------------------------- intents

def _classify(words: str, codes: list[str], rating: Rating | None) -> Intent:
    """Intent of normalised words by the documented precedence."""
    if _SPAM_RE.search(words):
        return Intent.UNKNOWN
    if _UNSUB_RE.search(words):
        return Intent.UNSUBSCRIBE
    if rating is not None:
        return Intent.RATE
    words = _THANKS_CLAUSE.sub("cam on", words)
    for pattern, intent in _RULES:
        if pattern.search(words) or (codes and pattern is _LOOKUP_STRONG_RE):
            return intent
    return Intent.UNKNOWN


def understand(text: str) -> Understanding:
    """Intent, dossier codes and rating of one user message."""
    folded = fold(text)
    codes, rest = _take_codes(folded)
    words = _words(rest)
    rating = _rating(words) or _stars(folded)
    return Understanding(text=text, intent=_classify(words, codes, rating), codes=tuple(codes), rating=rating)


# ------------------------------------------------------------- short typed answers

_FILLER = frozenset({
    "a", "ah", "nha", "nhe", "nhen", "nghen", "hen", "ne", "di", "admin", "bot", "oi", "luon", "ban", "em",
    "anh", "chi", "minh", "toi", "roi", "vay", "the", "lam",
})
_CANCEL_WORDS = frozenset({"huy", "thoat", "menu", "cancel", "exit", "quit"})
_CANCEL_FILLER = _FILLER | {"thoi", "bo", "ra", "giup", "voi", "lai", "ve", "quay", "chinh", "mo", "tro"}
# Ways of saying "go back / start over" that work like a cancel word when they are the whole message.
_CANCEL_PHRASES = (
    "quay lai", "quay ve", "tro ve", "tro lai", "ve lai", "ve", "trang chu", "man hinh chinh", "menu", "tu dau",
    "dung lai", "lam lai", "bat dau lai", "lai",
)
_CANCEL_PHRASE_RE = re.compile(rf"(?:{'|'.join(_CANCEL_PHRASES)})(?: (?:{'|'.join(_CANCEL_PHRASES)}))*")
_CANCEL_POLITE = frozenset({
    "a", "ah", "nha", "nhe", "nhen", "giup", "voi", "di", "toi", "minh", "em", "oi", "cho", "da", "vang",
})
_YES_RE = re.compile(
    r"(?:(?:dong y|nhat tri|chac chan|xac nhan|tat nhien|chinh xac|co|ok|vang|u|uh|um|uhm|uk|ukm|yes|yep|"
    r"yeah|y|duoc|chuan|phai|dung|da|sure|roger)(?: |$))+"
)
_YES_FILLER = _FILLER | {"thoi", "cam", "on"}
_NO_WORDS = frozenset({"khong", "no", "nope", "khoi", "chua", "sai", "thoi"})
_NO_FILLER = _FILLER | {"can", "phai", "dau", "muon", "co", "cam", "on", "duoc", "nua", "gi", "ca", "het",
                        "dong", "y", "de", "sau", "lan", "gio", "bay", "luc", "khac", "that", "su"}
_DUNG_NEG = re.compile(r"đừng|dừng")


def _short_tokens(text: str) -> list[str]:
    """Folded, abbreviation-expanded tokens of a short answer; "đừng"/"dừng" become "khong"."""
    text = _DUNG_NEG.sub(" khong ", unicodedata.normalize("NFC", text).lower())
    return " ".join(_ABBREV.get(t, t) for t in _TOKEN_RE.findall(fold(text))).split()


def is_cancel(text: str) -> bool:
    """True when the message is just hủy / thoát / menu / quay lại / làm lại (+ politeness, punctuation)."""
    tokens = _short_tokens(text)
    if any(t in _CANCEL_WORDS for t in tokens) and all(t in _CANCEL_WORDS or t in _CANCEL_FILLER for t in tokens):
        return True
    core = " ".join(t for t in _TOKEN_RE.findall(fold(text)) if t not in _CANCEL_POLITE)
    return core not in ("", "ve", "lai", "tu dau") and _CANCEL_PHRASE_RE.fullmatch(core) is not None


def is_yes(text: str) -> bool:
    """True for a typed confirmation: có, ok, đồng ý, vâng, ừ, yes, 👍 ..."""
    tokens = _short_tokens(text)
    if not tokens:
        return any(c in text for c in "👍👌✅")
    core = " ".join(t for t in tokens if t not in _YES_FILLER)
    return bool(core) and _YES_RE.fullmatch(core + " ") is not None


def is_no(text: str) -> bool:
    """True for a typed refusal: không, ko, k, thôi, no, không cần, đừng ..."""
    tokens = _short_tokens(text)
    return any(t in _NO_WORDS for t in tokens) and all(t in _NO_WORDS or t in _NO_FILLER for t in tokens)


# ----------------------------------------------------------------------------- CLI

def main() -> None:
    """Read UTF-8 lines from stdin, write one JSON understanding per line (SPEC section 8)."""
    with (
        open(sys.stdin.fileno(), encoding="utf-8", errors="replace", closefd=False) as stdin,
        open(sys.stdout.fileno(), "w", encoding="utf-8", newline="\n", closefd=False) as stdout,
    ):
        for line in stdin:
            text = line.rstrip("\r\n")
            u = understand(text)
            row = {"text": text, "intent": u.intent.value, "entities": u.entities()}
            stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
            stdout.flush()


if __name__ == "__main__":
    main()
