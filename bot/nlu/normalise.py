"""Normalisation: folding (no case, no diacritics), chat abbreviations and regional words, phrase rewrites."""

from __future__ import annotations

import re
import unicodedata

from bot.nlu.guarded import Guarded, guarded
from bot.nlu.memo import Memo

# --------------------------------------------------------------------------- folding

_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+")
_D_TABLE = str.maketrans({"đ": "d", "Đ": "d", "ð": "d", "Ð": "d"})


def _fold_slow(text: str) -> str:
    """`fold` by decomposition: any text."""
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text.translate(_D_TABLE)))
    return " ".join(text.lower().split())


def _folding_table() -> dict[int, str | None]:
    """Each Latin letter with diacritics (and each capital) as `_fold_slow` folds it, when that is plain ASCII; the
    combining marks dropped."""
    table: dict[int, str | None] = {cp: None for cp in range(0x300, 0x370)}
    for cp in (*range(0x41, 0x5B), *range(0xC0, 0x250), *range(0x1E00, 0x1F00)):
        folded = _fold_slow(chr(cp))
        if folded.isascii() and folded.isalnum():
            table[cp] = folded
    return table


_FOLDING = _folding_table()


def _fold_word(word: str) -> str:
    """A word folded by the table; "" when the table does not fold it into ASCII letters."""
    folded = word.translate(_FOLDING)
    return folded if folded.isascii() else ""


_FOLDED = Memo(_fold_word, 50_000)  # a province's messages share most of their words


def fold(text: str) -> str:
    """Lower-case, strip diacritics (NFC/NFD alike), map đ to d and collapse whitespace."""
    # Vietnamese letters by a table; whatever it leaves (other scripts, symbols) by decomposition, which folds the
    # table's output as it would have folded the letter
    if text.isascii():  # the table maps no other ASCII letter than the capitals
        return " ".join(text.lower().split())
    words = list(map(_FOLDED.__getitem__, text.split()))  # the table changes no space: word by word is the same
    if "" not in words:
        return " ".join(words)
    text = text.translate(_FOLDING)
    return " ".join(text.split()) if text.isascii() else _fold_slow(text)



# --------------------------------------------------------------------------- Khmer

# Words of Trà Vinh's Khmer users typed in Khmer script, as the rules read them (Khmer writes no spaces between
# words: longest first). Hello, thank you, goodbye, yes, satisfied, older sibling (a polite "you"), help; very, not
# (and the "ទេ" that closes a negation), good, bad, stop, send, message.
_KHMER: tuple[tuple[str, str], ...] = (
    ("ជំរាបសួរ", "chumreapsuor"), ("ជម្រាបសួរ", "chumreapsuor"), ("សួស្តី", "suosdei"), ("អរគុណ", "arkun"),
    ("លាហើយ", "tam biet"), ("លាសិន", "tam biet"), ("ពេញចិត្ត", "hai long"), ("ច្រើន", "nhieu"), ("បាទ", "vang"),
    ("ចាស", "vang"), ("បង", "bong"), ("ជួយ", "giup"), ("ណាស់", "lam"), ("មិន", "khong"), ("អត់", "khong"),
    ("ទេ", ""), ("ល្អ", "tot"), ("អាក្រក់", "te"), ("ឈប់", "dung"), ("ផ្ញើ", "gui"), ("សារ", "tin nhan"),
)
_KHMER_RE = re.compile("|".join(k for k, _ in _KHMER))
_KHMER_LATIN = dict(_KHMER)
# the hello in the Latin spellings people type ("chum reap suor", "chom riep sua", "chumreap sour"), as one word
_HELLO_LATIN = re.compile(r"\bch[ou]m ?(?:reap|riep|rip|riap|reab|rep) ?(?:suor|sour|sua|suo|sor|sur|suar)\b")


def latin_khmer(text: str) -> str:
    """Khmer courtesy words, in Khmer script or the hello in Latin letters, spelt as the rules read them."""
    if not text.isascii() and _KHMER_RE.search(text):
        text = _KHMER_RE.sub(lambda m: f" {_KHMER_LATIN[m[0]]} ", text)
    return _HELLO_LATIN.sub("chumreapsuor", text) if "re" in text or "ri" in text else text


# ------------------------------------------------------------------------ tokenising

TOKEN_RE = re.compile(r"[a-z0-9]+")
# every ASCII character but a letter or a digit made a space: an ASCII text's tokens are then its words (`token_runs`)
_SPACED = str.maketrans({c: " " for c in map(chr, range(128)) if not ("a" <= c <= "z" or "0" <= c <= "9")})


def token_runs(folded: str) -> list[str]:
    """`TOKEN_RE.findall`: the runs of lower-case letters and digits; an ASCII text cut by `str.translate`, without
    the regex engine (a tenth of its cost)."""
    return folded.translate(_SPACED).split() if folded.isascii() else TOKEN_RE.findall(folded)
PHONE_RE = re.compile(r"(?<![\d.])(?:\+\s?84|84|0)(?:[\s.\-]?\d){8,10}(?!\d)")

# Chat abbreviations, regional words and glued keywords (folded token -> folded words).
# fmt: off
ABBREV: dict[str, str] = {
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
    "tb": "thong bao", "tbao": "thong bao", "thongbao": "thong bao", "hd": "huong dan", "huongdan": "huong dan",
    "hdsd": "huong dan su dung", "cb": "can bo", "nv": "nhan vien", "lienhe": "lien he",
    "lh": "lien he", "tongdai": "tong dai", "nt": "nhan tin", "tn": "tin nhan", "dki": "dang ky",
    "dky": "dang ky", "dangky": "dang ky", "ki": "ky", "theodoi": "theo doi",
    "kq": "ket qua", "z": "vay", "dz": "vay", "mn": "moi nguoi", "dv": "dich vu", "cq": "co quan",
    "xn": "xac nhan", "tl": "tra loi", "cbo": "can bo", "nvien": "nhan vien", "nhiu": "nhieu",
    "xai": "su dung", "ak": "a", "ah": "a", "mun": "muon", "mug": "muon",
    "ok": "ok", "oke": "ok", "okie": "ok", "oki": "ok", "okay": "ok", "okela": "ok", "okla": "ok",
    # documents
    "cccd": "can cuoc cong dan", "cmnd": "chung minh nhan dan", "cmt": "chung minh nhan dan",
    "gplx": "giay phep lai xe", "gpxd": "giay phep xay dung", "gcn": "giay chung nhan",
    "qsdd": "quyen su dung dat", "llpt": "ly lich tu phap", "gks": "giay khai sinh",
    "dkkd": "dang ky kinh doanh", "hkd": "ho kinh doanh", "ubnd": "uy ban nhan dan",
    "bhxh": "bao hiem xa hoi", "bhyt": "bao hiem y te", "dvc": "dich vu cong",
    "gpkd": "giay phep kinh doanh", "cchn": "chung chi hanh nghe", "trc": "truoc",
    # school words ("sv", "ktx") and "how much" run together ("bnhieu")
    "sv": "sinh vien", "ktx": "ky tuc xa", "bnhieu": "bao nhieu", "bnhiu": "bao nhieu", "baonhieu": "bao nhieu",
}
# fmt: on

ME = r"(?:toi|minh|em|tao|chau|chung toi|bon toi|ben (?:toi|minh|em))"

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
    rf"|\b{_PHONE}(?: (?:cu|cua {ME}|{ME}))?(?= (?:(?:da|bi|vua|moi) )*{_PHONE_LOST}"
    r"(?: (?:roi|nen|thi|ma|luon|het|mat|a|nha|nhe|khong)\b|$))"
)

# Phrase rewrites after abbreviation expansion (word boundaries, folded text).
REWRITES: tuple[tuple[Guarded, str], ...] = tuple(
    (guarded(p), r)
    for p, r in (
        (r"\btinh trang hon nhan\b", "hon nhan"),
        (r"\bdanh gia tac dong\b", "tac dong"),
        (r"\bhi hi\b|\bhihi\b|\bhehe\b|\bhaha\b", " "),
        (r"\bhe (?:lo|nho|loo)\b|\bhi (?:lo|nho|loo)\b", "hello"),  # "hế lô", "hê nhô"
        (r"\b(?:c|cam|cm|ca) (?:on|un)\b", "cam on"),  # "c.ơn", "cám ưn"
        # "hay lòng" for "hài lòng" after a degree or a negation ("Long An", "Long Hồ" are places)
        (r"\b(rat|khong|chua|qua|that|cuc ky) hay long\b", r"\1 hai long"),
        (r"\bhay long (lam|qua)\b", r"hai long \1"),
        # the switchboard greeted by name is addressed, not asked for ("chào buổi sáng tổng đài một cửa")
        (r"\b((?:xin |kinh )?chao)(?: buoi (?:sang|trua|chieu|toi))?(?: (?:quy|cac|anh|chi|em|co|chu))?"
         r" (?:tong dai vien|tong dai|hotline)\b", r"\1"),
        # Southern and voice-typed "ch" for "tr" in lookup words ("chà cứu", "tình chạng", "chạng thái")
        (r"\bcha cuu\b", "tra cuu"),
        (r"\bmoc cua\b", "mot cua"),  # voice typing's "mộc cửa"
        (r"\bchi bao\b", "huong dan"),  # "xin chỉ bảo" asks for guidance, not for a notice
        (r"\bkhai sanh\b", "khai sinh"),  # Southern "khai sanh"
        # older and Southern words for the same papers and requests ("hôn thú", "giấy tiền già", "cho bà hay")
        (r"\b(?:giay )?hon thu\b", "giay ket hon"),
        (r"\b(?:giay )?tien gia\b", "tro cap nguoi cao tuoi"),
        (r"\bbang khoan\b", "so do"),
        (r"\bthu ky\b|\btho ky\b", "can bo"),
        (r"\bthong tri\b", "thong bao"),
        (r"\bting ting\b", "bao"),
        (r"\bxin phep (?=tam biet|chao|rut lui|cao tu|di truoc|ve truoc)", ""),  # leave taken, not a permit
        (r"\b(lam|giay|viec|cai|giay to) chi\b", r"\1 gi"),
        (r"\bcho (toi|tui|em|ba|ong|bac|con|chau|minh) hay\b", r"bao cho \1"),
        (r"\bma gd\b", "ma giao dich"),
        # Northern "n" typed for "l" in the words of a request ("nàm việc", "nưu lại", "bị nộ ra")
        # (not five stars given: "cho năm sao nghe cháu")
        (r"\b(?<!\bcho )(?<!\bcham )(?<!\btang )(?<!\bdanh gia )(?<!\bchon )"
         r"nam (?=viec|duoc|gi|sao|the nao|ho so|thu tuc|giay|lai|ro|cho)\b", "lam "),
        (r"\bnuu\b", "luu"),
        (r"\bkhieu lai\b", "khieu nai"),  # "khiếu lại": voice typing's "l" for "n"
        (r"\b(?:bi )?no ra ngoai\b", "lo ra ngoai"),
        (r"\btheo roi (?=ho so|cai|giup|dum|ma|nha)", "theo doi "),  # "theo rõi" heard for "theo dõi"
        (r"\bone stop\b", "mot cua"),
        (r"\bchang thai\b", "trang thai"),
        (r"\btinh chang\b", "tinh trang"),
        (r"\bhe thong\b", "hethong"),  # "hệ thống báo lỗi" is not "thông báo"
        (r"\bgoi (?=(?:tin|thong bao|tin nhan)\b)", "gui "),  # Southern "gởi tin" = "gửi tin", not "gọi"
        # Southern "hông"; "sổ hồng" is a land title, but not before a level ("hồ sơ ... hông hài lòng")
        (r"\bhong (?=(?:hai long|vua long|ung y|duoc|co|biet|can|muon|phai)\b)", "khong "),
        (r"\bhong\b(?<!\bso hong)", "khong"),
        # a phone number the user gives is data, not a request for ours
        (r"\b(?:so dien thoai|dien thoai|phone|so|zalo)(?: lien he)?(?: cua (?:toi|minh|em))?(?: la)? sdtnum\b", " "),
        (r"\bsdtnum\b", " "),
        (_OWN_PHONE, r"\g<verb> sdtcuatoi"),  # one word that asks for nothing
        # dossiers already followed are something to look at, not to start following ("hồ sơ đang theo dõi",
        # "danh sách hồ sơ theo dõi", "những hồ sơ tôi đã theo dõi"); "theo dõi mấy hồ sơ được" is no list
        (r"\bdang (?:theo doi|follow)\b", "dangtheodoi"),
        # "tôi có theo dõi mấy hồ sơ": the dossiers followed
        (r"\b(?:co|da|van) theo doi (?=(?:may|cac|nhung|vai|\d+) ho so\b)", "dangtheodoi "),
        (
            r"\b(?P<list>danh sach(?: (?:cac|nhung))?(?: ho so)?"
            r"|(?:cac|nhung|xem|liet ke|bao nhieu|may)(?: \w+)? ho so"
            # "hồ sơ em theo dõi mấy cái đó": the dossiers someone follows, named by who follows them
            rf"|ho so(?= {ME} (?:da |dang )?theo doi\b))"
            rf"(?: (?:ma|{ME}|ban|bot))*(?: (?:da|duoc))* theo doi\b(?! duoc)",
            r"\g<list> dangtheodoi",
        ),
    )
)
