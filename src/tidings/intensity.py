"""Event intensity: the Goldstein (1992) conflict-cooperation score of an event and its PLOVER quad class.

The Goldstein scale runs from -10 (most conflictual: military attack) to +10 (most cooperative: military
assistance). Its usual CAMEO mapping (the CAMEO codebook's Goldstein table, as used by GDELT) gives a value
per code; this module keeps the values of the twenty CAMEO root codes and of the finer codes whose value
differs most from their root, and falls back from a code to its root. An event without a CAMEO code takes
the value of the root its PLOVER type usually comes from (:data:`TYPE_ROOT`).

    >>> goldstein("190")
    -10.0
    >>> goldstein(None, "AGREE")
    4.0
"""

from __future__ import annotations

# CAMEO root codes (two digits) -> Goldstein score.
ROOT_GOLDSTEIN: dict[str, float] = {
    "01": 0.0,   # make public statement
    "02": 3.0,   # appeal
    "03": 4.0,   # express intent to cooperate
    "04": 1.0,   # consult
    "05": 3.5,   # engage in diplomatic cooperation
    "06": 6.0,   # engage in material cooperation
    "07": 7.0,   # provide aid
    "08": 5.0,   # yield
    "09": -2.0,  # investigate
    "10": -5.0,  # demand
    "11": -2.0,  # disapprove
    "12": -4.0,  # reject
    "13": -6.0,  # threaten
    "14": -6.5,  # protest
    "15": -7.2,  # exhibit force posture
    "16": -4.0,  # reduce relations
    "17": -7.0,  # coerce
    "18": -9.0,  # assault
    "19": -10.0,  # fight
    "20": -10.0,  # use unconventional mass violence
}  # fmt: skip
# Three-digit codes whose value is far from their root's.
CODE_GOLDSTEIN: dict[str, float] = {
    "016": 3.4, "018": 3.4, "019": 3.4,    # acknowledge responsibility, sympathise, accommodate
    "042": 1.9, "043": 2.8, "044": 2.5, "045": 5.0, "046": 7.0,   # visits, meetings, mediation
    "054": 6.0, "055": 7.0, "056": 7.0, "057": 8.0,   # recognition, apology, forgiveness, sign agreement
    "061": 6.4, "062": 7.4, "063": 7.4, "064": 7.0,   # economic, military, judicial, intelligence cooperation
    "072": 8.3, "074": 8.5,   # military aid, peacekeeping
    "081": 5.0, "083": 5.0, "084": 7.0, "087": 9.0,   # ease restrictions, release, return, de-escalate
    "111": -2.0, "112": -2.0, "115": -2.0,
    "138": -7.0, "137": -7.0,   # threaten with military force / repression
    "145": -7.0,   # violent protest
    "172": -5.0, "173": -5.0, "174": -5.0,   # sanctions, arrests, expulsions are milder than force
    "175": -9.0,   # repression
    "181": -9.0, "182": -9.5, "183": -10.0, "186": -10.0,   # abduct, physical assault, bombing, assassinate
}  # fmt: skip
# The CAMEO root each PLOVER type most often comes from (for events coded without a CAMEO code).
TYPE_ROOT: dict[str, str] = {
    "AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "CONCEDE": "08", "COOPERATE": "06", "AID": "07",
    "RETREAT": "08", "REQUEST": "10", "ACCUSE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
    "SANCTION": "16", "MOBILIZE": "15", "COERCE": "17", "ASSAULT": "18",
}  # fmt: skip
# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict.
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1, "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3, "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4,
    "COERCE": 4, "ASSAULT": 4,
}  # fmt: skip


def goldstein(cameo_code: str | None, event_type: str | None = None) -> float | None:
    """The Goldstein score of a CAMEO code (finer code first, then its root), else of the PLOVER type.

    Returns None when neither the code nor the type is known.
    """
    code = (cameo_code or "").strip()
    if code[:3] in CODE_GOLDSTEIN:
        return CODE_GOLDSTEIN[code[:3]]
    if len(code) >= 2 and code[:2] in ROOT_GOLDSTEIN:
        return ROOT_GOLDSTEIN[code[:2]]
    root = TYPE_ROOT.get((event_type or "").upper())
    return ROOT_GOLDSTEIN[root] if root else None


def quad_class(event_type: str | None) -> int | None:
    """The PLOVER quad class (1-4) of an event type, or None for an unknown type."""
    return QUAD_CLASS.get((event_type or "").upper())
