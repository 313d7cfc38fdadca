"""Tell English from Spanish (and spot other languages) in one short chat message.

Parents write short, unaccented, mixed messages ("tutoring para mi hijo",
"cuanto cuesta"), so a general-purpose detector trained on long, clean text is a
poor fit, and a wrong guess flips the whole conversation into the other language.
This detector counts words from small lexicons of the words families actually use,
plus spelling clues (ñ, ¿, accents), and says how sure it is:

* ``strong``: enough evidence to switch the conversation's language;
* weak: a courtesy word or acknowledgement ("ok", "si", "gracias", "thanks") that
  parents of both languages use; it may set the language of a new conversation but
  never flips one already under way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.lang import grades
from bot.text import clean, fold, undraw

ENGLISH = "en"
SPANISH = "es"
#: The one Puente switches to from each ("other language", "no hablo inglés").
OTHER = {ENGLISH: SPANISH, SPANISH: ENGLISH}
SUPPORTED = (ENGLISH, SPANISH)


def language_of(value: object) -> str:
    """``value`` if it is a language Puente speaks, else English (the default).

    For a ``language`` slot or request field that may be unset or anything at all:
    texts are keyed by language, and a missing key must not become an error.
    """
    return value if isinstance(value, str) and value in SUPPORTED else ENGLISH


_WORD = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?", re.UNICODE)

# Words used by parents of both languages, or too short to mean anything alone.
_COURTESY = frozenset(
    """ok okay okey k kk si sí yes yeah yep no nop nope gracias grax thanks thx ty
    thank you bueno vale ah oh aja ajá hmm mmm bye adios adiós chao ciao please plis
    porfa pls dale cool genial perfecto perfect great nice good bien""".split()
)

# "a" and "me" are everyday words in both languages ("a veces", "me puede ayudar"):
# they are in neither list, so they never tip a message either way.
_ENGLISH_WORDS = frozenset(
    """the an is are was were be been am i im i'm you your my mine we our us they
    their he she his her it its this that these those what whats what's how who whom
    whose when where why which do does did don't dont doesnt doesn't can can't cant
    could would should will won't have has had get got need needs want wants know
    and or but if so not for with about from into of to in on at by as than then
    there here any some all every more most much many other only also just very
    tutoring tutor tutors tutored help helps school schools child children kid kids
    son daughter grandson granddaughter student students teacher teachers principal
    district free cost costs pay paid price week weekly day days time hours minutes
    after before during program programs near find sign up enroll class classes
    grade grades reading math homework english spanish please hello hi hey good
    morning afternoon evening thank thanks works work better high impact small group
    one online person people parent parents family families language information
    ask asking question questions find looking look learn learning sessions session
    progress update updates qualify eligible money funding pays who's whos there's
    really truly does it anyone someone something""".split()
)

_SPANISH_WORDS = frozenset(
    """el la los las un una unos unas es son era fue ser estar esta está están estan
    soy eres somos yo tu tú usted ustedes mi mis su sus nuestro nuestra nosotros ellos
    ellas que qué quien quién quienes cual cuál cuales como cómo cuando cuándo donde
    dónde porque porqué por para con sin sobre entre hasta desde del al y o pero
    si en también tambien muy mas más menos mucho muchos poco cada todo todos otra otro
    hay tiene tienen tengo tenemos puede pueden puedo podemos quiero quiere queremos
    necesito necesita necesitan hace hacer sabe saber se sé cuanto cuánto cuanta
    cuesta cuestan cobran gratis gratuita gratuito pagar precio dinero semana semanas
    dia día dias días horas minutos despues después antes durante programa programas
    cerca busco buscar encontrar inscribir inscribirme apuntar clase clases grado
    lectura matematicas matemáticas mate tarea ingles inglés español espanol
    bendiciones bendición bendicion dios bendiga
    ola holi holis onda quiubo quihubo
    hola buenos buenas dias tardes noches escuela escuelas hijo hija hijos hijas niño
    niña niños niñas nino nina ninos ninas nieto nieta estudiante estudiantes alumno
    alumnos maestro maestra maestros maestras director directora distrito tutoria
    tutoría tutorias tutorías tutores ayuda ayudar ayudame ayúdame apoyo alto impacto
    grupo pequeño pequeno uno solo persona padres papá papa mamá mama familia
    familias idioma información informacion preguntar pregunta preguntas aprender
    sesiones sesión sesion progreso avance califica calificar elegible fondos paga
    funciona sirve mejor realmente alguien algo quiero saber mande mándeme dígame
    digame oiga disculpe favor ahora ya aquí aqui allí alli nos le les lo sea sean
    vez veces entiende entiendo entender va voy van vamos gusta siempre nunca ayudas
    vivo vivimos viven habla hablan hablar privado privada particular particulares
    ayudan kiero kiere quieren morir muerto muerta matar matarme matarse vivir vida
    pastillas golpea golpeo pega pegó pego esposo marido pareja peligro ayudenme
    ayúdenme ayudeme porfavor aser hacer daño dano llorando respira encuentro
    baja ke xq pq porq kien kienes tmb tambn xfa porfa ase asen nesesito nesesita
    ijo ija ijos ijas
    auxilio socorro simon simón nel órale orale ándale andale
    q dijo dijeron dice dicen voluntario voluntarios
    emergencia urgente ayudenme entendi nada resuelveme resuelve
    horario horarios costo costos requisitos inscripcion inscripción tareas refuerzo
    asesoria asesoría asesorias asesorías regularizacion regularización nivelacion
    nivelación""".split()
)

# Spanish's little words, which Spanish-speaking parents keep when they borrow
# English's content words ("el tutoring es free?", "mi son necesita tutoring en
# math", "q es high impact tutoring": answered in English, the search that followed
# too: exploratory run 16); English-speaking parents seldom write them. Each counts
# twice, in a message with no word of another language. Not "el", "la", "los", "de":
# Los Angeles, La Brea, El Sereno, De La Salle.
_SPANISH_FUNCTION_WORDS = frozenset("es mi mis en que q y para con".split())
#: An article before a word in lower case ("el tutoring", "El tutor habla...", "un
#: tutor privado") counts twice too: a place's name is capitalized ("El Sereno").
_SPANISH_ARTICLE = re.compile(
    r"\b(?:[Ee]l|[Ll]as?|[Ll]os|[Uu]na?)\s+[a-zñáéíóú]")
#: Laughter as Spanish writes it ("jajaja", "jeje"); English writes "haha".
_SPANISH_LAUGH = re.compile(r"^(?:j+[aeiou]+){2,}j*$")

# Markers of languages Puente does not speak, chosen not to collide with Spanish:
# Portuguese, French, and Tagalog ("paano po makakuha ng tutor para sa anak ko",
# "salamat po" got "not sure": exploratory run 16).
_OTHER_WORDS = frozenset(
    """você voce vocês não nao obrigado obrigada olá ola meu minha filho filha escola
    quanto custa também tambem muito isso uma aulas reforço reforco ajudar
    je vous nous mon ma mes enfant école ecole est-ce c'est pour avec merci bonjour
    combien coûte graça
    po opo ang ng mga sa anak ko ako paano magkano salamat magandang naman kung ito
    niya siya po""".split()
)
# Words both lists could claim: Spanish wins them when Spanish words surround them.
_OTHER_ONLY_WITHOUT_SPANISH = frozenset(
    {"ola", "ajudar", "isso", "uma", "ma", "est-ce"}
)

_SPANISH_MARKS = re.compile(r"[ñ¿¡áéíóú]", re.IGNORECASE)
_NON_LATIN = re.compile(
    r"[\u0400-\u04ff\u0590-\u05ff\u0600-\u06ff\u0900-\u097f\u0e00-\u0e7f"
    r"\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]"
)


@dataclass(frozen=True)
class Detection:
    """What one message says about its language.

    Attributes:
        language: ``"en"``, ``"es"``, ``"other"`` (a language Puente does not
            speak) or ``None`` when the message gives no clue (a number, emoji).
        strong: ``True`` when the evidence is enough to switch a conversation.
    """

    language: str | None
    strong: bool = False


_ENGLISH_FOLDED = frozenset(fold(w) for w in _ENGLISH_WORDS)
_SPANISH_FOLDED = frozenset(fold(w) for w in _SPANISH_WORDS)
_OTHER_FOLDED = frozenset(w for w in _OTHER_WORDS)
_COURTESY_FOLDED = frozenset(fold(w) for w in _COURTESY)


def detect(text: str) -> Detection:
    """Detect the language of one message.

    Args:
        text: the message as the parent typed it.

    Returns:
        The detected language and whether the evidence is strong.
    """
    if text.lstrip().startswith("/"):
        return Detection(None)  # a button payload ("/find_program") has no language
    text = clean(text)  # a link's or a tag's words say nothing about the writer
    letters = sum(ch.isalpha() for ch in text)
    if letters and len(_NON_LATIN.findall(text)) * 2 >= letters:
        return Detection("other", strong=True)

    # "5to", "2do", "3rd": a grade's number and its suffix, read before the words,
    # or "to" and "do" would count as English words.
    abbreviations = [
        grades.abbreviation_language(m.group(1))
        for m in grades.ORDINAL_ABBREVIATION.finditer(text)
    ]
    words = [
        w.lower() for w in _WORD.findall(grades.ORDINAL_ABBREVIATION.sub(" ", text))
    ]
    if not words and not abbreviations:
        return Detection(None)
    # "ayudaaa", "holaaa": a word drawn out is the word
    folded = [undraw(fold(w)) for w in words]

    if words and all(w in _COURTESY_FOLDED for w in folded):
        return Detection(_courtesy_language(folded), strong=False)

    english = sum(w in _ENGLISH_FOLDED for w in folded)
    spanish = sum(w in _SPANISH_FOLDED for w in folded)
    spanish += sum(bool(_SPANISH_LAUGH.match(w)) for w in folded)
    spanish += len(_SPANISH_MARKS.findall(text))
    if grades.is_grade_answer(fold(text)):
        # The answer to "What grade?" says which grade, not which language the
        # family reads ("5th grade" copied from a report card): it may set the
        # language of a new conversation but never switches one. Only here do
        # "5to" or "octavo" count: in a sentence, Spanish-speaking parents write
        # "3rd grade" as the school does, and the other words tell more.
        ordinals = [grades.ordinal_language(w) for w in folded] + abbreviations
        english += ordinals.count(ENGLISH)
        spanish += ordinals.count(SPANISH)
        if english == spanish:
            return Detection(None)
        return Detection(SPANISH if spanish > english else ENGLISH, strong=False)
    other = sum(
        w in _OTHER_FOLDED and (w not in _OTHER_ONLY_WITHOUT_SPANISH or not spanish)
        for w in words
    )
    # Portuguese writes "para" and "que" too
    grammar = 0 if other else sum(w in _SPANISH_FUNCTION_WORDS for w in folded)
    if not other:
        spanish += grammar + len(_SPANISH_ARTICLE.findall(text))

    if other >= 2 and other > spanish:
        return Detection("other", strong=True)
    if english == spanish:
        # "tutoring para my kids es free?": as many words each way, Spanish's
        # grammar holds the English words (run 17: answered in English)
        return Detection(SPANISH if grammar else _suffix_guess(folded), strong=False)
    language = SPANISH if spanish > english else ENGLISH
    return Detection(language, strong=True)


def _courtesy_language(folded: list[str]) -> str | None:
    """Guess the language of courtesy words, for a conversation with none yet."""
    spanish = sum(w in _SPANISH_FOLDED or w in {"gracias", "grax", "adios", "chao",
                                                 "porfa", "plis", "dale", "bueno"}
                  for w in folded)
    english = sum(w in _ENGLISH_FOLDED or w in {"yes", "yeah", "yep", "bye", "thx",
                                                 "ty", "okay", "cool", "great"}
                  for w in folded)
    if spanish == english:
        return None
    return SPANISH if spanish > english else ENGLISH


_SPANISH_SUFFIXES = ("cion", "ción", "dad", "mente", "ito", "ita", "amos", "aron")
_ENGLISH_SUFFIXES = ("ing", "tion", "ly", "ness", "ed")


def _suffix_guess(folded: list[str]) -> str | None:
    """Last resort for unknown words: Spanish and English endings differ."""
    spanish = sum(w.endswith(_SPANISH_SUFFIXES) for w in folded)
    english = sum(w.endswith(_ENGLISH_SUFFIXES) for w in folded)
    if spanish == english:
        return None
    return SPANISH if spanish > english else ENGLISH


def next_language(current: str | None, detection: Detection) -> str | None:
    """Decide the conversation's language after one message.

    A strong detection switches; a weak one only fills an empty slot, so a lone
    "ok", "si" or "gracias" never flips a conversation already under way.

    Args:
        current: the conversation's language so far, or ``None``.
        detection: what the new message says.

    Returns:
        The language the conversation should continue in.
    """
    if detection.language not in SUPPORTED:
        return current
    if detection.strong or current is None:
        return detection.language
    return current


def conversation_language(
    current: str | None,
    text: str,
    intent: str | None = None,
    requested: str | None = None,
    page_language: str | None = None,
) -> str | None:
    """Decide the conversation's language after one user message.

    The one place that decides, so every channel and response agrees:

    1. an explicit request ("English please", "en español") wins; a request that
       names no language switches to the other one;
    2. a new conversation starts in the language of the page it came from, when the
       channel says so;
    3. otherwise :func:`next_language` applies what the message itself says.

    Args:
        current: the conversation's language so far, or ``None``.
        text: the message.
        intent: the intent the NLU predicted for it.
        requested: the language named in the message, if any (``en``/``es``).
        page_language: the language of the page or channel, if it sent one.

    Returns:
        The language to answer in, or ``None`` if nothing is known yet.
    """
    if intent == "change_language":
        if requested in SUPPORTED:
            return requested
        return OTHER.get(current or "", ENGLISH)
    detection = detect(text)
    if current is None and page_language in SUPPORTED and not detection.strong:
        return page_language
    return next_language(current, detection)
