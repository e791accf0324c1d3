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

from collections.abc import Iterable

from bot.nlu.answers import is_cancel, is_deletion_request, is_no, is_yes, says_no, says_yes_or_no
from bot.nlu.codes import canonical_code, extract_codes, take_codes
from bot.nlu.model import IntentModel, shipped_model
from bot.nlu.normalise import fold
from bot.nlu.reading import Reading, features, read
from bot.nlu.rules import level_in, mood_in, star_level
from bot.nlu.spelling import normalised_words, readable_words
from bot.nlu.types import Intent, Rating, Understanding

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
]


def parse_rating(text: str) -> Rating | None:
    """A typed answer to "how satisfied are you?" ("rat hai long", "ko hài lòng", "hài lòng ạ", "5 sao", and the
    verdicts "tạm được", "tệ", "tuyệt vời") -> Rating, else None."""
    folded = fold(text)
    words = normalised_words(take_codes(folded)[1])
    return level_in(words) or star_level(folded, words) or mood_in(words)


def readable(text: str) -> int:
    """How many words of a message read as words at all (Vietnamese syllables, chat abbreviations, English)."""
    return readable_words(fold(text))


def decide(
    text: str, reading: Reading, model: IntentModel | None, ranking: tuple[tuple[Intent, float], ...] = ()
) -> Understanding:
    """The intent: the rules' when they are certain (or no model is built), else the model's (`ranking`, when
    already scored), with its confidence and runner-ups; a rating only in a rating (a level stated, or else
    praise or complaint)."""
    if reading.certain or model is None:
        intent, confidence = reading.rule, 1.0
        ranking = ((intent, 1.0),)
    else:
        ranking = ranking or model.rank(features(reading), reading.rule)
        intent, confidence = ranking[0]
    rating = reading.level or (reading.mood if intent == Intent.RATE else None)
    return Understanding(
        text=text,
        intent=intent,
        codes=reading.codes,
        rating=rating,
        confidence=confidence,
        ranking=ranking,
        topic=reading.topic.value if reading.topic else None,
    )


def understand(text: str) -> Understanding:
    """Intent, dossier codes and rating of one user message, with the confidence in the intent."""
    return decide(text, read(text), shipped_model())


_CHUNK = 512  # messages scored together (bounded memory)


def understand_many(texts: Iterable[str]) -> list[Understanding]:
    """`understand` of a batch of messages, the model scoring them together."""
    texts = list(texts)
    readings = [read(t) for t in texts]
    model = shipped_model()
    if model is None:
        return [decide(t, r, None) for t, r in zip(texts, readings, strict=True)]
    open_ = [k for k, r in enumerate(readings) if not r.certain]
    rankings: dict[int, tuple[tuple[Intent, float], ...]] = {}
    for chunk in (open_[i : i + _CHUNK] for i in range(0, len(open_), _CHUNK)):
        scored = model.rank_many([(features(readings[k]), readings[k].rule) for k in chunk])
        rankings.update(zip(chunk, scored, strict=True))
    return [decide(t, r, model, rankings.get(k, ())) for k, (t, r) in enumerate(zip(texts, readings, strict=True))]
