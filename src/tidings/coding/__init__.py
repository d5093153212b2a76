"""Rule-based PLOVER event coding over a spaCy dependency parse.

Modules: :mod:`~tidings.coding.lexicon` (YAML entries), :mod:`~tidings.coding.rules` (candidates and
absorption), :mod:`~tidings.coding.arguments` (source/target slots), :mod:`~tidings.coding.coder`
(events, factuality, confidence). The pipeline stage is :class:`tidings.stages.coding.EventCoder`.
"""

from tidings.coding.lexicon import Entry, Lexicon, cameo_type, load_lexicon

__all__ = ["Entry", "Lexicon", "cameo_type", "load_lexicon"]
