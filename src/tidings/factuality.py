"""Moved to :mod:`tidings.coding.factuality`; kept so that old imports work."""

from tidings.coding.factuality import Modality, according_to, assess, speech_child, speech_parent

__all__ = ["Modality", "according_to", "assess", "speech_child", "speech_parent"]
