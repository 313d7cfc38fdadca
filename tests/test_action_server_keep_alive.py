"""Rasa never writes into a connection the action server has just closed.

Rasa calls the action server through aiohttp, which reuses an idle connection for a
while; the action server (Sanic) must keep idle connections open longer, or a busy
Rasa loses a turn ("Can not write request body") and the family gets no answer.
"""

import aiohttp
from sanic import Sanic

from bot.cli.processes import servers
from bot.settings import load_settings


async def test_the_action_server_keeps_connections_longer_than_rasa_reuses_them(
        tmp_path, monkeypatch):
    settings = load_settings(env={"PUENTE_DATA_DIR": str(tmp_path)})
    [actions] = [s for s in servers(settings, tmp_path / "model.tar.gz")
                 if s.name == "actions"]
    for name, value in actions.env.items():
        monkeypatch.setenv(name, value)
    app = Sanic("keep_alive_probe")  # rasa_sdk's app reads SANIC_* the same way
    connector = aiohttp.TCPConnector()  # what Rasa's EndpointConfig.session uses
    try:
        assert app.config.KEEP_ALIVE_TIMEOUT > connector._keepalive_timeout
    finally:
        await connector.close()
