"""Every response exists in English and Spanish, with matching buttons."""

import re
from pathlib import Path

import pytest
import yaml

from tests.content import ENGLISH, ROOT, SPANISH, responses, variation

ALL = responses()
FAQ_TOPICS = [t for t in re.findall(
    r"^\| ([a-z_]+) \|", (ROOT.parent / "shared/knowledge/faq_topics.md").read_text(), re.M
) if t != "topic"] if (ROOT.parent / "shared/knowledge/faq_topics.md").exists() else []


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
    english = [v for v in variations if v.get("condition") == ENGLISH or "condition" not in v]
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


def test_every_faq_topic_has_an_answer():
    assert FAQ_TOPICS, "shared/knowledge/faq_topics.md not found"
    missing = [t for t in FAQ_TOPICS if f"utter_faq/{t}" not in ALL]
    assert not missing


@pytest.mark.parametrize("topic", FAQ_TOPICS)
def test_faq_answers_name_their_source(topic):
    name = f"utter_faq/{topic}"
    assert "Source" in variation(ALL[name], "en")["text"]
    assert "Fuente" in variation(ALL[name], "es")["text"]


def test_every_response_a_rule_uses_exists():
    assert not _actions_used() - set(ALL) - {"utter_faq"}


def _prose(text):
    """The answer without its source line and bullets, as a reader reads it."""
    lines = [ln for ln in text.splitlines() if not ln.startswith(("Source", "Fuente"))]
    return " ".join(ln.lstrip("•- ") for ln in lines)


def test_faq_answers_read_at_about_sixth_grade(capsys):
    textstat = pytest.importorskip("textstat")
    rows, too_hard = [], []
    for topic in FAQ_TOPICS:
        name = f"utter_faq/{topic}"
        textstat.set_lang("en")
        grade = textstat.flesch_kincaid_grade(_prose(variation(ALL[name], "en")["text"]))
        textstat.set_lang("es")
        ease = textstat.fernandez_huerta(_prose(variation(ALL[name], "es")["text"]))
        rows.append(f"{topic:18} EN grade {grade:4.1f}   ES Fernández-Huerta {ease:5.1f}")
        if grade > 8.5 or ease < 60:
            too_hard.append(topic)
    with capsys.disabled():
        print("\nReadability of the FAQ answers (EN: Flesch-Kincaid grade; "
              "ES: Fernández-Huerta, 60-70 = 8th-9th grade, 70-80 = 7th grade):")
        print("\n".join(rows))
    assert not too_hard
