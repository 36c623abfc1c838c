"""The indicator ontology: canonical indicators and every way reports write them.

The shipped ontology lives in ``luoshi/data/indicators.toml``; users add their own files of the
same shape. Lookup is one precompiled trie-shaped regex over every synonym, so a scan costs one
pass over the text whatever the number of synonyms, and the longest synonym wins at each position
("单位国内生产总值能耗" is energy intensity, not GDP).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

from luoshi.datafiles import trie_regex
from luoshi.errors import UsageError

UNIT_FAMILIES = frozenset(
    {
        "money", "percent", "count", "people", "area", "mass", "energy", "ratio", "index",
        "days", "years", "concentration", "volume",
    }
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Indicator:
    key: str
    name: str
    synonyms: tuple[str, ...]
    unit: str
    higher_is_better: bool
    core: bool = False


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """A written mention of an indicator: ``text[start:end] == written``."""

    key: str
    written: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Ontology:
    """Indicators by key plus the compiled synonym matcher.

    ``abbreviations`` expand elliptic coordinated prefixes ("城、乡居民…" -> 城镇…, 农村…);
    ``pairs`` expand fused pair prefixes ("城乡居民…").
    """

    indicators: dict[str, Indicator]
    by_name: dict[str, str]
    pattern: re.Pattern[str]
    abbreviations: dict[str, str] = field(default_factory=dict)
    pairs: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def __contains__(self, key: object) -> bool:
        return key in self.indicators

    def __len__(self) -> int:
        return len(self.indicators)

    def get(self, key: str) -> Indicator | None:
        return self.indicators.get(key)

    def lookup(self, written: str) -> str | None:
        """The key of an exact name or synonym, else None."""
        return self.by_name.get(written)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[IndicatorMatch]:
        """Every non-overlapping mention in ``text[start:end]``, leftmost-longest, in order."""
        stop = len(text) if end is None else end
        return [
            IndicatorMatch(self.by_name[m.group()], m.group(), m.start(), m.end())
            for m in self.pattern.finditer(text, start, stop)
        ]


def _read_toml(path: Path | None) -> dict:
    try:
        if path is None:
            raw = resources.files("luoshi.data").joinpath("indicators.toml").read_bytes()
            return tomllib.loads(raw.decode("utf-8"))
        return tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UsageError(f"cannot read ontology file {path}: {exc.strerror or exc}") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"ontology file {path} is not valid UTF-8 TOML: {exc}") from exc


def _indicator_from(entry: dict, base: Indicator | None, source: str) -> Indicator:
    key = entry.get("key")
    if not isinstance(key, str) or not key:
        raise UsageError(f"ontology file {source}: an [[indicator]] entry has no key")
    name = entry.get("name", base.name if base else None)
    unit = entry.get("unit", base.unit if base else None)
    if not isinstance(name, str) or not name:
        raise UsageError(f"ontology file {source}: indicator {key!r} has no name")
    if unit not in UNIT_FAMILIES:
        raise UsageError(
            f"ontology file {source}: indicator {key!r} has unit {unit!r}, "
            f"expected one of {', '.join(sorted(UNIT_FAMILIES))}"
        )
    synonyms = tuple(entry.get("synonyms", ()))
    if base:
        synonyms = base.synonyms + tuple(s for s in synonyms if s not in base.synonyms)
    hib = entry.get("higher_is_better", base.higher_is_better if base else True)
    core = entry.get("core", base.core if base else False)
    return Indicator(key, name, synonyms, unit, bool(hib), bool(core))


def _spelled(written: str, spellings: dict[str, str]) -> list[str]:
    """Other spellings of a name: "城镇居民人均可支配收入" is also written "城镇居民每人平均可支配收入"
    (``spellings`` maps the other spelling to the usual one)."""
    return [written.replace(usual, other) for other, usual in spellings.items() if usual in written]


def build_ontology(documents: Sequence[tuple[str, dict]]) -> Ontology:
    """Merge parsed ontology documents in order (later keys extend/override earlier ones)."""
    indicators: dict[str, Indicator] = {}
    abbreviations: dict[str, str] = {}
    pairs: dict[str, tuple[str, ...]] = {}
    spellings: dict[str, str] = {}
    for source, doc in documents:
        for entry in doc.get("indicator", []):
            ind = _indicator_from(entry, indicators.get(entry.get("key", "")), source)
            indicators[ind.key] = ind
        abbreviations.update(doc.get("abbreviations", {}))
        pairs.update({k: tuple(v) for k, v in doc.get("pairs", {}).items()})
        spellings.update(doc.get("spellings", {}))
    by_name: dict[str, str] = {}
    for ind in indicators.values():
        for written in (ind.name, *ind.synonyms):
            for form in _spelled(written, spellings):
                by_name.setdefault(form, ind.key)  # a spelling never displaces a written name
            by_name[written] = ind.key  # later files win on a shared synonym
    pattern = re.compile(trie_regex(sorted(by_name)))
    return Ontology(indicators, by_name, pattern, abbreviations, pairs)


@lru_cache(maxsize=8)
def _load_cached(paths: tuple[str, ...]) -> Ontology:
    docs = [("indicators.toml", _read_toml(None))]
    docs += [(p, _read_toml(Path(p))) for p in paths]
    return build_ontology(docs)


def load_ontology(extra_paths: Sequence[Path | str] = ()) -> Ontology:
    """The shipped ontology merged with user files (same key overrides fields and adds synonyms).

    Cached per list of paths. Raises :class:`UsageError` for an unreadable or invalid file.
    """
    return _load_cached(tuple(str(p) for p in extra_paths))
