"""Time series over the query layer: a dyad's or an actor's events per period, on a continuous axis.

Every period between the first and the last dated event (or the filter's ``since``/``until``) is present,
empty ones as zeros; the two directions (A->B and B->A, or an actor as source and as target) are separate
series; each has event counts, counts per PLOVER type and the summed Goldstein score
(:mod:`tidings.intensity`). Events dated less precisely than the frequency (a year-only date in a monthly
series) or undated are counted in ``undated``, never placed in a period they might not belong to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from tidings.intensity import goldstein
from tidings.query import FREQS, MAX_PERIODS, SRC, EventFilter, FilterError, period_bounds

_WIDTH = {"day": 10, "month": 7, "year": 4}


def periods_between(first: str, last: str, freq: str) -> list[str]:
    """Every period label from ``first`` to ``last`` inclusive (``2023-11``, ``2023-12``, ``2024-01``).

    Raises:
        FilterError: unknown ``freq``, or more than :data:`MAX_PERIODS` periods (choose a coarser one).
    """
    if freq not in FREQS:
        raise FilterError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if freq == "year":
        labels = [f"{y:04d}" for y in range(int(first[:4]), int(last[:4]) + 1)]
    elif freq == "month":
        y, m = int(first[:4]), int(first[5:7])
        end = (int(last[:4]), int(last[5:7]))
        labels = []
        while (y, m) <= end and len(labels) <= MAX_PERIODS:
            labels.append(f"{y:04d}-{m:02d}")
            y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    else:
        day, stop = dt.date.fromisoformat(first[:10]), dt.date.fromisoformat(last[:10])
        n = (stop - day).days + 1
        labels = ["-"] * (MAX_PERIODS + 1) if n > MAX_PERIODS else [(day + dt.timedelta(days=i)).isoformat()
                                                                    for i in range(n)]  # fmt: skip
    if len(labels) > MAX_PERIODS:
        raise FilterError(f"{freq} series from {first} to {last} has more than {MAX_PERIODS} periods; "
                          "use a coarser freq or since/until")  # fmt: skip
    return labels


def _rows(
    store: Any, flt: EventFilter, side_sql: str, side_params: list[Any], freq: str
) -> list[dict[str, Any]]:
    """Events grouped by period (None when too coarse or undated), side, type and CAMEO code."""
    width = _WIDTH[freq]
    has_score = "goldstein" in store.columns("events")
    score = "sum(e.goldstein)" if has_score else "NULL"
    where, params = flt.where()
    found: list[dict[str, Any]] = store.query(
        f"SELECT CASE WHEN length(e.event_date) >= {width} AND left(e.event_date, 1) <> '-' "
        f"THEN left(e.event_date, {width}) END AS period, "
        f"{side_sql} AS side, e.event_type, e.cameo_code, count(*) AS n, {score} AS score "
        f"FROM events e {where} GROUP BY ALL ORDER BY period",
        [*side_params, *params],
    )
    for row in found:
        if row["score"] is None:
            value = goldstein(row["cameo_code"], row["event_type"])
            row["score"] = None if value is None else value * row["n"]
    return found


def _axis(rows: list[dict[str, Any]], flt: EventFilter, freq: str) -> list[str]:
    dated = sorted(r["period"] for r in rows if r["period"])
    first = dated[0] if dated else None
    last = dated[-1] if dated else None
    if flt.since:
        first = period_bounds(flt.since)[0][: _WIDTH[freq]]
    if flt.until:
        last = period_bounds(flt.until)[1][: _WIDTH[freq]]
    if not first or not last or first > last:
        return []
    return periods_between(first, last, freq)


def _series(
    rows: list[dict[str, Any]], periods: list[str], keys: list[str]
) -> tuple[list[dict[str, Any]], int]:
    index = {p: i for i, p in enumerate(periods)}
    n = len(periods)
    out: dict[str, dict[str, Any]] = {
        k: {"key": k, "total": 0, "counts": [0] * n, "goldstein": [0.0] * n, "by_type": {}} for k in keys
    }
    undated = 0
    for r in rows:
        series = out[keys[0] if r["side"] == "first" else keys[1]]
        series["total"] += r["n"]
        i = index.get(r["period"]) if r["period"] else None
        if i is None:
            undated += r["n"]
            continue
        series["counts"][i] += r["n"]
        series["goldstein"][i] = round(series["goldstein"][i] + (r["score"] or 0.0), 2)
        series["by_type"].setdefault(r["event_type"], [0] * len(periods))[i] += r["n"]
    return list(out.values()), undated


def dyad_series(
    store: Any, a: str, b: str, freq: str = "month", flt: EventFilter | None = None
) -> dict[str, Any]:
    """Events between actors ``a`` and ``b`` per period, the two directions apart.

    Returns:
        ``{"a", "b", "freq", "periods": [...], "directions": [{"key": "A->B", "total", "counts",
        "goldstein", "by_type": {TYPE: [...]}}, {"key": "B->A", ...}], "series": {TYPE: [...]} (both
        directions), "directed": {"A->B": n, "B->A": n}, "total", "undated"}``.

    Raises:
        FilterError: unknown ``freq``, malformed codes or too many periods.
    """
    flt = replace(flt or EventFilter(), dyad=f"{a}-{b}").check()
    a, b = (flt.dyad or "-").split("-")
    if freq not in FREQS:
        raise FilterError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    rows = _rows(store, flt, f"CASE WHEN {SRC} = ? THEN 'first' ELSE 'second' END", [a], freq)
    periods = _axis(rows, flt, freq)
    keys = [f"{a}->{b}", f"{b}->{a}"]
    directions, undated = _series(rows, periods, keys)
    return {"a": a, "b": b, "freq": freq, "periods": periods, "directions": directions,
            "series": _by_type(directions, len(periods)), "directed": {d["key"]: d["total"] for d in directions},
            "total": sum(d["total"] for d in directions), "undated": undated}  # fmt: skip


def actor_series(
    store: Any, actor: str, freq: str = "month", flt: EventFilter | None = None
) -> dict[str, Any]:
    """Events of one actor (country code or actor id) per period, as source and as target apart.

    Returns:
        ``{"actor", "freq", "periods", "directions": [{"key": "as source", ...}, {"key": "as target", ...}],
        "series", "total", "undated"}`` with the fields of :func:`dyad_series`.
    """
    flt = replace(flt or EventFilter(), actor=actor).check()
    if freq not in FREQS:
        raise FilterError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    side = (
        "CASE WHEN upper(e.source_country) = upper(?) OR e.source_actor_id = ? THEN 'first' ELSE 'second' END"
    )
    rows = _rows(store, flt, side, [actor, actor], freq)
    periods = _axis(rows, flt, freq)
    directions, undated = _series(rows, periods, ["as source", "as target"])
    return {"actor": flt.actor, "freq": freq, "periods": periods, "directions": directions,
            "series": _by_type(directions, len(periods)), "total": sum(d["total"] for d in directions),
            "undated": undated}  # fmt: skip


def _by_type(directions: list[dict[str, Any]], n: int) -> dict[str, list[int]]:
    merged: dict[str, list[int]] = {}
    for d in directions:
        for t, counts in d["by_type"].items():
            into = merged.setdefault(t, [0] * n)
            for i, c in enumerate(counts):
                into[i] += c
    return dict(sorted(merged.items()))


def series_rows(data: dict[str, Any]) -> list[dict[str, Any]]:
    """A series as flat rows for tables and CSV: one per period with count and Goldstein per direction."""
    rows = []
    for i, period in enumerate(data["periods"]):
        row: dict[str, Any] = {"period": period}
        for d in data["directions"]:
            row[d["key"]] = d["counts"][i]
            row[f"{d['key']} goldstein"] = d["goldstein"][i]
        rows.append(row)
    return rows


def plot_png(data: dict[str, Any], out: str) -> None:
    """Draw a series (counts as bars per direction, summed Goldstein as lines) into a PNG with matplotlib.

    Raises:
        ImportError: matplotlib is not installed.
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.ticker import MaxNLocator

    periods = data["periods"]
    x = list(range(len(periods)))
    fig, ax = plt.subplots(figsize=(max(6.0, min(0.35 * len(periods), 16.0)), 4.0), dpi=100)
    width = 0.4
    colours = ("#1e88e5", "#e53935")
    for k, d in enumerate(data["directions"]):
        ax.bar([i + (k - 0.5) * width for i in x], d["counts"], width=width, color=colours[k], label=d["key"])
    ax.set_ylabel("events")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    twin = ax.twinx()
    for k, d in enumerate(data["directions"]):
        twin.plot(
            x, d["goldstein"], color=colours[k], linestyle="--", marker=".", label=f"{d['key']} Goldstein"
        )
    twin.axhline(0, color="#999999", linewidth=0.6)
    twin.set_ylabel("summed Goldstein score")
    step = max(1, -(-len(periods) // 12))  # at most 12 labels
    ax.set_xticks(x[::step], periods[::step], rotation=45, ha="right")
    title = f"{data['a']} - {data['b']}" if "a" in data else str(data.get("actor"))
    ax.set_title(f"{title}: events per {data['freq']}")
    handles = ax.get_legend_handles_labels()[0] + twin.get_legend_handles_labels()[0]
    ax.legend(handles=handles, fontsize=8, loc="upper left")
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
