"""Calling a Gradio event the way the browser does: upload to ``/gradio_api/upload``, then
``/gradio_api/queue/join`` with the event's ``fn_index`` and read ``/gradio_api/queue/data``
(server-sent events) until the event completes. Unlike ``gradio_client``, this reaches the UI's
private handlers too, exactly as the page does, so their ``gr.Progress`` trackers are real.
"""
from __future__ import annotations

import json
import uuid
from pathlib import Path

import httpx


def component_id(config: dict, elem_id: str) -> int:
    return next(c["id"] for c in config["components"] if c.get("props", {}).get("elem_id") == elem_id)


def fn_index(config: dict, trigger: str, event: str, output: str | None = None) -> int:
    """The index of the event that ``event`` on the component ``trigger`` (an elem_id) runs;
    with ``output``, the one among them that updates that component."""
    target = [component_id(config, trigger), event]
    wanted = None if output is None else component_id(config, output)
    for i, dep in enumerate(config["dependencies"]):
        if target in [list(t) for t in dep.get("targets", [])] and (wanted is None or wanted in dep["outputs"]):
            return dep.get("id", i)
    raise LookupError(f"no {event} event on #{trigger}" + (f" updating #{output}" if output else ""))


def upload(client: httpx.Client, base: str, path: Path, headers: dict) -> dict:
    """The file as the page's file box hands it to an event, after Gradio's upload route took it."""
    r = client.post(f"{base}/gradio_api/upload", files={"files": (path.name, path.read_bytes(), "text/plain")},
                    headers=headers)
    r.raise_for_status()
    stored = r.json()[0]
    return {"path": stored, "orig_name": path.name, "size": path.stat().st_size,
            "meta": {"_type": "gradio.FileData"}}


def call(client: httpx.Client, base: str, fn: int, data: list, limit: float = 600, seen: list | None = None,
         headers: dict | None = None, session: str | None = None) -> dict:
    """Join the queue and follow the event to its end; the ``process_completed`` message. ``seen``
    collects every message on the way (``progress`` ones carry the event's progress bars).
    ``session``: one page's session across calls (a ``gr.State`` set by one event, read by the next)."""
    session = session or uuid.uuid4().hex
    r = client.post(f"{base}/gradio_api/queue/join",
                    json={"data": data, "fn_index": fn, "session_hash": session, "event_data": None},
                    headers=headers)
    r.raise_for_status()
    with client.stream("GET", f"{base}/gradio_api/queue/data", params={"session_hash": session},
                       timeout=limit) as stream:
        for line in stream.iter_lines():
            if not line.startswith("data:"):
                continue
            msg = json.loads(line[5:])
            if seen is not None:
                seen.append(msg)
            if msg.get("msg") == "process_completed":
                return msg
    raise AssertionError("the event stream ended before the event completed")
