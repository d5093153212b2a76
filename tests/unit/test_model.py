"""Data model: stable ids."""

from __future__ import annotations

from tidings.model import Document, stable_id


def test_document_id_ignores_whitespace_differences_only() -> None:
    a = Document.make_id("Seoul fired shells.\n\nPyongyang protested.")
    assert a == Document.make_id("  Seoul fired shells.  Pyongyang protested.\n")
    assert a != Document.make_id("Seoul fired shells. Pyongyang protested loudly.")


def test_stable_id_depends_on_every_part_and_order() -> None:
    assert stable_id("a", 1) == stable_id("a", 1)
    assert stable_id("a", 1) != stable_id(1, "a")
    assert stable_id("a", None) != stable_id("a", "x") and len(stable_id("z")) == 16
