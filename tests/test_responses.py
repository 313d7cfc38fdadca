"""Every response exists in English and Spanish, with matching buttons."""

import re

import pytest
import yaml
from rasa.core.nlg import interpolator

from tests.content import (
    ENGLISH,
    FIRST_MESSAGE_LIMIT,
    ROOT,
    SPANISH,
    faq_problems,
    faq_topics,
    responses,
    variation,
)

ALL = responses()
FAQ_TOPICS = faq_topics()


def _actions_used():
    used = set()
    for path in list((ROOT / "data").rglob("*.yml")):
        for doc in [yaml.safe_load(path.read_text()) or {}]:
            for block in (doc.get("rules") or []) + (doc.get("stories") or []):
                used |= {s["action"] for s in block.get("steps", []) if "action" in s}
    return {a for a in used if a.startswith("utter_")}


@pytest.mark.parametrize("name", sorted(ALL))
def test_response_has_english_and_spanish(name):
    variations = ALL[name]
    spanish = [v for v in variations if v.get("condition") == SPANISH]
    english = [
        v for v in variations if v.get("condition") == ENGLISH or "condition" not in v
    ]
    assert len(spanish) == 1, f"{name}: needs exactly one Spanish variation"
    assert english, f"{name}: needs an English variation"
    for v in variations:
        assert v.get("text", "").strip(), f"{name}: empty text"


@pytest.mark.parametrize("name", sorted(ALL))
def test_buttons_match_across_languages_and_fit_whatsapp(name):
    en, es = variation(ALL[name], "en"), variation(ALL[name], "es")
    en_payloads = [b["payload"] for b in en.get("buttons", [])]
    es_payloads = [b["payload"] for b in es.get("buttons", [])]
    assert en_payloads == es_payloads
    for v in (en, es):
        titles = [b["title"] for b in v.get("buttons", [])]
        assert len(titles) <= 10  # 4-10 choices become a WhatsApp list message
        assert len(set(titles)) == len(titles)
        assert all(len(t) <= 20 for t in titles), titles


@pytest.mark.parametrize("name", sorted(ALL))
def test_button_payloads_pass_rasas_interpolation_as_written(name, monkeypatch):
    """A payload's JSON braces are doubled in the domain ('/inform{{"subject":
    "math"}}'). Single ones read as a slot placeholder: Rasa logged an error with a
    stack trace for each button at every asking (found in the log of an exploratory
    run), then sent the payload unchanged."""
    errors = []
    monkeypatch.setattr(interpolator.structlogger, "exception",
                        lambda *args, **kwargs: errors.append(kwargs))
    for v in ALL[name]:
        for button in v.get("buttons", []):
            payload = button["payload"]
            sent = interpolator.interpolate_text(payload, {})
            assert not errors, (name, payload)
            assert sent == payload.replace("{{", "{").replace("}}", "}")


def test_every_faq_topic_has_an_answer():
    assert len(FAQ_TOPICS) >= 10, "no topic table in tests/data/knowledge/faq_topics.md"
    missing = [t for t in FAQ_TOPICS if f"utter_faq/{t}" not in ALL]
    assert not missing


@pytest.mark.parametrize("topic", FAQ_TOPICS)
def test_faq_answer_is_phone_sized_in_both_languages_with_its_sources(topic):
    """Issue 12: the first message is the answer in at most 350 characters, with its
    source named briefly; "Tell me more" has the rest and the full references; both
    in English and Spanish."""
    assert not faq_problems(ALL, topic)


def test_the_faq_checks_fail_without_a_language_or_a_source():
    """The content checks catch what they are for (a check that cannot fail is none)."""
    topic = "cost"
    first, more = f"utter_faq/{topic}", f"utter_faq_more/{topic}"
    english_only = {**ALL, first: [variation(ALL[first], "en")]}
    assert f"{first}: no es text" in faq_problems(english_only, topic)
    spanish_only = {**ALL, more: [variation(ALL[more], "es")]}
    assert f"{more}: no en text" in faq_problems(spanish_only, topic)
    unsourced = {**ALL, first: [
        {**v, "text": v["text"].rsplit("\n", 1)[0]} for v in ALL[first]]}
    assert f"{first} (es): no source line at the end" in faq_problems(unsourced, topic)
    long = {**ALL, first: [{**v, "text": "word " * 80 + v["text"]} for v in ALL[first]]}
    assert any("more than 350" in p for p in faq_problems(long, topic))
    assert f"{more}: missing" in faq_problems(
        {k: v for k, v in ALL.items() if k != more}, topic)


def _more_payload(topic):
    # Double braces: Rasa formats responses with the slots ("{{" is sent as "{").
    return '/faq_more{{"faq_topic": "' + topic + '"}}'


@pytest.mark.parametrize("topic", FAQ_TOPICS)
def test_faq_answer_offers_tell_me_more_and_the_next_steps(topic):
    """First button "Tell me more" / "Más información" (bot/lang/titles.yml), then
    next steps; at most 3 buttons, as WhatsApp sends reply buttons. "Tell me more"
    keeps every next step the answer had."""
    from bot.lang.catalog import title

    for language in ("en", "es"):
        first = variation(ALL[f"utter_faq/{topic}"], language)["buttons"]
        more = variation(ALL[f"utter_faq_more/{topic}"], language)["buttons"]
        assert first[0] == {"title": title("faq_more", language),
                            "payload": _more_payload(topic)}
        assert 2 <= len(first) <= 3 and 1 <= len(more) <= 3
        assert all(b in more for b in first[1:])
        assert not any(b["payload"].startswith("/faq_more") for b in more)


def test_faq_first_messages_are_shorter(capsys):
    """Lengths of the first messages, printed for the record (the limit is tested
    per topic above)."""
    import statistics

    rows = []
    for language in ("en", "es"):
        lengths = [len(variation(ALL[f"utter_faq/{t}"], language)["text"])
                   for t in FAQ_TOPICS]
        rows.append(
            f"{language}: max {max(lengths)}, median {statistics.median(lengths)}"
        )
        assert max(lengths) <= FIRST_MESSAGE_LIMIT
    with capsys.disabled():
        print("\nFAQ first messages, characters: " + "; ".join(rows))


@pytest.mark.parametrize("phrase", [
    "That is a big gain for a school program",
    "Es una mejora grande para un programa escolar",
])
def test_no_unsourced_claim_is_back(phrase):
    """Issue 12: no source says it."""
    assert phrase not in "\n".join(v["text"] for vs in ALL.values() for v in vs)


def test_every_response_a_rule_uses_exists():
    assert not _actions_used() - set(ALL) - {"utter_faq"}


def _prose(text):
    """The answer without its source line, as a reader reads it: each bullet is a
    sentence of its own (not one long sentence with the line before)."""
    lines = [ln for ln in text.splitlines() if not ln.startswith(("Source", "Fuente"))]
    sentences = []
    for line in lines:
        item = line.lstrip("•- ").strip()
        if item != line.strip() and item and item[-1] not in ".!?:;":
            item += "."
        sentences.append(item)
    return " ".join(sentences)


def test_prose_reads_each_bullet_as_a_sentence():
    text = "Not always:\n• Homework help\n- Big groups\nSource: Stanford NSSA"
    assert _prose(text) == "Not always: Homework help. Big groups."


#: Every FAQ answer reads at about sixth grade: Flesch-Kincaid grade 7 at most in
#: English, Fernández-Huerta 70 or more in Spanish (70-80 = 7th grade). The content
#: scores 1.4 to 6.2 and 79 to 97 (2026-12-04).
MAX_GRADE_EN, MIN_EASE_ES = 7.0, 70.0


def test_faq_answers_read_at_about_sixth_grade(capsys):
    textstat = pytest.importorskip("textstat")
    rows, too_hard = [], []
    for topic in FAQ_TOPICS:
        name = f"utter_faq/{topic}"
        textstat.set_lang("en")
        grade = textstat.flesch_kincaid_grade(
            _prose(variation(ALL[name], "en")["text"])
        )
        textstat.set_lang("es")
        ease = textstat.fernandez_huerta(_prose(variation(ALL[name], "es")["text"]))
        rows.append(
            f"{topic:18} EN grade {grade:4.1f}   ES Fernández-Huerta {ease:5.1f}"
        )
        if grade > MAX_GRADE_EN or ease < MIN_EASE_ES:
            too_hard.append(rows[-1])
    with capsys.disabled():
        print("\nReadability of the FAQ answers (EN: Flesch-Kincaid grade; "
              "ES: Fernández-Huerta, 60-70 = 8th-9th grade, 70-80 = 7th grade):")
        print("\n".join(rows))
    assert not too_hard


def _english_only_words(text):
    """Words of ``text`` that are English and never Spanish ("tutor" is both)."""
    from bot.lang import detect

    english = (detect._ENGLISH_WORDS - detect._SPANISH_WORDS) - {"tutor", "son"}
    return set(re.findall(r"[a-záéíóúñü']+", text.lower())) & english


@pytest.mark.parametrize(
    "name", ["utter_human_handoff", "utter_out_of_scope", "utter_crisis",
             "utter_crisis_person"])
def test_the_handoff_contact_reads_in_each_language(name):
    """The contact from puente.toml is only the contact; the words around it are
    each language's own, so a Spanish answer has no English sentence in it."""
    from bot.settings import load_settings

    contact = load_settings().handoff_contact
    spanish = variation(ALL[name], "es")["text"].format(handoff_contact=contact)
    english = variation(ALL[name], "en")["text"].format(handoff_contact=contact)
    assert contact in spanish and contact in english
    assert not _english_only_words(spanish.replace("Childhelp", "")), spanish


def test_chats_are_kept_as_long_as_the_settings_say_everywhere_it_is_said():
    """The welcome (also WhatsApp's) and the privacy answer say how long chats
    are kept, and the number is the one retention uses."""
    from bot.settings import load_settings

    days = load_settings().retention_days
    for name in ("utter_welcome", "utter_ask_privacy"):
        for language, said in (("en", f"{days} days"), ("es", f"{days} días")):
            assert said in variation(ALL[name], language)["text"], (name, language)
    page = (ROOT / "bot/web/static/privacy.html").read_text()
    assert f"{days} days" in page and f"{days} días" in page


def test_program_alerts_are_in_the_privacy_answer_and_page_with_their_days():
    """A family who asked to hear when a program opens has its number kept: the
    privacy answer and page say so, for as long as the alerts' settings keep it."""
    from bot.settings import load_settings

    days = load_settings().alerts.keep_days
    page = (ROOT / "bot/web/static/privacy.html").read_text()
    for language, said in (("en", f"for {days} days or until you write STOP"),
                           ("es", f"por {days} días o hasta que escriba BAJA")):
        assert said in variation(ALL["utter_ask_privacy"], language)["text"]
        assert said in page


def test_the_privacy_answer_is_whole_on_any_channel():
    """No bare "/privacy" path (it is no link on WhatsApp); the phone number is a
    keyed code in the chat and on the page alike, never called encryption."""
    page = (ROOT / "bot/web/static/privacy.html").read_text()
    codes = {"en": "a code made from it with a secret key",
             "es": "un código hecho a partir de él con una clave secreta"}
    for language, code in codes.items():
        text = variation(ALL["utter_ask_privacy"], language)["text"]
        assert "/privacy" not in text
        assert code in text and code in page
    assert "cifrado" not in page and "scrambled" not in page


def test_the_evidence_cites_the_2024_meta_analysis():
    """89 trials and 0.29 SD are the 2024 AERJ article's; the 2020 working paper
    (NBER w27476) reported 0.37 SD on an earlier sample."""
    reference = "Oreopoulos & Quan (2024), American Educational Research Journal"
    text = "\n".join(v["text"] for vs in ALL.values() for v in vs)
    checklist = (ROOT / "bot/advocacy/checklist.yml").read_text()
    assert "(2020)" not in text + checklist and "w27476" not in text + checklist
    # The full reference is on the "Tell me more" step, with the other sources.
    assert reference in variation(ALL["utter_faq_more/evidence"], "en")["text"]
    assert reference.replace("&", "y") in variation(
        ALL["utter_faq_more/evidence"], "es")["text"]


@pytest.mark.parametrize("phrase", [
    "persona de tutoría", "quien da la tutoría", "dan la tutoría", "un niño solo",
    "dar una queja", "dar quejas", "Escribir a escuela", "es seguida", "se reúnen",
    "junto al día escolar", "Solo ayuda con la tarea", "mesa directiva escolar",
    "el grado {grade}", "Pida tutoría para todos", "casi siempre es de 3 o 4",
    "para usarlo", "revuelto",
])
def test_spanish_slips_stay_fixed(phrase):
    """Issue 12's Spanish errors: none is back in a response or in bot data."""
    text = "\n".join(v["text"] for vs in ALL.values() for v in vs)
    for path in ("bot/advocacy/checklist.yml", "bot/advocacy/letters.yml",
                 "bot/programs/labels.yml"):
        text += (ROOT / path).read_text()
    assert phrase not in text
