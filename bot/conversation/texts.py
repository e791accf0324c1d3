"""Every Vietnamese sentence and button label the bot says, in one reviewable file.

Vietnamese is the source language of the gettext catalogs (bot/conversation/i18n.py): `texts.X` gives X in the
language of the current turn, so every upper-case constant here is translated without touching its call sites.
After adding or changing a text, run `make i18n` and translate the new entries of locale/km/LC_MESSAGES/messages.po
(the comment above a constant reaches the translator). Names with BTN are button titles (at most 20 characters
in every language); names with PAYLOAD are what buttons send back, never translated. Inside this file the names
are the Vietnamese source: a function here that speaks reads them through `_this` (see messenger_profile_body).
"""

from __future__ import annotations

import sys

from bot.conversation import i18n
from bot.records.dossiers import STATUS_LABELS as _OFFICIAL_LABELS
from bot.replies import Button

# Button payloads are readable phrases: on Zalo a press comes back as the user's own text,
# so a payload must mean the same thing when the NLU reads it.
BTN_LOOKUP = Button("Tra cứu hồ sơ", "Tra cứu hồ sơ")
BTN_RATE = Button("Đánh giá", "Đánh giá")
BTN_SUBSCRIBE = Button("Nhận thông báo", "Nhận thông báo")
BTN_PROCEDURE = Button("Thủ tục", "Thủ tục hành chính")
BTN_CONTACT = Button("Gặp cán bộ", "Gặp cán bộ")
BTN_MENU = Button("Menu", "menu")
MAIN_BUTTONS = (BTN_LOOKUP, BTN_RATE, BTN_SUBSCRIBE, BTN_PROCEDURE, BTN_CONTACT)
# The language buttons, shown on the welcome and help: each language's name in its own language, in every catalog.
BTN_KHMER = Button("ភាសាខ្មែរ", "ភាសាខ្មែរ")
BTN_VIETNAMESE = Button("Tiếng Việt", "Tiếng Việt")
# Said in the language just chosen (translate "tiếng Việt" by the name of the catalog's own language).
LANGUAGE_CHOSEN = (
    "Dạ, từ nay tôi trả lời ông/bà bằng tiếng Việt. Ông/bà cần gì ạ? Chọn một nút bên dưới hoặc gõ câu hỏi."
)

# What the citizen should do next, by status.
NEXT_STEP: dict[int, str] = {
    1: "Hồ sơ đang chờ cán bộ tiếp nhận. Ông/bà chưa cần làm gì thêm.",
    2: "Hồ sơ đã được tiếp nhận và sẽ được chuyển xử lý. Ông/bà chưa cần làm gì thêm.",
    3: "Hồ sơ không được tiếp nhận. Ông/bà vui lòng liên hệ bộ phận một cửa để biết lý do và cách nộp lại.",
    4: "Hồ sơ đang được xử lý. Ông/bà chưa cần làm gì thêm.",
    5: "Ông/bà cần bổ sung giấy tờ. Vui lòng mang giấy tiếp nhận hồ sơ đến bộ phận một cửa "
    "để được hướng dẫn giấy tờ cần bổ sung.",
    6: "Ông/bà cần nộp phí, lệ phí hoặc thuế. Vui lòng liên hệ bộ phận một cửa để biết số tiền và cách nộp.",
    7: "Hồ sơ đã được rút theo yêu cầu của người nộp.",
    8: "Hồ sơ đã dừng xử lý. Ông/bà vui lòng liên hệ bộ phận một cửa để biết lý do.",
    9: "Kết quả đã có. Ông/bà vui lòng mang giấy tiếp nhận hồ sơ và giấy tờ tùy thân đến nhận kết quả tại {agency}.",
    10: "Kết quả đã được trả cho người nộp.",
}

# An open dossier past its due date while the agency holds it (statuses 1, 2, 4).
NEXT_STEP_OVERDUE = (
    'Hồ sơ đã quá ngày hẹn trả. Ông/bà có thể bấm "Gặp cán bộ" để được hỏi giúp và biết ngày trả mới.'
)

WELCOME = (
    "Xin chào! Đây là trợ lý Một cửa điện tử tỉnh {province}. "
    "Tôi giúp ông/bà tra cứu hồ sơ, nhận thông báo khi có kết quả và đánh giá mức độ hài lòng.\n"
    "Chúng tôi chỉ lưu mã các hồ sơ ông/bà theo dõi; đánh giá được lưu ẩn danh. "
    'Gõ "xóa dữ liệu" để xóa bất cứ lúc nào.'
)
HELP = (
    "Ông/bà có thể:\n"
    "• Gửi mã hồ sơ (in trên giấy tiếp nhận), hoặc ảnh chụp giấy, để xem tình trạng\n"
    "• Đánh giá mức độ hài lòng khi đã có kết quả\n"
    "• Nhận thông báo khi hồ sơ có kết quả\n"
    "• Hỏi thủ tục, giấy tờ cần nộp\n"
    "• Gặp cán bộ khi cần\n"
    "Chọn một nút bên dưới hoặc gõ câu hỏi."
)
MENU = "Ông/bà cần gì ạ? Chọn một nút bên dưới hoặc gõ câu hỏi."
CANCELLED = "Đã hủy. Ông/bà cần gì thêm ạ?"
ASK_CODE = (
    "Ông/bà vui lòng gửi mã hồ sơ. Mã in trên giấy tiếp nhận hồ sơ và hẹn trả kết quả, "
    "ví dụ: 000.00.15.H59-261020-0007. Ông/bà cũng có thể gửi ảnh chụp giấy tiếp nhận."
)
CODE_FORMAT_HELP = (
    "Tôi chưa đọc được mã hồ sơ trong tin nhắn. Mã hồ sơ in ở đầu giấy tiếp nhận hồ sơ và hẹn trả kết quả, "
    'có dạng 000.00.15.H59-261020-0007. Ông/bà vui lòng gửi lại mã, gõ "hủy" để quay lại, '
    'hoặc bấm "Gặp cán bộ" nếu không có giấy này.'
)
CODE_GIVE_UP = (
    "Tôi vẫn chưa đọc được mã hồ sơ. Nếu không có giấy tiếp nhận, ông/bà vui lòng hỏi bộ phận một cửa "
    'nơi đã nộp hồ sơ, hoặc bấm "Gặp cán bộ".'
)
NO_CODE = (
    "Nếu không có giấy tiếp nhận hồ sơ, ông/bà vui lòng hỏi bộ phận một cửa nơi đã nộp hồ sơ, "
    'hoặc bấm "Gặp cán bộ".'
)
CODE_MALFORMED = (
    "Mã hồ sơ ông/bà gửi có vẻ chưa đủ hoặc sai một phần. Mã đầy đủ gồm ba phần nối bằng dấu gạch ngang, "
    "ví dụ: 000.00.15.H59-261020-0007 (số hiệu cơ quan, ngày nhận, số thứ tự). "
    "Ông/bà vui lòng xem lại giấy tiếp nhận hồ sơ và gửi lại đủ mã."
)
NOT_FOUND = (
    "Không tìm thấy hồ sơ có mã {code}. Ông/bà vui lòng kiểm tra lại mã trên giấy tiếp nhận "
    "(chú ý số 0 và chữ O, dấu chấm và dấu gạch). Nếu hồ sơ mới nộp hôm nay, vui lòng thử lại sau."
)
TOO_MANY_CODES = (
    "Tôi tra cứu mỗi lần {limit} hồ sơ. Còn {n} mã chưa tra cứu: {codes}. "
    'Ông/bà bấm "Tra cứu mã còn lại" để xem tiếp.'
)
BTN_LOOKUP_REST = "Tra cứu mã còn lại"
PAYLOAD_LOOKUP_REST = "Tra cứu {codes}"
CODES_MALFORMED = (
    "Mã {codes} chưa đủ hoặc sai một phần nên tôi chưa tra cứu được. Mã đầy đủ có dạng "
    "000.00.15.H59-261020-0007; ông/bà vui lòng xem lại giấy tiếp nhận hồ sơ và gửi lại."
)
LOOKUP_PAUSED = (
    "Ông/bà đã tra cứu nhiều mã không tồn tại trong thời gian ngắn. Để bảo vệ thông tin của người dân, "
    "việc tra cứu tạm dừng khoảng {minutes} phút. Xin ông/bà thử lại sau."
)
LOOKUP_PAUSED_MANY = (
    "Ông/bà đã tra cứu rất nhiều mã hồ sơ khác nhau trong một giờ. Để bảo vệ thông tin của người dân, "
    "việc tra cứu tạm dừng khoảng {minutes} phút. Nếu cần tra cứu nhiều hồ sơ cùng lúc, ông/bà vui lòng "
    "liên hệ bộ phận một cửa."
)
LOOKUP_UNAVAILABLE = "Hệ thống tra cứu đang bận. Ông/bà vui lòng thử lại sau ít phút."
ATTACHMENT = (
    "Xin lỗi, tôi chưa đọc được nhãn dán, tin nhắn thoại, video hay vị trí. "
    "Ông/bà vui lòng gõ chữ hoặc chọn một nút bên dưới. Nếu có giấy tiếp nhận, xin gõ mã hồ sơ in trên giấy "
    "hoặc gửi ảnh chụp giấy."
)

# A photo of the receipt
HOW_TO_TYPE_CODE = (
    'Ông/bà cũng có thể gõ mã in sau chữ "Mã hồ sơ" trên giấy tiếp nhận, ví dụ: 000.00.15.H59-261020-0007 '
    "(chú ý số 0 và chữ O)."
)
# What could not be read, by bot.receipts.Problem; HOW_TO_TYPE_CODE follows.
RECEIPT_UNREADABLE: dict[str, str] = {
    "no_code": (
        "Tôi chưa đọc được mã hồ sơ trên ảnh này (mã QR hoặc dòng mã hồ sơ chưa đủ rõ). Ông/bà có thể chụp lại "
        "gần hơn, đủ sáng, giữ máy thẳng."
    ),
    "unreachable": (
        "Tôi chưa tải được ảnh ông/bà gửi (ảnh đã hết hạn hoặc đường truyền chậm). Ông/bà vui lòng gửi lại ảnh."
    ),
    "too_large": "Ảnh ông/bà gửi lớn hơn 5 MB nên tôi chưa mở được. Ông/bà vui lòng gửi ảnh nhỏ hơn.",
    "not_an_image": "Tệp ông/bà gửi không phải là ảnh chụp nên tôi chưa đọc được.",
}
RECEIPT_CONFIRM = (
    "Tôi đọc được mã trên ảnh, nhưng đọc chữ in có thể nhầm vài ký tự.\nMã hồ sơ {code} đúng không ạ?"
)
RECEIPT_TYPE_CODE = "Xin lỗi ông/bà. " + HOW_TO_TYPE_CODE
BTN_RECEIPT_YES = "Đúng"
BTN_RECEIPT_NO = "Không"
# Payloads: "Đúng" looks the code up even after the question has expired (on Zalo it comes back as text).
PAYLOAD_RECEIPT_YES = "Đúng, tra cứu mã {code}"
PAYLOAD_RECEIPT_NO = "Không phải"
FALLBACK = "Xin lỗi, tôi chưa hiểu ý ông/bà. Ông/bà có thể chọn một nút bên dưới hoặc gõ mã hồ sơ."
# Asking rather than guessing: the requests the message most likely is, as buttons, and "Việc khác" for none.
CLARIFY = "Xin lỗi, tôi chưa chắc ông/bà cần gì. Ông/bà muốn làm việc nào dưới đây ạ?"
CLARIFY_OTHER = (
    "Dạ, ông/bà vui lòng gõ lại ngắn gọn việc cần hỏi, hoặc chọn một nút bên dưới. "
    "Cần người giúp, ông/bà bấm \"Gặp cán bộ\"."
)
BTN_UNSUBSCRIBE = Button("Hủy nhận thông báo", "Hủy nhận thông báo")
BTN_HELP = Button("Hướng dẫn", "Hướng dẫn")
BTN_OTHER = Button("Việc khác", "Việc khác")
# one button per request the bot can be asked (keys: the NLU's intents)
REQUEST_BUTTONS: dict[str, Button] = {
    "lookup_dossier": BTN_LOOKUP,
    "subscribe": BTN_SUBSCRIBE,
    "unsubscribe": BTN_UNSUBSCRIBE,
    "rate_service": BTN_RATE,
    "procedure_info": BTN_PROCEDURE,
    "contact_human": BTN_CONTACT,
    "help": BTN_HELP,
}
# Another organisation's business: what the bot does here, and, for the common ones, whom to ask instead.
OFF_TOPIC_CAN_DO = (
    "Tôi là trợ lý Một cửa điện tử: tôi giúp ông/bà tra cứu hồ sơ hành chính, nhận thông báo khi có kết quả, "
    "đánh giá sự hài lòng, hỏi thủ tục và gặp cán bộ."
)
OFF_TOPIC = "Dạ, việc này nằm ngoài những gì tôi làm được ạ. " + OFF_TOPIC_CAN_DO
OFF_TOPIC_SERVICE = "Dạ, tôi không giúp được việc {what} ạ; ông/bà vui lòng hỏi {whom}. " + OFF_TOPIC_CAN_DO
# keys: the NLU's topics
OFF_TOPIC_SERVICES: dict[str, tuple[str, str]] = {
    "electricity": ("tiền điện, cúp điện", "công ty điện lực"),
    "water": ("tiền nước, cấp nước", "công ty cấp nước nơi ông/bà ở"),
    "bank": ("tài khoản, chuyển tiền ngân hàng", "ngân hàng của ông/bà"),
    "health": ("khám chữa bệnh, hồ sơ bệnh án", "bệnh viện hoặc trạm y tế"),
    "parcel": ("đơn hàng, bưu gửi", "bên giao hàng hoặc bưu điện"),
    "exam": ("điểm thi, học tập", "nhà trường hoặc nơi tổ chức thi"),
    "phone": ("nạp tiền điện thoại, gói cước", "nhà mạng của ông/bà"),
}
FALLBACK_REPEATED = "Xin lỗi, tôi vẫn chưa hiểu. Ông/bà có muốn gặp cán bộ để được hỗ trợ trực tiếp không?"
THANKS = "Dạ, không có gì ạ. Chúc ông/bà một ngày tốt lành!"
ACK = "Dạ. Khi cần, ông/bà cứ nhắn tin hoặc chọn một nút bên dưới ạ."
USING_RECENT_CARD = "Hồ sơ vừa tra cứu: {code}. Nếu là hồ sơ khác, ông/bà gửi mã hồ sơ đó."
ONE_AT_A_TIME = (
    "Ông/bà gửi {n} mã hồ sơ. Tôi làm từng hồ sơ một, bắt đầu với hồ sơ {code}; "
    "các mã còn lại ({rest}) xin ông/bà gửi sau."
)

# The status labels of SPEC §5 (bot.records.dossiers); in another language a status is its translation followed by
# the official Vietnamese label in brackets (cards.status_label).
STATUS_NAMES: dict[int, str] = dict(_OFFICIAL_LABELS)

# Status card
CARD_TITLE = "Hồ sơ {code}"
CARD_PROCEDURE = "Thủ tục: {value}"
CARD_AGENCY = "Nơi tiếp nhận: {value}"
CARD_RECEIVED = "Ngày nhận: {value}"
CARD_DUE = "Ngày hẹn trả: {value}"
CARD_STATUS = "Tình trạng: {value}"
CARD_STEP = "Đang ở bước: {value}"
CARD_FINISHED = "Ngày có kết quả: {value}"
DAYS_LEFT = "còn {n} ngày"
DUE_TODAY = "hẹn trả hôm nay"
DAYS_OVERDUE = "quá hạn {n} ngày"
FINISHED_ON_TIME = "đúng hạn"
FINISHED_LATE = "trễ hạn {n} ngày"
BTN_RATE_DOSSIER = "Đánh giá hồ sơ"
BTN_SUBSCRIBE_DOSSIER = "Nhận thông báo"
BTN_LOOKUP_OTHER = "Tra cứu mã khác"
# Payloads of a dossier's buttons: typing them works the same as pressing.
PAYLOAD_RATE_DOSSIER = "Đánh giá hồ sơ {code}"
PAYLOAD_SUBSCRIBE_DOSSIER = "Nhận thông báo hồ sơ {code}"

# A notice's first line (all a phone's lock screen shows): what happened to the dossier.
STATUS_CHANGED = "Thông báo: hồ sơ {code} {what}."
STATUS_CHANGED_WHAT: dict[int, str] = {
    1: "đã được đăng ký, đang chờ tiếp nhận",
    2: "đã được tiếp nhận",
    3: "không được tiếp nhận",
    4: "đang được xử lý",
    5: "cần bổ sung giấy tờ",
    6: "cần nộp phí, lệ phí hoặc thuế",
    7: "đã được rút theo yêu cầu của người nộp",
    8: "đã dừng xử lý",
    9: "đã có kết quả",
    10: "đã trả kết quả",
}
STATUS_CHANGED_OTHER = "vừa được cập nhật tình trạng"
STATUS_CHANGED_OVERDUE = " (đã quá ngày hẹn trả)"


# Messenger's greeting on the Get Started screen (at most 160 characters).
MESSENGER_GREETING = "Trợ lý Một cửa điện tử tỉnh {province}: tra cứu hồ sơ, nhận thông báo, đánh giá hài lòng."


def messenger_profile_body(province: str) -> dict[str, object]:
    """Get Started, greeting and persistent menu for the Messenger Profile API, in each language."""
    greetings: list[dict[str, object]] = []
    menus: list[dict[str, object]] = []
    for locale, language in (("default", i18n.SOURCE), ("vi_VN", i18n.SOURCE), ("km_KH", i18n.KHMER)):
        with i18n.speaking(language):
            greeting = _this.MESSENGER_GREETING.format(province=province)[:160]
            buttons = (_this.BTN_LOOKUP, _this.BTN_RATE, _this.BTN_CONTACT)
        greetings.append({"locale": locale, "text": greeting})
        if locale != "vi_VN":
            menus.append({
                "locale": locale,
                "composer_input_disabled": False,
                "call_to_actions": [{"type": "postback", "title": b.title, "payload": b.value} for b in buttons],
            })
    return {"get_started": {"payload": "GET_STARTED"}, "greeting": greetings, "persistent_menu": menus}


# Ownership check
ASK_PHONE_DIGITS = (
    "Để bảo vệ thông tin, ông/bà vui lòng nhập 4 số cuối của số điện thoại đã ghi trên hồ sơ {code}."
)
PHONE_DIGITS_FORMAT = (
    "Ông/bà vui lòng nhập đúng 4 chữ số cuối của số điện thoại, ví dụ số 0901 234 567 thì nhập 4567."
)
PHONE_WRONG = "4 số cuối chưa đúng. Ông/bà còn {left} lần thử."
PHONE_UNKNOWN = (
    "Nếu tìm lại được số điện thoại đã ghi trên hồ sơ, ông/bà nhập 4 chữ số cuối của số đó. "
    "Nếu không nhớ hoặc đã đổi số, ông/bà vui lòng mang giấy tiếp nhận hồ sơ đến bộ phận một cửa, "
    'hoặc bấm "Gặp cán bộ" để được giúp.'
)
PHONE_WRONG_FINAL = (
    "4 số cuối vẫn chưa đúng nên tôi chưa thể tiếp tục. Nếu số điện thoại đã thay đổi, "
    "ông/bà vui lòng liên hệ bộ phận một cửa."
)
PHONE_LOCKED = (
    "Ông/bà đã nhập sai 4 số cuối {tries} lần cho hồ sơ {code}. Để bảo vệ thông tin, xin thử lại sau "
    "khoảng {minutes} phút, hoặc liên hệ bộ phận một cửa."
)
OWNERSHIP_LOCKED_FOR_ALL = (
    "Hồ sơ {code} đã bị nhập sai 4 số cuối của số điện thoại nhiều lần, nên việc xác minh qua tin nhắn tạm "
    "khóa 24 giờ để bảo vệ thông tin của người nộp. Ông/bà vui lòng liên hệ trực tiếp {agency} và mang theo "
    "giấy tiếp nhận hồ sơ để được hỗ trợ."
)
NO_PHONE = (
    "Hồ sơ {code} không có số điện thoại nên tôi chưa thể xác minh người nộp. "
    "Ông/bà vui lòng liên hệ bộ phận một cửa để được hỗ trợ."
)

# Rating
BTN_VERY_SATISFIED = Button("Rất hài lòng", "Rất hài lòng")
BTN_SATISFIED = Button("Hài lòng", "Hài lòng")
BTN_DISSATISFIED = Button("Không hài lòng", "Không hài lòng")
LEVEL_BUTTONS = (BTN_VERY_SATISFIED, BTN_SATISFIED, BTN_DISSATISFIED)
RATING_LABELS = {"very_satisfied": "Rất hài lòng", "satisfied": "Hài lòng", "dissatisfied": "Không hài lòng"}
RATE_ASK_CODE = (
    "Ông/bà muốn đánh giá hồ sơ nào? Vui lòng gửi mã hồ sơ in trên giấy tiếp nhận, "
    "ví dụ: 000.00.15.H59-261020-0007"
)
RATE_NOT_FINISHED = (
    "Hồ sơ {code} đang ở tình trạng \"{status}\". Ông/bà có thể đánh giá khi hồ sơ đã có kết quả. "
    "Tôi sẽ nhắc nếu ông/bà bấm \"Nhận thông báo\"."
)
RATE_NOT_FINISHED_FOLLOWED = (
    "Hồ sơ {code} đang ở tình trạng \"{status}\". Ông/bà có thể đánh giá khi hồ sơ đã có kết quả; "
    "ông/bà đã đăng ký nhận thông báo nên tôi sẽ nhắn tin ngay khi có kết quả."
)
RATE_NO_RESULT = (
    "Hồ sơ {code} ở tình trạng \"{status}\" nên không có kết quả để đánh giá. "
    "Nếu cần, ông/bà vui lòng liên hệ bộ phận một cửa."
)
RATE_ALREADY = "Hồ sơ {code} đã được đánh giá rồi ạ. Mỗi hồ sơ chỉ đánh giá một lần. Xin cảm ơn ông/bà!"
RATE_ASK_LEVEL = "Ông/bà hài lòng thế nào với việc giải quyết hồ sơ {procedure} tại {agency}?"
RATE_LEVEL_FORMAT = "Ông/bà vui lòng chọn một trong ba mức: Rất hài lòng, Hài lòng hoặc Không hài lòng."
RATE_ASK_REASON = (
    "Rất tiếc vì ông/bà chưa hài lòng. Xin cho biết lý do để cơ quan khắc phục "
    "(ví dụ: phải đi lại nhiều lần, trả kết quả trễ, cán bộ hướng dẫn chưa rõ)."
)
RATE_REASON_TOO_SHORT = "Ông/bà vui lòng ghi lý do cụ thể hơn một chút (ít nhất vài chữ)."
RATE_REASON_REQUIRED = (
    'Đánh giá "Không hài lòng" cần có lý do mới được ghi nhận. Ông/bà vui lòng gõ ngắn gọn lý do, '
    'hoặc gõ "hủy" để thôi đánh giá.'
)
RATE_RECORDED = "Cảm ơn ông/bà! Đánh giá \"{level}\" cho hồ sơ {code} đã được ghi nhận."
RATE_FOLLOWUP_INTRO = "Nếu có thời gian, xin ông/bà trả lời thêm {n} câu hỏi ngắn (có thể bỏ qua)."
RATE_THANKS = "Xin cảm ơn ông/bà đã góp ý. Ý kiến sẽ được gửi đến cơ quan giải quyết hồ sơ."
RATE_FOLLOWUP_STOPPED = "Dạ, tôi dừng các câu hỏi thêm. Đánh giá của ông/bà vẫn được ghi nhận. Xin cảm ơn ông/bà!"
FOLLOWUP_QUESTIONS: tuple[tuple[str, str], ...] = (
    ("access", "Việc tìm hiểu thông tin và nộp hồ sơ có thuận tiện không?"),
    ("procedure", "Thủ tục, giấy tờ phải nộp có hợp lý không?"),
    ("civil_servant", "Cán bộ tiếp nhận, hướng dẫn có nhiệt tình, rõ ràng không?"),
    ("result", "Kết quả nhận được có đúng và đúng hẹn không?"),
    ("feedback", "Ý kiến, thắc mắc của ông/bà có được tiếp nhận và trả lời không?"),
)
FOLLOWUP_ANSWERS: tuple[tuple[str, str], ...] = (("good", "Tốt"), ("fair", "Bình thường"), ("poor", "Chưa tốt"))
FOLLOWUP_BUTTONS = tuple(Button(label, label) for _, label in FOLLOWUP_ANSWERS)
BTN_SKIP = Button("Bỏ qua", "Bỏ qua")
BTN_STOP = Button("Kết thúc", "Kết thúc")
FOLLOWUP_EXPIRED = (
    "Dạ, phần câu hỏi thêm đã hết thời gian trả lời. Đánh giá ông/bà gửi trước đó vẫn được giữ. Xin cảm ơn ông/bà!"
)
FOLLOWUP_FORMAT = (
    'Ông/bà vui lòng chọn Tốt, Bình thường hoặc Chưa tốt. Bấm "Bỏ qua" để sang câu sau, "Kết thúc" để dừng.'
)

# Subscriptions
SUB_SEVERAL = "Ông/bà gửi {n} mã hồ sơ. Tôi đăng ký nhận thông báo lần lượt từng hồ sơ, bắt đầu với hồ sơ {code}."
SUB_SEVERAL_MAX = (
    "Ông/bà gửi {n} mã hồ sơ. Tôi đăng ký nhận thông báo lần lượt {limit} hồ sơ đầu, bắt đầu với hồ sơ {code}; "
    "các mã sau xin ông/bà gửi ở tin nhắn khác."
)
SUB_ASK_CODE = (
    "Ông/bà muốn nhận thông báo cho hồ sơ nào? Vui lòng gửi mã hồ sơ, ví dụ: 000.00.15.H59-261020-0007"
)
SUB_CLOSED = "Hồ sơ {code} đã ở tình trạng \"{status}\" nên sẽ không còn thay đổi để thông báo."
SUB_DONE = (
    "Đã đăng ký. Khi hồ sơ {code} có thay đổi, tôi sẽ nhắn tin cho ông/bà ngay. "
    "Gõ \"hủy thông báo\" nếu không muốn nhận nữa."
)
# Zalo: the OA may write only within 7 days of the user's last message (DOMAIN.md).
SUB_DONE_ZALO_NOTE = (
    ' Lưu ý: Zalo chỉ cho tôi nhắn trong 7 ngày kể từ tin nhắn gần nhất của ông/bà; nếu lâu chưa thấy tin, '
    'ông/bà gõ "hồ sơ của tôi" để xem.'
)
# With a ZNS template (ZALO_ZNS_TEMPLATE_ID), later notices go to the phone on the dossier.
SUB_DONE_ZALO_NOTE_ZNS = (
    " Lưu ý: Zalo chỉ cho tôi nhắn trong 7 ngày kể từ tin nhắn gần nhất của ông/bà; sau đó, thông báo sẽ được "
    "gửi qua Zalo tới số điện thoại ghi trên hồ sơ."
)
SUB_DONE_SAME_PHONE = (
    "Đã đăng ký cả hồ sơ {code}: hồ sơ này ghi cùng số điện thoại nên không cần nhập lại 4 số cuối."
)
SUB_ALREADY = "Ông/bà đã đăng ký nhận thông báo cho hồ sơ {code} rồi ạ."
UNSUB_DONE = "Đã hủy nhận thông báo cho {n} hồ sơ: {codes}. Từ nay ông/bà sẽ không nhận thông báo hồ sơ nữa."
UNSUB_NONE = "Ông/bà hiện không đăng ký nhận thông báo cho hồ sơ nào."
UNSUB_PENDING = "Đã dừng đăng ký nhận thông báo. Ông/bà hiện chưa theo dõi hồ sơ nào."
MY_DOSSIERS = "Ông/bà đang theo dõi {n} hồ sơ:"
MY_DOSSIERS_NEWEST = "Ông/bà đang theo dõi {n} hồ sơ. Đây là {shown} hồ sơ mới nhất:"
MY_DOSSIERS_NONE = (
    "Ông/bà chưa theo dõi hồ sơ nào. Gửi mã hồ sơ để tra cứu, rồi bấm \"Nhận thông báo\" để theo dõi."
)
BTN_MY_DOSSIERS = Button("Hồ sơ của tôi", "Hồ sơ của tôi")

# Contact a person
CONTACT = (
    "Ông/bà có thể liên hệ trực tiếp:\n"
    "• {name}\n"
    "• Địa chỉ: {address}\n"
    "• Điện thoại: {hotline}\n"
    "Giờ làm việc: {hours}."
)
# When the agency's own hours are not known (import-agencies fills them): the usual hours of a one-stop desk.
DEFAULT_HOURS = "sáng 7g00–11g30, chiều 13g30–17g00, thứ Hai đến thứ Sáu"
CONTACT_HANDOVER_MESSENGER = (
    "Tôi đã chuyển cuộc trò chuyện cho cán bộ. Cán bộ sẽ trả lời ông/bà tại đây trong giờ làm việc. "
    "Trong lúc chờ, gõ \"menu\" nếu muốn quay lại trợ lý tự động."
)
CONTACT_HANDOVER_ZALO = (
    "Tôi đã báo cán bộ. Cán bộ sẽ trả lời ông/bà tại đây trong giờ làm việc. "
    "Trong lúc chờ, gõ \"menu\" nếu muốn quay lại trợ lý tự động."
)
BOT_RESUMED = "Trợ lý tự động đã quay lại. Ông/bà cần gì ạ?"
INFO_RECEIVED = (
    "Cảm ơn ông/bà đã gửi thông tin. Cán bộ sẽ xem và liên hệ lại khi cần. "
    "Để tra cứu hồ sơ, ông/bà chỉ cần gõ mã hồ sơ in trên giấy tiếp nhận."
)

# Your data
BTN_DELETE_DATA = Button("Xóa dữ liệu", "Xóa dữ liệu")
PRIVACY_INFO = (
    "Tôi chỉ lưu những gì cần để giúp ông/bà: mã các hồ sơ ông/bà đăng ký nhận thông báo (cùng mã tài khoản "
    "để gửi tin), và bước trò chuyện đang dở (tự xóa sau 30 phút). Tôi không lưu tên hay số điện thoại của "
    "ông/bà; 4 số cuối ông/bà nhập chỉ dùng để đối chiếu với hồ sơ. Đánh giá được lưu ẩn danh. "
    'Gõ "xóa dữ liệu" hoặc bấm nút bên dưới để xóa bất cứ lúc nào.'
)
BTN_KEEP_DATA = Button("Không xóa", "Giữ lại dữ liệu")
DATA_DELETE_ASK = (
    "Ông/bà muốn xóa dữ liệu của mình phải không ạ? Nếu xóa, tôi sẽ hủy {subs} đăng ký nhận thông báo hồ sơ "
    "và xóa thông tin cuộc trò chuyện đang lưu; các đánh giá đã gửi vẫn được giữ ở dạng ẩn danh. "
    'Bấm "Xóa dữ liệu" để xóa, hoặc "Không xóa" để giữ nguyên.'
)
DATA_DELETE_ASK_NO_SUBS = (
    "Ông/bà muốn xóa dữ liệu của mình phải không ạ? Nếu xóa, tôi sẽ xóa thông tin cuộc trò chuyện đang lưu "
    "(ông/bà không đăng ký nhận thông báo hồ sơ nào); các đánh giá đã gửi vẫn được giữ ở dạng ẩn danh. "
    'Bấm "Xóa dữ liệu" để xóa, hoặc "Không xóa" để giữ nguyên.'
)
DATA_KEPT = "Dạ, dữ liệu của ông/bà vẫn được giữ nguyên. Ông/bà cần gì thêm ạ?"
DATA_DELETED = (
    "Đã xóa dữ liệu của ông/bà: {subs} đăng ký nhận thông báo và thông tin cuộc trò chuyện đang lưu. "
    "Từ nay ông/bà sẽ không nhận thông báo hồ sơ nữa. Các đánh giá đã gửi được giữ lại ở dạng ẩn danh."
)
DATA_DELETED_NO_SUBS = (
    "Đã xóa dữ liệu của ông/bà: thông tin cuộc trò chuyện đang lưu (ông/bà không đăng ký nhận thông báo nào). "
    "Các đánh giá đã gửi được giữ lại ở dạng ẩn danh."
)
# The bot keeps no message history: what the chat window shows is the app's.
DATA_DELETED_APP_NOTE = " Các tin nhắn cũ vẫn hiện trong {app} vì do {app} lưu; ông/bà có thể tự xóa trong ứng dụng."
APP_NAMES = {"zalo": "Zalo", "messenger": "Messenger"}

# Procedures
PROC_ASK_NAME = (
    "Ông/bà muốn hỏi thủ tục nào ạ? Xin gõ tên thủ tục, ví dụ: khai sinh, kết hôn, đổi bằng lái xe. "
    "Hoặc chọn một nút bên dưới."
)
PROC_ASK_NAME_UNKNOWN = (
    "Xin lỗi, tôi chưa tìm thấy thủ tục ông/bà hỏi. Ông/bà vui lòng gõ ngắn gọn tên thủ tục, "
    "ví dụ: khai sinh, kết hôn, đổi bằng lái xe. Hoặc chọn một nút bên dưới."
)
PROC_NOT_FOUND = "Xin lỗi, tôi chưa tìm thấy thủ tục này. Ông/bà thử gõ ngắn gọn hơn, ví dụ: khai sinh, kết hôn."
PROC_NOT_FOUND_LAST = "Xin lỗi, tôi vẫn chưa tìm thấy thủ tục ông/bà cần."
PROC_CALL_HOTLINE = "Ông/bà có thể gọi số {hotline} ({name}) để được cán bộ hướng dẫn."
PROC_CALL_ONE_STOP = (
    'Ông/bà có thể hỏi bộ phận Một cửa của UBND xã nơi mình ở, hoặc bấm "Gặp cán bộ" để được hướng dẫn.'
)
PROC_CARD_TITLE = "Thủ tục: {name}"
PROC_CARD_DOCUMENTS = "Giấy tờ cần nộp:"
PROC_CARD_ITEM = "• {item}"
PROC_CARD_MORE_DOCUMENTS = "• … và {n} giấy tờ khác"
PROC_CARD_FEE = "Lệ phí: {value}"
PROC_CARD_DURATION = "Thời gian giải quyết: {value}"
PROC_CARD_WHERE = "Nơi nộp: {value}"
PROC_CARD_ONLINE = 'Ông/bà có thể nộp trực tuyến: bấm nút "Nộp trực tuyến" bên dưới.'
PROC_CARD_NO_ONLINE = (
    "Tôi chưa có địa chỉ nộp trực tuyến của thủ tục này. Ông/bà vui lòng nộp trực tiếp tại bộ phận Một cửa."
)
PROC_NO_INFO = "chưa có thông tin, ông/bà vui lòng hỏi bộ phận Một cửa"
PROC_BUTTONS_PROMPT = "Ông/bà bấm nút bên dưới để nộp trực tuyến hoặc xem thêm."
PROC_BTN_ONLINE = "Nộp trực tuyến"
PROC_BTN_ALL_DOCUMENTS = "Xem đủ giấy tờ"
# Payloads: typing them works the same as pressing the button.
PROC_PAYLOAD = "Thủ tục {name}"
PROC_PAYLOAD_DOCUMENTS = "Giấy tờ thủ tục {name}"
PROC_COMMON_BUTTONS = (
    Button("Đăng ký khai sinh", "Thủ tục đăng ký khai sinh"),
    Button("Đăng ký kết hôn", "Thủ tục đăng ký kết hôn"),
    Button("Chứng thực bản sao", "Thủ tục chứng thực bản sao"),
    Button("Đổi bằng lái xe", "Thủ tục cấp đổi giấy phép lái xe"),
)
# Catalog CSV import (flask import-procedures): one message per rejected line.

_this = sys.modules[__name__]
i18n.catalogued(__name__)
