"""The actor dictionary: loading src/rasad/data/actors.yaml (and users' YAML) into lookup tables.

See the header of actors.yaml for the layout. Everything is keyed by the ``match`` normalisation
of rasad.text.normalize with quotes removed and spaces collapsed (:func:`alias_key`), which is
also how the finder prepares the text.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from rasad.text.normalize import match_key

STATE_SIDE = frozenset({"SYR_GOV", "RUS", "IRN", "IRN_BACKED", "HEZBOLLAH", "IRQ_GOV", "PMF", "KRG", "TUR"})
KINDS = ("state", "militia", "rebel", "civilians", "protesters")
QUOTES = "\"'"
DATA_DIR = Path(__file__).resolve().parent.parent / "data"


def alias_key(text: str) -> str:
    """Lookup key of an alias: match-normalised, quotes dropped, whitespace collapsed."""
    key = match_key(text)
    for q in QUOTES:
        key = key.replace(q, "")
    return " ".join(key.split())


@dataclass(slots=True, frozen=True)
class Entry:
    """What a key of the automaton stands for."""

    kind: str  # alias | country | anaphor | cue | blocker
    lang: str  # ar | en
    id: str  # alias id (provenance)
    code: str | None = None  # alias: the actor; cue: the country
    codes: tuple[tuple[str, str], ...] = ()  # country: (ISO2, code) pairs
    case_sensitive: str | None = None  # the exact original spelling required
    anaphor: str | None = None  # anaphor: id of its rule
    strip_prefix: int = 0  # leading chars of the key that are a clitic (لل for ل+ال)
    no_tanwin: bool = False  # not when written with tanwin (تركياً is an adverb)


@dataclass(slots=True)
class AnaphorRule:
    id: str
    candidates: tuple[str, ...]
    fallback: str | None = None
    fallback_if_named: str | None = None
    fallback_by_country: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class ActorLexicon:
    version: str
    kinds: dict[str, str]  # code -> kind
    countries: dict[str, str]  # code -> ISO2
    entries: dict[str, list[Entry]]  # key -> entries
    anaphors: dict[str, AnaphorRule]
    genitive_heads: dict[str, frozenset[str]]  # lang -> keys
    trailing: dict[str, frozenset[str]]
    support_modifier: dict[str, tuple[str, ...]]  # lang -> keys, longest first
    support_assist: dict[str, tuple[str, ...]]
    auxiliaries: dict[str, frozenset[str]]  # auxiliary code -> principals it serves
    joiners: dict[str, tuple[str, ...]]
    nationality: dict[str, Any] = field(default_factory=dict)  # lang -> {adjectives, nouns, stop}
    automaton: Any = None  # built lazily by the finder
    memo: dict[str, Any] = field(default_factory=dict)  # derived views, built lazily by the finder


def _texts(item: Any) -> list[dict[str, Any]]:
    if isinstance(item, str):
        return [{"text": item}]
    if isinstance(item, dict):
        return [item]
    raise ValueError(f"bad alias entry: {item!r}")


def _variants(key: str, lang: str) -> list[tuple[str, int]]:
    """The key and, for Arabic names with the article, the ل+ال form (للتنظيم)."""
    out = [(key, 0)]
    if lang == "ar" and key.startswith("ال") and len(key) > 3:
        out.append(("ل" + key[1:], 1))
    return out


class _Builder:
    def __init__(self) -> None:
        self.versions: list[str] = []
        self.kinds: dict[str, str] = {}
        self.countries: dict[str, str] = {}
        self.entries: dict[str, list[Entry]] = {}
        self.anaphors: dict[str, AnaphorRule] = {}
        self.heads: dict[str, set[str]] = {"ar": set(), "en": set()}
        self.trailing: dict[str, set[str]] = {"ar": set(), "en": set()}
        self.modifier: dict[str, set[str]] = {"ar": set(), "en": set()}
        self.assist: dict[str, set[str]] = {"ar": set(), "en": set()}
        self.aux: dict[str, set[str]] = {}
        self.nationality: dict[str, dict[str, Any]] = {}
        self.joiners: dict[str, set[str]] = {"ar": set(), "en": set()}

    def add(self, key: str, entry: Entry, lang: str) -> None:
        if not key:
            return
        for k, strip in _variants(key, lang):
            e = entry if strip == 0 else replace(entry, strip_prefix=strip)
            bucket = self.entries.setdefault(k, [])
            # a user file loaded later overrides: its entry goes first
            bucket.insert(0, e)

    def add_if_absent(self, key: str, entry: Entry, lang: str) -> None:
        if key not in self.entries:
            self.add(key, entry, lang)

    def load(self, data: dict[str, Any], source: str) -> None:
        self.versions.append(f"{source}:{data.get('version', '?')}")
        for code, spec in (data.get("actors") or {}).items():
            kind = spec.get("kind") or self.kinds.get(code)
            if kind not in KINDS:
                raise ValueError(f"{source}: actor {code} has unknown kind {kind!r}")
            self.kinds[code] = kind
            if spec.get("country"):
                self.countries[code] = spec["country"]
            for lang in ("ar", "en"):
                for item in spec.get(lang) or []:
                    for a in _texts(item):
                        text = str(a["text"])
                        entry = Entry(
                            kind="alias",
                            lang=lang,
                            id=a.get("id") or f"{code}:{lang}:{text}",
                            code=code,
                            case_sensitive=text if a.get("case_sensitive") else None,
                            no_tanwin=bool(a.get("no_tanwin")),
                        )
                        key = alias_key(text)
                        self.add(key, entry, lang)
                        # قوات + a definite name (قوات الحرس الجمهوري، قوات الجيش الحر) is the same actor
                        if lang == "ar" and key.startswith("ال") and not key.startswith("القوات"):
                            self.add_if_absent("قوات " + key, entry, lang)
        for lang, phrases in (data.get("blockers") or {}).items():
            for text in phrases:
                self.add(alias_key(text), Entry(kind="blocker", lang=lang, id=f"blocker:{text}"), lang)
        for lang, spec in (data.get("nationality") or {}).items():
            nat = self.nationality.setdefault(lang, {"adjectives": {}, "nouns": set(), "stop": set()})
            for code, adjs in (spec.get("adjectives") or {}).items():
                for adj in adjs:
                    text = adj["text"] if isinstance(adj, dict) else str(adj)
                    exact = bool(isinstance(adj, dict) and adj.get("case_sensitive"))
                    nat["adjectives"][alias_key(text)] = (code, text if exact else None)
            nat["nouns"].update(alias_key(n) for n in spec.get("nouns") or [])
            nat["stop"].update(alias_key(n) for n in spec.get("stop") or [])
        for item in data.get("by_country") or []:
            lang = item.get("lang", "ar")
            text = str(item["text"])
            codes = tuple(sorted((str(k), str(v)) for k, v in item["codes"].items()))
            eid = item.get("id") or f"country:{lang}:{text}"
            entry = Entry(kind="country", lang=lang, id=eid, codes=codes)
            self.add(alias_key(text), entry, lang)
        for iso, cues in (data.get("country_cues") or {}).items():
            for cue in cues:
                lang = "en" if cue.isascii() else "ar"
                self.add(alias_key(cue), Entry(kind="cue", lang=lang, id=f"cue:{iso}", code=iso), lang)
        self._load_patrons(data.get("patrons") or {})
        for item in data.get("anaphors") or []:
            rule = AnaphorRule(
                id=item["id"],
                candidates=tuple(item.get("candidates") or ()),
                fallback=item.get("fallback"),
                fallback_if_named=item.get("fallback_if_named"),
                fallback_by_country=dict(item.get("fallback_by_country") or {}),
            )
            self.anaphors[rule.id] = rule
            lang = item.get("lang", "ar")
            for text in item["text"]:
                entry = Entry(kind="anaphor", lang=lang, id=f"anaphor:{rule.id}:{text}", anaphor=rule.id)
                self.add(alias_key(text), entry, lang)
        for lang, heads in (data.get("genitive_heads") or {}).items():
            self.heads[lang].update(alias_key(h) for h in heads)
        for lang, mods in (data.get("trailing_modifiers") or {}).items():
            self.trailing[lang].update(alias_key(m) for m in mods)
        support = data.get("support") or {}
        for lang, phrases in (support.get("modifier") or {}).items():
            self.modifier[lang].update(alias_key(p.replace("ـ", "")) for p in phrases)
        for lang, phrases in (support.get("assist") or {}).items():
            self.assist[lang].update(alias_key(p.replace("ـ", "")) for p in phrases)
        for aux, principals in (data.get("auxiliaries") or {}).items():
            self.aux.setdefault(aux, set()).update(principals)
        for lang, words in (data.get("coalition_joiners") or {}).items():
            self.joiners[lang].update(alias_key(w) for w in words)

    def _load_patrons(self, patrons: dict[str, Any]) -> None:
        ar = patrons.get("ar") or {}
        for client, names in (ar.get("patrons") or {}).items():
            for head in ar.get("heads") or []:
                for link in ar.get("links") or []:
                    for name in names:
                        link_n = link.replace("ـ", "")
                        if link_n.endswith(" ل") or link_n.endswith(" ب"):
                            clitic = link_n[-1]
                            if clitic == "ل" and name.startswith("ال"):
                                phrase = f"{head} {link_n[:-1]}ل{name[1:]}"
                            else:
                                phrase = f"{head} {link_n}{name}"
                        else:
                            phrase = f"{head} {link_n} {name}"
                        self._patron_alias(client, phrase, "ar")
        for client, adverbs in (ar.get("adverbs") or {}).items():
            for head in ar.get("heads") or []:
                for adv in adverbs:
                    self._patron_alias(client, f"{head} {adv}", "ar")
        en = patrons.get("en") or {}
        for client, prefixes in (en.get("prefixes") or {}).items():
            for head in en.get("heads") or []:
                for prefix in prefixes:
                    self._patron_alias(client, f"{prefix} {head}", "en")

    def _patron_alias(self, client: str, phrase: str, lang: str) -> None:
        entry = Entry(kind="alias", lang=lang, id=f"{client}:patron:{lang}:{phrase}", code=client)
        key = alias_key(phrase)
        if key not in self.entries:
            self.add(key, entry, lang)

    def build(self) -> ActorLexicon:
        def longest_first(d: dict[str, set[str]]) -> dict[str, tuple[str, ...]]:
            return {k: tuple(sorted(v, key=len, reverse=True)) for k, v in d.items()}

        return ActorLexicon(
            version="+".join(self.versions),
            kinds=dict(self.kinds),
            countries=dict(self.countries),
            entries=self.entries,
            anaphors=self.anaphors,
            genitive_heads={k: frozenset(v) for k, v in self.heads.items()},
            trailing={k: frozenset(v) for k, v in self.trailing.items()},
            support_modifier=longest_first(self.modifier),
            support_assist=longest_first(self.assist),
            auxiliaries={k: frozenset(v) for k, v in self.aux.items()},
            nationality=self.nationality,
            joiners=longest_first(self.joiners),
        )


def _default_text() -> str:
    return (DATA_DIR / "actors.yaml").read_text(encoding="utf-8")


def _env_paths() -> tuple[Path, ...]:
    raw = os.environ.get("RASAD_ACTORS", "")
    return tuple(Path(p) for p in raw.split(os.pathsep) if p.strip())


@lru_cache(maxsize=8)
def _load(extra: tuple[Path, ...]) -> ActorLexicon:
    b = _Builder()
    b.load(yaml.safe_load(_default_text()), "actors.yaml")
    for path in extra:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
        b.load(data, Path(path).name)
    return b.build()


def load_actors(extra: list[Path] | tuple[Path, ...] | None = None) -> ActorLexicon:
    """The shipped dictionary plus ``RASAD_ACTORS`` files plus ``extra`` (later ones win)."""
    return _load(_env_paths() + tuple(Path(p) for p in (extra or ())))
