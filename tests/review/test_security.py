"""Signed session cookies, CSRF tokens and the login limiter, on their own."""

import time

from bot.review.security import LoginLimiter, SessionSigner, csrf_ok


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


def test_limiter_blocks_after_five_failures_and_forgets_after_the_window():
    limiter = LoginLimiter(attempts=5, window=0.2)
    for _ in range(5):
        assert not limiter.blocked("ip:1", "email:a")
        limiter.failed("ip:1", "email:a")
    assert limiter.blocked("ip:1") and limiter.blocked("email:a")
    assert not limiter.blocked("ip:2", "email:b")
    time.sleep(0.25)
    assert not limiter.blocked("ip:1", "email:a")
