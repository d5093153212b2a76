"""Claims stage: numeric claims ("nearly 30,000 combat-ready US forces") and poll results.

A claim is a quantity read from the text with what it counts, how it is hedged and who states it:

- numbers in digits ("30,000", "2.5 billion") or words ("sixty", "twenty-five", "a dozen");
- kinds: ``count``, ``percent`` ("61 percent", "61%"), ``money`` ("$2.5 billion", "5 million yuan"),
  ``range`` ("between 200 and 300", "200-300", "from 200 to 300"), ``ratio`` ("400 out of 800",
  "one in five") and ``poll`` (a share of a population holding an opinion: "61 percent of South Koreans
  support relaxing sanctions", "seven in ten Americans are supportive of …"; ``value`` is then always the
  share in percent and ``population``/``proposition`` say of whom and what);
- vague amounts ("tens of thousands of people") give the order of magnitude as ``value``..``value_max``
  with qualifier "vague";
- the qualifier is kept: nearly, almost, about, around, some, more than, over, at least, up to, ...

Not claims: years and decades ("in 2021", "the 1950s"), dates ("September 9"), times ("11am"), ordinals
("74th", "Seventh Fleet"), identifiers ("COVID-19", "Resolution 2231", "page 5", list markers "1)"),
ages ("aged 45", "45-year-old"), durations (a number of years, months, days, hours ...), the word "one",
and small word numbers after a determiner ("the two Koreas": a reference, not a count).

``stated_by`` is the speaker of the innermost quotation holding the number (with its ``quote_id``), else
the document's author, else None. Country and sector come from
``tidings.stages.actors.resolve_phrase`` over the counted noun phrase when that function is installed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tidings.config import Settings
from tidings.kb.resolver import ActorResolver, shared_resolver
from tidings.model import Claim, Document, stable_id
from tidings.sentindex import doc_text
from tidings.stages.quotes import innermost

UNITS = {"zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
         "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
         "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
         "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}  # fmt: skip
SCALES = {"hundred": 100, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12, "bn": 1e9,
          "mn": 1e6, "m": 1e6, "k": 1e3, "lakh": 1e5, "lakhs": 1e5, "crore": 1e7, "crores": 1e7, "cr": 1e7}  # fmt: skip
FRACTIONS = {"half": 50.0, "a third": 33.33, "one third": 33.33, "two thirds": 66.67, "two - thirds": 66.67,
             "a quarter": 25.0, "one quarter": 25.0, "three quarters": 75.0, "three - quarters": 75.0}  # fmt: skip
_FRACTION_START = frozenset(p.split()[0] for p in FRACTIONS)
VAGUE = {"dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1e3, "millions": 1e6, "billions": 1e9}
CURRENCY_SYMBOLS = {"$": "USD", "us$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₩": "KRW", "₹": "INR",
                    "a$": "AUD", "c$": "CAD", "hk$": "HKD", "rmb": "CNY", "rs": "INR", "rs.": "INR",
                    "inr": "INR"}  # fmt: skip
CURRENCY_WORDS = {"dollar": "USD", "dollars": "USD", "yuan": "CNY", "renminbi": "CNY", "euro": "EUR",
                  "euros": "EUR", "won": "KRW", "yen": "JPY", "pound": "GBP", "pounds": "GBP", "rouble": "RUB",
                  "roubles": "RUB", "ruble": "RUB", "rubles": "RUB", "rupee": "INR", "rupees": "INR",
                  "usd": "USD", "eur": "EUR", "cny": "CNY"}  # fmt: skip
QUALIFIERS = ("no fewer than", "no more than", "as many as", "as much as", "more than", "less than",
              "fewer than", "at least", "at most", "up to", "close to", "upwards of", "just over",
              "just under", "well over", "an estimated", "nearly", "almost", "about", "around", "roughly",
              "approximately", "some", "over", "under", "estimated", "only", "just")  # fmt: skip
MONTHS = frozenset("january february march april may june july august september october november december "
                   "jan jan. feb feb. mar mar. apr apr. jun jun. jul jul. aug aug. sep sep. sept sept. oct "
                   "oct. nov nov. dec dec.".split())  # fmt: skip
TIME_UNITS = frozenset("year years month months week weeks day days hour hours minute minutes second seconds "
                       "decade decades century centuries am pm a.m. p.m. gmt est pst cet utc".split())
ID_WORDS = frozenset("page pages p. pp. no. no nos nos. number chapter section article resolution paragraph item "
                     "vol. volume route highway flight aged age class grade standard plot platform ward phase "
                     "gate room road street".split())  # fmt: skip
DEFINITE = frozenset("the these those its their his her our my your both all".split())
PEOPLE = frozenset("people respondents voters citizens adults residents americans those participants "
                   "members workers women men youth students".split())  # fmt: skip
OPINION = ("support", "oppose", "favor", "favour", "back", "approve", "disapprove", "believe", "think",
           "say", "said", "want", "agree", "disagree", "prefer", "trust", "reject", "expect", "fear",
           "view", "consider", "like", "dislike", "feel", "felt", "see", "saw")  # fmt: skip
OPINION_ADJ = frozenset("supportive opposed favorable favourable against satisfied dissatisfied".split())
_PROP_END = re.compile(r",|;|\.(\s|$)|\s(?:and|with|while|whereas)\s+(?:an?\s+)?(?:additional\s+)?\d")

ResolveFn = Callable[[Document, int, int, "int | None"], Any]


@dataclass(slots=True)
class _Number:
    value: float
    first: int  # token index of the first number token (after a currency symbol)
    last: int  # token index of the last token read (number, scale, unit word)
    unit: str = "count"
    kind: str = "count"
    value_max: float | None = None
    total: float | None = None
    qualifier: str | None = None
    start_tok: int = 0  # first token of the phrase as read (qualifier, currency, "between")


class ClaimStage:
    """Find numeric claims and polls in a parsed document."""

    name = "claims.v1"
    needs: frozenset[str] = frozenset({"parsed", "mentions", "quotes"})
    adds: frozenset[str] = frozenset({"claims"})

    def __init__(self, settings: Settings | None = None, *, resolver: ActorResolver | None = None) -> None:
        self.settings = settings or Settings()
        engine = resolver or shared_resolver(self.settings.actors_files)
        self.resolve: ResolveFn | None = engine.resolve_phrase

    def __call__(self, doc: Document) -> Document:
        doc.claims = find_claims(doc, self.resolve)
        return doc


def find_claims(doc: Document, resolve: ResolveFn | None = None) -> list[Claim]:
    """Return the numeric claims of a parsed document, in text order."""
    if doc.parsed is None:
        return []
    claims: list[Claim] = []
    places = [e for e in doc.parsed.ents if e.label_ in ("GPE", "LOC")]  # doc.ents is costly: read it once
    for sent in doc.parsed.sents:
        in_sentence: list[Claim] = []
        i = sent.start
        while i < sent.end:
            num = read_number(doc.parsed, i, sent.end)
            if num is None or _excluded(doc.parsed, num):
                i = (num.last + 1) if num is not None else i + 1
                continue
            claim = _build(doc, sent, num, in_sentence, resolve, places)
            if claim is not None:
                in_sentence.append(claim)
            i = num.last + 1
        claims.extend(in_sentence)
    return claims


# -- reading numbers ---------------------------------------------------------------------------------------


def _digits(text: str) -> float | None:
    clean = text.replace(",", "")
    grouped = r"\d{1,3}(,\d{3})+(\.\d+)?|\d{1,2}(,\d{2})*,\d{3}(\.\d+)?"  # 30,000 and Indian 1,00,000
    if re.fullmatch(r"\d+(\.\d+)?", clean) and ("," not in text or re.fullmatch(grouped, text)):
        return float(clean)
    return None


def _word_number(parsed: Any, i: int, end: int) -> tuple[float, int] | None:
    """Read "twenty-five", "two hundred and fifty", "sixty"; returns (value, last token index)."""
    total, current, last, seen = 0.0, 0.0, -1, False
    j = i
    while j < end:
        w = parsed[j].lower_
        if w in UNITS and (not seen or current % 100 >= 20 or current % 100 == 0):
            current += UNITS[w]
        elif w == "hundred" and seen:
            current *= 100
        elif w == "dozen" and seen and current < 100:
            current *= 12
        elif w in ("thousand", "million", "billion", "trillion", "lakh", "lakhs", "crore", "crores") and seen:
            total += current * SCALES[w]
            current = 0
        elif w in ("-", "and") and seen and j + 1 < end and parsed[j + 1].lower_ in UNITS:
            j += 1
            continue
        else:
            break
        seen, last = True, j
        j += 1
    return (total + current, last) if seen else None


def read_number(parsed: Any, i: int, end: int) -> _Number | None:
    """Read the number phrase starting at token ``i`` (currency, scale, unit, range, ratio), if any."""
    tok = parsed[i]
    money = CURRENCY_SYMBOLS.get(tok.lower_)
    first = i + 1 if money and i + 1 < end else i
    got = _read_value(parsed, first, end)
    if got is None:
        vague = _vague(parsed, i, end)
        if vague is not None and vague.qualifier is None:
            _read_qualifier(parsed, vague)  # "nearly half of"
        return vague
    value, last = got
    num = _Number(value, first, last, start_tok=i)
    if money:
        num.unit, num.kind = f"money:{money}", "money"
    _read_unit(parsed, num, end)
    _read_second(parsed, num, end)
    _read_qualifier(parsed, num)
    return num


def _read_value(parsed: Any, i: int, end: int) -> tuple[float, int] | None:
    tok = parsed[i]
    value = _digits(tok.text)
    if value is not None:
        last = i
        if i + 1 < end and parsed[i + 1].lower_ in SCALES and parsed[i + 1].lower_ not in ("m", "k"):
            value *= SCALES[parsed[i + 1].lower_]
            last = i + 1
        return value, last
    if tok.lower_ == "dozen" or (tok.lower_ == "a" and i + 1 < end and parsed[i + 1].lower_ == "dozen"):
        return 12.0, i + (tok.lower_ == "a")
    if tok.lower_ == "a" and i + 1 < end and parsed[i + 1].lower_ in ("hundred", "thousand", "million", "billion"):
        return SCALES[parsed[i + 1].lower_], i + 1  # "more than a million people"
    return _word_number(parsed, i, end)


def _vague(parsed: Any, i: int, end: int) -> _Number | None:
    """ "tens of thousands of", "hundreds of", "dozens of": an order of magnitude."""
    w = parsed[i].lower_
    nxt = parsed[i + 1].lower_ if i + 1 < end else ""
    frac = _fraction(parsed, i, end) if w in _FRACTION_START else None
    if frac is not None:
        return frac
    if w in VAGUE and nxt == "of" and i + 2 < end and parsed[i + 2].lower_ in VAGUE:  # "hundreds of thousands"
        base = VAGUE[w] * VAGUE[parsed[i + 2].lower_]
        return _Number(base, i, i + 2, value_max=base * 10, qualifier="vague", start_tok=i)
    if w == "tens" and nxt == "of" and i + 2 < end and parsed[i + 2].lower_ in VAGUE:
        base = VAGUE[parsed[i + 2].lower_] * 10
        return _Number(base, i, i + 2, value_max=base * 10, qualifier="vague", start_tok=i)
    if w in VAGUE and nxt == "of" and (i == 0 or parsed[i - 1].lower_ not in UNITS):
        base = VAGUE[w]
        return _Number(base, i, i, value_max=base * 10, qualifier="vague", start_tok=i)
    return None


def _fraction(parsed: Any, i: int, end: int) -> _Number | None:
    """ "half of the territory", "a third of", "two-thirds of": a share in percent."""
    words = [parsed[k].lower_ for k in range(i, min(end, i + 4))]
    for phrase, share in FRACTIONS.items():
        n = len(phrase.split())
        if " ".join(words[:n]) == phrase and words[n:n + 1] == ["of"] and (i == 0 or parsed[i - 1].lower_ != "a"):
            return _Number(share, i, i + n - 1, unit="percent", kind="percent", start_tok=i)
    return None


def _read_unit(parsed: Any, num: _Number, end: int) -> None:
    j = num.last + 1
    if j >= end:
        return
    w = parsed[j].lower_
    keep = num.kind == "range"  # "between 30 and 40 percent" stays a range, in percent
    if w in ("%", "percent", "pct"):
        num.unit, num.kind, num.last = "percent", "range" if keep else "percent", j
    elif w == "per" and j + 1 < end and parsed[j + 1].lower_ == "cent":
        num.unit, num.kind, num.last = "percent", "range" if keep else "percent", j + 1
    elif w in CURRENCY_WORDS and num.kind != "money":
        num.unit, num.kind, num.last = f"money:{CURRENCY_WORDS[w]}", "range" if keep else "money", j


def _read_second(parsed: Any, num: _Number, end: int) -> None:
    """Ranges ("200-300", "200 to 300", "between 200 and 300") and ratios ("400 out of 800", "7 in 10")."""
    j = num.last + 1
    prev = parsed[num.start_tok - 1].lower_ if num.start_tok > 0 else ""
    words = [parsed[k].lower_ for k in range(j, min(end, j + 2))]
    if words[:2] == ["out", "of"]:
        skip, kind = 2, "ratio"
    elif words[:2] == ["of", "the"] and j + 2 < end and _read_value(parsed, j + 2, end) is not None:
        skip, kind = 2, "ratio"  # "143 of the 250 seats"
    elif words[:1] == ["in"] and num.kind == "count":
        skip, kind = 1, "ratio"
    elif words[:1] in (["-"], ["–"], ["to"]) or (words[:1] == ["and"] and prev == "between"):
        skip, kind = 1, "range"
    else:
        return
    k = j + skip
    if k < end and CURRENCY_SYMBOLS.get(parsed[k].lower_):
        k += 1
    got = _read_value(parsed, k, end) if k < end else None
    if got is None:
        return
    second, last = got
    if kind == "ratio" and (second < num.value or words[:1] == ["in"] and second > 1000):
        return
    if kind == "range" and second <= num.value:
        return
    if kind == "ratio":
        num.total, num.kind = second, "ratio"
        num.unit = "ratio"
    else:
        num.value_max, num.kind = second, "range" if num.kind == "count" else num.kind
        if prev in ("between", "from"):
            num.start_tok -= 1
    num.last = last
    _read_unit(parsed, num, end)


def _read_qualifier(parsed: Any, num: _Number) -> None:
    start = num.start_tok
    for q in QUALIFIERS:
        n = len(q.split())
        if start - n < 0:
            continue
        words = " ".join(parsed[k].lower_ for k in range(start - n, start))
        if words == q:
            num.qualifier = q
            num.start_tok = start - n
            return


def _excluded(parsed: Any, num: _Number) -> bool:
    """Years, dates, times, ordinals, identifiers, ages, list markers, "one", "the two Koreas"."""
    tok = parsed[num.first]
    prev = parsed[num.first - 1] if num.first > 0 else None
    nxt = parsed[num.last + 1] if num.last + 1 < len(parsed) else None
    text = tok.text
    if tok.ent_type_ == "ORDINAL" or re.fullmatch(r"\d+(st|nd|rd|th|s)", text.lower()):
        return True
    if num.kind == "count" and re.fullmatch(r"1[89]\d\d|20\d\d|2100", text):
        if not (nxt is not None and nxt.tag_ == "NNS" and nxt.lower_ not in TIME_UNITS):
            return True
    if num.kind == "range" and all(v is not None and 1800 <= v <= 2100 and v == int(v)
                                   for v in (num.value, num.value_max)) and "," not in text:  # fmt: skip
        return True  # "2002-2003": a span of years
    if prev is not None and prev.text == "." and num.first >= 2 and f"{parsed[num.first - 2].lower_}." in MONTHS:
        return True  # "jan. 27" split as "jan" "." "27"
    if (prev is not None and prev.lower_ in MONTHS) or (nxt is not None and nxt.lower_ in MONTHS):
        return True
    if nxt is not None and (nxt.lower_ in TIME_UNITS or nxt.lower_ in ("-year", "year-old", ")")):
        return True
    after = parsed[num.last + 2] if num.last + 2 < len(parsed) else None
    if nxt is not None and nxt.text in ("-", "–") and not nxt.whitespace_ and after is not None \
            and after.is_alpha:  # fmt: skip
        return True  # "zero-sum", "two-state", "45-year-old": part of an adjective
    before = " ".join(parsed[k].lower_ for k in range(max(0, num.start_tok - 3), num.start_tok))
    if re.search(r"\b(young|old) as$|\baged?$", before):
        return True  # "children as young as 12"
    if prev is not None and (prev.lower_ in ID_WORDS or (prev.text == "-" and prev.idx + 1 == tok.idx)):
        return True
    if prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and tok.text[:1].isdigit() \
            and num.kind == "count":  # fmt: skip
        return True
    if ":" in text or not (tok.text[:1].isdigit() or tok.lower_ in UNITS or tok.lower_ in ("a", "dozen", "half")
                           or num.qualifier == "vague"):  # fmt: skip
        return True
    if tok.lower_ == "one" and num.kind == "count":
        return True
    if prev is not None and nxt is not None and prev.text == "," and nxt.text == "," and num.kind == "count" \
            and num.value <= 120 and num.first >= 2 and parsed[num.first - 2].pos_ in ("NOUN", "PROPN"):  # fmt: skip
        return True  # "The general, 61, has led …": an age
    if tok.lower_ in UNITS and num.value < 10 and num.kind == "count" and prev is not None \
            and prev.lower_ in DEFINITE:  # fmt: skip
        return True
    return False


# -- what is counted, by whom ------------------------------------------------------------------------------


def _np_after(parsed: Any, j: int, end: int) -> tuple[int, int] | None:
    """Token range [a, b] of the noun phrase right after token ``j`` (adjectives, compounds, hyphens)."""
    k = j
    while k < end and (parsed[k].pos_ == "DET" or parsed[k].tag_ == "PRP$") and k == j:
        k += 1
    a, last_noun = k, None
    if k < end and parsed[k].ent_type_ in ("DATE", "TIME"):
        return None  # "$18 billion in June", "on Friday"
    while k < end:
        t = parsed[k]
        if t.ent_type_ in ("DATE", "TIME") and last_noun is not None:
            break  # "on defence next year"
        if t.dep_ == "ROOT" and last_noun is not None:
            break  # "80 percent of households lack electricity": the verb, mis-tagged as a noun
        if t.pos_ in ("NOUN", "PROPN") or (t.ent_type_ == "NORP" and t.pos_ == "ADJ"
                                           and (k + 1 >= end or parsed[k + 1].pos_ not in ("NOUN", "PROPN"))):
            last_noun = k  # a nationality used as a noun: "18 percent of Japanese"
        elif t.tag_ == "POS" or (t.pos_ == "DET" and k > a and parsed[k - 1].tag_ == "POS"):
            pass  # "the country's grain imports"
        elif not (t.pos_ in ("ADJ", "ADV") and t.tag_ != "RB" or t.text in ("-", "–")
                  or (t.tag_ in ("VBN", "VBG") and k + 1 < end and parsed[k + 1].pos_ in ("NOUN", "ADJ"))):
            break  # fmt: skip
        k += 1
    return (a, last_noun) if last_noun is not None else None


def _head_phrase(parsed: Any, a: int, b: int) -> str:
    """The counted thing: the head noun with the common nouns and adjectives before it, no proper names."""
    if parsed[b].pos_ == "PROPN":
        k = b
        while k > a and parsed[k - 1].pos_ == "PROPN":
            k -= 1
        return str(parsed[k : b + 1].text)
    k = b
    while k > a:
        t = parsed[k - 1]
        if t.pos_ == "PROPN" or t.ent_type_ in ("GPE", "NORP", "ORG", "LOC"):
            break
        k -= 1
    while k < b and parsed[k].text in ("-", "–"):
        k += 1
    return str(parsed[k : b + 1].text)


def _counted(parsed: Any, num: _Number, end: int) -> tuple[str | None, tuple[int, int] | None]:
    j = num.last + 1
    if j < end and parsed[j].lower_ == "of" and (num.unit == "percent" or num.qualifier == "vague"):
        np_ = _np_after(parsed, j + 1, end)
        if np_ is None:
            return None, None
        if num.unit == "percent":
            return "percent of " + parsed[j + 1 : np_[1] + 1].text, np_
        return _head_phrase(parsed, *np_), np_
    np_ = _np_after(parsed, j, end)
    if np_ is not None and num.unit != "percent":
        return _head_phrase(parsed, *np_), np_
    if num.kind == "money":
        return _money_object(parsed, num, end)
    if j < end and parsed[j].lower_ == "of" and num.unit != "percent":  # "150 of its members"
        np_ = _np_after(parsed, j + 1, end)
        if np_ is not None:
            return _head_phrase(parsed, *np_), np_
    return None, None


def _money_object(parsed: Any, num: _Number, end: int) -> tuple[str | None, tuple[int, int] | None]:
    """ "$2.5 billion in military aid", "a budget of some US$200 million"."""
    j = num.last + 1
    if j < end and parsed[j].lower_ in ("in", "for", "of", "worth", "on"):
        np_ = _np_after(parsed, j + 1, end)
        if np_ is not None:
            return _head_phrase(parsed, *np_), np_
    k = num.start_tok - 1
    if k >= 1 and parsed[k].lower_ == "of" and parsed[k - 1].pos_ == "NOUN":
        return parsed[k - 1].text, (k - 1, k - 1)
    return None, None


def _poll(parsed: Any, num: _Number, np_: tuple[int, int] | None, end: int,
          earlier: list[Claim]) -> tuple[str | None, str | None] | None:  # fmt: skip
    """(population, proposition) when the share is followed by an opinion verb; None otherwise."""
    if num.kind not in ("percent", "ratio"):
        return None
    after = (np_[1] + 1) if np_ is not None else num.last + 1
    population = parsed[np_[0] : np_[1] + 1].text if np_ is not None else None
    if population is not None and not _people(parsed, np_):
        return None
    k = after
    while k < end and parsed[k].tag_ in ("RB", "RBR"):
        k += 1
    if k >= end or not _opinion_at(parsed, k, end):
        return None
    if population is None:
        prior = next((c.population for c in reversed(earlier) if c.kind == "poll"), None)
        sent_text = parsed[num.first].sent.text.lower()
        if prior is None and not re.search(r"\b(poll|survey|respondents)", sent_text):
            return None
        population = prior
    sent = parsed[num.first].sent
    tail = doc_text(parsed)[parsed[k].idx : sent.end_char]
    m = _PROP_END.search(tail)
    proposition = (tail[: m.start()] if m else tail).strip().rstrip(".”’\"' ").rstrip(".")
    return population, proposition or None


def _people(parsed: Any, np_: tuple[int, int]) -> bool:
    head = parsed[np_[1]]
    return head.lower_ in PEOPLE or head.ent_type_ == "NORP" or (
        head.tag_ in ("NNPS", "NNS") and any(parsed[k].ent_type_ == "NORP" for k in range(np_[0], np_[1] + 1)))


def _opinion_at(parsed: Any, k: int, end: int) -> bool:
    w = parsed[k].lower_
    if any(w.startswith(v) for v in OPINION) and parsed[k].pos_ in ("VERB", "NOUN", "AUX"):
        return True
    if parsed[k].lemma_ == "be" and k + 1 < end:
        nxt = parsed[k + 1].lower_
        return nxt in OPINION_ADJ or (nxt == "in" and k + 2 < end and parsed[k + 2].lower_ in ("favor", "favour"))
    return False


def _build(doc: Document, sent: Any, num: _Number, earlier: list[Claim], resolve: ResolveFn | None,
           places: list[Any]) -> Claim | None:  # fmt: skip
    parsed = doc.parsed
    counted, np_ = _counted(parsed, num, sent.end)
    if counted is not None and counted.split()[-1].lower() in TIME_UNITS:
        if num.kind == "count":
            return None  # a duration ("for the past 74 years"), not a claim
        counted, np_ = None, None  # "$3 billion a year": a rate, the money itself is the claim
    start = parsed[num.start_tok].idx
    end = parsed[num.last].idx + len(parsed[num.last].text)
    claim = Claim(
        claim_id=stable_id(doc.doc_id, start, end), doc_id=doc.doc_id, text=doc.text[start:end], start=start,
        end=end, sentence_text=sent.text.strip(), value=num.value, value_max=num.value_max, total=num.total,
        unit=num.unit, qualifier=num.qualifier, counted=counted, kind=num.kind,
    )  # fmt: skip
    poll = _poll(parsed, num, np_ if counted is None or num.kind == "ratio" or "of" in counted.split()[:2]
                 else None, sent.end, earlier)  # fmt: skip
    if poll is not None:
        claim.population, claim.proposition = poll
        if num.kind == "ratio" and num.total:
            claim.value, claim.total = round(100 * num.value / num.total, 2), None
        claim.kind, claim.unit = "poll", "percent"
        claim.counted = claim.population
    _where_when_who(doc, sent, claim, np_, resolve, places)
    return claim


def _where_when_who(doc: Document, sent: Any, claim: Claim, np_: tuple[int, int] | None,
                    resolve: ResolveFn | None, ents: list[Any]) -> None:  # fmt: skip
    parsed = doc.parsed
    places = [e for e in ents if sent.start <= e.start and e.end <= sent.end
              and e.start > 0 and parsed[e.start - 1].lower_ in ("in", "across", "throughout", "inside")]
    if places:
        after = [e for e in places if e.start_char >= claim.end]
        claim.location_name = (after or places)[0].text
    year = re.search(r"\b(1[89]\d\d|20\d\d)\b", sent.text)
    claim.date = year.group(1) if year and not (claim.start <= sent.start_char + year.start() < claim.end) \
        else None  # fmt: skip
    quote = innermost(doc.quotes, claim.start)
    if quote is not None:
        claim.stated_by, claim.quote_id = quote.speaker_text, quote.quote_id
    else:
        claim.stated_by = doc.author
    if np_ is not None:
        head = parsed[np_[1]]
        _actor(doc, claim, parsed[np_[0]].idx, head.idx + len(head.text), head.idx, resolve)


def _actor(doc: Document, claim: Claim, start: int, end: int, head: int, resolve: ResolveFn | None) -> None:
    actor = None
    if resolve is not None:
        try:
            actor = getattr(resolve(doc, start, end, head), "actor", None)
        except Exception:  # noqa: BLE001 - a failing resolver leaves the claim without an actor
            actor = None
    if actor is None:
        for m in doc.mentions:
            if m.actor is not None and start <= m.start < end:
                actor = m.actor
                break
    if actor is not None:
        claim.country, claim.sector = actor.country, actor.sector
