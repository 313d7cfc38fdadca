"""Secret keys made in the data folder: private from the start, one per folder."""

import os
import stat
from concurrent.futures import ThreadPoolExecutor

from bot.keys import load_key


def test_a_key_from_the_environment_wins(tmp_path):
    assert load_key(tmp_path, "k.key", "SOME_KEY", {"SOME_KEY": "abc"}) == b"abc"
    assert not (tmp_path / "k.key").exists()


def test_a_key_is_made_once_readable_by_its_owner_only(tmp_path):
    key = load_key(tmp_path / "data", "k.key", "SOME_KEY", {})
    assert len(key) == 64
    assert key == load_key(tmp_path / "data", "k.key", "SOME_KEY", {})
    mode = stat.S_IMODE(os.stat(tmp_path / "data" / "k.key").st_mode)
    assert mode == 0o600
    assert os.listdir(tmp_path / "data") == ["k.key"]  # no draft left behind


def test_servers_starting_together_agree_on_one_key(tmp_path):
    with ThreadPoolExecutor(8) as pool:
        found = set(pool.map(lambda _: load_key(tmp_path, "k.key", "K", {}), range(32)))
    assert len(found) == 1


def test_a_raw_key_from_an_older_version_is_read_as_it_is(tmp_path):
    """Tokens signed with it stay valid: no byte of it is stripped."""
    raw = b"\n\x00\xffkey bytes\t"
    (tmp_path / "secret.key").write_bytes(raw)
    assert load_key(tmp_path, "secret.key", "K", {}) == raw
