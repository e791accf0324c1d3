"""The routing table: the order in which a turn is matched; the first match wins.

1. Events that are not messages: follow / Get Started, unfollow, a photo (of the receipt: its code, read before
   the turn), other attachments, staff replies, withdrawal, a submitted Zalo info form.
2. `xóa dữ liệu`: delete the user's data (even while staff handle the chat); a question or a "no" about it
   is asked back first, and the yes / no ("Không xóa") to that question. A "Không xóa" pressed later is
   answered after step 4 (not while staff handle the chat).
3. While staff handle the user (Zalo pause): silence, except `menu` / `hủy` which resume the bot.
4. A bare cancel word (`hủy`, `thoát`, `menu`) leaves any flow; so does "hủy đánh giá" in the rating flow.
   The answer to the clarifying question (step 7) comes next: a request it offered (pressed or typed) is done
   with the codes of the message asked about; "Việc khác" or a no asks to say it again.
5. A main-menu button (its payload typed or pressed) starts its flow from any step.
6. The step of the flow the user is in, unless the message clearly asks for something else. After the
   ask-code step, a message with another dossier's code asks for something else; a step's own typed
   answers (a follow-up's "stop", "không") win over the intent their words would have elsewhere.
7. A question about what the bot keeps about the user, "quên mã" / "mất giấy hẹn" (no code to give), a follow-up
   button pressed after its questions timed out ("Tốt" then means that answer, not a rating), a question about
   one aspect ("mất bao lâu?", "tốn bao nhiêu tiền?") soon after a procedure card, however unsure the NLU is; a
   message the NLU is unsure of (outside any flow) gets the card of the catalog procedure it names when a
   procedure is among its likely readings ("lấy vợ cần giấy gì"), else the clarifying question, with a button for
   each likely request; then the NLU intent: unsubscribe, subscribe, rate, lookup (or a bare code), contact, procedure,
   greeting, help, thanks.
8. A message about another organisation's service (electricity, water, banks, hospitals, parcels, exams, phone
   top-ups, shops ...): what the bot does here and whom to ask instead.
9. A bare "ok" / "dạ" / "không" outside any question, a malformed code, a question about the office's phone,
   address or hours, a message that names a catalog procedure, then the fallback: a message understood as asking
   for something else gets what the bot does here; anything else, an apology and the menu.
"""

from __future__ import annotations

from dataclasses import replace

from bot import nlu
from bot.conversation import texts
from bot.conversation.flows import (
    contact,
    lookup,
    menu,
    ownership,
    privacy,
    procedures,
    rating,
    receipt,
    subscription,
)
from bot.conversation.router import Handler, Matcher, Route, Router, Turn
from bot.events import EventKind


def _kind(kind: EventKind) -> Matcher:
    return lambda turn: turn.event.kind == kind


def _intent(*intents: nlu.Intent) -> Matcher:
    return lambda turn: turn.is_message and turn.nlu.intent in intents


def _names_a_procedure_unsure(turn: Turn) -> bool:
    """A message the NLU is unsure of, a procedure among its likely readings, that names a catalog procedure."""
    return (
        menu.needs_clarifying(turn)
        and nlu.Intent.PROCEDURE in menu.likely_requests(turn)
        and procedures.names_a_procedure(turn)
    )


def _interrupts(turn: Turn, own: nlu.Intent, takes_code: bool) -> bool:
    """A message that clearly asks for something other than what the step waits for."""
    intent = turn.nlu.intent
    if intent in (nlu.Intent.UNKNOWN, own):
        return False
    return not (takes_code and turn.nlu.codes and intent == nlu.Intent.LOOKUP)


def _step(
    flow: str, step: str, own: nlu.Intent, *, free_text: bool = False, own_answer: Matcher | None = None
) -> Matcher:
    takes_code = step == "ask_code"
    # Before the dossier is settled, a code is still about this step: its own code sent again (asked
    # again), or another code on its own (the user meant that dossier: the flow starts over with it).
    code_stays = step in ("ask_phone", "ask_level")

    def matches(turn: Turn) -> bool:
        if not (turn.is_message and turn.state.flow == flow and turn.state.step == step):
            return False
        if free_text:  # anything is an answer here, except a request to stop all notifications
            return turn.nlu.intent != nlu.Intent.UNSUBSCRIBE
        if own_answer is not None and own_answer(turn):
            return True
        if turn.nlu.codes and not takes_code:
            # "tra cứu <another code>" (or, once rated, anything with a code) is a new request
            same = set(turn.nlu.codes) == {turn.state.data.get("code")}
            return code_stays and (same or ownership.bare_code(turn.text) is not None)
        return not _interrupts(turn, own, takes_code)

    return matches


def _main_buttons() -> dict[str, Handler]:
    handlers: dict[str, Handler] = {
        texts.BTN_LOOKUP.value: lookup.ask_for_code,
        texts.BTN_RATE.value: rating.start_rating,
        texts.BTN_SUBSCRIBE.value: subscription.start_subscribe,
        texts.BTN_CONTACT.value: contact.contact_human,
        texts.BTN_PROCEDURE.value: procedures.ask_name,
        texts.BTN_MY_DOSSIERS.value: subscription.my_dossiers,
    }
    return {nlu.fold(k): v for k, v in handlers.items()}


def _main_button_route() -> Route:
    table = _main_buttons()

    def matches(turn: Turn) -> bool:
        return turn.is_message and nlu.fold(turn.text).strip(" .!?") in table

    def handle(turn: Turn) -> None:
        turn.state.clear()
        table[nlu.fold(turn.text).strip(" .!?")](turn)

    return Route("main_button", matches, handle)


def _lookup_or_followed(turn: Turn) -> None:
    """Lookup without a code: the user's followed dossiers if any, else ask for the code."""
    if not turn.nlu.codes and subscription.followed_codes(turn):
        subscription.my_dossiers(turn)
    else:
        lookup.start_lookup(turn)


def _without_digits(turn: Turn) -> bool:
    """At the digits step: "không nhớ số", "đổi số rồi", "thôi" are the step's own answers, not other intents."""
    return ownership.without_digits(turn.text)


def _handlers() -> dict[nlu.Intent, Handler]:
    """What each request offered by the clarifying question starts."""
    return {
        nlu.Intent.LOOKUP: _lookup_or_followed,
        nlu.Intent.SUBSCRIBE: subscription.start_subscribe,
        nlu.Intent.UNSUBSCRIBE: subscription.unsubscribe,
        nlu.Intent.RATE: rating.start_rating,
        nlu.Intent.PROCEDURE: procedures.ask_name,
        nlu.Intent.CONTACT: contact.contact_human,
        nlu.Intent.HELP: menu.show_help,
    }


def _answer_clarification(turn: Turn) -> None:
    """The request picked, with the codes (and rating) of the message asked about; none of them: ask again."""
    picked = menu.picked_request(turn)
    if picked is None:
        menu.something_else(turn)
        return
    data = turn.state.data
    pressed = menu.pressed_an_option(turn)
    codes = turn.nlu.codes or tuple(data.get("codes", ()))
    level = turn.nlu.rating or (nlu.Rating(data["rating"]) if data.get("rating") else None)
    turn.state.clear()
    turn.nlu = replace(turn.nlu, intent=picked, codes=codes, rating=level, confidence=1.0, ranking=((picked, 1.0),))
    if picked == nlu.Intent.PROCEDURE and not pressed:
        procedures.answer_procedure(turn)  # "tôi có thể đăng ký kết hôn ở đâu" names its procedure
        return
    _handlers()[picked](turn)


def build_router() -> Router:
    """All routes, in order."""
    LOOKUP, RATE, SUB = nlu.Intent.LOOKUP, nlu.Intent.RATE, nlu.Intent.SUBSCRIBE
    return Router(
        [
            Route("follow", _kind(EventKind.FOLLOW), menu.welcome),
            Route("unfollow", _kind(EventKind.UNFOLLOW), menu.forget_conversation),
            Route("receipt_photo", receipt.is_receipt_photo, receipt.answer_photo),
            Route("attachment", _kind(EventKind.ATTACHMENT), menu.explain_attachments),
            Route("staff", _kind(EventKind.STAFF_MESSAGE), contact.staff_wrote),
            Route("withdraw", _kind(EventKind.WITHDRAW), privacy.withdraw),
            Route("submitted_info", _kind(EventKind.INFO_SUBMITTED), contact.info_submitted),
            Route("delete_data", lambda t: t.is_message and privacy.asks_deletion(t), privacy.delete_my_data),
            Route("delete_data.confirm", privacy.answers_confirmation, privacy.answer_confirmation),
            Route("paused", lambda t: t.is_message and contact.is_paused(t), contact.while_paused),
            Route("cancel", lambda t: t.is_message and nlu.is_cancel(t.text), menu.cancel),
            Route("delete_data.keep", privacy.says_keep, privacy.keep),
            Route("rating.stop", lambda t: t.is_message and rating.says_stop_rating(t), menu.cancel),
            Route("language", menu.asks_for_language, menu.choose_language),
            Route("clarify.answer", menu.answers_clarification, _answer_clarification),
            _main_button_route(),
            Route("my_dossiers", subscription.asks_my_dossiers, subscription.my_dossiers),
            Route("fallback.offer", contact.answers_offer, contact.answer_offer),
            Route("subscribe.offer", subscription.answers_offer, subscription.answer_offer),
            Route("receipt.confirm", receipt.answers_confirmation, receipt.answer_confirmation),
            Route("lookup.ask_code", _step(lookup.FLOW, lookup.ASK_CODE, LOOKUP), lookup.receive_code),
            Route("rating.ask_code", _step(rating.FLOW, "ask_code", RATE), rating.receive_code),
            Route(
                "rating.ask_phone",
                _step(rating.FLOW, "ask_phone", RATE, own_answer=_without_digits),
                rating.receive_digits,
            ),
            Route("rating.ask_level", _step(rating.FLOW, "ask_level", RATE), rating.receive_level),
            Route("rating.ask_reason", _step(rating.FLOW, "ask_reason", RATE, free_text=True), rating.receive_reason),
            Route(
                "rating.followup",
                _step(rating.FLOW, "followup", RATE, own_answer=lambda t: rating.followup_answer(t.text) is not None),
                rating.receive_followup,
            ),
            Route("subscribe.ask_code", _step(subscription.FLOW, "ask_code", SUB), subscription.receive_code),
            Route(
                "subscribe.ask_phone",
                _step(subscription.FLOW, "ask_phone", SUB, own_answer=_without_digits),
                subscription.receive_digits,
            ),
            Route(
                "procedure.ask_name",
                _step(procedures.FLOW, procedures.ASK_NAME, nlu.Intent.PROCEDURE),
                procedures.receive_procedure_name,
            ),
            Route("procedure.button", procedures.starts_with_thu_tuc, procedures.answer_procedure),
            Route("privacy.info", privacy.asks_what_is_kept, privacy.explain_what_is_kept),
            Route("lost_code", lambda t: t.is_message and ownership.lost_code(t.text), ownership.no_code),
            Route("rating.followup_expired", rating.is_stale_followup_button, rating.followup_expired),
            # an aspect asked right after a card is about that card, however unsure the NLU is of a bare "mất bao lâu"
            Route("procedure.last_card", procedures.asks_about_last_card, procedures.answer_procedure),
            # unsure whether it is off-topic or a procedure, a message that names a catalog procedure gets its card
            Route("procedure.catalog_unsure", _names_a_procedure_unsure, procedures.answer_procedure),
            Route("clarify", menu.needs_clarifying, menu.clarify),
            Route("unsubscribe", _intent(nlu.Intent.UNSUBSCRIBE), subscription.unsubscribe),
            Route("subscribe", _intent(SUB), subscription.start_subscribe),
            Route("rate", _intent(RATE), rating.start_rating),
            Route("lookup", _intent(LOOKUP), _lookup_or_followed),
            Route("lookup.codes", lambda t: t.is_message and bool(t.nlu.codes), lookup.start_lookup),
            Route("contact", _intent(nlu.Intent.CONTACT), contact.contact_human),
            Route("procedure", _intent(nlu.Intent.PROCEDURE), procedures.answer_procedure),
            Route("greeting", _intent(nlu.Intent.GREETING), menu.welcome),
            Route("help", _intent(nlu.Intent.HELP), menu.show_help),
            Route("thanks", _intent(nlu.Intent.THANKS), menu.thank),
            Route("off_topic", menu.names_another_service, menu.off_topic),
            Route("ack", lambda t: t.is_message and nlu.says_yes_or_no(t.text), menu.acknowledge),
            Route("lookup.malformed", lookup.looks_like_code, lookup.explain_code_format),
            Route(
                "contact.details",
                lambda t: t.is_message and t.nlu.intent == nlu.Intent.UNKNOWN and contact.asks_contact_details(t.text),
                contact.contact_details,
            ),
            Route("procedure.catalog", procedures.names_a_procedure, procedures.answer_procedure),
            Route("fallback", lambda t: t.is_message, menu.fallback),
        ]
    )
