"""Explain one coded event: the sentence with source, verb and target marked, the parse path, the lexicon
entry that fired, the actor resolution steps, the factuality cue and the confidence components."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from tidings.model import Event

_STYLE = {"source": "bold cyan", "verb": "bold yellow", "target": "bold magenta", "claimant": "green"}
_QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
               4: "material conflict"}  # fmt: skip
_PLAIN = {"source": ("[SRC ", "]"), "verb": ("[EVT ", "]"), "target": ("[TGT ", "]"),
          "claimant": ("[BY ", "]")}


def _as_dict(event: dict[str, Any] | Event) -> dict[str, Any]:
    data = asdict(event) if isinstance(event, Event) else dict(event)
    trace = data.get("trace")
    if isinstance(trace, str):
        try:
            data["trace"] = json.loads(trace)
        except json.JSONDecodeError:
            data["trace"] = {"raw": trace}
    data["trace"] = data.get("trace") or {}
    return data


def _escape(text: str, markup: bool) -> str:
    return text.replace("[", "\\[") if markup else text


def highlight(ev: dict[str, Any], text: str | None = None, markup: bool = True) -> str:
    """The event's sentence with source, verb and target (and claimant) marked.

    Args:
        ev: the event record (dict).
        text: the document text the offsets refer to; without it the sentence text is used, with the
            offsets shifted by the sentence start.
        markup: rich markup (colours) when True, bracket tags (``[SRC ...]``) when False.
    """
    base = int(ev.get("char_start") or 0)
    sentence = ev.get("sentence_text") or ""
    if text is not None:
        sentence = text[base:int(ev.get("char_end") or len(text))]
    spans = []
    for role in ("source", "verb", "target"):
        start, end = ev.get(f"{role}_start"), ev.get(f"{role}_end")
        if start is not None and end is not None:
            spans.append((int(start) - base, int(end) - base, role))
    spans.sort()
    out: list[str] = []
    pos = 0
    for start, end, role in spans:
        if start < pos or start < 0 or end > len(sentence):
            continue  # overlapping or outside the sentence: leave unmarked
        out.append(_escape(sentence[pos:start], markup))
        piece = _escape(sentence[start:end], markup)
        if markup:
            out.append(f"[{_STYLE[role]}]{piece}[/]")
        else:
            left, right = _PLAIN[role]
            out.append(f"{left}{piece}{right}")
        pos = end
    out.append(_escape(sentence[pos:], markup))
    return "".join(out)


def intensity_line(ev: dict[str, Any]) -> str:
    """``intensity goldstein -10.0  quad 4 (material conflict)  fatalities 7  injured 19``."""
    quad = ev.get("quad_class")
    line = f"intensity goldstein {ev.get('goldstein') if ev.get('goldstein') is not None else '-'}"
    line += f"  quad {quad} ({_QUAD_NAMES[quad]})" if quad in _QUAD_NAMES else "  quad -"
    for key in ("fatalities", "injured"):
        if ev.get(key) is not None:
            line += f"  {key} {ev[key]}"
    return line


def explain(event: dict[str, Any] | Event, text: str | None = None, markup: bool = False) -> str:
    """A multi-line explanation of ``event`` (an :class:`Event` or a stored event dict).

    Args:
        event: the event.
        text: the document text, when the offsets should be checked against it.
        markup: rich markup for a terminal; plain text (with ``[SRC ...]`` tags) otherwise.
    """
    ev = _as_dict(event)
    tr: dict[str, Any] = ev["trace"]

    def esc(value: Any) -> str:
        return _escape(str(value), markup)

    def actor(role: str) -> str:
        return "/".join(str(ev.get(f"{role}_{k}") or "-") for k in ("country", "sector"))

    lines = [highlight(ev, text, markup), ""]
    lines.append(f"event     {ev.get('event_type')}"
                 f"{' (' + str(ev['event_mode']) + ')' if ev.get('event_mode') else ''}"
                 f"  CAMEO {ev.get('cameo_code') or '-'}  id {ev.get('event_id')}")  # fmt: skip
    lines.append(f"source    {esc(ev.get('source_text') or '-')}  ->  {actor('source')}")
    lines.append(f"verb      {esc(ev.get('verb_text') or '-')}")
    lines.append(f"target    {esc(ev.get('target_text') or '-')}  ->  {actor('target')}")
    entry = tr.get("entry") or {}
    lines.append(f"rule      {ev.get('rule') or tr.get('rule')}: lexicon {entry.get('file', '-')} "
                 f"key '{entry.get('key', '-')}'")  # fmt: skip
    for role in ("source", "target"):
        path = tr.get(f"{role}_path")
        if path:
            lines.append(f"path      {tr.get('anchor', 'verb')} -> {' > '.join(path)} ({role})")
        for step in tr.get(f"{role}_steps") or []:
            lines.append(f"  {role} step: {esc(step)}")
        if tr.get(f"{role}_group"):
            lines.append(f"  {role} group: {esc(', '.join(tr[f'{role}_group']))}")
    if tr.get("absorbed"):
        lines.append(f"absorbed  {esc(', '.join(tr['absorbed']))}")
    for note in tr.get("notes") or []:
        lines.append(f"note      {esc(note)}")
    fact = f"factuality {ev.get('factuality')}"
    if tr.get("factuality_cue"):
        fact += f" (cue: {esc(tr['factuality_cue'])})"
    if ev.get("claimant_text"):
        fact += f"; claimant {esc(ev['claimant_text'])} -> {actor('claimant')}"
    lines.append(fact)
    lines.append(intensity_line(ev))
    conf = tr.get("confidence") or {}
    parts = ", ".join(f"{k} {v}" for k, v in conf.items() if k != "value")
    lines.append(f"confidence {ev.get('confidence')}" + (f" = {parts}" if parts else ""))
    verifier = tr.get("verifier") or {}
    if verifier:
        lines.append(f"verifier  {verifier.get('version', '-')}: p {verifier.get('p', '-')}"
                     f" (threshold {verifier.get('threshold', '-')})"
                     + (f", dyad p {verifier['p_dyad']}" if "p_dyad" in verifier else ""))  # fmt: skip
    status = ev.get("status") or "event"
    lines.append(f"status    {status}" + (f" ({esc(ev['reason'])})" if ev.get("reason") else ""))
    return "\n".join(lines)
