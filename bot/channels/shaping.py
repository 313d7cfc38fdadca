"""Rasa's answer -> as few WhatsApp messages as Meta's limits allow.

Meta lets a business send one user about one message every 6 seconds sustained, so
an answer made of several Rasa messages is combined: consecutive texts are joined,
the text before a set of buttons becomes the buttons' body when it fits. Limits
(Meta's documentation): text 4,096 characters; reply buttons at most 3, title <= 20,
unique, body <= 1,024; list button label <= 20, row title <= 24, row description
<= 72, at most 10 rows.
"""

from __future__ import annotations

import re
from typing import Any, Dict, List, Sequence, Tuple

TEXT_LIMIT = 4096
BODY_LIMIT = 1024
BUTTON_TITLE = 20
MAX_BUTTONS = 3
LIST_BUTTON = 20
ROW_TITLE = 24
ROW_DESCRIPTION = 72
MAX_ROWS = 10
ROW_ID = 200
BUTTON_ID = 256
ELLIPSIS = "…"

_SENTENCE_END = re.compile(r"(?<=[.!?…:])\s+|\n+")


def shorten(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, with an ellipsis."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if text[limit - 1] != " " and cut.rfind(" ") >= limit // 2:
        cut = cut[: cut.rfind(" ")]
    return cut.rstrip(" ,;:.-") + ELLIPSIS


def _hard_split(piece: str, limit: int) -> List[str]:
    """Split a piece with no sentence boundary at spaces, else anywhere."""
    parts: List[str] = []
    while len(piece) > limit:
        cut = piece.rfind(" ", 0, limit + 1)
        cut = cut if cut > 0 else limit
        parts.append(piece[:cut].rstrip())
        piece = piece[cut:].lstrip()
    return parts + ([piece] if piece else [])


def split_text(text: str, limit: int = TEXT_LIMIT) -> List[str]:
    """Split ``text`` into chunks of at most ``limit`` characters, at sentence ends."""
    text = text.strip()
    if len(text) <= limit:
        return [text] if text else []
    chunks: List[str] = []
    current = ""
    position = 0
    for match in list(_SENTENCE_END.finditer(text)) + [None]:
        end = match.start() if match else len(text)
        sentence = text[position:end]
        separator = match.group(0) if match else ""
        position = match.end() if match else len(text)
        for piece in _hard_split(sentence, limit):
            if current and len(current) + len(piece) > limit:
                chunks.append(current.rstrip())
                current = ""
            current += piece
        if current and separator:
            current += "\n\n" if "\n" in separator else " "
    if current.strip():
        chunks.append(current.rstrip())
    return chunks


def _unique(titles: Sequence[str], limit: int) -> List[str]:
    """Shortened titles, made unique by a number when shortening made two alike."""
    result: List[str] = []
    for title in titles:
        short, number = shorten(title, limit), 2
        candidate = short
        while candidate in result:
            suffix = f" {number}"
            candidate = shorten(title, limit - len(suffix)) + suffix
            number += 1
        result.append(candidate)
    return result


def reply_buttons(body: str, buttons: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """Build an interactive reply-buttons message (1 to 3 buttons)."""
    titles = _unique(
        [str(b.get("title") or b.get("payload")) for b in buttons], BUTTON_TITLE
    )
    return {
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {"text": body},
            "action": {
                "buttons": [
                    {
                        "type": "reply",
                        "reply": {
                            "id": _button_id(b, title, BUTTON_ID),
                            "title": title,
                        },
                    }
                    for b, title in zip(buttons, titles, strict=False)
                ]
            },
        },
    }


def list_message(
    body: str, buttons: Sequence[Dict[str, Any]], label: str
) -> Dict[str, Any]:
    """Build an interactive list message (4 to 10 rows) opened by ``label``."""
    full = [str(b.get("title") or b.get("payload")) for b in buttons[:MAX_ROWS]]
    titles = _unique(full, ROW_TITLE)
    rows = []
    for button, title, original in zip(buttons, titles, full, strict=False):
        row = {"id": _button_id(button, title, ROW_ID), "title": title}
        if title != " ".join(original.split()):
            row["description"] = shorten(original, ROW_DESCRIPTION)
        rows.append(row)
    return {
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": body},
            "action": {
                "button": shorten(label, LIST_BUTTON),
                "sections": [{"rows": rows}],
            },
        },
    }


def _button_id(button: Dict[str, Any], title: str, limit: int) -> str:
    """Choose the id WhatsApp sends back on a tap: the Rasa payload, else the title."""
    payload = str(button.get("payload") or title)
    return payload if len(payload) <= limit else title


def text_message(body: str) -> Dict[str, Any]:
    """Build a text message (no link preview: a preview card crowds a phone screen)."""
    return {"type": "text", "text": {"preview_url": False, "body": body}}


def _body_and_rest(pending: str, text: str) -> Tuple[str, str]:
    """Split the text before a set of buttons into (texts sent first, buttons' body).

    The body is at most 1,024 characters: the whole text when it fits, else the
    message's own text, else the last sentences of a long text.
    """
    joined = f"{pending}\n\n{text}".strip()
    if len(joined) <= BODY_LIMIT:
        return "", joined or ELLIPSIS
    if text and len(text) <= BODY_LIMIT:
        return pending, text
    head = split_text(joined, BODY_LIMIT)
    return " ".join(head[:-1]), head[-1]


def compose(
    messages: Sequence[Dict[str, Any]], list_label: str
) -> List[Dict[str, Any]]:
    """Rasa's collected messages -> WhatsApp message bodies (without ``to``).

    Args:
        messages: what Rasa's output channel collected (``text``, ``buttons``, ...).
        list_label: the list button's label in the user's language.

    """
    out: List[Dict[str, Any]] = []
    pending = ""
    for message in messages:
        text = str(message.get("text") or "").strip()
        buttons = [b for b in message.get("buttons") or [] if isinstance(b, dict)]
        if not buttons:
            pending = f"{pending}\n\n{text}".strip()
            continue
        before, body = _body_and_rest(pending, text)
        out.extend(text_message(chunk) for chunk in split_text(before))
        pending = ""
        if len(buttons) <= MAX_BUTTONS:
            out.append(reply_buttons(body, buttons))
        else:
            out.append(list_message(body, buttons, list_label))
    out.extend(text_message(chunk) for chunk in split_text(pending))
    return out
