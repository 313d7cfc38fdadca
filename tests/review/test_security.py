"""Signed session cookies, CSRF tokens and the login limiter, on their own."""


from sqlalchemy import select

from bot.review.security import SessionSigner, csrf_ok
from bot.web.limits import LoginLimiter, RateCounter


def test_sessions_round_trip_and_refuse_forgery_and_expiry():
    signer = SessionSigner(b"secret")
    session = signer.new(7)
    assert signer.load(signer.dump(session)) == session
    body, signature = signer.dump(session).rsplit(".", 1)
    other = SessionSigner(b"another secret")
    assert other.load(signer.dump(session)) is None
    assert signer.load(body + "." + signature[::-1]) is None
    assert signer.load("garbage") is None and signer.load(None) is None
    expired = SessionSigner(b"secret", lifetime=-1)
    assert signer.load(expired.dump(expired.new(7))) is None


def test_every_session_gets_its_own_csrf_token():
    signer = SessionSigner(b"secret")
    first, second = signer.new(), signer.new(1)
    assert first.csrf != second.csrf
    assert csrf_ok(first, first.csrf)
    assert not csrf_ok(first, second.csrf)
    assert not csrf_ok(first, None) and not csrf_ok(None, first.csrf)


def test_sign_in_limit_blocks_after_five_failures_and_forgets_after_the_window(stores):
    """Counted in the database (every process and replica shares it): five failures
    block the address and the email for 15 minutes; a sign-in forgets them."""
    clock = [1_000_000.0]
    limiter = LoginLimiter(stores.puente, b"k", clock=lambda: clock[0])
    for _ in range(5):
        assert not limiter.blocked("203.0.113.1", "a@example.org")
        limiter.failed("203.0.113.1", "a@example.org")
    assert limiter.blocked("203.0.113.1", "b@example.org")  # the address
    assert limiter.blocked("198.51.100.9", "a@example.org")  # the email
    another = LoginLimiter(stores.puente, b"k", clock=lambda: clock[0])
    assert another.blocked("203.0.113.1", "x@example.org"), "shared across processes"
    assert not limiter.blocked("198.51.100.9", "b@example.org")
    clock[0] += 16 * 60
    assert not limiter.blocked("203.0.113.1", "a@example.org")
    limiter.failed("203.0.113.1", "a@example.org")
    limiter.succeeded("203.0.113.1", "a@example.org")  # the failure is forgotten
    for _ in range(4):
        limiter.failed("203.0.113.1", "a@example.org")
    assert not limiter.blocked("203.0.113.1", "a@example.org")


def test_no_address_or_email_is_stored_in_clear(stores):
    LoginLimiter(stores.puente, b"k").failed("203.0.113.1", "a@example.org")
    with stores.puente.connect() as connection:
        keys = " ".join(connection.execute(select(RateCounter.key)).scalars())
    assert "203.0.113" not in keys and "example.org" not in keys
