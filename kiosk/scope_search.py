"""Finding business-scope items (经营范围) as a citizen types, and the list they choose.

The catalogue's ``business_scope`` entries are indexed once (registration.md §5:
the applicant picks standard entries, free text is not accepted). A query is
matched against the Chinese text (substring), the full tone-less pinyin (with or
without spaces: "riyongbaihuo", "ri yong bai huo"), the pinyin initials ("rybh"),
the English text and the code, case-insensitively. Hits are ranked exact, then
prefix, then initials, then substring, catalogue order within a rank, and come
back split into general items (一般项目) and licensed ones (许可项目) with the
permit each requires.

`ScopeChoice` is the citizen's chosen list: ordered, no duplicates, the first
being the main business (主营项目), which the name's industry word must follow.
"""

from __future__ import annotations

import enum
import re
import unicodedata
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate
from typing import Generic, NamedTuple, Protocol, TypeVar


class ScopeEntry(Protocol):
    """What the index needs of a catalogue entry (any object with these attributes)."""

    @property
    def code(self) -> str: ...
    @property
    def zh(self) -> str: ...
    @property
    def en(self) -> str: ...
    @property
    def licensed(self) -> bool: ...
    @property
    def requires(self) -> str | None: ...


@dataclass(frozen=True, slots=True)
class ScopeItem:
    """One ``business_scope`` entry of the catalogue, as plain data."""

    code: str
    zh: str
    en: str = ""
    licensed: bool = False
    #: The permit a licensed item needs, as the catalogue names it (e.g. ``food_business_licence``).
    requires: str | None = None
    #: That permit in words, when the catalogue says it (its ``requires_text`` extension).
    requires_zh: str = ""
    requires_en: str = ""

    @classmethod
    def from_catalogue(cls, entry: Mapping[str, object]) -> ScopeItem | None:
        """The item an entry describes, or None when it has no code or Chinese text.

        Lenient on purpose: the catalogue is data from the central and may grow
        keys; an entry the kiosk cannot show is left out rather than failing the list.
        """
        code = entry.get("code")
        text = _text(entry.get("text"))
        if not isinstance(code, str) or not code.strip() or not text[0]:
            return None
        requires = entry.get("requires")
        requires_text = _text(entry.get("requires_text"))
        return cls(
            code=code.strip(),
            zh=text[0],
            en=text[1],
            licensed=entry.get("licensed") is True,
            requires=requires if isinstance(requires, str) and requires else None,
            requires_zh=requires_text[0],
            requires_en=requires_text[1],
        )


def scope_items(entries: Iterable[Mapping[str, object]]) -> tuple[ScopeItem, ...]:
    """The usable items of a catalogue's ``business_scope`` list, in catalogue order."""
    items = (ScopeItem.from_catalogue(entry) for entry in entries if isinstance(entry, Mapping))
    return tuple(item for item in items if item is not None)


def _text(value: object) -> tuple[str, str]:
    if isinstance(value, str):
        return value.strip(), ""
    if isinstance(value, Mapping):
        zh, en = value.get("zh"), value.get("en")
        return (
            zh.strip() if isinstance(zh, str) else "",
            en.strip() if isinstance(en, str) else "",
        )
    return "", ""


class Match(enum.IntEnum):
    """How a hit matched; lower ranks first."""

    EXACT = 0
    PREFIX = 1
    INITIALS = 2
    SUBSTRING = 3


E = TypeVar("E", bound=ScopeEntry)


@dataclass(frozen=True, slots=True)
class ScopeHit(Generic[E]):
    item: E
    match: Match


@dataclass(frozen=True, slots=True)
class ScopeResults(Generic[E]):
    """Ranked hits; `general` and `licensed` (许可项目) keep that order within each group."""

    hits: tuple[ScopeHit[E], ...] = ()

    @property
    def general(self) -> tuple[ScopeHit[E], ...]:
        return tuple(hit for hit in self.hits if not hit.item.licensed)

    @property
    def licensed(self) -> tuple[ScopeHit[E], ...]:
        """Items that need a permit (``item.requires``) before the business may do them."""
        return tuple(hit for hit in self.hits if hit.item.licensed)

    def __len__(self) -> int:
        return len(self.hits)


class _Keys(NamedTuple):
    """An entry's precomputed search keys (all case-folded); a tuple, quick to make."""

    code: str
    zh: str
    en: str
    words: str  # " " + the English words, punctuation as spaces, to find a word start
    pinyin: str  # syllables joined: "riyongbaihuoxiaoshou"
    starts: frozenset[int]  # where each syllable starts in ``pinyin``
    initials: str  # "rybhxs"


class ScopeIndex(Generic[E]):
    """The catalogue's scope entries, indexed once for search-as-you-type."""

    def __init__(self, entries: Iterable[E]) -> None:
        self._entries: tuple[E, ...] = tuple(entries)
        self._keys = tuple(_keys_of(entry) for entry in self._entries)
        self._by_code = {entry.code: entry for entry in self._entries}

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[E]:
        return iter(self._entries)

    def get(self, code: str) -> E | None:
        return self._by_code.get(code)

    def search(self, query: str, *, limit: int | None = None) -> ScopeResults[E]:
        """Entries matching ``query``, best first; nothing for a blank query."""
        text = _fold(query)
        if not text:
            return ScopeResults()
        ranked: list[tuple[Match, int]] = []
        matcher = _cjk_match if _HAS_CJK.search(text) else _latin_match
        compact = "".join(text.split())
        # Pinyin only for a query of letters (and the spaces or apostrophes people type
        # between syllables): "g01" is a code, not the initial g.
        letters = compact.replace("'", "") if _PINYIN_QUERY.fullmatch(text) else ""
        words = " " + _words(text)
        for position, keys in enumerate(self._keys):
            rank = matcher(keys, text, compact, letters, words)
            if rank is not None:
                ranked.append((rank, position))
        ranked.sort()  # by rank, then catalogue position: stable
        if limit is not None:
            ranked = ranked[: max(0, limit)]
        return ScopeResults(tuple(ScopeHit(self._entries[at], rank) for rank, at in ranked))

    def licensed_in(self, choice: ScopeChoice) -> tuple[E, ...]:
        """The chosen items that need a permit (for the "obtain it before operating" notice)."""
        chosen = (self._by_code.get(code) for code in choice)
        return tuple(entry for entry in chosen if entry is not None and entry.licensed)


_HAS_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_NOT_LETTER = re.compile(r"[^a-z]+")
_PINYIN_QUERY = re.compile(r"[a-z' ]+")
_NOT_WORD = re.compile(r"[\W_]+")


def _fold(text: str) -> str:
    # NFKC folds full-width letters and digits typed on a Chinese keyboard; ü is "v" in
    # typed pinyin, as pypinyin writes it.
    folded = unicodedata.normalize("NFKC", text).casefold().replace("ü", "v")
    return " ".join(folded.split())


def _words(text: str) -> str:
    return " ".join(_NOT_WORD.sub(" ", text).split())


def _cjk_match(keys: _Keys, text: str, compact: str, letters: str, words: str) -> Match | None:
    if keys.zh == text:
        return Match.EXACT
    if keys.zh.startswith(text):
        return Match.PREFIX
    if text in keys.zh:
        return Match.SUBSTRING
    return None


def _latin_match(keys: _Keys, text: str, compact: str, letters: str, words: str) -> Match | None:
    if compact == keys.code or text == keys.en or (letters and letters == keys.pinyin):
        return Match.EXACT
    if (
        keys.code.startswith(compact)
        or keys.en.startswith(text)
        or (letters and keys.pinyin.startswith(letters))
    ):
        return Match.PREFIX
    if letters and keys.initials.startswith(letters):
        return Match.INITIALS
    # One letter matches nearly every entry somewhere: only the ranks above use it.
    if len(compact) < 2:
        return None
    # English from the start of a word ("food" in "pre-packaged food only", not "sp" in "transport").
    if compact in keys.code or (words.strip() and words in keys.words):
        return Match.SUBSTRING
    if letters and letters in keys.initials:
        return Match.SUBSTRING
    if letters and _at_syllable(keys, letters):
        return Match.SUBSTRING
    return None


def _at_syllable(keys: _Keys, letters: str) -> bool:
    # A pinyin query matches from the start of a syllable ("baihuo" in riyong|bai|huo),
    # never from inside one ("ongbai").
    found = keys.pinyin.find(letters)
    while found != -1:
        if found in keys.starts:
            return True
        found = keys.pinyin.find(letters, found + 1)
    return False


def _keys_of(entry: ScopeEntry) -> _Keys:
    zh = _fold(entry.zh)
    en = _fold(entry.en)
    syllables = _syllables(zh)
    return _Keys(
        "".join(entry.code.casefold().split()),
        zh,
        en,
        " " + _words(en) if en else " ",
        "".join(syllables),
        frozenset(accumulate([len(s) for s in syllables[:-1]], initial=0)),
        "".join([syllable[0] for syllable in syllables]),
    )


def _syllables(folded: str) -> list[str]:
    """Tone-less pinyin of a folded text: one per Chinese character, Latin runs as tokens."""
    out: list[str] = []
    for run in _RUN.findall(folded):
        if _HAS_CJK.match(run):
            for word in _words_of(run):
                out.extend(_word_syllables(word))
        elif letters := _NOT_LETTER.sub("", run):
            out.append(letters)
    return out


_RUN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]+|[a-z0-9]+")


def _words_of(run: str) -> Iterator[str]:
    # Forward maximum matching on pypinyin's phrase dictionary, as its own segmenter does,
    # so each reading comes from its phrase (银行 yin hang, not yin xing). pypinyin's
    # segmenter walks a prefix set one character at a time in Python and was most of the
    # build time; one dictionary look-up per character (the longest phrase starting with
    # these two characters) keeps a 2,000-entry build well under 50 ms.
    longest = _phrase_lengths()
    phrases = _phrases()
    position, end = 0, len(run)
    while position < end:
        most = longest.get(run[position : position + 2])
        if most:
            for length in range(min(most, end - position), 1, -1):
                word = run[position : position + length]
                if word in phrases:
                    yield word
                    position += length
                    break
            else:
                most = None
        if not most:
            yield run[position]
            position += 1


def warm_up(texts: Iterable[str]) -> None:
    """Load pypinyin's tables and read ``texts`` into the pinyin cache, on a worker.

    A search box made on the UI thread (the district picker, the business-scope
    picker) then indexes those texts from the cache in a few milliseconds. Cold,
    the tables alone take 0.27 s here, 80 ms of it holding the GIL (and 59 MiB,
    which the first such picker would load anyway).
    """
    ScopeIndex(ScopeItem(str(n), text) for n, text in enumerate(texts))


@lru_cache(maxsize=1)
def _phrases() -> Mapping[str, object]:
    # pypinyin's phrase table is tens of megabytes: loaded when the first index is
    # built: by `warm_up` on a worker once the kiosk has its catalogue, never before
    # the first screen is shown.
    from pypinyin.constants import PHRASES_DICT

    return PHRASES_DICT


@lru_cache(maxsize=1)
def _phrase_lengths() -> dict[str, int]:
    """The longest phrase in pypinyin's dictionary starting with each two characters."""
    longest: dict[str, int] = {}
    for phrase in _phrases():
        head = phrase[:2]
        if len(phrase) >= 2 and len(phrase) > longest.get(head, 0):
            longest[head] = len(phrase)
    return longest


@lru_cache(maxsize=65536)
def _word_syllables(word: str) -> tuple[str, ...]:
    # Each word is converted by pypinyin once: scope texts reuse a small vocabulary.
    # A character pypinyin has no reading for comes back as itself: it has no pinyin key.
    from pypinyin import lazy_pinyin

    readings = (_NOT_LETTER.sub("", _fold(reading)) for reading in lazy_pinyin(word))
    return tuple(reading for reading in readings if reading)


@dataclass(frozen=True, slots=True)
class ScopeChoice:
    """The citizen's chosen scope codes: ordered, no duplicates, the first is the main business."""

    codes: tuple[str, ...] = field(default=())

    def __post_init__(self) -> None:
        # Whatever built it, a choice never holds a code twice.
        object.__setattr__(self, "codes", tuple(dict.fromkeys(self.codes)))

    @classmethod
    def from_form_value(cls, value: Sequence[str]) -> ScopeChoice:
        return cls(tuple(value))

    @property
    def main(self) -> str | None:
        """The main business (主营项目), or None while nothing is chosen."""
        return self.codes[0] if self.codes else None

    def add(self, code: str) -> ScopeChoice:
        """Chosen at the end; the first item chosen becomes the main one. Adding twice changes nothing."""
        return self if code in self.codes else ScopeChoice((*self.codes, code))

    def remove(self, code: str) -> ScopeChoice:
        """Without ``code``; removing the main item makes the next one main."""
        return ScopeChoice(tuple(c for c in self.codes if c != code))

    def make_main(self, code: str) -> ScopeChoice:
        """``code`` first (added if it was not chosen), the others in their order."""
        return ScopeChoice((code, *(c for c in self.codes if c != code)))

    def as_form_value(self) -> list[str]:
        """The ``scope`` field's value: a list of codes, the main item first."""
        return list(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def __iter__(self) -> Iterator[str]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)
