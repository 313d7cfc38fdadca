"""Right after some answers, what the next unsure message most likely asks.

After the drafted message, "como la mando?", "a quien se la doy?", "who do I give
it to?" got "I'm not sure I understood", and "how do I send it" the answer on
signing up; after the organizers' contact, "ok whats the email", "cuando me
contestan?" and "es urgente" got "not sure" (found in an exploratory run). Right
after one of :data:`FOLLOW_UPS`' answers, a message nothing understood surely gets
that answer's follow-up: how to send the message, to whom, and what to do if nobody
answers (``utter_draft_how_to_send``); the contact again, that it is no live chat,
and whom to call if it is urgent (``utter_human_handoff_next``); after the
checklist's result, "y ahora qué hago?" or "what now?" (run 10: "no sé" or the list
of what Puente does), the next step for what it found
(``action_checklist_what_now``); after an FAQ answer, "y luego?" or "what's next"
(run 16: "¡Hasta luego!"), the next steps Puente can help with
(``utter_next_steps``); after program results, whom to contact and how
(``utter_program_next_steps``). A request Puente
understands (shorten the draft), a question it answers surely, a crisis, a goodbye
or a request for a person keep their own answers.

A yes answers the question just asked: "sí" to "¿Quiere ver más, o saber cómo
pedirle tutoría a la escuela?" got "¿Le puedo ayudar con algo más?" (an
exploratory run); it shows more programs (:data:`YES_MEANS`).

Right after the draft, the letter asked for in a language ("mándalo en inglés")
gets it in that language (run 14: the conversation switched instead), and another
grade, subject or school ("era 4to no 5to", "not hollenbeck, it's Stevenson") the
draft again, corrected (runs 25, 26). Right after a topic's answer, another school
level or grade ("and for middle school?", "y en la secundaria igual?") gets that the
answer holds for every grade and who says which grades get tutoring (runs 25, 26:
out of scope, two guesses, the same words again); the same topic asked in other
words ("wont he miss recess?") gets its "Tell me more", not the same words again
(run 25). After any
answer, outside a form, "no entendí" gets the answer in plainer words
(:mod:`bot.conversations.plainer`).
"""

from __future__ import annotations

import re
from collections.abc import Reversible

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.events import BotUttered, Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.advocacy.corrections import corrected
from bot.advocacy.drafts import asks_for_another
from bot.conversations.other_grade import asks_another_grade
from bot.conversations.plainer import says_not_understood
from bot.faq.more import answered_topic
from bot.nlu.second_question import FAQ, FAQ_INTENT
from bot.policies.search_follow_up import RESULTS_ACTIONS
from bot.policies.turns import (
    AFFIRM,
    UntrainedPolicy,
    awaits_answer,
    follows_right_after,
    last_answer,
    replies_right_after,
)
from bot.text import fold

#: The answers that show the drafted message.
DRAFT_ACTIONS = frozenset({"action_draft_message", "action_shorten_draft",
                           "action_switch_draft_language", "action_redraft_message"})
#: The answer that gives the organizers' contact.
HANDOFF = frozenset({"utter_human_handoff"})
#: The answer that gives the checklist's result.
CHECKLIST_RESULT = frozenset({"action_checklist_result"})
#: An FAQ topic's answer, and its "Tell me more".
FAQ_ANSWERS = frozenset({"utter_faq", "action_faq_more"})
#: The answer to a parent unhappy with the child's tutoring.
CONCERN = frozenset({"utter_tutoring_concern"})
#: Each answer's follow-up for an unsure message right after it.
FOLLOW_UPS = {
    DRAFT_ACTIONS: "utter_draft_how_to_send",
    HANDOFF: "utter_human_handoff_next",
    CHECKLIST_RESULT: "action_checklist_what_now",
    CONCERN: "utter_tutoring_concern_who",
}

#: Right after the draft, the letter asked for in a language ("mándalo en inglés",
#: "in spanish please"): the letter in that language. It was read as "answer me in
#: English": the conversation switched and the parent got how to send the Spanish
#: letter, in English (exploratory run 14). The conversation keeps its language
#: (:func:`asks_draft_in_a_language`, read by bot.policies.language).
DRAFT_IN_A_LANGUAGE = re.compile(r"\b(?:en |in )?(?:ingles|english|espanol|spanish)\b")
#: Longer than this, a message naming a language is about more than the letter.
DRAFT_LANGUAGE_WORDS = 10
SWITCH_DRAFT_LANGUAGE = "action_switch_draft_language"
#: Right after the draft, another grade, subject or school ("era 4to no 5to", "wait
#: its 4th not 5th", "no es Hooper es Gage"): the draft again, corrected
#: (bot.advocacy.corrections; runs 25, 26: how to send the wrong one, or "anything
#: else?").
REDRAFT = "action_redraft_message"
#: Right after a topic's answer, the same topic asked again ("wont he miss recess"
#: after how often, "can any kid get it or only the ones who are behind?" after who
#: can get tutoring): the same words again, five times in an exploratory run (25).
#: The topic's "Tell me more" (``action_faq_more``) instead.
FAQ_MORE = "action_faq_more"
#: Right after a topic's answer, another school level or grade ("and for middle
#: school?"): the answer holds for every grade (bot.conversations.other_grade).
ANY_GRADE = "utter_any_grade"
#: The action that says a topic's answer.
FAQ_ANSWER = frozenset({"utter_faq"})
#: The answer checked, not more of it: "entonces es gratis o no?", "so do i pay
#: anything or not" after the answer on cost got what the school pays (run 26).
_CHECKS = re.compile(r"\b(?:entonces|so|or not|o no|really|de verdad|seguro|right"
                     r"|verdad|then|asi que)\b")
#: "no entendí" after an answer: the answer in plainer words, or again
#: (bot.conversations.plainer). Not inside a form: there the question's own
#: explanation answers it (the checklist's "Le explico...").
REPEAT_PLAINER = "action_repeat_last"

#: The next step asked for, as the whole message or its last clause: "y luego?", "ok
#: y luego", "luego que hago?", "ya hablé con la maestra, luego qué sigue?", "and then
#: what?" ("luego" read as a goodbye got "¡Hasta luego!": exploratory run 16); "and
#: after that?", "entonces luego como le hago" (run 17: "not sure").
_NEXT_STEP = re.compile(
    r"(?:^|[,.;!?]\s*)(?:(?:ok|okay|bueno|ya|pues|and|so|entonces)\W+)*"
    r"(?:(?:y |and )?(?:luego|despues|ahora|then|now|after that)"
    r"(?:\W+(?:que|q|what|como)(?: \w+){0,2})?"
    r"|(?:y )?(?:que|q) (?:sigue|mas|sigo)|(?:y )?(?:cual es )?(?:el )?siguiente paso"
    r"|what(?:'?s| is)? next(?: step)?|next steps?|what (?:now|then)"
    r"|what do (?:i|we) do (?:now|next|after that|then)"
    # run 29: "que hago?" after an answer got "I can't answer that" with 211
    r"|(?:y |so |ok )?(?:que|q) (?:hago|debo hacer|puedo hacer)"
    r"|what (?:should|can) (?:i|we) do)\W*$")
#: Whom to tell, asked after it: "con quien hablo?", "who do i tell", "whos in charge".
_WHO_TO_TELL = re.compile(
    r"\b(?:(?:con|a) quien|quien (?:es|dirige|esta a cargo)|who(?:'?s| is)? in charge"
    r"|who (?:do|should|can) (?:i|we) (?:even |just )?(?:talk|tell|complain|call|go"
    r"|write|contact|reach|email)|who can help|quien (?:me )?(?:puede|pueden) ayudar"
    r"|who to|complain|quej\w*|(?:que|q|what) (?:hago|do i do)|como lo encuentro"
    r"|how do i find|(?:talk|speak) to (?:the )?(?:teacher|principal|someone)"
    r"|(?:hablo|hable) con (?:la maestra|el maestro|el director|la directora"
    r"|alguien))\b")
#: A complaint right after a topic's answer ("who do i complain to" after the
#: answer on group size, "y eso con quien lo reporto": run 27, two guesses).
_COMPLAIN = re.compile(
    r"\b(?:complain\w*|quej\w*|report(?:o|ar\w*)|denunci\w*"
    r"|report (?:it|this|that|them|him|her|the tutor\w*))\b")
#: Whom to talk to, right after a topic's answer ("y con quien hablo?" after "ask
#: the teacher" got "I'm an automated assistant", "con quien tengo q hablar" after
#: the group size two guesses: exploratory runs 28, 29): the people at school, in
#: order.
_WHOM_TO_ASK = re.compile(
    r"\b(?:(?:con|a) quien (?:exactamente |mero |entonces )?(?:le )?"
    r"(?:hablo|voy|acudo|pregunto|tengo (?:que|q) (?:hablar|ir|preguntar)|me dirijo"
    r"|le digo|debo hablar|puedo hablar)"
    r"|who (?:exactly |really |actually |then )?(?:do|should|can) (?:i|we)"
    r" (?:even |just |actually |exactly )?(?:talk|speak|go|ask|reach out|contact|call)"
    r"(?: to)?(?: about (?:it|this|that))?)\W*$")
#: How to reach the programs shown: "y como los contacto?", "how do i reach them".
_CONTACT_THEM = re.compile(
    r"\b(?:(?:como|donde) (?:los|las|les) (?:contacto|llamo|hablo|escribo|encuentro)"
    r"|(?:como|donde) (?:me )?(?:comunico|contacto|hablo) con"
    r" (?:ellos|ellas|el programa)"
    r"|(?:how|where) (?:do|can|should) (?:i|we) (?:contact|call|reach|find|email)"
    r" (?:them|one|a program|the programs?)|contact (?:them|info\w*))\b")
#: Words that ask for a follow-up of an answer, however the NLU read the message,
#: in the order checked: the contact again ("ok whats the email", once read as a
#: letter's request); the draft sent ("send it for me", "mándala usted" started a new
#: letter) or changed ("no es Hooper es Gage", "más urgente" left it as it was:
#: exploratory run 10), which only a new draft or the family's own edit can do.
WORDED_FOLLOW_UPS: dict[frozenset[str], tuple[tuple[re.Pattern[str], str], ...]] = {
    HANDOFF: ((re.compile(
        r"\b(?:e-?mail|correo|mail|phone|telefono|numero|number|contact\w*)\b"),
        "utter_human_handoff_next"),),
    DRAFT_ACTIONS: (
        (re.compile(r"\b(?:no es|no era|its not|it s not|isnt|is not|cambi\w*|change\w*"
                    r"|corrig\w*|correct\w*|fix|arregl\w*|agreg\w*|add|quit\w*|remove"
                    r"|urgent\w*|wrong|equivoc\w*|instead|en vez|en lugar"
                    r"|mejor (?:que|q) (?:sea|vaya|se mande|la mande|lo mande))\b"),
         "utter_draft_how_to_change"),
        (re.compile(r"\b(?:send|sent|email it|mand\w*|envi\w*|entreg\w*|deliver)\b"),
         "utter_draft_how_to_send"),
    ),
    FAQ_ANSWERS: ((_NEXT_STEP, "utter_next_steps"),
                  (_COMPLAIN, "utter_tutoring_concern_who"),
                  (_WHOM_TO_ASK, "utter_whom_to_ask")),
    # run 30: "y con quien hablo?" after the checklist's result: "I'm an automated
    # assistant"
    CHECKLIST_RESULT: ((_WHOM_TO_ASK, "utter_whom_to_ask"),),
    # run 26: "y con quien hablo?", "who do i complain to" after a complaint about
    # the tutoring got "I'm an automated assistant" or "not sure"
    CONCERN: ((_WHO_TO_TELL, "utter_tutoring_concern_who"),),
    # run 16: "y luego?" after the results got the note on demo programs; run 25:
    # "y como los contacto?" the answer on progress updates
    RESULTS_ACTIONS: ((_NEXT_STEP, "utter_program_next_steps"),
                      (_CONTACT_THEM, "utter_program_next_steps")),
}
#: Messages whose own answer comes first, whatever they ask.
OWN_ANSWER_INTENTS = frozenset({"crisis", "child_user", "goodbye",
                                "delete_conversation", "shorten_draft",
                                "switch_draft_language", "start_over"})

#: Messages whose own answer comes before the last answer in plainer words.
NOT_UNDERSTOOD_UNLESS = frozenset({"crisis", "child_user", "human_handoff"})

#: What a yes right after each of these questions asks for.
YES_MEANS = {"utter_program_next_more": "action_show_more_programs"}
#: Every answer this policy gives: right after one, it listens.
ANSWERS = frozenset({*FOLLOW_UPS.values(), *YES_MEANS.values(), SWITCH_DRAFT_LANGUAGE,
                     REDRAFT, FAQ_MORE, ANY_GRADE,
                     *(response for follow_ups in WORDED_FOLLOW_UPS.values()
                       for _, response in follow_ups)})


def asks_draft_in_a_language(tracker: DialogueStateTracker) -> bool:
    """Whether the message right after the draft asks for it in a language.

    A few words at most ("mándalo en inglés", "in spanish pls"), not another letter.
    """
    message = tracker.latest_message
    text = str(message.text or "") if message else ""
    return (len(text.split()) <= DRAFT_LANGUAGE_WORDS and not asks_for_another(text)
            and bool(DRAFT_IN_A_LANGUAGE.search(fold(text)))
            and follows_right_after(tracker, DRAFT_ACTIONS, OWN_ANSWER_INTENTS))


def corrects_draft(tracker: DialogueStateTracker) -> bool:
    """Whether the message right after the draft corrects its grade, subject, school."""
    message = tracker.latest_message
    if message is None:
        return False
    text = str(message.text or "")
    return (follows_right_after(tracker, DRAFT_ACTIONS, OWN_ANSWER_INTENTS)
            and not asks_for_another(text)
            and bool(corrected({"text": text, "entities": message.entities},
                               tracker.current_slot_values())))


def asks_another_grade_after_answer(tracker: DialogueStateTracker) -> bool:
    """Whether the message right after a topic's answer asks it for another grade."""
    message = tracker.latest_message
    return (message is not None
            and follows_right_after(tracker, FAQ_ANSWERS, OWN_ANSWER_INTENTS)
            and asks_another_grade(fold(str(message.text or ""))))


def asks_same_topic_again(tracker: DialogueStateTracker) -> bool:
    """Whether the message typed right after a topic's answer asks that topic again."""
    message = tracker.latest_message
    if (message is None or message.intent.get("name") != FAQ_INTENT
            or str(message.text or "").startswith("/")
            or not follows_right_after(tracker, FAQ_ANSWER)):
        return False
    selector = (message.parse_data.get("response_selector") or {}).get(FAQ_INTENT)
    asked = ((selector or {}).get("response") or {}).get("intent_response_key")
    # the very same words again, or checking what it heard: the answer again
    text = fold(str(message.text or ""))
    return (asked is not None and asked == last_topic_answered(tracker.events)
            and text != fold(_message_before(tracker.events))
            and not _CHECKS.search(text))


def _message_before(events: Reversible[Event]) -> str:
    """Return the text of the user message before the latest one ("" if none)."""
    messages = (event for event in reversed(events) if isinstance(event, UserUttered))
    next(messages, None)
    before = next(messages, None)
    return str(before.text or "") if before else ""


def last_topic_answered(events: Reversible[Event]) -> str | None:
    """Return the latest topic answered ("faq/cost"), from what the bot said.

    :func:`bot.faq.more.last_answered_topic` reads the action server's event
    dicts; a policy has Rasa's events.
    """
    for event in reversed(events):
        if isinstance(event, BotUttered):
            topic = answered_topic(event.metadata)
            if topic:
                return f"{FAQ}{topic}"
    return None


def says_not_understood_here(tracker: DialogueStateTracker) -> bool:
    """Whether the latest message, outside a form, says the last answer was unclear.

    Any intent but those with their own answer (a crisis first). Not after the
    checklist's result, whose next step explains it ("what does this mean?").
    """
    message = tracker.latest_message
    return (message is not None and tracker.active_loop_name is None
            and message.intent.get("name") not in NOT_UNDERSTOOD_UNLESS
            and awaits_answer(tracker.events)
            and not follows_right_after(tracker, CHECKLIST_RESULT)
            and says_not_understood(str(message.text or "")))


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=True
)
class AfterAnswerPolicy(UntrainedPolicy):
    """Predict an answer's follow-up for an unsure message after it, then listen."""

    def decide(self, tracker: DialogueStateTracker) -> tuple[str | None, list[Event]]:
        """Predict :func:`follow_up`, listening after it, or nothing."""
        if tracker.latest_action_name in ANSWERS:
            return str(ACTION_LISTEN_NAME), []
        if (tracker.latest_action_name == REPEAT_PLAINER
                and tracker.active_loop_name is None):
            return str(ACTION_LISTEN_NAME), []  # inside a form, it asks again
        return follow_up(tracker), []


def follow_up(tracker: DialogueStateTracker) -> str | None:
    """Return the follow-up of the answer the latest, unsure message comes after.

    Or what a yes to the question just asked asks for.
    """
    message = tracker.latest_message
    if (message is not None and message.intent.get("name") == AFFIRM
            and tracker.active_loop_name is None and awaits_answer(tracker.events)):
        yes_means = YES_MEANS.get(last_answer(tracker.events) or "")
        if yes_means:
            return yes_means
    if corrects_draft(tracker):
        return REDRAFT
    if asks_draft_in_a_language(tracker):
        return SWITCH_DRAFT_LANGUAGE
    if says_not_understood_here(tracker):
        return REPEAT_PLAINER
    if asks_another_grade_after_answer(tracker):
        return ANY_GRADE
    text = str(message.text or "") if message else ""
    folded = fold(text)
    # any intent but those with their own answer; "quiero mandar otra carta" is one;
    # before the same topic again: "my daughters group has like 12 kids, who do i
    # complain to?" after the answer on group size got its "Tell me more" (run 28)
    worded = next((response for answers, follow_ups in WORDED_FOLLOW_UPS.items()
                   if not asks_for_another(text)
                   and follows_right_after(tracker, answers, OWN_ANSWER_INTENTS)
                   for words, response in follow_ups
                   if words.search(folded)), None)
    if worded:
        return worded
    if asks_same_topic_again(tracker):
        return FAQ_MORE
    return next((response for answers, response in FOLLOW_UPS.items()
                 if replies_right_after(tracker, answers)), None)
