"""People's names hidden in both languages, measured on the test set, and the
words that look like names but are not, kept."""

import pytest

from bot.bench.privacy import LANGUAGES, load, score
from bot.privacy.names import lexicon
from bot.privacy.redact import hide_echoes, redact, typed_names

HIDDEN = [
    ("My son Diego Ramirez needs help in reading",
     "My son [name] needs help in reading"),
    ("Mi hija Sofía Hernández López está en 3er grado",
     "Mi hija [name] está en 3er grado"),
    ("mi niño Juan no lee bien", "mi niño [name] no lee bien"),
    ("Diego's teacher said he is behind", "[name]'s teacher said he is behind"),
    ("mis hijos Juan y Pedro", "mis hijos [name] y [name]"),
    ("my daughters Xiomara, Yareli and Keyla",
     "my daughters [name], [name] and [name]"),
    ("la maestra Menjívar dijo", "la maestra [name] dijo"),
    ("Mrs. White says he needs help", "Mrs. [name] says he needs help"),
    ("and Will has ADHD", "and [name] has ADHD"),
    ("Rosa is in 2nd grade", "[name] is in 2nd grade"),
    ("my son angel is in 5th grade", "my son [name] is in 5th grade"),
    ("soy la mamá de Eliam", "soy la mamá de [name]"),
    ("Brayan's grades dropped", "[name]'s grades dropped"),
    ("Keyla está en kínder", "[name] está en kínder"),
    ("me llamo María de la Cruz G.", "me llamo [name]."),
    ("MY SON DIEGO NEEDS HELP", "MY SON [name] NEEDS HELP"),
    ("please call 213 555 0177 - Karla", "please call [phone] - [name]"),
]

KEPT = [
    "Will they call me back?", "I hope you can help", "Hope you can help",
    "Summer school starts in June", "the grace period ended", "I want to be frank",
    "we are Black and Latino families", "she likes the color brown",
    "we live in San Diego", "my son goes to Lincoln Elementary",
    "Martin Luther King Jr. Elementary has tutoring?", "Is Reading Partners near?",
    "quiero una rosa", "no hay luz en la casa", "somos de Guadalupe, Zacatecas",
    # a grade glued to its ending is no name ("8vo": Vo is a surname; the privacy
    # tip told a parent asking "y para la de 8vo?" not to share names)
    "y para la de 8vo?", "mi hija va en 1ro y mi hijo en 2do",
    "la Virgen de Guadalupe", "las clases duran 30 minutos", "Lee muy poco en casa",
    "Ella no quiere ir", "estoy segura", "me da pena preguntar", "somos de El Salvador",
    "en Julio hay vacaciones", "call 988 or 911", "Thanks Puente!", "Soy Mexicana",
    "Does My Child Need a Tutor?", "Si está en crisis llame al 988",
    "Isn’t struggle just part of learning?",
    "¿hay tutoría en Santa Cruz o Salinas?", "mi hijo va a la Primaria Benito Juárez",
]


@pytest.mark.parametrize("text, expected", HIDDEN)
def test_names_are_hidden(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize("text", KEPT)
def test_words_like_names_are_kept(text):
    assert redact(text) == text


@pytest.mark.parametrize("language", LANGUAGES)
def test_test_set_names_hidden_and_nothing_of_puente_redacted(language):
    messages = load(language)
    figures = score(messages)
    assert figures.messages >= 200
    assert figures.rate >= 0.95, figures.missed
    # names not on the lists count too, and most are found
    assert figures.total["unlisted"] >= 40
    assert figures.hidden["unlisted"] >= 0.8 * figures.total["unlisted"]
    assert figures.puente_messages >= 10 and figures.changed_puente == []
    # a message without names never loses a word to "[name]"
    assert not [m for m in figures.changed_clean if "[name]" in m]
    assert len(figures.false_words) <= 2, figures.false_words


def test_puentes_words_and_public_contacts_shown_as_sent():
    typed = typed_names("My son Diego Ramirez, I'm Rosa, call 323-555-0199")
    assert typed >= {"Diego Ramirez", "Diego", "Rosa"}
    welcome = "Hi! I'm Puente. Sunflower Math (323) 555-0100 · hello1@example.org"
    assert hide_echoes(welcome, typed) == welcome
    assert hide_echoes("Dear principal, Diego goes to Lincoln.", typed) \
        == "Dear principal, [name] goes to Lincoln."


def test_the_lists_are_read_once():
    assert lexicon() is lexicon()
    assert {"diego", "sofia", "hernandez", "garcia"} <= lexicon().names
