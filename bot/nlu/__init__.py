"""Vietnamese NLU: intents, dossier codes and typed ratings (SPEC sections 6 and 8), by rules and a statistical
model beside them.

Pipeline of :func:`understand`:

1. :func:`fold` the text (Unicode-normalised, lower case, no diacritics, ``đ`` -> ``d``).
2. Take the dossier codes out (SPEC section 6 grammar, not examples; commas typed for dots) and mask phone
   numbers.
3. Spell out English contractions and Khmer-script courtesy words, tokenise, expand chat abbreviations and
   regional words (``hs`` -> ``ho so``, ``ko`` -> ``khong``, ``kq`` -> ``ket qua``, Southern ``xài`` ->
   ``su dung``, ``hế lô`` -> ``hello`` ...) and mend one-edit typos of keywords: a token that cannot be a
   Vietnamese syllable (nor an English word) is matched against the keyword vocabulary; a real-looking one only
   when its neighbour makes a keyword pair with the mended form ("tat tong bao" -> "tat thong bao").
4. The rules read the words (reading.py): the rating level stated ("rất hài lòng", "5 sao", "đánh giá: hài
   lòng"), a verdict of praise or complaint ("tạm được", "tệ", "tuyệt vời"), another organisation's service
   named (topics.py: electricity, water, banks, hospitals, parcels, exams, phone top-ups, shops ...), and the
   intent of the first keyword family to match, by this precedence:

   ====  ==================  ==========================================================
   1     unknown (spam)      loans, film links, betting, sales ... never routed to a human
   1b    unknown             another organisation's service, and nothing of the office's (not the
                             notices stopped before it is named: "đừng nhắn nữa, khách mua cá ...")
   2     unsubscribe         a negated subscription ("huỷ / tắt hết / đừng ... thông báo"), or
                             messages said to be too many with a word to stop them
   3     rate_service        a rating level ("rất hài lòng", "không hài lòng", "5 sao")
   4     contact_human       a formal complaint ("khiếu nại", "phản ánh", "tố cáo")
   5     unknown (privacy)   the user's own data kept, used or shared ("bot có lưu số
                             điện thoại của tôi không", "dữ liệu của tôi dùng làm gì")
   6     help                a question about the bot: what it can do ("bot có tra được ...
                             không"), how to write to it, what it costs
   7     thanks              thanks for something received ("cảm ơn, hs em nhận rồi")
   8     rate_service        a verdict opening or closing the message, or about the service
   9     unknown             a rating of something else asked of the bot ("đánh giá giùm ...")
   10    rate_service        a rating request or feedback ("đánh giá", "góp ý", "dg", praise)
   11    subscribe           "nhận thông báo", "theo dõi", "xong thì báo mình", "follow"
   12    contact_human       "gặp cán bộ", "hotline", a person or a machine?, opening hours,
                             where an office is, a call back (not the user's own phone)
   13    procedure_info      where to get a paper, what to do next, whether one may apply
   14    lookup_dossier      a code, a status question ("xong chưa"), "hồ sơ của tôi"
   15    help                about the bot itself ("bạn làm được gì", "không biết dùng")
   16    procedure_info      "thủ tục", "cần giấy tờ gì", "lệ phí", "mẫu đơn", English
   17    procedure_info      a generic question next to an administrative word or topic
   18    greeting            who is writing, after a hello ("thưa cô chú, tôi là ...")
   19    lookup_dossier      "tra cứu", "kiểm tra", "hồ sơ" without more
   20    procedure_info      a procedure topic ("khai sinh", "giấy phép xây dựng")
   21    subscribe           "thông báo" without more
   22    contact_human       "tư vấn", "điện thoại" without more
   23    help                "hướng dẫn", "trợ giúp", "giúp", the bot not understanding
   24    thanks              "cảm ơn", "tks", goodbyes, a closing "ok" / "hiểu rồi"
   25    greeting            "chào", "alo", "hi"
   26    unknown             everything else (chit-chat, weather, emoji)
   ====  ==================  ==========================================================

   What is said not to be asked, before what is only asked ("tôi không hỏi tình trạng hồ sơ, tôi chỉ cần biết
   ..."), is dropped before rule 1b. From rule 4 on, a "cảm ơn <whom> đã <something>" clause is dropped first, so
   "cảm ơn đã hỗ trợ" stays thanks.
5. The rules decide alone what they are certain of: a message with no words (only codes: a lookup), spam, a
   negated subscription and a stated level (unless another organisation's service is named). Every other
   message is decided by the intent model (model.py, trained by training.py: `make nlu-model`), a logistic
   regression over the words, word pairs and character n-grams of the normalised text and the rules' findings,
   with the rules' intent as a prior it must outweigh; its calibrated probabilities are the Understanding's
   `confidence` and `ranking` (the runner-ups the conversation offers when it asks rather than guesses).
6. The rating is the level stated, or, in a rating only, the first score said anywhere ("cho 4/5 nhanh nhưng ...")
   or else the verdict's.
"""

import gc
from collections.abc import Iterable

from bot.nlu import native

# the rule modules compiled by mypyc come first on the package's path when they were built from these sources
native.activate(__path__)

from bot.nlu.answers import is_cancel, is_deletion_request, is_no, is_yes, says_no, says_yes_or_no  # noqa: E402
from bot.nlu.codes import canonical_code, extract_codes, take_codes  # noqa: E402
from bot.nlu.deciding import decide, understand_batch  # noqa: E402
from bot.nlu.model import shipped_model  # noqa: E402
from bot.nlu.normalise import fold  # noqa: E402
from bot.nlu.reading import read  # noqa: E402
from bot.nlu.rules import level_in, mood_in, points_level, star_level  # noqa: E402
from bot.nlu.spelling import normalised_words, readable_words  # noqa: E402
from bot.nlu.types import Intent, Rating, Understanding  # noqa: E402

__all__ = [
    "Intent",
    "Rating",
    "Understanding",
    "canonical_code",
    "decide",
    "extract_codes",
    "fold",
    "is_cancel",
    "is_deletion_request",
    "is_no",
    "is_yes",
    "parse_rating",
    "readable",
    "says_no",
    "says_yes_or_no",
    "understand",
    "understand_many",
    "warm_up",
]


def parse_rating(text: str) -> Rating | None:
    """A typed answer to "how satisfied are you?" ("rat hai long", "ko hài lòng", "hài lòng ạ", "5 sao", and the
    verdicts "tạm được", "tệ", "tuyệt vời") -> Rating, else None."""
    rest = take_codes(fold(text))[1]
    words = normalised_words(rest)
    return level_in(words) or star_level(rest, words) or points_level(rest) or mood_in(words)


def readable(text: str) -> int:
    """How many words of a message read as words at all (Vietnamese syllables, chat abbreviations, English)."""
    return readable_words(fold(text))


def warm_up() -> None:
    """Ready a process that will read messages: load the intent model and read one message, then leave everything
    loaded so far out of the garbage collector's full passes (gc.freeze). Those passes walked the NLU's tables and
    held a message up to ~80 ms; frozen, the longest is under a millisecond (bench/bench_nlu.py)."""
    understand("Xin chào, hồ sơ 000.31.25.H59-250101-0001 xong chưa?")
    gc.freeze()


def understand(text: str) -> Understanding:
    """Intent, dossier codes and rating of one user message, with the confidence in the intent."""
    return decide(text, read(text), shipped_model())


def understand_many(texts: Iterable[str]) -> list[Understanding]:
    """`understand` of a batch of messages, the model scoring them together. The garbage collector waits for the
    batch's end: reading makes no reference cycles, and the passes that its many tuples would set off free nothing
    (a pass walks every young object: about 3% of a batch's time, bench/nlu_instructions.py)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        return understand_batch(list(texts), shipped_model())
    finally:
        if collecting:
            gc.enable()
