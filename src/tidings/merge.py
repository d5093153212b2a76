"""Cross-document merging: one real-world event reported by several articles becomes one group.

Two events from different documents (and not two posts of the same page) are the same event when they
have the same PLOVER type and the same source and target countries (at least one of them known), and

- ``day``: both are dated to the same day; or
- ``text``: their dates do not contradict each other (one is a prefix of the other, or both are unknown)
  and their sentences are similar: the Jaccard similarity of their content-word sets, estimated with
  MinHash (datasketch), is at least ``min_similarity``.

Negated events are never merged (a denial is not a report of the event). Groups are the connected
components of those links (union-find). Every event keeps its own row; ``event_groups`` maps each merged
event to its group, so every source of a group stays traceable to its document, sentence and offsets.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from tidings.model import stable_id
from tidings.store import ACCEPTED, Store

_WORD = re.compile(r"[a-z0-9]+")
_STOP = frozenset(
    "a an the of to in on at by for from with and or but as is are was were be been has have had it its "
    "this that these those he she they them his her their said says say will would could may might also "
    "after before over into about than then there which who whom whose what when where while".split()
)
_NUM_PERM = 64


@dataclass(slots=True)
class MergeReport:
    """What a merge found."""

    events: int = 0
    groups: int = 0
    merged_events: int = 0
    links: dict[str, int] = field(default_factory=dict)  # how two events were linked -> count


class _UnionFind:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def content_words(text: str) -> set[str]:
    """Lower-cased content words of a sentence (stop words dropped)."""
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1}


def dates_compatible(a: str | None, b: str | None) -> bool:
    """True when two ISO dates (any precision) do not contradict each other."""
    if not a or not b:
        return not a and not b
    return a.startswith(b) or b.startswith(a)


def merge_events(store: Store, *, min_similarity: float = 0.35) -> MergeReport:
    """Group the stored events that report the same event in different documents.

    Rewrites the ``event_groups`` table (only events in groups of two or more documents get a row).

    Args:
        store: an open, writable store.
        min_similarity: Jaccard threshold for linking events whose dates are not both exact days.

    Returns:
        Counts of events, groups and links by kind.
    """
    rows = store.query(
        "SELECT e.event_id, e.doc_id, coalesce(d.parent_id, e.doc_id) AS page, e.event_type, "
        "e.source_country, e.target_country, e.event_date, e.date_precision, e.sentence_text "
        f"FROM events e JOIN documents d USING (doc_id) WHERE {ACCEPTED} AND e.factuality <> 'negated' "
        "AND (e.source_country IS NOT NULL OR e.target_country IS NOT NULL)"
    )
    report = MergeReport(events=len(rows))
    buckets: dict[tuple[Any, ...], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        buckets[(row["event_type"], row["source_country"], row["target_country"])].append(row)
    links = _UnionFind()
    how: dict[tuple[str, str], str] = {}
    for bucket in buckets.values():
        if len({r["page"] for r in bucket}) > 1:
            for a, b, kind in _links(bucket, min_similarity):
                links.union(a, b)
                how[(a, b)] = kind
                report.links[kind] = report.links.get(kind, 0) + 1
    store.replace_rows("event_groups", _group_rows(rows, links, how, report))
    return report


def _links(bucket: list[dict[str, Any]], min_similarity: float) -> Iterable[tuple[str, str, str]]:
    """Pairs of events (from different pages) in one type/dyad bucket that report the same event."""
    minhashes = {r["event_id"]: _minhash(r["sentence_text"] or "") for r in bucket}
    for i, a in enumerate(bucket):
        for b in bucket[i + 1 :]:
            if a["page"] == b["page"] or not dates_compatible(a["event_date"], b["event_date"]):
                continue
            if a["date_precision"] == "day" and b["date_precision"] == "day":
                yield a["event_id"], b["event_id"], "day"
            elif minhashes[a["event_id"]].jaccard(minhashes[b["event_id"]]) >= min_similarity:
                yield a["event_id"], b["event_id"], "text"


def _minhash(text: str) -> Any:
    from datasketch import MinHash

    mh = MinHash(num_perm=_NUM_PERM, seed=7)
    for word in content_words(text):
        mh.update(word.encode("utf-8"))
    return mh


def _group_rows(rows: list[dict[str, Any]], links: _UnionFind, how: dict[tuple[str, str], str],
                report: MergeReport) -> list[dict[str, Any]]:  # fmt: skip
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["event_id"] in links.parent:
            members[links.find(row["event_id"])].append(row)
    kinds: dict[str, set[str]] = defaultdict(set)
    for (a, _b), kind in how.items():
        kinds[links.find(a)].add(kind)
    out: list[dict[str, Any]] = []
    for root, group in members.items():
        docs = {r["doc_id"] for r in group}
        if len(docs) < 2:
            continue
        group_id = stable_id("group", *sorted(r["event_id"] for r in group))
        report.groups += 1
        report.merged_events += len(group)
        for row in group:
            out.append({"event_id": row["event_id"], "group_id": group_id, "n_docs": len(docs),
                        "n_events": len(group), "how": ",".join(sorted(kinds[root]))})  # fmt: skip
    return out


def merged_events(store: Store, *, min_docs: int = 2, limit: int | None = 100) -> list[dict[str, Any]]:
    """The merged groups, largest first, each with every source (document, title, url, sentence).

    Returns:
        ``[{"group_id", "event_type", "source_country", "target_country", "event_date", "n_docs",
        "n_events", "how", "sources": [{"event_id", "doc_id", "title", "url", "published",
        "sentence_text", "factuality", "claimant_text", "confidence"}]}]``.
    """
    rows = store.query(
        "SELECT g.group_id, g.n_docs, g.n_events, g.how, e.event_id, e.doc_id, e.event_type, "
        "e.source_country, e.target_country, e.event_date, e.sentence_text, e.factuality, "
        "e.claimant_text, e.confidence, d.title, d.url, d.published "
        "FROM event_groups g JOIN events e USING (event_id) JOIN documents d ON d.doc_id = e.doc_id "
        "WHERE g.n_docs >= ? ORDER BY g.n_docs DESC, g.group_id, d.published NULLS LAST, e.event_id",
        [min_docs],
    )
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        group = groups.get(row["group_id"])
        if group is None:
            if limit is not None and len(groups) >= limit:
                continue
            group = groups[row["group_id"]] = {
                k: row[k] for k in ("group_id", "event_type", "source_country", "target_country",
                                    "n_docs", "n_events", "how")  # fmt: skip
            }
            group["event_date"] = row["event_date"]
            group["sources"] = []
        if row["event_date"] and len(row["event_date"]) > len(group["event_date"] or ""):
            group["event_date"] = row["event_date"]  # the most precise date any source gives
        group["sources"].append({k: row[k] for k in ("event_id", "doc_id", "title", "url", "published",
                                                     "sentence_text", "factuality", "claimant_text",
                                                     "confidence")})  # fmt: skip
    return list(groups.values())
