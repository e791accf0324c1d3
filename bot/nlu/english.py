"""English as Trà Vinh's users mix it into Vietnamese: words never "mended" into a Vietnamese keyword ("shop" is
no typo of "stop", "call" none of "all"), and contractions spelt out."""

from __future__ import annotations

import re

# Common English words and the loanwords of Vietnamese chat (folded, lower case).
_WORDS = """
a about above after again against all almost already also always am an and any anyone anything app apply are
around as ask asked at away back bad bank be because been before being best better between bill birth book both
bot box break bring business but buy by call can cancel card care case cause center certificate change chat check
child citizen city clear close code come company complaint contact could country day days dear did do document
documents does doing done down each early email end english even every everything fast fee fees file find fine
first follow for foreign foreigner form free friend from full get give go going good got great had has have
having he hello help her here hi him his home how however human i if in info information into is issue it its
just keep kind know land last late later leave less let licence license like line link list little live long
look lot love made mail make many marriage me mean message messages might minute money month more morning most
much must my name need needed new news next nice night no not note noted now number of off office ok old on once
one online only open or order other our out over page paper papers parcel part pay people per permit person
phone please post price problem process processed processing question quick quickly rate real really receive
received record register registered registering registration reply result results right same say see send sent
service services set shall she ship shop should show sign since site so some someone something soon sorry speak
staff start status still stop store submit submitted such support sure system take talk team tell text than thank
thanks that the their them then there these they thing things think this those though through ticket time
to today too track try turn under until up update updated updates urgent us use used very via visit wait want
was water way we website week well went were what when where which while who why will wish with without work
would year yes yet you your
dossier dossiers notification notifications notify alert alerts remind reminder subscribe unsubscribe unfollow
opt ping approved approval ready star stars rating review feedback satisfied dissatisfied unsatisfied hotline
address hours agent transfer anybody somebody officer chatbot commands command options option menu features
feature english vietnamese khmer korean chinese anyone anybody counter officer officers manager boss sir madam
step steps stage pending inform informed happy pleased disappointed impressed passport embassy consulate visa
pension letter wife husband son daughter father mother mum mom dad baby kids renewal renew finish finished bother
saturday sunday weekend closed opens stuck slow fast progress approve reject rejected missing copy copies
marry married wedding mate cheers side decision lease eligible complain formal
"""
WORDS: frozenset[str] = frozenset(_WORDS.split())

_CONTRACTIONS = re.compile(r"(?<=[a-z])(?:n['\u2019]t|['\u2019](?:s|re|m|d|ll|ve))\b")


def spell_out(folded: str) -> str:
    """"don't" -> "do not", "it's" -> "it": no stray letter left for the chat abbreviations ("t" = "tôi")."""
    if "'" not in folded and "\u2019" not in folded:
        return folded
    return _CONTRACTIONS.sub(lambda m: " not" if m[0][0] == "n" else "", folded)
