"""Redaction: what an organizer must never see, and what they must still see."""

import pytest

from bot.privacy.redact import redact

REDACTED = [
    # phones, US and Mexican, every way people type them
    ("Call me at (323) 555-0199", "Call me at [phone]"),
    ("my number is 323-555-0199 thanks", "my number is [phone] thanks"),
    ("323.555.0199", "[phone]"),
    ("323 555 0199", "[phone]"),
    ("+1 323 555 0199", "[phone]"),
    ("3235550199", "[phone]"),
    ("mi cel es +52 1 55 1234 5678", "mi cel es [phone]"),
    ("llámeme al +52 (33) 1234-5678", "llámeme al [phone]"),
    ("mi teléfono 555-1234", "mi teléfono [phone]"),
    # emails
    ("email ana.lopez@gmail.com", "email [email]"),
    ("escríbame a rosa_g+escuela@yahoo.com.mx por favor",
     "escríbame a [email] por favor"),
    # street addresses
    ("I live at 123 Main St, Apt 4", "I live at [address]"),
    ("we are on 4500 e Florence Ave near the school",
     "we are on [address] near the school"),
    ("1200 Pacific Blvd.", "[address]"),
    ("vivo en Calle 5 #123", "vivo en [address]"),
    ("Av. Juárez 45 en Huntington Park", "[address] en Huntington Park"),
    ("mi casa está en avenida Gage 3100", "mi casa está en [address]"),
    # names after the phrases that introduce them
    ("My name is Ana López and I need help", "My name is [name] and I need help"),
    ("my name is ana", "my name is [name]"),
    ("I'm Maria, a mom in South Gate", "I'm [name], a mom in South Gate"),
    ("my son's name is Leo", "my son's name is [name]"),
    ("My daughter's name is Sofia Ramirez", "My daughter's name is [name]"),
    ("me llamo josé", "me llamo [name]"),
    ("Mi nombre es Guadalupe Torres", "Mi nombre es [name]"),
    ("mi hijo se llama Carlos Pérez y está en 3rd grade",
     "mi hijo se llama [name] y está en 3rd grade"),
    ("mi hija se llama Valeria", "mi hija se llama [name]"),
    ("Soy Rosa, mamá de dos", "Soy [name], mamá de dos"),
    ("Me llamo María de la Cruz", "Me llamo [name]"),
    ("Hi, I'm Ana. Call me at 323-555-0199",
     "Hi, I'm [name]. Call me at [phone]"),
]

KEPT = [
    "my son is in 3rd grade",
    "mi hija está en 5to grado",
    "we live in 90255",
    "vivimos en el código postal 90280",
    "5 students per tutor",
    "3 times a week",
    "3 veces por semana",
    "call 988 or 911",
    "I'm worried about my son",
    "I'm not sure what tutoring is",
    "I'm Mexican and speak Spanish",
    "soy de México",
    "soy mamá de un niño de 8 años",
    "la escuela está en la calle principal",
    "sessions of 30 minutes, 2026-11-24",
    "grades 3-5 and 6-8",
    "it costs $25 per hour",
]


@pytest.mark.parametrize("text, expected", REDACTED)
def test_personal_data_is_redacted(text: str, expected: str) -> None:
    assert redact(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_facts_organizers_need_are_kept(text: str) -> None:
    assert redact(text) == text


def test_empty_input() -> None:
    assert redact(None) == ""
    assert redact("") == ""


def test_one_message_mixing_both_languages_and_every_kind() -> None:
    """What an organizer reads of a message with everything in it: no name, email,
    phone or address left, and the facts (grade, zip code) still there."""
    text = ("Hola, me llamo Rosa Díaz. My email is rosa.diaz@gmail.com, call "
            "323-555-0199 or +52 1 55 1234 5678. Vivo en Calle 5 #123 y mi hijo se "
            "llama Leo, he is in 3rd grade, 90255.")
    assert redact(text) == (
        "Hola, me llamo [name]. My email is [email], call [phone] or [phone]. "
        "Vivo en [address] y mi hijo se llama [name], he is in 3rd grade, 90255.")


@pytest.mark.parametrize("text, expected", REDACTED)
def test_redacted_text_is_left_as_it_is(text: str, expected: str) -> None:
    """Redacting twice (an export of a redacted view) changes nothing more."""
    assert redact(redact(text)) == expected
