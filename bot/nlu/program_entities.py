"""Entities of a program search: zip code, city, grade, subject, format, when; EN, ES.

Rules rather than a model, like the language entity: "3rd", "tercero", "third
grade" and "3er grado" are a closed list (:mod:`bot.lang.grades`), and a misspelled
city ("south gait") is matched against real names. Values are normalised: grade
"0" (kindergarten) to "12", subjects as in :data:`bot.programs.models.SUBJECTS`,
cities as spelled in the zip code data. A 5-digit zip code is always extracted,
even when unknown, so the form can say which one it does not know instead of
asking again blindly.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, Iterator, List, Tuple

from bot.lang import grades
from bot.nlu.entity import Entity
from bot.programs.geo import city_in_words, long_names, match_city
from bot.programs.models import ANY_SUBJECT
from bot.text import alternation, fold

_ZIP = re.compile(r"(?<!\d)(\d{5})(?!\d)")
#: A zip code dictated digit by digit ("9 0 0 1 1": voice typing) looped on the
#: zip-code question (an exploratory run).
_SPACED_ZIP = re.compile(r"(?<![\d-])(\d(?:[ -]\d){4})(?![\d-])")
#: ... or word by word ("nueve cero cero dos dos": run 19 got "not sure"; "nueve
#: cero cero once", "nine oh oh eleven": run 20), a two-digit number in one word.
_DIGIT_WORDS = {
    **dict.fromkeys(("cero", "zero", "oh"), "0"), "uno": "1", "one": "1",
    "dos": "2", "two": "2", "tres": "3", "three": "3", "cuatro": "4", "four": "4",
    "cinco": "5", "five": "5", "seis": "6", "six": "6", "siete": "7", "seven": "7",
    "ocho": "8", "eight": "8", "nueve": "9", "nine": "9",
    "diez": "10", "ten": "10", "once": "11", "eleven": "11", "doce": "12",
    "twelve": "12", "trece": "13", "thirteen": "13", "catorce": "14",
    "fourteen": "14", "quince": "15", "fifteen": "15", "dieciseis": "16",
    "sixteen": "16", "diecisiete": "17", "seventeen": "17", "dieciocho": "18",
    "eighteen": "18", "diecinueve": "19", "nineteen": "19", "veinte": "20",
    "twenty": "20", "veintiuno": "21", "veintiun": "21", "veintidos": "22",
    "veintitres": "23", "veinticuatro": "24", "veinticinco": "25",
    "veintiseis": "26", "veintisiete": "27", "veintiocho": "28",
    "veintinueve": "29"}
_DIGIT_WORD = "(?:" + "|".join(sorted(_DIGIT_WORDS, key=len, reverse=True)) + ")"
_SPOKEN_ZIP = re.compile(rf"\b({_DIGIT_WORD}(?:[ ,-]+{_DIGIT_WORD}){{2,4}})\b")

_ORDINALS = alternation(grades.ALL_ORDINALS)
#: Ordinals that may name a grade after "en"/"in" ("va en primero", "is in second").
_ANSWER_ORDINALS = alternation(set(grades.ALL_ORDINALS) - grades.BEFORE_NOUN_ONLY)
_KINDER = alternation(grades.KINDER_WORDS)
_SUFFIX = grades.SUFFIXES
_SPACED_SUFFIX = alternation(grades.SPACED_SUFFIXES)
_CUE = "(?:" + "|".join(grades.GRADE_CUES) + ")"
_LEVEL = alternation(grades.SCHOOL_LEVELS)
#: "en segundo lugar" (secondly), "in second place": not a grade.
_NOT_A_GRADE_AFTER = (
    r"(?!\s+(?:lugar|place|plano|piso|floor|vez|time|dia|day|de hora|hour))"
)
#: Words right before a grade the child was in, not the one they are in now.
_PAST_GRADE = re.compile(
    r"\b(?:since|desde|held back in|repeated|repitio|reprobo|reprobaron en"
    r"|(?:was|were) in|(?:estaba|estuvo|iba|estuvimos) en|last year(?: in)?"
    r"|el ano pasado(?: en)?|back in)"
    r"(?:\s+(?:(?:he|she|they) (?:was|were) in|(?:que )?(?:estaba|iba) en|el|la|the"
    r"|que))*\s*$")
#: Words right before a grade the parent says is wrong: "es de primero no de kinder",
#: "no es 5to, ya paso a 6to" read kinder and 5th, and a correction after the letter
#: changed nothing (exploratory run 26). Another grade named wins over it.
_NEGATED = re.compile(
    r"\b(?:no|not|isn['’ ]?t|wasn['’ ]?t|nor|ni)"
    r"(?:\s+(?:es|era|esta|va|iba|is|was|in|en|de|del|el|la|a|the|grade|grado))*\s*$")
#: ... or right after it, then a pause: "5to no, 6to", "5th? no, 4th".
_NEGATED_AFTER = re.compile(
    r"[\s?!]*(?:(?:grade|grado)[\s?!]*)?(?:no|not|nope)\s*(?:[,.;!]|$)")
#: A street after an ordinal: "Escuela 1st Street" typed as the school set the grade
#: to 1st (exploratory run 20); Los Angeles has many schools named for their street
#: ("4th Street Elementary", "Sixth Avenue").
_STREET_AFTER = re.compile(
    r"\s+(?:street|st|avenue|ave|av|place|pl|road|rd|boulevard|blvd|drive|dr)\b")
#: How grades are written, tried in order; the first that matches wins. Each names
#: what its group holds (see :func:`_grade_value`).
_GRADE_PATTERNS: List[Tuple[re.Pattern[str], str]] = [
    (re.compile(rf"(?<!\w)(?:{_KINDER})(?!\w)"), "kinder"),
    # "primero de secundaria" is 7th grade: a level counts the grades before it.
    (
        re.compile(
            rf"\b({_ORDINALS}|1[0-2]|[1-9])\.?(?:{_SUFFIX})?"
            rf"\s+(?:{_CUE}\s+)?(?:de\s+)?(?:la\s+)?({_LEVEL})\b"
        ),
        "level",
    ),
    (re.compile(rf"(?<![\w.])(1[0-2]|[1-9])\.?(?:{_SUFFIX})\.?(?!\w)"), "number"),
    (re.compile(rf"\b(1[0-2]|[1-9])\s(?:{_SPACED_SUFFIX})\b"), "number"),
    (re.compile(rf"\b{_CUE}\s+(1[0-2]|[1-9]|k)\b"), "number"),
    (re.compile(r"\b(1[0-2]|[1-9])\s+(?:grade|grader|graders|grado)\b"), "number"),
    (re.compile(rf"\b({_ORDINALS})\s+{_CUE}\b"), "word"),
    (re.compile(rf"\b{_CUE}\s+(?:de\s+)?({_ORDINALS})\b"), "word"),
    (re.compile(rf"\b({'|'.join(grades.STANDALONE_ORDINALS)})\b{_NOT_A_GRADE_AFTER}"),
     "word"),
    # The whole answer to "What grade?": "primero", "second", "en cuarto".
    (re.compile(rf"^\W*(?:(?:en|in)\s+)?({_ANSWER_ORDINALS})\W*$"), "word"),
    # "es de primero" (is in first): a grade, unless a place or a time follows.
    (re.compile(rf"\b(?:es|son|era|va|van|esta|estan) de\s+({_ANSWER_ORDINALS})\b"
                rf"{_NOT_A_GRADE_AFTER}"), "word"),
    # "pa mi hija de cuarto" (run 29: the letter asked the grade again).
    (re.compile(rf"\b(?:hij[oa]s?|nin[oa]s?|nen[ea]s?|chamac[oa]s?|chav[oa]s?)"
                rf" de\s+({_ANSWER_ORDINALS})\b{_NOT_A_GRADE_AFTER}"), "word"),
    # "va en primero", "she is in second": a grade, unless a place or a time follows.
    (re.compile(rf"\b(?:en|in)\s+({_ANSWER_ORDINALS})\b{_NOT_A_GRADE_AFTER}"), "word"),
    (re.compile(r"\b(senior|junior|sophomore|freshman)\b(?!\s+high)"), "year"),
    (re.compile(r"^\s*(1[0-2]|[0-9])\s*$"), "number"),
]
_YEARS = {"freshman": 9, "sophomore": 10, "junior": 11, "senior": 12}

_SUBJECT_WORDS: Dict[str, List[str]] = {
    "math": [
        "math",
        "maths",
        "mathematics",
        "matematica",
        "matematicas",
        "mate",
        "mates",
        "algebra",
        "geometry",
        "geometria",
        "arithmetic",
        "aritmetica",
        "fractions",
        "fracciones",
        "multiplication",
        "multiplicacion",
        "multiplicar",
    ],
    "reading": ["reading", "read", "lectura", "lectora", "leer", "phonics", "fonetica"],
    # Not "write" / "escribir": "help me write to the principal" asks for a letter.
    "writing": ["writing", "escritura", "redaccion", "spelling", "ortografia"],
    "science": ["science", "sciences", "ciencia", "ciencias", "biology", "biologia",
                "chemistry", "quimica", "physics", "fisica"],
    "english_learners": [
        "esl",
        "eld",
        "ell",
        "english learner",
        "english learners",
        "english as a second language",
        "ingles como segundo idioma",
        "clases de ingles",
        "clase de ingles",
        "aprender ingles",
        # English as what is learned, not the language to answer in ("ayuda con el
        # inglés" switched a Spanish conversation to English: an exploratory run)
        "tutoria de ingles",
        "tutor de ingles",
        "tutora de ingles",
        "maestro de ingles",
        "maestra de ingles",
        "ayuda con el ingles",
        "ayuda con ingles",
        "mal en ingles",
        "atrasado en ingles",
        "atrasada en ingles",
        "english class",
        "english tutor",
        "english tutoring",
        "help with english",
    ],
    "homework": ["homework", "tarea", "tareas"],
}
_SUBJECT = re.compile(
    r"\b("
    + "|".join(
        sorted(
            (re.escape(w) for words in _SUBJECT_WORDS.values() for w in words),
            key=len,
            reverse=True,
        )
    )
    + r")\b"
)
_SUBJECT_VALUE = {w: s for s, words in _SUBJECT_WORDS.items() for w in words}
#: Every subject, as the whole answer: "de todo", "todas las materias", "all of them".
#: "todo" read as a goodbye stopped the form and cleared its answers (an
#: exploratory run); "eso es todo" and "that's all" stay goodbyes.
#: What may follow "any subject": "is fine", "really".
_FINE = r"(?: (?:is fine|is ok|is okay|works|really|esta bien|sirve))"
_EVERY_SUBJECT = re.compile(
    r"\s*(?:(?:un poco |en )?de todo|todo|todas|todos|todas las materias"
    r"|todas las clases|en todas|all|all of them|all subjects|everything"
    r"|every subject|(?:en )?la que sea"
    # "cualquier materia" (run 19), "any subject is fine", "anything really" (run
    # 20) got "not sure" and the search was lost; "anything" alone stays a word
    rf"|(?:any subject|cualquier(?:a| materia| clase)){_FINE}*"
    # "any" alone at "What grade?" got two guesses, then the search was left (run 31);
    # "whatever", "doesn't matter", "lo que sea" at the subject's the same (run 32)
    rf"|(?:any|whatever|(?:it )?doesn'?t matter|cualquier cosa|lo que sea|da igual)"
    rf"{_FINE}*"
    rf"|(?:anything|any of them|whatever){_FINE}+"
    r")\s*[.!]*\s*")
#: Every subject inside a longer message: "busco tutoría en South Gate, 5to, de
#: todo" asked "which subject?" again (an exploratory run).
_EVERY_SUBJECT_IN = re.compile(
    r"\b(?:(?:un poco )?de todo(?=\W*$)|todas las materias|todas las clases"
    r"|all subjects|every subject|all (?:his|her|their|the) (?:subjects|classes))\b")

_FORMAT_WORDS = {
    "online": ["online", "virtual", "en linea", "by video", "por video", "zoom"],
    "in_person": ["in person", "in-person", "en persona", "presencial"],
}
_FORMAT = re.compile(
    r"\b(" + "|".join(w for ws in _FORMAT_WORDS.values() for w in ws) + r")\b"
)
_FORMAT_VALUE = {w: f for f, words in _FORMAT_WORDS.items() for w in words}

#: When a program meets (its ``setting``): "any on saturdays?", "después de clases".
#: Not "during the day" or "en la tarde" alone: a school day has both. An hour
#: after school lets out ("después de las 5", "after 4pm") is after school, the
#: nearest setting a program has; not 6 or later: "alguno es después de las 6?"
#: listed programs "right before or after school" as if they met in the evening
#: (an exploratory run), and Puente cannot know a program's hours.
_AFTER_HOURS = [f"{after} {hour}{pm}" for hour in range(3, 6)
                for after in ("after", "despues de las") for pm in ("", "pm")]
_WHEN_WORDS = {
    "weekends": ["weekend", "weekends", "saturday", "saturdays", "sunday", "sundays",
                 "sabado", "sabados", "domingo", "domingos", "fin de semana",
                 "fines de semana", "finde", "findes"],
    "before_after_school": ["after school", "afterschool", "after-school",
                            "before school", "despues de clases", "despues de clase",
                            "despues de la escuela", "saliendo de la escuela",
                            "antes de clases", "antes de la escuela", *_AFTER_HOURS],
    "during_school": ["during school", "during the school day", "school hours",
                      "en horas de clase", "en horario escolar", "durante las clases",
                      "durante la escuela", "en la jornada escolar"],
}
#: Free programs asked for: "tutoría gratis cerca de 90255", "free math tutoring".
_FREE = re.compile(r"(?<!feel )\b(?:free|gratis|gratuit[oa]s?|sin costo|no cost"
                   r"|que no cobre\w*|que no cueste\w*|sin pagar)\b"
                   r"(?! time| period| day| throw)")
_WHEN = re.compile(
    r"\b(" + "|".join(sorted((w for ws in _WHEN_WORDS.values() for w in ws),
                             key=len, reverse=True)) + r")\b"
)
_WHEN_VALUE = {w: v for v, words in _WHEN_WORDS.items() for w in words}

#: Words after which any California city name counts ("cerca de Whittier").
_LOCATION_CUE = re.compile(r"\b(?:near|in|around|by|cerca de|en|de|por)\s+$")
#: Everyday phrases that end in a California town's name after a place word: "de
#: nuevo" (again) is not Nuevo, CA ("hola de nuevo" put Nuevo in the search). "El
#: segundo" is the second one of the cards shown, unless a place word comes first
#: ("vivo en El Segundo"): read as the city, it moved the search to El Segundo. A
#: school's name ("Bell Gardens Elementary", "South Gate middle") is no place to
#: search: typed after "how do I ask my school?", it started a program search.
_NOT_PLACES = re.compile(
    r"\bde nuevo\b"
    # "la escuela de verano" (summer school) was Vernon, "en chino" (in Chinese)
    # Encino (exploratory runs 8 and 9); "y en vacaciones de verano?" Vernon (run 19):
    # summer is never the city
    r"|\bverano\b|\ben chino\b"
    # "en el centro" is downtown to a family in Los Angeles (run 20: El Centro)
    r"|\b(?:en|por) el centro\b(?! (?:california|ca|imperial)\b)"
    r"|\b[a-z]+(?: [a-z]+){0,2} (?:elementary|middle|high|primary|academy)\b"
    r"|(?<!\ben )(?<!\bin )(?<!\bde )(?<!near )(?<!\bpor )(?<!around )\bel segundo\b")
_WORD = re.compile(r"[a-z]+")
#: Shorter names match only when spelled right ("bell" is not "well").
_FUZZY_MIN_LENGTH = 6


def _grade_value(kind: str, match: re.Match[str]) -> int:
    """Return the grade ("0" kinder to "12") a matched pattern of ``kind`` names."""
    text = match.group(1) if match.groups() else match.group()
    if kind == "kinder" or text == "k":
        return 0
    if kind == "level":
        year = int(text) if text.isdigit() else grades.ALL_ORDINALS[text]
        return year + grades.SCHOOL_LEVELS[match.group(2)]
    if kind == "word":
        return grades.ALL_ORDINALS[text]
    if kind == "year":
        return _YEARS[text]
    return int(text)


def find_grades(folded: str) -> Iterator[Entity]:
    """Return the first grade named in ``folded`` text.

    An ordinal that also means something else ("primero quiero saber...", first of
    all) is a grade only as the whole message, the answer to "What grade?", or
    beside a word about school ("en primero", "primer grado"). A grade the child
    was in is not the one they are in: "math, she's been behind since 1st grade",
    "lectura, desde 3ro le cuesta", "she was held back in 4th", typed as the
    letter's subject, put 1st, 3rd and 4th in the letter (exploratory run 19). A
    grade said to be wrong gives way to another one named ("not 5th, 4th").
    """
    found = ((kind, match) for pattern, kind in _GRADE_PATTERNS
             for match in pattern.finditer(folded)
             if not (_PAST_GRADE.search(folded, 0, match.start())
                     or _STREET_AFTER.match(folded, match.end())))
    said_wrong = None
    for kind, match in found:
        if (_NEGATED.search(folded, 0, match.start())
                or _NEGATED_AFTER.match(folded, match.end())):
            said_wrong = said_wrong or (kind, match)
            continue
        yield from _grade_entity(folded, kind, match)
        return
    if said_wrong:  # the only grade named: "there is no 3rd grade tutoring?"
        yield from _grade_entity(folded, *said_wrong)


def _grade_entity(folded: str, kind: str, match: re.Match[str]) -> Iterator[Entity]:
    """Return the grade entity of a match, if it is a grade (kinder to 12th)."""
    span = match.span(1) if match.groups() else match.span()
    value = _grade_value(kind, match)
    if value <= 12:  # "cuarto de prepa" would be 13th: not a grade
        yield Entity("grade", str(value), *match.span(), folded[span[0] : span[1]])


def names_every_subject(folded: str) -> bool:
    """Whether ``folded``, the whole message, answers "which subject?" with all."""
    return bool(_EVERY_SUBJECT.fullmatch(folded))


#: Reading a thing is no subject: "in Spanish please so my husband can read it" put
#: reading in a letter that asked for math (exploratory run 32).
_READS_A_THING = re.compile(
    r"read (?:it|this|that|them|the (?:letter|message|email|note|draft))\b")


def find_subjects(folded: str) -> Iterator[Entity]:
    """Subjects named in ``folded`` text, normalised.

    Every subject ("de todo") as the whole answer, or at the end of a request that
    names no subject of its own.
    """
    if names_every_subject(folded):
        yield Entity("subject", ANY_SUBJECT, 0, len(folded), folded)
        return
    if not _SUBJECT.search(folded) and (every := _EVERY_SUBJECT_IN.search(folded)):
        yield Entity("subject", ANY_SUBJECT, every.start(), every.end(), every.group())
        return
    seen = set()
    for m in _SUBJECT.finditer(folded):
        if _READS_A_THING.match(folded, m.start()):
            continue
        value = _SUBJECT_VALUE[m.group(1)]
        if value not in seen:
            seen.add(value)
            yield Entity("subject", value, m.start(), m.end(), m.group(1))


def find_formats(folded: str) -> Iterator[Entity]:
    """In person or online."""
    for m in _FORMAT.finditer(folded):
        yield Entity(
            "format", _FORMAT_VALUE[m.group(1)], m.start(), m.end(), m.group(1)
        )
        return


def find_cost(folded: str) -> Iterator[Entity]:
    """Free programs only, when the message asks for them."""
    for m in _FREE.finditer(folded):
        yield Entity("cost", "free", m.start(), m.end(), m.group())
        return


def find_when(folded: str) -> Iterator[Entity]:
    """When the program meets: weekends, before or after school, during school."""
    for m in _WHEN.finditer(folded):
        yield Entity("when", _WHEN_VALUE[m.group(1)], m.start(), m.end(), m.group(1))
        return


def find_zip_codes(folded: str) -> Iterator[Entity]:
    """Every 5-digit number: the form checks it is a real zip code."""
    for m in _ZIP.finditer(folded):
        yield Entity("zip_code", m.group(1), m.start(), m.end(), m.group(1))
    for m in _SPACED_ZIP.finditer(folded):
        digits = re.sub(r"\D", "", m.group(1))
        yield Entity("zip_code", digits, m.start(), m.end(), m.group(1))
    for m in _SPOKEN_ZIP.finditer(folded):
        digits = "".join(_DIGIT_WORDS[word] for word in re.split(r"[ ,-]+", m.group(1)))
        if len(digits) == 5:  # "dos tres cuatro" is no zip code
            yield Entity("zip_code", digits, m.start(), m.end(), m.group(1))


@lru_cache(maxsize=1)
def _long_place() -> re.Pattern[str]:
    return re.compile(rf"\b(?:{alternation(long_names())})\b")


def find_cities(folded: str, whole_message: bool = True) -> Iterator[Entity]:
    """Find cities: Southeast LA names, misspelled too; a CA city after "near"/"cerca".

    ``whole_message``: a short message may be just a city ("south gait"), matched
    fuzzily against every California city; off when it already named something
    else ("reading" is a subject, not Redding). Inside a sentence, any one to
    three words are read as :func:`bot.programs.geo.city_in_words` says: a name run
    together ("busca en Southgate") or misspelled ("vivo en south gait") too.
    """
    # Blanked, not removed: the entities' offsets stay the message's.
    folded = _NOT_PLACES.sub(lambda m: " " * len(m.group()), folded)
    long_name = _long_place().search(folded)
    if long_name:
        yield Entity("city", long_names()[long_name.group()], long_name.start(),
                     long_name.end(), long_name.group())
        return
    words = list(_WORD.finditer(folded))
    if (
        whole_message and words and len(words) <= 3
    ):  # the answer to "Which city?": the whole message
        city = match_city(folded)
        if city:
            yield Entity(
                "city",
                city,
                words[0].start(),
                words[-1].end(),
                folded[words[0].start() : words[-1].end()],
            )
            return
    for size in (3, 2, 1):
        for i in range(len(words) - size + 1):
            city = _city_at(folded, words[i : i + size])
            if city:
                # "en huntingtonpark" reads as Huntington Park misspelled; the
                # entity is the fewest words that still name it: "huntingtonpark".
                first, last = min(
                    (
                        (j, j + n)
                        for n in range(1, size + 1)
                        for j in range(i, i + size - n + 1)
                        if _city_at(folded, words[j : j + n]) == city
                    ),
                    key=lambda span: span[1] - span[0],
                )
                start, end = words[first].start(), words[last - 1].end()
                yield Entity("city", city, start, end, folded[start:end])
                return


def _city_at(folded: str, words: List[re.Match[str]]) -> str | None:
    """Return the city these consecutive words of ``folded`` name, or None."""
    start = words[0].start()
    return city_in_words(
        " ".join(w.group() for w in words),
        statewide=bool(_LOCATION_CUE.search(folded[:start])),
        min_fuzzy_length=_FUZZY_MIN_LENGTH,
    )


def find_program_entities(text: str) -> List[Entity]:
    """Every search entity in ``text`` (offsets on the folded text, like languages)."""
    folded = fold(text)
    others = [
        *find_zip_codes(folded),
        *find_grades(folded),
        *find_subjects(folded),
        *find_formats(folded),
        *find_when(folded),
        *find_cost(folded),
    ]
    return [*find_cities(folded, whole_message=not others), *others]
