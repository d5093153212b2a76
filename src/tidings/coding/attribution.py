"""Attribution: who reports an event (the claimant), resolved to an actor."""

from __future__ import annotations

from tidings.coding.build import Claim
from tidings.coding.factuality import Modality
from tidings.coding.resolve import ActorFinder
from tidings.model import Document


def find_claim(finder: ActorFinder, doc: Document, mod: Modality) -> Claim:
    """The claimant of an event with modality ``mod``."""
    if mod.claimant is None:
        return Claim()
    mention = finder.resolve(doc, mod.claimant)[0]
    return Claim(mod.claimant, mention, mod.claimant_cue)
