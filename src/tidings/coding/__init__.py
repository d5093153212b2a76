"""Rule-based PLOVER event coding over a spaCy dependency parse.

Modules, in the order the coder uses them: :mod:`~tidings.coding.lexicon` (YAML entries),
:mod:`~tidings.coding.rules` (candidates and absorption), :mod:`~tidings.coding.factuality` and
:mod:`~tidings.coding.attribution` (modality, claimant), :mod:`~tidings.coding.arguments` (slots and the
filled :class:`~tidings.coding.arguments.Arg`), :mod:`~tidings.coding.resolve` (actors of phrases),
:mod:`~tidings.coding.participants` (source and target), :mod:`~tidings.coding.filters` (not events),
:mod:`~tidings.coding.retype` (type adjustments), :mod:`~tidings.coding.build` (confidence, the event);
:mod:`~tidings.coding.coder` runs them. The pipeline stage is :class:`tidings.stages.coding.EventCoder`.
"""

from tidings.coding.lexicon import Entry, Lexicon, cameo_type, load_lexicon

__all__ = ["Entry", "Lexicon", "cameo_type", "load_lexicon"]
