"""The gazetteer: places with their name variants, loaded from the packaged file and overlays.

``load_gazetteer()`` gives the default gazetteer (cached): the compact file built by
``scripts/build_gazetteer.py`` (``rasad/data/gazetteer/places.tsv.gz``), rasad's own overlay
(``rasad/data/places_overlay.yaml``), and the user's directories (``--gazetteer DIR`` /
``RASAD_GAZETTEER_DIR``, several separated by ``os.pathsep``) which may hold a CSV tree laid out
like ``../shared/gazetteer``, GeoNames dumps (``SY.txt``, ``IQ.txt``, ``.zip`` or ``.gz``), a
compact ``*.tsv.gz``, and overlay files (``*.yaml``, ``*.yml``, other ``*.csv``).

Later sources override earlier ones place by place (same id); aliases add names to a place;
GeoNames entries that repeat a known place (same name within 5 km) only add their names to it.
"""

from __future__ import annotations

import difflib
import functools
import io
import math
import os
import re
import zipfile
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

from rasad.geo import haversine_km
from rasad.model import Place
from rasad.text.normalize import match_key

from .sources import PlaceRecord, parse_geonames, read_compact, read_geonames, read_overlay, read_source_dir
from .variants import VARIANT_KINDS, is_arabic, name_variants, translit_key

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
PACKAGED = DATA_DIR / "gazetteer" / "places.tsv.gz"
PACKAGED_OVERLAY = DATA_DIR / "places_overlay.yaml"
ENV_VAR = "RASAD_GAZETTEER_DIR"
SOURCE_CSVS = (
    "syria_communities.csv",
    "iraq_locations.csv",
    "iraq_cities.csv",
    "syria_sites.csv",
    "syria_city_neighbourhoods.csv",
    "syria_admin2_districts.csv",
    "syria_admin3_subdistricts.csv",
)

# Prior belief in a place of each kind (before the document speaks), used with population.
KIND_PRIOR = {
    "country": 1.0,
    "governorate": 0.95,
    "district": 0.6,
    "subdistrict": 0.5,
    "town": 0.5,
    "site": 0.45,
    "region": 0.55,
    "neighbourhood": 0.35,
}
FUZZY_MIN = 0.75  # least letter similarity for a transliteration-skeleton match
FUZZY_CLOSE = 0.85  # ... and for one added next to direct matches (Deir-ez-Zor / Dayr az-Zawr)


_VOWELS = str.maketrans({"e": "a", "o": "u", "y": "i", "w": "u"})


@functools.lru_cache(maxsize=1 << 16)
def _letters(s: str) -> str:
    """Letters of a Latin name with the article dropped and vowel spellings folded (for similarity)."""
    w = _ARTICLE.sub("", re.sub(r"[^a-z]", "", s.lower()))
    return re.sub(r"(.)\1+", r"\1", w.replace("ou", "u").replace("ee", "i").translate(_VOWELS))


_ARTICLE = re.compile(r"^(?:al|el|ar|as|ad|az|at|an|ash)(?=[a-z]{3})")
_RANK = {k: i for i, k in enumerate(VARIANT_KINDS)}


def _place(r: PlaceRecord) -> Place:
    return Place(
        id=r.id,
        name_ar=r.name_ar,
        name_en=r.name_en,
        kind=r.kind,
        lat=r.lat,
        lon=r.lon,
        country=r.country,
        admin1=r.admin1,
        admin2=r.admin2,
        admin3=r.admin3,
        population=r.population,
        source=r.source,
    )


class Gazetteer:
    """Places (``places[i]``) and their names; see the module docstring."""

    def __init__(
        self,
        records: Iterable[PlaceRecord],
        aliases: Iterable[tuple[str, str]] = (),
        origins: Iterable[str] = (),
    ) -> None:
        recs: dict[str, PlaceRecord] = {}
        for r in records:
            recs[r.id] = r  # a later source overrides a place of the same id
        self.warnings: list[str] = []
        extra: dict[str, list[str]] = defaultdict(list)
        for pid, name in aliases:
            if pid in recs:
                extra[pid].append(name)
            else:
                self.warnings.append(f"alias {name!r}: no place {pid!r}")
        self.places: list[Place] = []
        self._names: list[tuple[tuple[str, str], ...]] = []
        self._pre: list[list[tuple[str, str]] | None] = []  # precomputed variants (packaged file)
        for r in recs.values():
            self.places.append(_place(r))
            names = [*r.names(), *((n, "alias") for n in extra.get(r.id, ()))]
            self._names.append(tuple(names))
            self._pre.append(r.variants if r.id not in extra else None)
        self._ids = {p.id: i for i, p in enumerate(self.places)}
        self.origins = list(origins)

    # ------------------------------------------------------------------------ basic access
    def __len__(self) -> int:
        return len(self.places)

    def get(self, place_id: str) -> Place | None:
        i = self._ids.get(place_id)
        return self.places[i] if i is not None else None

    def index_of(self, place_id: str) -> int | None:
        return self._ids.get(place_id)

    def raw_names(self, i: int) -> tuple[tuple[str, str], ...]:
        """The names of place ``i`` as the sources write them: ``((name, "exact"|"alt"|"alias"), ...)``."""
        return self._names[i]

    # ------------------------------------------------------------------------- name index
    @functools.cached_property
    def _variant_table(self) -> list[tuple[str, int, str]]:
        out: list[tuple[str, int, str]] = []
        for i, names in enumerate(self._names):
            pre = self._pre[i]
            out.extend((v, i, k) for v, k in (pre if pre is not None else name_variants(names)))
        return out

    @functools.cached_property
    def _index(self) -> dict[str, list[tuple[int, str]]]:
        idx: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for v, i, k in self._variant_table:
            idx[v].append((i, k))
        return dict(idx)

    @functools.cached_property
    def _translit_index(self) -> dict[str, list[int]]:
        """Transliteration skeletons of the Latin names (also without spaces: Kafranbel / Kafr Nobol)."""
        idx: dict[str, list[int]] = defaultdict(list)
        for i, names in enumerate(self._names):
            seen: set[str] = set()
            for n, _k in names:
                if not is_arabic(n):
                    t = translit_key(n)
                    for key in (t, "#" + t.replace(" ", "")):
                        if len(key) > 1 and key not in seen:
                            seen.add(key)
                            idx[key].append(i)
        return dict(idx)

    def names(self) -> Iterator[tuple[str, int, str]]:
        """``(match-normalised variant, place index, variant kind)`` for every name variant."""
        return iter(self._variant_table)

    def lookup_indices(self, name: str, fuzzy: bool = True) -> list[tuple[int, str]]:
        """``[(place index, variant kind)]`` for ``name``: its match key, its own variants, and (Latin
        names, ``fuzzy``) the transliteration skeleton checked by letter similarity. Best kind first."""
        found: dict[int, str] = {}

        def put(i: int, k: str) -> None:
            if i not in found or _RANK.get(k, 99) < _RANK.get(found[i], 99):
                found[i] = k

        key = match_key(name)
        for i, k in self._index.get(key, ()):
            put(i, k)
        # the query's own spellings (article, endings, transliteration) meet the names' spellings
        for v, _vk in name_variants([(name, "exact")]):
            if v == key:
                continue
            for i, k in self._index.get(v, ()):
                put(i, "translit" if not is_arabic(name) else "spelling" if k == "exact" else k)
        if fuzzy and key and not is_arabic(name):
            # the transliteration skeleton: close spellings always, looser ones when nothing else matched
            least = FUZZY_MIN if not found else FUZZY_CLOSE
            t = translit_key(name)
            for i in self._translit_index.get(t) or self._translit_index.get("#" + t.replace(" ", ""), []):
                if i not in found and self._similar(name, i) >= least:
                    put(i, "translit")
        latin = not is_arabic(name)

        def order(t: tuple[int, str]) -> tuple[int, float, float]:
            sim = -self._similar(name, t[0]) if latin and t[1] == "translit" else 0.0
            return _RANK.get(t[1], 99), sim, -self.prior(t[0])

        return sorted(found.items(), key=order)

    def _similar(self, name: str, i: int) -> float:
        """How close a Latin ``name`` is to the closest Latin name of place ``i`` (0..1, letters only)."""
        q = _letters(name)
        best = 0.0
        for n, _k in self._names[i]:
            if not is_arabic(n):
                best = max(best, difflib.SequenceMatcher(None, q, _letters(n)).ratio())
        return best

    def lookup(self, name: str, country: str | None = None, kind: str | None = None) -> list[Place]:
        """Places named ``name`` (any spelling the variants cover), best first."""
        out = [self.places[i] for i, _k in self.lookup_indices(name)]
        if country:
            out = [p for p in out if p.country == country]
        if kind:
            out = [p for p in out if p.kind == kind]
        return out

    # ---------------------------------------------------------------------- disambiguation
    @functools.cached_property
    def _by_admin1(self) -> dict[str, list[int]]:
        idx: dict[str, list[int]] = defaultdict(list)
        for i, p in enumerate(self.places):
            if p.admin1:
                idx[match_key(p.admin1)].append(i)
        return dict(idx)

    @functools.cached_property
    def _admin1_names(self) -> dict[str, str]:
        """match key of any governorate name (Arabic or English, variants) -> canonical admin1."""
        out: dict[str, str] = {}
        for i, p in enumerate(self.places):
            if p.kind == "governorate" and p.admin1:
                for v, _k in name_variants(self._names[i]):
                    out.setdefault(v, p.admin1)
                out[match_key(p.admin1)] = p.admin1
        return out

    @functools.cached_property
    def _admin1_translit(self) -> dict[str, str]:
        return {
            translit_key(p.admin1): p.admin1
            for p in self.places
            if p.kind == "governorate" and p.admin1 and not is_arabic(p.admin1)
        }

    def canonical_admin1(self, name: str) -> str | None:
        """``"دير الزور"`` / ``"Deir ez-Zor"`` / ``"Dayr az Zawr"`` -> ``"Deir-ez-Zor"``."""
        got = self._admin1_names.get(match_key(name))
        if got is None and not is_arabic(name):
            got = self._admin1_translit.get(translit_key(name))
        return got

    def by_admin1(self, admin1: str, kinds: Iterable[str] | None = None) -> list[Place]:
        """Places of a governorate (any spelling of its name), optionally of some kinds."""
        canon = self.canonical_admin1(admin1) or admin1
        ks = set(kinds) if kinds else None
        return [
            self.places[i]
            for i in self._by_admin1.get(match_key(canon), ())
            if ks is None or self.places[i].kind in ks
        ]

    @functools.cached_property
    def _centres(self) -> dict[str, float]:
        """Towns that give their name to their district (+0.2) or sub-district (+0.1): the lists
        have no population for Syria, and an admin centre is the likelier reading of a name."""

        def fold(s: str) -> str:
            return _ARTICLE.sub("", re.sub(r"[^a-z]", "", s.lower()))

        out: dict[str, float] = {}
        for p in self.places:
            if p.kind != "town" or not p.name_en:
                continue
            k = fold(p.name_en)
            if p.admin2 and fold(p.admin2) == k:
                out[p.id] = 0.2
            elif p.admin3 and fold(p.admin3) == k:
                out[p.id] = 0.1
        return out

    def prior(self, place: int | Place) -> float:
        """A 0..1 prior for a place from its kind, population and rank as an admin centre."""
        p = self.places[place] if isinstance(place, int) else place
        base = KIND_PRIOR.get(p.kind, 0.4) + self._centres.get(p.id, 0.0)
        if p.population:
            base += min(0.4, math.log10(max(p.population, 1)) / 20)
        if p.source in ("overlay", "cities"):
            base += 0.05
        return min(1.0, base)

    def near(
        self, lat: float, lon: float, km: float = 30.0, kinds: Iterable[str] | None = None
    ) -> list[Place]:
        """Places within ``km`` of a point, nearest first (a linear scan: for occasional use)."""
        ks = set(kinds) if kinds else None
        out = []
        for p in self.places:
            if p.lat is None or p.lon is None or (ks and p.kind not in ks):
                continue
            if abs(p.lat - lat) > km / 100 or abs(p.lon - lon) > km / 80:
                continue
            d = haversine_km(lat, lon, p.lat, p.lon)
            if d <= km:
                out.append((d, p))
        return [p for _d, p in sorted(out, key=lambda t: t[0])]

    def info(self) -> dict[str, object]:
        return {
            "places": len(self.places),
            "by_source": dict(Counter(p.source for p in self.places).most_common()),
            "by_kind": dict(Counter(p.kind for p in self.places).most_common()),
            "by_country": dict(Counter(p.country for p in self.places).most_common()),
            "origins": self.origins,
            # places whose name variants came precomputed from the packaged file (the rest are
            # computed on load: rebuild the file after editing the variant rules)
            "precomputed_variants": sum(1 for v in self._pre if v is not None),
            "warnings": self.warnings,
        }


# ------------------------------------------------------------------------------- loading


def _geonames_files(d: Path) -> list[Path]:
    out = []
    for p in sorted(d.iterdir()):
        n = p.name
        if (
            (len(n) == 6 and n[:2].isupper() and n.endswith(".txt"))
            or n in ("allCountries.txt",)
            or (n[:2].isupper() and n[2:] in (".zip", ".txt.gz"))
        ):
            out.append(p)
    return out


def _read_geonames_any(p: Path) -> list[PlaceRecord]:
    """A GeoNames dump as downloaded (``SY.zip``), unpacked (``SY.txt``) or gzip'd."""
    if p.suffix == ".zip":
        recs: list[PlaceRecord] = []
        with zipfile.ZipFile(p) as zf:
            for n in zf.namelist():
                if n.endswith(".txt") and not n.lower().startswith("readme"):
                    with zf.open(n) as raw:
                        recs += parse_geonames(io.TextIOWrapper(raw, encoding="utf-8"))
        return recs
    return read_geonames(p)


def _merge_geonames(base: list[PlaceRecord], gn: list[PlaceRecord]) -> list[PlaceRecord]:
    """Fold GeoNames duplicates of known places into them; fill admin1 of the rest (nearest place)."""
    grid: dict[tuple[int, int], list[PlaceRecord]] = defaultdict(list)  # 0.1 degree cells
    coarse: dict[tuple[int, int], list[PlaceRecord]] = defaultdict(list)  # 1 degree cells, for admin1
    for r in base:
        if r.lat is not None and r.lon is not None and r.kind in ("town", "neighbourhood", "site"):
            grid[(int(r.lat * 10), int(r.lon * 10))].append(r)
            if r.admin1:
                coarse[(int(r.lat), int(r.lon))].append(r)

    def keys(r: PlaceRecord) -> set[str]:
        ks = {match_key(n) for n in (r.name_ar, *r.alt_ar) if n}
        ks |= {translit_key(n) for n in (r.name_en, *r.alt_en) if n}
        return {k for k in ks if k}

    added = []
    for g in gn:
        if g.lat is None or g.lon is None:
            continue
        cy, cx = int(g.lat * 10), int(g.lon * 10)
        near = [
            (haversine_km(g.lat, g.lon, r.lat, r.lon), r)
            for dy in (-1, 0, 1)
            for dx in (-1, 0, 1)
            for r in grid.get((cy + dy, cx + dx), ())
            if r.lat is not None and r.lon is not None
        ]
        near.sort(key=lambda t: t[0])
        gk = keys(g)
        dup = next((r for d, r in near if d <= 5 and r.country == g.country and keys(r) & gk), None)
        if dup is not None and g.kind in ("town", "neighbourhood"):
            for n in (g.name_ar, g.name_en, *g.alt_ar, *g.alt_en):
                dup.add_alt(n)
            continue
        if g.admin1 is None:
            if not near:
                cy, cx = int(g.lat), int(g.lon)
                near = sorted(
                    ((haversine_km(g.lat, g.lon, r.lat, r.lon), r) for dy in (-1, 0, 1) for dx in (-1, 0, 1)
                     for r in coarse.get((cy + dy, cx + dx), ()) if r.lat is not None and r.lon is not None),
                    key=lambda t: t[0],
                )
            same = [r for _d, r in near if r.country == g.country and r.admin1]
            g.admin1 = same[0].admin1 if same else None
        added.append(g)
    return added


def _read_dir(d: Path) -> tuple[list[PlaceRecord], list[tuple[str, str]], list[PlaceRecord]]:
    """(places, aliases, geonames places) of a user directory."""
    recs: list[PlaceRecord] = []
    aliases: list[tuple[str, str]] = []
    if any((d / n).is_file() for n in SOURCE_CSVS):
        recs += read_source_dir(d)
    for p in sorted(d.glob("*.tsv.gz")):
        recs += read_compact(p)
    for p in sorted([*d.glob("*.yaml"), *d.glob("*.yml"), *d.glob("*.csv")]):
        if p.name in SOURCE_CSVS:
            continue
        ov = read_overlay(p, source="user")
        recs += ov.places
        aliases += ov.aliases
    gn: list[PlaceRecord] = []
    for p in _geonames_files(d):
        gn += _read_geonames_any(p)
    return recs, aliases, gn


def build_gazetteer(
    extra_dirs: Iterable[Path] = (), overlay: Iterable[Path] = (), packaged: bool = True
) -> Gazetteer:
    """An uncached gazetteer: packaged file + packaged overlay (``packaged``) + dirs + overlays."""
    recs: list[PlaceRecord] = []
    aliases: list[tuple[str, str]] = []
    origins: list[str] = []
    gn: list[PlaceRecord] = []
    if packaged:
        if PACKAGED.is_file():
            recs += read_compact(PACKAGED)
            origins.append(str(PACKAGED))
        if PACKAGED_OVERLAY.is_file():
            ov = read_overlay(PACKAGED_OVERLAY)
            recs += ov.places
            aliases += ov.aliases
            origins.append(str(PACKAGED_OVERLAY))
    for d in extra_dirs:
        d = Path(d)
        if not d.is_dir():
            raise FileNotFoundError(f"gazetteer directory not found: {d}")
        r, a, g = _read_dir(d)
        recs += r
        aliases += a
        gn += g
        origins.append(str(d))
    for p in overlay:
        ov = read_overlay(Path(p), source="user")
        recs += ov.places
        aliases += ov.aliases
        origins.append(str(p))
    if gn:
        recs += _merge_geonames(recs, gn)
    return Gazetteer(recs, aliases, origins)


@functools.lru_cache(maxsize=8)
def _cached(extra_dirs: tuple[str, ...], overlay: tuple[str, ...]) -> Gazetteer:
    return build_gazetteer([Path(d) for d in extra_dirs], [Path(p) for p in overlay])


def env_dirs() -> list[Path]:
    v = os.environ.get(ENV_VAR, "").strip()
    return [Path(x) for x in v.split(os.pathsep) if x.strip()] if v else []


def gazetteer_or_none() -> Gazetteer | None:
    """The default gazetteer, or None when none is built (exports then keep names as written)."""
    try:
        return load_gazetteer()
    except Exception:
        return None


def load_gazetteer(extra_dirs: list[Path] | None = None, overlay: list[Path] | None = None) -> Gazetteer:
    """The default gazetteer (cached per arguments): packaged data + overlay + ``RASAD_GAZETTEER_DIR``
    + ``extra_dirs`` + ``overlay`` files."""
    dirs = [*env_dirs(), *(extra_dirs or [])]
    return _cached(
        tuple(str(Path(d).resolve()) for d in dirs), tuple(str(Path(p).resolve()) for p in overlay or [])
    )
