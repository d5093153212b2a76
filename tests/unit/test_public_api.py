"""Guard: the public API is what __all__ says, and every public name is documented."""

from __future__ import annotations

import tidings


def test_all_names_resolve_and_have_docstrings() -> None:
    for name in tidings.__all__:
        obj = getattr(tidings, name)
        assert obj.__doc__, f"tidings.{name} has no docstring"


def test_all_lists_every_public_attribute() -> None:
    public = {
        n for n, v in vars(tidings).items()
        if not n.startswith("_") and getattr(v, "__module__", "").startswith("tidings")
    }
    assert public <= set(tidings.__all__), public - set(tidings.__all__)
