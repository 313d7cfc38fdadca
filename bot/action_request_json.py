"""Encode Rasa's requests to the action server with ujson (Rasa 3.6).

Every custom-action call (each form turn makes two or three) carries the whole
conversation of the session and usually the domain: 200-300 KB for a family that
went through the checklist and the message form twice. Rasa 3.6 hands the body to
aiohttp, which encodes it with the standard library's ``json.dumps``; in the
mixed load of ``make bench PARTS=speed`` that encoding was 13% of Rasa's CPU.
ujson, already a Rasa dependency, encodes the same JSON in about half the time.

:func:`install` gives Rasa's ``EndpointConfig.session`` (the client session Rasa
opens for each request to an endpoint: the action server, a remote NLG server)
ujson as its JSON encoder, with forward slashes left as they are, so the body
decodes to the very same object as before. Pinned to Rasa 3.6.x, whose
``EndpointConfig.session`` this repeats line for line; on another version nothing
is patched and a warning says so. Installed by :mod:`bot.channels.rest`, like
:mod:`bot.action_response_check`.
"""

from __future__ import annotations

import functools

import aiohttp
import ujson
from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

from bot.rasa_version import replace

#: ``json.dumps``'s output, decoded: ujson escapes "/" unless told not to.
encode = functools.partial(ujson.dumps, escape_forward_slashes=False)


def session(self: EndpointConfig) -> aiohttp.ClientSession:
    """Rasa 3.6's ``EndpointConfig.session``, encoding JSON bodies with ujson."""
    auth = (aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
            if self.basic_auth else None)
    return aiohttp.ClientSession(
        headers=self.headers,
        auth=auth,
        timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT),
        json_serialize=encode,
    )


def install() -> bool:
    """Patch Rasa 3.6.x (see :func:`bot.rasa_version.replace`); whether it is active."""
    return replace(EndpointConfig, "session", session,
                   "requests to the action server keep json.dumps", __name__,
                   "Requests to the action server encoded with ujson.")
