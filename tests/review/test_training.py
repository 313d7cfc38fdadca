"""The training queue: messages labeled twice and blind, exported into the corpus."""

import io
import zipfile

from sqlalchemy import select

from bot.bench import corpus
from bot.review import training
from bot.review.models import ConversationSummary
from bot.review.summaries import refresh
from tests.review.conftest import events_for
from tests.review.webapp import browser as visit

NOW = 1_790_000_000.0
ANA, BEN, CARMEN = "ana@example.org", "ben@example.org", "carmen@example.org"


async def _queue(stores, messages=(("necesito ayuda, me llamo Rosa", "es"),
                                   ("how many kids per tutor", "en"),
                                   ("¿y los sábados?", "es"))):
    """One conversation per message, each message queued; returns the queue's ids."""
    for number, (text, language) in enumerate(messages):
        await stores.save(f"whatsapp-1555000{number:04d}", events_for(
            NOW + number, language, [(text, "nlu_fallback", 0.2, None)]))
    refresh(stores.puente, stores.tracker)
    for number in range(len(messages)):
        sender = f"whatsapp-1555000{number:04d}"
        assert training.queue_for_training(stores.puente, stores.tracker, sender, [],
                                           ANA) == 1
    return [m.id for m in training.training_queue(stores.puente, ANA)]


async def test_the_unclear_messages_are_queued_once_and_redacted(stores):
    await _queue(stores, [("necesito ayuda, me llamo Rosa", "es")])
    assert training.queue_for_training(stores.puente, stores.tracker,
                                       "whatsapp-15550000000", [], ANA) == 0
    [message] = training.training_queue(stores.puente, ANA)
    assert message.text == "necesito ayuda, me llamo [name]"
    assert (message.language, message.seen_intent) == ("es", "nlu_fallback")
    assert message.mine is None


async def test_nobody_sees_another_label_until_two_organizers_chose(stores):
    first, second, _ = await _queue(stores)
    assert training.set_labels(stores.puente, ANA, {first: "faq/eligibility",
                                                    second: "faq/group_size"}) == 0
    ana, ben = (training.training_queue(stores.puente, who)[0] for who in (ANA, BEN))
    assert (ana.mine, ana.labels, ana.decided) == ("faq/eligibility", (), False)
    # Blind: Ben sees that someone labeled it (his label decides), not which label.
    assert (ben.mine, ben.labels, ben.others) == (None, (), 1)

    training.set_labels(stores.puente, BEN, {first: "out_of_scope",
                                             second: "faq/group_size"})
    for who in (ANA, BEN, CARMEN):
        one, two, three = training.training_queue(stores.puente, who)
        assert one.labels == ("faq/eligibility", "out_of_scope") and one.agreed is None
        assert two.agreed == "faq/group_size" and not three.decided
    assert training.agreement(training.training_queue(stores.puente, ANA)) == (2, 1)


async def test_a_label_changes_until_a_second_one_decides_it(stores):
    first, *_ = await _queue(stores)
    training.set_labels(stores.puente, ANA, {first: "faq/cost"})
    training.set_labels(stores.puente, ANA, {first: "faq/funding"})
    assert training.training_queue(stores.puente, ANA)[0].mine == "faq/funding"
    training.set_labels(stores.puente, ANA, {first: ""})  # taken back
    assert training.training_queue(stores.puente, ANA)[0].mine is None

    training.set_labels(stores.puente, ANA, {first: "faq/cost"})
    training.set_labels(stores.puente, BEN, {first: "faq/funding"})
    # Decided: neither may change it now (each has seen the other's label), nor
    # may a third organizer add one.
    assert training.set_labels(stores.puente, ANA, {first: "faq/funding"}) == 1
    assert training.set_labels(stores.puente, CARMEN, {first: "faq/cost"}) == 1
    assert training.set_labels(stores.puente, BEN, {first: "faq/funding"}) == 0
    assert training.training_queue(stores.puente, CARMEN)[0].labels == (
        "faq/cost", "faq/funding")


async def test_the_export_joins_the_corpus_under_its_rule(stores, tmp_path,
                                                          monkeypatch):
    ids = await _queue(stores, [
        ("necesito ayuda con la tarea, me llamo Rosa", "es"),
        ("how many kids per tutor", "en"),
        ("¿y los sábados?", "es"),
        ("ok", "en"),
        ("bonjour", "fr"),
    ])
    alike = ("faq/family_role", "faq/group_size")
    for who, labels in ((ANA, (*alike, "faq/schedule", "drop", "greet")),
                        (BEN, (*alike, "faq/setting", "drop", "greet"))):
        training.set_labels(stores.puente, who, dict(zip(ids, labels, strict=True)))

    with zipfile.ZipFile(io.BytesIO(training.corpus_zip(stores.puente))) as archive:
        archive.extractall(tmp_path)
    monkeypatch.setattr(corpus, "CORPUS_DIR", tmp_path)
    # Counted like any labeling; what both called "drop" (not a question) is not kept.
    assert corpus.agreement() == {"en": (2, 2, 1.0), "es": (2, 1, 1 / 3)}
    kept = corpus.agreed()
    assert [(q.lang, q.question, q.label, q.kind) for q in kept] == [
        ("es", "necesito ayuda con la tarea, me llamo [name]", "faq/family_role",
         "conversation"),
        ("en", "how many kids per tutor", "faq/group_size", "conversation")]
    # A conversation is its page (split together); named by its review key, never
    # by its sender id, which on WhatsApp is the family's phone number.
    keys = {q.source.removeprefix("puente://conversation-") for q in kept}
    with stores.puente.connect() as connection:
        known = set(connection.execute(select(ConversationSummary.key)).scalars())
    assert keys <= known
    raw = (tmp_path / "raw_conversations.jsonl").read_text(encoding="utf-8")
    assert "1555" not in raw and "Rosa" not in raw and "bonjour" not in raw


async def test_two_organizers_label_in_the_review_app(stores, monkeypatch):
    first, *_ = await _queue(stores)
    async with visit(stores, monkeypatch) as browser:
        await browser.login(ANA)
        # Only labels the assistant knows (or "not a question") are kept.
        await browser.post("/review/training", {f"intent-{first}": "faq/made_up"})
        assert training.training_queue(stores.puente, ANA)[0].mine is None
        reply = await browser.post("/review/training", {f"intent-{first}": "faq/cost"})
        assert reply.status == 303
        page = (await browser.get("/review/training")).text
        assert "Waiting for a second organizer" in page
        assert 'value="faq/cost" selected' in page

        await browser.login(BEN)  # another organizer, signed in on the same machine
        page = (await browser.get("/review/training?lang=es")).text
        assert 'value="faq/cost" selected' not in page
        assert "Esperando la etiqueta" not in page
        assert "Otra persona ya le puso etiqueta: la suya decide" in page
        await browser.post("/review/training", {f"intent-{first}": "faq/cost"})
        page = (await browser.get("/review/training")).text
        assert ("Las dos personas escogieron faq/cost: se usará para entrenar al "
                "asistente") in page
        assert "Mensajes con dos etiquetas: 1; con la misma etiqueta: 1 (100%)." in page

        late = await browser.post("/review/training",
                                  {f"intent-{first}": "faq/funding"})
        assert late.headers["Location"] == "/review/training?refused=1"
        assert "No se guardaron 1 etiqueta(s)" in (await browser.get(late.headers[
            "Location"])).text

        export = await browser.get_bytes("/review/training.zip")
        assert export.status == 200
        assert export.headers["Content-Type"] == "application/zip"
        with zipfile.ZipFile(io.BytesIO(export.body)) as archive:
            assert sorted(archive.namelist()) == [
                "labels/conversations_a.jsonl", "labels/conversations_b.jsonl",
                "raw_conversations.jsonl"]
            assert '"label": "faq/cost"' in archive.read(
                "labels/conversations_b.jsonl").decode()
