"""tidings.why.explain on hand-built events."""

from __future__ import annotations

import json
from dataclasses import asdict

from tidings.model import Event
from tidings.why import explain, highlight

TEXT = "Intro. Ruritania shelled Freedonia on Monday."


def make_event() -> Event:
    start = TEXT.index("Ruritania")
    return Event(
        event_id="abc", doc_id="d", sentence_index=1, sentence_text=TEXT[start:], char_start=start,
        char_end=len(TEXT), event_type="ASSAULT", event_mode="heavy-weapons", cameo_code="194",
        source_text="Ruritania", source_start=start, source_end=start + 9, source_country="RUR",
        target_text="Freedonia", target_start=TEXT.index("Freedonia"), target_end=TEXT.index("Freedonia") + 9,
        verb_text="shelled", verb_start=TEXT.index("shelled"), verb_end=TEXT.index("shelled") + 7,
        factuality="reported", claimant_text="officials", confidence=0.72, rule="verb:shell",
        trace={"entry": {"file": "verbs.yaml", "key": "shell"}, "anchor": "shelled", "source_path": ["nsubj"],
               "target_path": ["dobj"], "source_steps": ["country name 'Ruritania'"], "factuality_cue": "said",
               "confidence": {"entry": 0.8, "arguments": 1.0, "value": 0.72}},
    )  # fmt: skip


def test_why_highlight_plain_marks_source_verb_target() -> None:
    assert highlight(asdict(make_event()), markup=False) == "[SRC Ruritania] [EVT shelled] [TGT Freedonia] on Monday."


def test_why_highlight_rich_markup_and_document_text() -> None:
    out = highlight(asdict(make_event()), text=TEXT, markup=True)
    assert "[bold cyan]Ruritania[/]" in out and "[bold yellow]shelled[/]" in out and out.endswith("on Monday.")


def test_why_explain_lists_entry_path_steps_confidence() -> None:
    out = explain(make_event())
    assert "[SRC Ruritania]" in out and "[TGT Freedonia]" in out
    assert "verbs.yaml" in out and "'shell'" in out
    assert "shelled -> nsubj (source)" in out
    assert "country name 'Ruritania'" in out
    assert "factuality reported (cue: said); claimant officials" in out
    assert "confidence 0.72 = entry 0.8, arguments 1.0" in out


def test_why_explain_accepts_stored_dict_with_json_trace() -> None:
    row = asdict(make_event())
    row["trace"] = json.dumps(row["trace"])
    out = explain(row)
    assert "ASSAULT (heavy-weapons)  CAMEO 194" in out and "verbs.yaml" in out


def test_why_explain_without_offsets_keeps_sentence() -> None:
    row = {"event_type": "AGREE", "sentence_text": "They agreed.", "trace": None}
    assert explain(row).startswith("They agreed.")


def test_why_explain_shows_intensity() -> None:
    event = make_event()
    event.goldstein, event.quad_class, event.fatalities, event.injured = -10.0, 4, 3, 8
    out = explain(event)
    assert "intensity goldstein -10.0  quad 4 (material conflict)  fatalities 3  injured 8" in out
    assert "intensity goldstein -  quad -" in explain({"event_type": "AGREE", "sentence_text": "x."})
