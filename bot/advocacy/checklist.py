"""The "is it high-impact?" checklist: questions, free-text answers and the score.

The six questions and their wording live in ``checklist.yml``; this module only
reads them, understands a parent's answer ("dos veces por semana", "5 kids",
"after school", "only in English", "no sé") and sorts the answers into strengths,
gaps and things to ask about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Mapping

import yaml

from bot.text import alternation, fold

YES, NO, UNSURE = "yes", "no", "unsure"
ANSWERS = (YES, NO, UNSURE)

#: HIT means at least this many sessions a week (TOOLKIT, EDFAQ).
MIN_SESSIONS = 3
#: And no more than about this many students per tutor (NSSA group size).
MAX_GROUP = 4

_WEEKDAYS = (
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "lunes",
    "martes",
    "miercoles",
    "jueves",
    "viernes",
)
_UNSURE = re.compile(
    r"\b(not sure|unsure|don'?t know|dont know|do not know|idk|no idea|maybe|"
    r"depends|no se|no lo se|no estoy segur[oa]|tal vez|quizas|a lo mejor|ni idea|"
    r"no sabemos|depende|"
    # WhatsApp's "no sé" (runs 14 and 15: "Toque Sí, No o No sé" again)
    r"nose|ns|no tengo idea|dunno)\b"
)
_SOMETIMES = re.compile(
    r"\b(sometimes|not always|a veces|no siempre|de vez en cuando)\b"
)
#: The parent did not understand the question ("no le entendí", "what does that
#: mean?"): read as "no" (the "no" first), it went on to the next question and put
#: the gap in the message to the school (an exploratory run).
_WHAT_IT_MEANS = re.compile(
    r"\b(no (le |te )?(entiendo|entendi|entiendi|comprendo|capto)|"
    r"que (significa|quiere decir)|no se que es (eso|esto)|"
    r"what (does|do) (that|this|it|you) mean|"
    r"(i )?(don'?t|dont|do not) (understand|get it)|what do you mean)\b"
)
_NO = re.compile(
    r"^(no|nope|nah|nel|never|nunca|not really|no mucho|not at all|para nada)\b|"
    r"\b(never|nunca|different|diferente|cambia|changes)\b"
)
_YES = re.compile(
    r"^(yes|yeah|yep|yup|si|sip|claro|of course|correct|right|always|"
    r"siempre|por supuesto|asi es|sure|ok|okay|definitely|it is|it does)\b"
    r"|\b(always|siempre|every time|cada vez)\b"
)
_EVERY_DAY = re.compile(
    r"\b(every ?(?:single )?day|daily|each day|todos los dias|diario|diariamente|"
    r"cada dia|every (?:school ?|week ?)day|(?:monday|mon) (?:to|through|thru|-) fri"
    r"|de lunes a viernes|toda la semana|all week)"
)
_ONE_ON_ONE = re.compile(
    r"\b(one.on.one|1.on.1|1:1|uno a uno|individual|just (?:him|her|my)|"
    r"solo (?:el|ella|mi)|(?:el|ella) sol[oa]|sol[oa] con (?:el|la) tutora?|alone"
    r"|solito|solita)\b"
)
_BIG_GROUP = re.compile(
    r"\b(whole class|big group|large group|toda la clase|grupo grande|"
    r"muchos ninos|lots of kids|many kids)\b"
)
_COUNT = re.compile(
    r"\b(\w+) (?:kids|students|children|others|ninos|ninas|alumnos|"
    r"estudiantes|chicos|otros|chamac[oa]s|morr[oa]s|plebes)\b"
)
#: "a group of 3", "en grupo de 2", "grupitos de 4".
_GROUP_OF = re.compile(r"\b(?:group|grupo|grupito)s? (?:of|de) (\w+)\b")
#: A count as the whole answer: "son 6", "son como 6", "its like 5" (run 31: "son 6"
#: was not understood).
_COUNT_ALONE = re.compile(
    r"^(?:(?:son|are|its|there are|theres|hay|como|like|unos|around|about)\s+)+(\w+)$")
#: "my son and 4 others", "4 other kids", "mi hijo y 4 niños más", "4 más": the
#: child plus that many.
_OTHERS = re.compile(
    r"\b(\w+) (?:other|others|otros|otras|mas|more)\b|"
    r"\b(\w+) (?:kids?|students?|children|ninos|ninas|alumnos|estudiantes|chicos|"
    r"chicas|chamac[oa]s) (?:mas|more)\b"
)
#: When tutoring happens: in or right next to the school day, or far from it.
_SCHOOL_HOURS = re.compile(
    r"\b(during (?:the )?(?:school|class|day)|in school|at school|in class|"
    r"(?:durante|en) el dia|en (?:el )?horario de (?:clases?|escuela)|en la escuela|"
    r"(?:after|before) (?:school|class)|afterschool|"
    r"(?:en|durante) (?:(?:las|la) )?(?:horas de )?(?:clases?|escuela)|"
    r"(?:despues|antes) de (?:la )?(?:clases?|escuela)|al salir de|saliendo de)\b"
)
_OTHER_HOURS = re.compile(
    r"\b(evenings?|at night|nights?|weekends?|saturdays?|sundays?|"
    r"en la noche|de noche|por la noche|fin(?:es)? de semana|sabados?|domingos?)\b"
)
#: "ok continue", "sigamos": the parent wants the next question, and answered
#: none ("ok continue" at the tutor's question was a yes: exploratory run 29).
_GOES_ON = re.compile(
    r"^(?:(?:ok|okay|okey|yes|si|bueno|alright|sure)\s+)?(?:continue|continua\w*"
    r"|go on|keep going|next(?: question)?|sigamos|sigue|siguiente|seguimos|adelante"
    r"|le seguimos|lets go on|let'?s continue)$")
#: Homework help named at "does tutoring connect to class?" ("si, le ayudan con la
#: tarea" was read as yes: exploratory run 28). Homework help alone is not
#: high-impact (the question's ``why``), so it is a gap to ask about, unless the
#: answer also says the lessons follow the class.
_HOMEWORK = re.compile(r"\b(homework|tareas?)\b")
_FOLLOWS_CLASS = re.compile(
    r"\b(what (?:they|he|she)(?:'re| are|'s| is)? (?:learn|see|do|study|cover)\w* in"
    r" (?:class|school)|lo que (?:ven|aprend\w*|estan viendo|les ensen\w*|hacen|dan)"
    r" en (?:la )?(?:clase|escuela|salon)|with (?:the|his|her) teacher"
    r"|con (?:la|el|su) maestr[oa]|lessons?|leccion\w*|curriculum"
    r"|same (?:stuff|things|material|topics|work) as (?:the |in )?class"
    r"|lo mismo que (?:ven )?en (?:la )?clase"
    r"|temas de (?:la )?clase)\b"
)
#: The same tutor each time, or not, said in an answer to another question ("3
#: times a week with the same tutor").
_SAME_TUTOR = re.compile(
    r"\b(same (?:tutor|person|lady|guy|one|teacher|woman|man|girl|volunteer)"
    r"|(?:el|la) mism[oa](?! (?:cosa|tarea|clase|material|hora|dia))"
    r"|mism[oa] (?:tutor|tutora|persona|maestr[oa]|muchach[oa]|senor[a]?"
    r"|voluntari[oa]))\b")
_NOT_SAME_TUTOR = re.compile(
    r"\b(not the same|no (?:es )?(?:el|la) mism[oa]"
    r"|(?:different|new|another) (?:tutor|person|one|lady|guy|volunteer)s?"
    r"|(?:tutor\w*|volunteers?|persons?|maestr[oa]s?|persona)(?: \w+)?"
    r" (?:chang|cambia)\w*"
    r"|chang\w* (?:the )?tutors?"
    r"|(?:tutor|tutora|maestr[oa]|persona|voluntari[oa])s? diferentes?"
    r"|cambia\w* (?:mucho |seguido |cada rato )?(?:de |el |la )?(?:tutor\w*|maestr\w*"
    r"|persona)|otr[oa] tutora?)\b"
)
#: The language the parent reads best, said in an answer: "they only text me in
#: english and i read spanish better" was a yes to "in your language?" in an
#: English conversation (exploratory run 30). That language is the family's.
_PREFERS = re.compile(
    r"\b(?:i|we) (?:read|speak|understand|prefer|know) (?:more |better )?"
    r"(english|spanish)\b|\b(?:leo|hablo|entiendo|prefiero|se) (?:mas |mejor )?"
    r"(?:el )?(ingles|espanol)\b")
#: "not in Spanish", "no en español", "nada en español": a language left out.
_NOT_IN = r"\b(?:not|no|never|nunca|nada|ni) (?:in |en )?(?:{words})\b"


@dataclass(frozen=True)
class Question:
    """One checklist question, with its text per language."""

    key: str
    slot: str
    about: str
    text: Mapping[str, str]
    strength: Mapping[str, str]
    ask: Mapping[str, str]
    why: Mapping[str, str]
    source: Mapping[str, str]


@dataclass(frozen=True)
class Score:
    """The checklist's result: what the program does well and what to ask about."""

    strengths: tuple[Question, ...]
    gaps: tuple[Question, ...]
    unsure: tuple[Question, ...]

    @property
    def to_ask(self) -> tuple[Question, ...]:
        """Every "no" and "not sure": each becomes a question for the school."""
        return self.gaps + self.unsure

    @property
    def is_high_impact(self) -> bool:
        """All six answered "yes"."""
        return not self.to_ask


@lru_cache(maxsize=1)
def _data() -> dict[str, Any]:
    """checklist.yml, read once."""
    data: dict[str, Any] = yaml.safe_load(
        Path(__file__).with_name("checklist.yml").read_text("utf-8")
    )
    return data


@lru_cache(maxsize=1)
def questions() -> tuple[Question, ...]:
    """Return the six questions, in the order the parent answers them."""
    return tuple(Question(**item) for item in _data()["questions"])


def question(key: str) -> Question:
    """Return the question with this key (``sessions``) or slot (``hit_sessions``)."""
    return next(q for q in questions() if key in (q.key, q.slot))


def slots() -> tuple[str, ...]:
    """Return the form's slots, in order."""
    return tuple(q.slot for q in questions())


def plain(text: str) -> str:
    """Lower case, no accents, single spaces: "¿Sí, a VECES?" -> "si, a veces?"."""
    return " ".join(re.sub(r"[¿¡!?.,;()]", " ", fold(text)).split())


@lru_cache(maxsize=1)
def _numbers() -> dict[str, int]:
    """Return the number words of both languages (checklist.yml ``numbers``)."""
    return {str(word): int(value) for word, value in _data()["numbers"].items()}


def _number(word: str) -> int | None:
    """Read a digit or a number word in English or Spanish."""
    if word.isdigit():
        return int(word)
    return _numbers().get(word)


@dataclass(frozen=True)
class _Frequency:
    """The "how often" patterns, built once from checklist.yml ``frequency``."""

    every_other_day: re.Pattern[str]
    every_n_days: re.Pattern[str]
    per_week: re.Pattern[str]
    per_month: re.Pattern[str]
    count: re.Pattern[str]


@lru_cache(maxsize=1)
def _frequency() -> _Frequency:
    """Compile the frequency words into patterns, one per way of saying how often.

    Every pattern captures the number as its first group that matched.
    """
    words = _data()["frequency"]
    number = rf"(\d+|{alternation(_numbers())})"
    unit = rf"(?:{alternation(words['units'])})"
    per = rf"(?:{alternation(words['per'])}) ?"
    week = (
        rf"(?:{per}(?:{alternation(words['week'])})|"
        rf"{alternation(words['weekly'])})"
    )
    month = (
        rf"(?:{per}(?:{alternation(words['month'])})|"
        rf"{alternation(words['monthly'])})"
    )
    return _Frequency(
        every_other_day=re.compile(
            rf"\b(?:{alternation(words['every_other_day'])})\b"
        ),
        every_n_days=re.compile(
            rf"\b(?:{alternation(words['every'])}) {number} {unit}\b"
        ),
        per_week=re.compile(rf"\b{number} (?:{unit} )?{week}\b"),
        per_month=re.compile(rf"\b{number} (?:{unit} )?{month}\b"),
        count=re.compile(
            rf"\b{number} {unit}\b|\b({alternation(words['counts_alone'])})\b"
        ),
    )


def _matched_number(pattern: re.Pattern[str], text: str) -> int | None:
    """Return the number the first match of ``pattern`` names, if any."""
    match = pattern.search(text)
    if not match:
        return None
    word = next((group for group in match.groups() if group), "")
    return _number(word)


def _sessions_per_week(text: str) -> int | None:
    """How many sessions a week the parent described, if they said.

    The question asks "a week", so a count alone ("2 dias", "tres veces", "2x")
    is a week's; a month's count is a quarter of it a week.
    """
    text = re.sub(r"(\d)([a-z])", r"\1 \2", text)  # "2x", "3dias": as "2 x"
    frequency = _frequency()
    if frequency.every_other_day.search(text):
        return 3
    if _EVERY_DAY.search(text):
        return 5
    if (every := _matched_number(frequency.every_n_days, text)) is not None:
        return 7 // every if every else None
    if (count := _matched_number(frequency.per_week, text)) is not None:
        return count
    if (count := _matched_number(frequency.per_month, text)) is not None:
        return count // 4
    if (count := _matched_number(frequency.count, text)) is not None:
        return count
    days = sum(1 for day in _WEEKDAYS if re.search(rf"\b{day}\b", text))
    if days:
        return days
    if text.isdigit():
        return int(text)
    return None


@dataclass(frozen=True)
class _Closing:
    """Goodbye and thanks patterns, built once from checklist.yml ``closing``."""

    goodbye: re.Pattern[str]
    thanks: re.Pattern[str]
    acknowledge: re.Pattern[str]


@lru_cache(maxsize=1)
def _closing() -> _Closing:
    """Compile the closing words (both languages, one list each) into patterns."""
    words = _data()["closing"]
    return _Closing(
        *(re.compile(rf"\b(?:{alternation(words[kind])})\b")
          for kind in ("goodbye", "thanks", "acknowledge"))
    )


def closes(text: str) -> bool:
    """Whether the message says goodbye or thanks, in either language.

    Then only its own words can answer (see ``parse_answer``): the button intent
    the NLU guessed from "ok thx" (affirm) must not answer "yes" for it.
    """
    words = plain(text)
    closing = _closing()
    return bool(closing.goodbye.search(words) or closing.thanks.search(words))


def only_closes(text: str) -> bool:
    """Whether the message says goodbye, or thanks and nothing else ("ok gracias").

    The message form keeps a school's name or a grade as typed: "gracias" there
    would have become the school in the letter.
    """
    words = plain(text)
    return bool(_closing().goodbye.search(words)) or (
        bool(words) and not _without_thanks(words))


def only_thanks(text: str) -> bool:
    """Whether the message thanks and says nothing else, no goodbye ("gracias!")."""
    words = plain(text)
    closing = _closing()
    return (bool(closing.thanks.search(words)) and not closing.goodbye.search(words)
            and not _without_thanks(words))


def only_acknowledges(text: str) -> bool:
    """Whether the message only acknowledges: "ok", "vale", "entendido", "got it"."""
    words = plain(text)
    return bool(words) and not _closing().acknowledge.sub(" ", words).strip()


def _without_thanks(words: str) -> str:
    """Take out thanks and, with them, "ok": the rest may still answer.

    "si, gracias" answers yes; "ok, thanks" only acknowledges, so nothing is left
    ("ok" alone still answers yes: no thanks, nothing taken out).
    """
    closing = _closing()
    if not closing.thanks.search(words):
        return words
    words = closing.thanks.sub(" ", words)
    return " ".join(closing.acknowledge.sub(" ", words).split())


def _group_size(text: str) -> int | None:
    """How many students per tutor the parent described, if they said."""
    if _ONE_ON_ONE.search(text):
        return 1
    if _BIG_GROUP.search(text):
        return 30
    if (group := _GROUP_OF.search(text)) and (size := _number(group.group(1))):
        return size  # "es en grupo de 2" (exploratory run 30)
    match = _COUNT.search(text)
    others = _OTHERS.search(text)
    if others and (count := _number(others.group(1) or others.group(2))) is not None:
        return count + 1
    if match and _number(match.group(1)) is not None:
        return _number(match.group(1))
    if (alone := _COUNT_ALONE.match(text)) and _number(alone.group(1)) is not None:
        return _number(alone.group(1))
    if text.isdigit():
        return int(text)
    return None


def _in_school_hours(text: str) -> bool | None:
    """Whether tutoring is in or right next to the school day, if the parent said."""
    if _OTHER_HOURS.search(text):
        return False
    if _SCHOOL_HOURS.search(text):
        return True
    return None


def _update_languages(text: str) -> dict[str, bool]:
    """Find the languages the parent names, each True (updates come in it) or False.

    "only in English" -> {en: True}; "not in Spanish" -> {es: False}.
    """
    named = {}
    for language, words in _data()["language_words"].items():
        pattern = "|".join(words)
        if re.search(rf"\b(?:{pattern})\b", text):
            named[language] = not re.search(_NOT_IN.format(words=pattern), text)
    return named


def _preferred_language(words: str, language: str) -> tuple[str, str]:
    """Return the family's language and the answer without the words that said so.

    The language they say they read best, else ``language``.
    """
    match = _PREFERS.search(words)
    if match is None:
        return language, words
    named = match.group(1) or match.group(2)
    preferred = next(code for code, names in _data()["language_words"].items()
                     if named in names)
    return preferred, _PREFERS.sub(" ", words)


def parse_answer(key: str, text: str, language: str | None = None) -> str | None:
    """Understand a typed answer to one question: yes, no, unsure, or None.

    Specific facts win over words: "twice a week" answers the sessions question
    "no", "5 kids" answers the group question "no", "after school" answers the
    school-day question "yes", whatever else is said. Updates "only in English"
    are in the family's language (``language``, the conversation's) or they are not.
    "Sometimes" counts as "no": HIT needs it every time, so it is worth asking.
    A goodbye ("ok thanks, bye", "chao") never answers: the family is leaving, and
    the verdict feeds the message to the school. Thanks are taken out first, with
    the "ok" that goes with them: "sí, gracias" answers yes, "ok gracias" nothing.
    """
    words = plain(text)
    if _closing().goodbye.search(words):
        return None
    words = _without_thanks(words)
    if not words:
        return None
    if key == "sessions" and (count := _sessions_per_week(words)) is not None:
        return YES if count >= MIN_SESSIONS else NO
    if key in ("group_size", "school_day") and (fact := _FACTS[key](words)) is not None:
        return YES if fact else NO
    if key == "updates" and language:
        language, said = _preferred_language(words, language)
        named = _update_languages(said)
        if language in named:
            return YES if named[language] else NO
        if any(named.values()):  # only in another language
            return NO
    if (_WHAT_IT_MEANS.search(words) or _GOES_ON.match(words)
            or _about_another(key, words)):
        return None
    if key == "same_tutor" and _FOLLOWS_CLASS.search(words) and _same_tutor(
            words) is None:
        return None  # "si, ven lo mismo que en clase" is the class's (run 32: a yes)
    if _UNSURE.search(words):
        return UNSURE
    if key in ("same_tutor", "class_link") and (fact := _FACTS[key](words)) is not None:
        return YES if fact else NO
    if _SOMETIMES.search(words):
        return NO
    if _NO.search(words):
        return NO
    if _YES.search(words):
        return YES
    return None


def _homework_only(words: str) -> bool:
    """Whether an answer names homework help and not lessons that follow the class."""
    return bool(_HOMEWORK.search(words)) and not _FOLLOWS_CLASS.search(words)


def _same_tutor(words: str) -> bool | None:
    """Whether the parent said the tutor is the same each time, if they said."""
    if _NOT_SAME_TUTOR.search(words):
        return False
    return True if _SAME_TUTOR.search(words) else None


#: How a fact said in passing answers a question other than the one asked: only
#: facts, never a bare "yes", which belongs to the question asked.
_FACTS: dict[str, Callable[[str], bool | None]] = {
    "sessions": lambda words: (None if (count := _sessions_per_week(words)) is None
                               else count >= MIN_SESSIONS),
    "same_tutor": _same_tutor,
    "group_size": lambda words: (None if (size := _group_size(words)) is None
                                 else size <= MAX_GROUP),
    "school_day": _in_school_hours,
    "class_link": lambda words: (False if _homework_only(words)
                                 else True if _FOLLOWS_CLASS.search(words) else None),
}


def also_answered(key: str, text: str) -> dict[str, str]:
    """Return the other questions' answers that the answer to ``key`` gives too.

    "es solo una vez a la semana con 10 niños" answered the first question and lost
    the 10 children (exploratory run 27): a fact about another question's matter
    (its ``about`` words and a fact its reader understands: a number of sessions or
    children, the hours, the same tutor or not, homework help) answers it as well,
    by slot, so the checklist does not ask what the parent already said. An earlier
    question's fact corrects it: "oh actually he goes 4 days a week" at the third
    question was not understood, and the first kept "not sure" (run 31).
    """
    words = _without_thanks(plain(text))
    found: dict[str, str] = {}
    for q in questions():
        if q.key == key:
            continue
        fact = _FACTS.get(q.key)
        near = fact(words) if fact and _abouts()[q.key].search(words) else None
        if near is not None:
            found[q.slot] = YES if near else NO
    return found


@lru_cache(maxsize=1)
def _abouts() -> dict[str, re.Pattern[str]]:
    """Return each question's ``about`` words, compiled once, by key."""
    return {q.key: re.compile(q.about) for q in questions()}


def _about_another(key: str, words: str) -> bool:
    """Whether a typed answer speaks of another question's matter and not this one's.

    "yeah its the same lady every time" at "3 or more times a week?" answers the
    question on the tutor: its "yeah" is no yes to this one (exploratory run 28).
    """
    abouts = _abouts()
    return not abouts[key].search(words) and any(
        pattern.search(words) for other, pattern in abouts.items() if other != key)


def only_goes_on(text: str) -> bool:
    """Whether the parent only asks to go on ("ok continue"): the question again."""
    return bool(_GOES_ON.match(plain(text)))


def asks_what_it_means(text: str) -> bool:
    """Whether the parent says they did not understand the question."""
    return bool(_WHAT_IT_MEANS.search(plain(text)))


def score(answers: Mapping[str, str | None]) -> Score:
    """Sort answers (keyed by question key or slot) into strengths, gaps and unsure.

    A question left unanswered counts as "not sure": it still deserves a question.
    """

    def answer(q: Question) -> str:
        value = answers.get(q.key, answers.get(q.slot))
        return value if value in ANSWERS else UNSURE

    return Score(
        strengths=tuple(q for q in questions() if answer(q) == YES),
        gaps=tuple(q for q in questions() if answer(q) == NO),
        unsure=tuple(q for q in questions() if answer(q) == UNSURE),
    )


def bullets(items: tuple[Question, ...], field: str, language: str) -> str:
    """One "• ..." line per question, in the parent's language."""
    return "\n".join(f"• {getattr(q, field)[language]}" for q in items)


def questions_to_ask(result: Score, language: str) -> str:
    """For each gap or "not sure": the question to ask, why it matters, the source."""
    return "\n".join(
        f"• {q.ask[language]}\n  {q.why[language]} ({q.source[language]})"
        for q in result.to_ask
    )
