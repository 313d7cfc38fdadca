"""Draft a short, polite message asking for high-impact tutoring.

The wording lives in ``letters.yml`` (one template per recipient, en and es);
this module fills it with what the parent typed and the questions from their
checklist. It never adds a child's name or any other personal data: the parent
signs it themselves where it says "[your name]".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any, Sequence

import yaml

from bot.advocacy.checklist import plain, question
from bot.lang.detect import ENGLISH, OTHER, SPANISH
from bot.programs.models import ANY_SUBJECT, SUBJECTS
from bot.text import fold

#: The grades a letter names: kinder ("0") to 12th, as the grade reader gives them.
GRADES = tuple(str(grade) for grade in range(13))
#: Between the subjects of one answer: "math,reading".
SUBJECT_SEPARATOR = ","

LANGUAGES = ("en", "es")
#: The draft languages a parent can choose: one of LANGUAGES or both.
BOTH = "both"
#: How many checklist questions the shorter version keeps.
SHORT_QUESTIONS = 2
#: Between the English and the Spanish text of a "both" draft.
SEPARATOR = "\n\n— — —\n\n"
#: A school or grade the parent does not know: the letter leaves a space for it.
UNKNOWN = "?"
#: Who "no sé" writes to: "start with the teacher or principal, then the district"
#: (the ask_school topic), and the teacher knows the child.
FIRST_RECIPIENT = "teacher"


@lru_cache(maxsize=1)
def _templates() -> dict[str, Any]:
    """letters.yml, read once."""
    data: dict[str, Any] = yaml.safe_load(
        Path(__file__).with_name("letters.yml").read_text("utf-8")
    )
    return data


def words(key: str) -> Any:
    """Return the word list or pattern ``key`` of letters.yml."""
    return _templates()[key]


def recipients() -> tuple[str, ...]:
    """Return the kinds of people a parent can write to: teacher, principal, ..."""
    return tuple(_templates()["recipients"])


@dataclass(frozen=True)
class Request:
    """What the parent told us for the draft (their own words, used as typed)."""

    recipient: str
    school: str
    grade: str
    subject: str
    draft_language: str  # en, es or both
    family_language: str = "en"  # the language they want updates in
    gaps: Sequence[str] | None = None  # checklist keys for "no"/"not sure"
    addressed: str | None = None  # "f" or "m": the person as the parent named them


def grade_name(grade: str, language: str) -> str:
    """Grade "3" -> "grade 3" / "3er grado", "0" -> kindergarten / kínder.

    Words kept before the form took grades only (a conversation begun before)
    stay as typed; a grade not known gets a space to write it in.
    """
    if grade == UNKNOWN:
        return placeholder("grade", language)
    names: dict[str, str] = _templates()["grade_names"][language]
    if grade in names:
        return names[grade]
    return names["other"].format(grade=grade) if grade.isdigit() else grade


def placeholder(detail: str, language: str) -> str:
    """Return the space the letter leaves for a ``detail`` the parent did not know."""
    return str(_templates()["placeholders"][detail][language])


def not_known(text: str) -> bool:
    """Whether an answer says the parent does not know ("no sé", "?", "not sure")."""
    return not plain(text) or bool(_not_known().match(plain(text)))


def has_blanks(request: Request) -> bool:
    """Whether the letter leaves a space for a detail the parent did not know."""
    return UNKNOWN in (request.school, request.grade, request.subject)


def school_in(school: str, language: str) -> str:
    """Return the school's name as ``language``'s details write it.

    Spanish puts its word for school before a name ("escuela Tweedy"), unless the
    name has it, its own kind of school ("Primaria Ramona") or an English one
    ("Lorena Elementary"); English drops it typed in lower case ("escuela Bell" is
    "Bell"; "Escuela Tweedy" may be the school's name). A school whose name the
    parent does not know gets a space to write it in.
    """
    t = _templates()
    word = t["school_word"].get(language)
    name = placeholder("school", language) if school == UNKNOWN else school
    if word is None:
        # "escuela Bell" typed: "at Bell" in English ("at escuela Bell": run 31);
        # "Escuela Tweedy", capitalised, may be the name
        typed_first, _, rest = name.partition(" ")
        return rest if rest and typed_first in t["school_word"].values() else name
    first = fold(name).split(" ", 1)[0]
    if first == word and len(name.split()) > 1:
        return f"{word} {name.split(' ', 1)[1]}"
    in_name = set(t["school_words_in_name"].get(language, ()))
    says_school = first in t["school_kinds"].get(language, ()) or bool(
        set(fold(name).split()) & in_name)
    return name if says_school else f"{word} {name}"


def known_subjects(value: str) -> list[str]:
    """Return the subjects in a kept answer ("math,reading"); [] if any is unknown.

    Every subject ("de todo") is one of them: "all subjects" in the letter.
    """
    subjects = value.split(SUBJECT_SEPARATOR)
    return subjects if all(s in (*SUBJECTS, ANY_SUBJECT) for s in subjects) else []


def subject_name(subject: str, language: str) -> str:
    """"math" -> "matemáticas" in Spanish; "math,reading" -> "math and reading".

    Words kept before the form took known subjects only stay as typed; a subject
    the parent did not know gets a space to write it in.
    """
    if subject == UNKNOWN:
        return placeholder("subject", language)
    t = _templates()
    known: dict[str, str] = t["subject_names"][language]
    names = [known.get(s, s) for s in subject.split(SUBJECT_SEPARATOR)]
    if len(names) == 1:
        return names[0]
    words = t["and"][language]
    sound_i = re.match(r"h?[ií](?![aeo])", names[-1])  # "inglés", not "hielo"
    conjunction = words.get("before_i") if sound_i else None
    return f"{', '.join(names[:-1])} {conjunction or words['default']} {names[-1]}"


def _find(words_by_value: dict[str, list[str]], text: str) -> str | None:
    """Return the first value whose words appear in ``text`` (accents, case ignored)."""
    folded = f" {plain(text)} "
    for value, words in words_by_value.items():
        if value == plain(text) or any(f" {word} " in folded for word in words):
            return value
    return None


@lru_cache(maxsize=1)
def _not_known() -> re.Pattern[str]:
    return re.compile("|".join(_templates()["not_known"]))


@lru_cache(maxsize=1)
def recipient_words() -> frozenset[str]:
    """Every word for a person to write to, alone or after "el", "la", "the"."""
    words = [w for r in _templates()["recipients"].values() for w in r["words"]]
    return frozenset(f"{article}{word}" for word in words
                     for article in ("", "el ", "la ", "los ", "las ", "the ", "my "))


def parse_recipient(text: str) -> str | None:
    """Typed "la directora" -> principal; the most specific (city, board) first."""
    found = {
        name: r["words"] for name, r in reversed(_templates()["recipients"].items())
    }
    return _find(found, text)


def addressed_as(recipient: str, text: str) -> str | None:
    """Return "f" or "m" when the parent named the person so ("la directora").

    "Estimado director o directora:" read like a form to a parent who had written
    "la directora" (exploratory run 29). Only a word for that person or a title
    ("Mrs. Lopez": the name itself stays out of the letter); a word for both or for
    neither keeps the greeting for anyone.
    """
    named = _templates()["recipients"].get(recipient, {}).get("addressed", {})
    found = [form for form, said in named.items() if _find({form: said["words"]}, text)]
    return found[0] if len(found) == 1 else None


def _greeting(request: Request, language: str) -> str:
    """Return the greeting: for the person as the parent named them, if they did."""
    recipient = _templates()["recipients"][request.recipient]
    addressed = recipient.get("addressed", {}).get(request.addressed or "", {})
    return str(addressed.get(language) or recipient["greeting"][language])


def parse_draft_language(text: str) -> str | None:
    """Typed "Español" -> es; "los dos", "inglés y español" -> both."""
    words = _templates()["language_words"]
    named = [lang for lang in LANGUAGES if _find({lang: words[lang]}, text)]
    if len(named) == len(LANGUAGES):
        return BOTH
    return _find({BOTH: words[BOTH]}, text) or next(iter(named), None)


@lru_cache(maxsize=1)
def _letter_language() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """"in <language>" in a request, and the subject's words that may come before it."""
    named = "|".join(f"(?P<{lang}>{'|'.join(_templates()['language_words'][lang])})"
                     for lang in (*LANGUAGES, BOTH))
    subject_before = _templates()["subject_before_language"]
    return (re.compile(rf"(?<!\w)(?:in|en) (?:{named})(?!\w)"),
            re.compile(rf"(?<!\w){subject_before} $"))


def letter_language_in(text: str) -> str | None:
    """Return the language a whole request asks the letter in, if it names one.

    "can you write an email to Ms. Lopez ... in english please" -> en; "una carta en
    ingles pal distrito" -> en; "needs help in English" names a subject: None.
    """
    phrase, subject_before = _letter_language()
    # punctuation kept: "tutoring? in english" is no subject's
    folded = " ".join(fold(text).split())
    for found in phrase.finditer(folded):
        if not subject_before.search(folded[:found.start()]):
            return next(lang for lang, word in found.groupdict().items() if word)
    return None


def question_keys(gaps: Sequence[str] | None) -> list[str]:
    """Return the parent's checklist gaps if they did it, else the usual questions."""
    return list(gaps) if gaps else list(_templates()["standard_questions"])


def _one(request: Request, language: str, short: bool) -> str:
    """Write the message in one language."""
    t = _templates()
    recipient = t["recipients"][request.recipient]
    number = "several" if recipient.get("several") else "one"
    if "questions" in recipient:  # a board or a city: what they decide
        asks = list(recipient["questions"][language])
    else:
        asks = [question(key).ask[language] for key in question_keys(request.gaps)]
        if not request.gaps:
            asks.append(t["signup"][language])
    if short:
        asks = asks[:SHORT_QUESTIONS]
    family_language = t["language_names"][language][request.family_language]
    parts = [
        _greeting(request, language),
        t["hit_sentence"][language] + " " + recipient["ask"][language],
        t["details"][language].format(
            school=school_in(request.school, language),
            grade=grade_name(request.grade, language),
            subject=subject_name(request.subject, language),
        ),
        t["questions_intro"][number][language]
        + "\n"
        + "\n".join(f"• {a}" for a in asks),
        t["updates"][number][language].format(family_language=family_language),
        t["signoff"][language]
        if short
        else t["closing"][language] + "\n" + t["signoff"][language],
    ]
    return "\n\n".join(parts)


def languages(draft_language: str) -> tuple[str, ...]:
    """Return the languages a draft is written in, in order."""
    return LANGUAGES if draft_language == BOTH else (draft_language,)


def draft(request: Request, short: bool = False) -> str:
    """Write the message, in the chosen language or both (English, then Spanish)."""
    return SEPARATOR.join(
        _one(request, lang, short) for lang in languages(request.draft_language)
    )


def switched(draft_language: str, family_language: str) -> str:
    """Pick the language "Switch language" goes to: en <-> es; both -> the family's."""
    if draft_language == BOTH:
        return OTHER.get(family_language, SPANISH)
    return OTHER.get(draft_language, ENGLISH)


def forwardable(text: str) -> str:
    """Return the draft with single line breaks between paragraphs.

    Chat channels (Rasa's REST channel among them) split a message at blank lines;
    a draft must arrive as one message so the parent can copy or forward it whole.
    """
    return text.replace("\n\n", "\n")
