"""Readers for the place lists rasad knows, and the compact file the build writes.

Every reader returns :class:`PlaceRecord` values (a mutable record with alternate names); the
:class:`rasad.places.gazetteer.Gazetteer` turns them into frozen :class:`rasad.model.Place`.

* :func:`read_source_dir` - a directory with the layout of ``../shared/gazetteer`` (OCHA-based
  Syrian communities, neighbourhoods, sites, admin 2/3; IOM Iraq locations; Iraq's cities), and
  optionally ``../boundaries/syria_admin{1,2}.geojson`` for centroids; Iraq's part, with the
  Arabic names of its admin units (``data/gazetteer/iraq_admin_ar.yaml``), is in
  :mod:`rasad.places.sources_iraq`;
* :func:`read_geonames` - a GeoNames country dump (``SY.txt``, ``IQ.txt``; tab separated, the
  alternate names in column 4);
* :func:`read_overlay` - a YAML or CSV overlay: new places and aliases of existing ones;
* :func:`write_compact` / :func:`read_compact` - the packaged ``places.tsv.gz``.
"""

from __future__ import annotations

import csv
import functools
import gzip
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rasad.text.normalize import match_key

from .variants import split_compound

ADMIN_FACTS = Path(__file__).resolve().parents[1] / "data" / "gazetteer" / "admin.yaml"


@functools.cache
def admin_facts() -> dict[str, Any]:
    """Governorate capitals and spellings (``rasad/data/gazetteer/admin.yaml``)."""
    import yaml

    return yaml.safe_load(ADMIN_FACTS.read_text(encoding="utf-8"))


def slug(s: str) -> str:
    """A stable ASCII id part: ``Tal Afar`` -> ``tal-afar``; Arabic kept as is."""
    s = re.sub(r"['`’‘ʿʾ]", "", s.strip().lower())
    s = re.sub(r"[^\w]+", "-", s, flags=re.UNICODE).strip("-")
    return s or "x"


COMPACT_COLUMNS = ("id", "name_ar", "name_en", "kind", "country", "admin1", "admin2", "admin3",
                   "lat", "lon", "population", "source", "alt_ar", "alt_en", "variants")
COMPACT_MAGIC = "#rasad-gazetteer"
KINDS = ("country", "governorate", "district", "subdistrict", "town", "neighbourhood", "site", "region")


@dataclass(slots=True)
class PlaceRecord:
    id: str
    name_ar: str | None
    name_en: str | None
    kind: str
    country: str
    admin1: str | None = None
    admin2: str | None = None
    admin3: str | None = None
    lat: float | None = None
    lon: float | None = None
    population: int | None = None
    source: str = ""
    alt_ar: list[str] = field(default_factory=list)
    alt_en: list[str] = field(default_factory=list)
    # precomputed (variant, kind) of the names above (packaged file); None: compute when loaded
    variants: list[tuple[str, str]] | None = None

    def names(self) -> list[tuple[str, str]]:
        """``[(name, "exact"|"alt")]`` as the sources write them."""
        out = [(n, "exact") for n in (self.name_ar, self.name_en) if n]
        return out + [(n, "alt") for n in (*self.alt_ar, *self.alt_en)]

    def add_alt(self, name: str | None) -> None:
        if not name:
            return
        name = " ".join(name.split()).strip(" -/_,")
        if not name or name in (self.name_ar, self.name_en):
            return
        target = self.alt_ar if re.search(r"[\u0600-\u06FF]", name) else self.alt_en
        if name not in target:
            target.append(name)
            self.variants = None  # precomputed variants no longer cover every name


def _f(v: str | None) -> float | None:
    try:
        return round(float(v), 5) if v not in (None, "") else None
    except ValueError:
        return None


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


# ------------------------------------------------------------------------------ name cleaning

def _add_ref(rec: PlaceRecord, ref: str | None, context: Iterable[str | None]) -> None:
    """A COD ``*_REF`` name ("الصالحية - الرقة", "Salhiyeh (Ar-Raqqa)"): its clean part(s) as alternates."""
    if ref:
        primary, alts = split_compound(ref, context, paren_alt=False)
        for n in (primary, *alts):
            rec.add_alt(n)


# ------------------------------------------------------------------------------ Syria (OCHA)


def _centroids(geojson: Path, code_key: str) -> dict[str, tuple[float, float]]:
    if not geojson.is_file():
        return {}
    from shapely.geometry import shape

    data = json.loads(geojson.read_text(encoding="utf-8"))
    out = {}
    for feat in data.get("features", []):
        props = feat.get("properties", {})
        code = props.get(code_key)
        if code and feat.get("geometry"):
            pt = shape(feat["geometry"]).representative_point()
            out[code] = (round(pt.y, 5), round(pt.x, 5))
    return out


def read_source_dir(src: Path) -> list[PlaceRecord]:
    """All places of a directory laid out like ``../shared/gazetteer`` (missing files skipped)."""
    src = Path(src)
    recs: list[PlaceRecord] = []
    from .sources_iraq import read_iraq  # imports this module

    recs += _read_syria(src)
    recs += read_iraq(src)
    return recs


def _read_syria(src: Path) -> list[PlaceRecord]:
    recs: list[PlaceRecord] = []
    comm_path = src / "syria_communities.csv"
    comms = _read_csv(comm_path) if comm_path.is_file() else []
    for r in comms:
        ctx = (r.get("subdistrict_ar"), r.get("district_ar"), r.get("governorate_ar"))
        ctx_en = (r.get("subdistrict_en"), r.get("district_en"), r.get("governorate_en"))
        ar, alt_ar = split_compound(r["name_ar"], ctx)
        en, alt_en = split_compound(r["name_en"], ctx_en, paren_alt=False)
        rec = PlaceRecord(id=f"SY:{r['pcode']}", name_ar=ar or None, name_en=en or None, kind="town",
                          country="SY", admin1=r.get("governorate_en") or None,
                          admin2=r.get("district_en") or None, admin3=r.get("subdistrict_en") or None,
                          lat=_f(r.get("lat")), lon=_f(r.get("lon")), source="ocha")
        for a in (*alt_ar, *alt_en):
            rec.add_alt(a)
        recs.append(rec)

    # admin 1/2/3 from the COD tables; coordinates: main town, else polygon centroid, else mean
    adm2_path, adm3_path = src / "syria_admin2_districts.csv", src / "syria_admin3_subdistricts.csv"
    adm2 = _read_csv(adm2_path) if adm2_path.is_file() else []
    adm3 = _read_csv(adm3_path) if adm3_path.is_file() else []
    bdir = src.parent / "boundaries" if not (src / "boundaries").is_dir() else src / "boundaries"
    cent1 = _centroids(bdir / "syria_admin1.geojson", "PCODE")
    cent2 = _centroids(bdir / "syria_admin2.geojson", "PCODE")
    towns = defaultdict(list)  # (admin1, match key) -> records
    for rec in recs:
        if rec.name_ar:
            towns[(rec.admin1, match_key(rec.name_ar))].append(rec)

    def town(admin1: str | None, name_ar: str, admin2: str | None = None) -> PlaceRecord | None:
        k = match_key(name_ar).removeprefix("مركز ").strip()
        cands = towns.get((admin1, k), [])
        if admin2:
            cands = [c for c in cands if c.admin2 == admin2] or cands
        return cands[0] if cands else None

    def mean(rs: list[PlaceRecord]) -> tuple[float | None, float | None]:
        pts = [(r.lat, r.lon) for r in rs if r.lat is not None and r.lon is not None]
        if not pts:
            return None, None
        return round(sum(p[0] for p in pts) / len(pts), 5), round(sum(p[1] for p in pts) / len(pts), 5)

    govs: dict[str, tuple[str, str]] = {}
    for r in adm2:
        govs[r["ADM1_PCODE"]] = (r["ADM1_EN"], r["ADM1_AR"])
    for code, (en, ar) in sorted(govs.items()):
        cap = town(en, admin_facts()["syria"]["capitals"].get(en, ar))
        lat, lon = (cap.lat, cap.lon) if cap else cent1.get(code, (None, None))
        if en == "Rural Damascus" and code in cent1:
            lat, lon = cent1[code]
        recs.append(
            PlaceRecord(id=f"SYA1:{code}", name_ar=ar, name_en=en, kind="governorate", country="SY",
                        admin1=en, lat=lat, lon=lon, source="ocha")
        )
    for r in adm2:
        en, ar, a1 = r["NAME_EN"], r["NAME_AR"], r["ADM1_EN"]
        cap = town(a1, ar, en)
        lat, lon = (cap.lat, cap.lon) if cap else cent2.get(r["PCODE"], (None, None))
        if lat is None:
            lat, lon = mean([x for x in recs if x.kind == "town" and x.admin2 == en and x.admin1 == a1])
        rec = PlaceRecord(id=f"SYA2:{r['PCODE']}", name_ar=ar, name_en=en, kind="district", country="SY",
                          admin1=a1, admin2=en, lat=lat, lon=lon, source="ocha")
        _add_ref(rec, r.get("NAM_EN_REF"), (a1, r.get("ADM1_AR")))
        recs.append(rec)
    for r in adm3:
        en, ar, a1, a2 = r["NAME_EN"], r["NAME_AR"], r["ADM1_EN"], r["ADM2_EN"]
        cap = town(a1, ar, a2)
        members = [x for x in recs if x.kind == "town" and x.admin3 == en and x.admin2 == a2]
        lat, lon = (cap.lat, cap.lon) if cap else mean(members)
        if lat is None:  # no community in it (occupied Golan): the district's centroid
            lat, lon = cent2.get(r["ADM2_PCODE"], (None, None))
        rec = PlaceRecord(id=f"SYA3:{r['PCODE']}", name_ar=ar, name_en=en, kind="subdistrict", country="SY",
                          admin1=a1, admin2=a2, admin3=en, lat=lat, lon=lon, source="ocha")
        ctx = (a1, a2, r.get("ADM1_AR"), r.get("ADM2_AR"))
        _add_ref(rec, r.get("NAM_EN_REF"), ctx)
        _add_ref(rec, r.get("NAM_AR_REF"), ctx)
        recs.append(rec)

    nb_path = src / "syria_city_neighbourhoods.csv"
    for r in _read_csv(nb_path) if nb_path.is_file() else []:
        rec = PlaceRecord(id=f"SYN:{r['PCODE']}", name_ar=r["NAME_AR"] or None, name_en=r["NAME_EN"] or None,
                          kind="neighbourhood", country="SY", admin1=r.get("ADM1_EN") or None,
                          admin2=r.get("ADM2_EN") or None, admin3=r.get("ADM3_EN") or None,
                          lat=_f(r.get("LATITUDE")), lon=_f(r.get("LONGITUDE")), source="ocha-cod")
        ctx = tuple(r.get(f"ADM{i}_{lang}") for i in (1, 2, 3, 4) for lang in ("EN", "AR"))
        _add_ref(rec, r.get("NAM_EN_REF"), ctx)
        _add_ref(rec, r.get("NAM_AR_REF"), ctx)
        recs.append(rec)

    # sites: admin chain from the P-code they fall in
    by_code: dict[str, tuple[str | None, str | None, str | None]] = {}
    for code, (en, _ar) in govs.items():
        by_code[code] = (en, None, None)
    for r in adm2:
        by_code[r["PCODE"]] = (r["ADM1_EN"], r["NAME_EN"], None)
    for r in adm3:
        by_code[r["PCODE"]] = (r["ADM1_EN"], r["ADM2_EN"], r["NAME_EN"])
    admin_ll = {
        x.id.split(":", 1)[1]: (x.lat, x.lon)
        for x in recs
        if x.kind in ("governorate", "district", "subdistrict") and x.lat is not None
    }
    site_path = src / "syria_sites.csv"
    for n, r in enumerate(_read_csv(site_path) if site_path.is_file() else [], start=1):
        a1, a2, a3 = by_code.get(r.get("admin_pcode", ""), (None, None, None))
        lat, lon = _f(r.get("lat")), _f(r.get("lon"))
        if lat is None or lon is None:  # no coordinates: those of the admin unit it lies in
            lat, lon = admin_ll.get(r.get("admin_pcode", ""), (None, None))
        ar = r.get("name_ar") or None
        en = r.get("name_en") or None
        if en and en.isupper():
            en = en.title()
        k = match_key(ar or "")
        kind = (
            "site"
            if k.startswith(
                ("دوار", "مشفى", "مشفي", "مستشفى", "مستشفي", "جامع", "مسجد", "فندق", "جسر", "ساحه", "دار",
                 "كليه", "مدرسه", "معبر", "سوق", "قلعه", "مطار", "ثكنه", "الكليه")
            )
            else "neighbourhood"
        )
        if k.startswith("مدينه "):
            kind = "town"
        recs.append(
            PlaceRecord(id=f"SYS:{n}", name_ar=ar, name_en=en, kind=kind, country="SY", admin1=a1, admin2=a2,
                        admin3=a3, lat=lat, lon=lon, source="syrian-archive")
        )
    return recs


# ---------------------------------------------------------------------------------- GeoNames

_GN_KIND = {"ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict", "PPLX": "neighbourhood"}


def read_geonames(path: Path) -> list[PlaceRecord]:
    """A GeoNames country dump (``SY.txt``/``IQ.txt``/``allCountries.txt`` subset), Syria and Iraq rows.

    Kinds: feature class P -> town (PPLX -> neighbourhood), A/ADM1-3 -> admin levels, other
    classes (S spots, T hills, H water, L areas, V) -> site. admin1 is left empty here and filled
    by :meth:`Gazetteer` from the nearest base place.
    """
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        return parse_geonames(fh)


_ODD_CHARS = re.compile(r"[^\u0600-\u06FF\w\s'`’‘\-()]")  # alternate names in other scripts, codes, URLs


def parse_geonames(lines: Iterable[str]) -> list[PlaceRecord]:
    """The rows of a GeoNames dump (see :func:`read_geonames`)."""
    recs: list[PlaceRecord] = []
    for line in lines:
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 15:
            continue
        gid, name, ascii_name, alts, lat, lon, fclass, fcode, cc = cols[:9]
        if cc not in ("SY", "IQ") or fclass not in "PASTHLV" or not fclass:
            continue
        if fclass == "A" and fcode not in _GN_KIND:
            continue
        kind = _GN_KIND.get(fcode, "town" if fclass == "P" else "site" if fclass != "A" else "region")
        alt_names = [a for a in alts.split(",") if a]
        ar = next((a for a in alt_names if re.search(r"[\u0600-\u06FF]", a)), None)
        en = name if not re.search(r"[\u0600-\u06FF]", name) else ascii_name
        try:
            pop = int(cols[14]) or None
        except ValueError:
            pop = None
        rec = PlaceRecord(id=f"GN:{gid}", name_ar=ar, name_en=en, kind=kind, country=cc, lat=_f(lat),
                          lon=_f(lon), population=pop, source="geonames")
        rec.add_alt(ascii_name)
        for a in alt_names:
            if re.search(r"[\u0600-\u06FFA-Za-z]", a) and not _ODD_CHARS.search(a):
                rec.add_alt(a)
        recs.append(rec)
    return recs


# ----------------------------------------------------------------------------------- overlay


@dataclass(slots=True)
class Overlay:
    places: list[PlaceRecord] = field(default_factory=list)
    aliases: list[tuple[str, str]] = field(default_factory=list)  # (place id, alias name)


def _overlay_items(path: Path) -> list[dict]:
    if path.suffix.lower() in (".yaml", ".yml"):
        import yaml

        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ~10x faster
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=loader) or {}
        items = data.get("places", []) if isinstance(data, dict) else data
        if isinstance(data, dict):
            items = [
                *items,
                *(
                    {"alias_of": k, **(v if isinstance(v, dict) else {"aliases": v})}
                    for k, v in (data.get("aliases") or {}).items()
                ),
            ]
        return [i for i in items if isinstance(i, dict)]
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: v for k, v in row.items() if k and v not in (None, "")} for row in csv.DictReader(fh)]


def _names(v: object) -> list[str]:
    if v is None:
        return []
    if isinstance(v, str):
        return [s.strip() for s in v.split("|") if s.strip()]
    if isinstance(v, dict):
        return [n for x in v.values() for n in _names(x)]
    if isinstance(v, list | tuple):
        return [n for x in v for n in _names(x)]
    return [str(v)]


def read_overlay(path: Path, source: str = "overlay") -> Overlay:
    """An overlay file (YAML or CSV) of new places and aliases.

    YAML: ``places:`` a list of mappings with ``id, name_ar, name_en, aliases (list, or
    {ar: [...], en: [...]}), kind, country, admin1, admin2, lat, lon, population``; an item
    with ``alias_of: <place id>`` and ``aliases`` (or ``name``) adds names to an existing place;
    ``aliases:`` a mapping ``place id -> [names]`` does the same (several ids separated by spaces
    give every one of them the names). CSV: the same columns, several aliases separated by ``|``.
    """
    ov = Overlay()
    for it in _overlay_items(Path(path)):
        target = it.get("alias_of")
        names = _names(it.get("aliases")) + _names(it.get("alias"))
        if target:  # one id, or several separated by spaces (a town and its district...)
            ov.aliases += [(t, n) for t in str(target).split() for n in names + _names(it.get("name"))]
            continue
        name_ar, name_en = it.get("name_ar"), it.get("name_en")
        if not (name_ar or name_en):
            continue
        pid = str(it.get("id") or f"OVL:{slug(str(name_en or name_ar))}")
        pop = it.get("population")
        rec = PlaceRecord(id=pid, name_ar=name_ar, name_en=name_en, kind=str(it.get("kind") or "site"),
                          country=str(it.get("country") or "SY"), admin1=it.get("admin1"),
                          admin2=it.get("admin2"), admin3=it.get("admin3"), lat=_f(str(it.get("lat", ""))),
                          lon=_f(str(it.get("lon", ""))),
                          population=int(pop) if pop not in (None, "") else None,
                          source=str(it.get("source") or source))
        for n in names:
            rec.add_alt(n)
        ov.places.append(rec)
    return ov


# ------------------------------------------------------------------------------ compact file


def write_compact(recs: Iterable[PlaceRecord], out: Path, with_variants: bool = True) -> Path:
    """The packaged format: gzip'd TSV, one place a line, alternates joined by ``|``.

    A first comment line records the format and the fingerprint of the variant rules; the last
    column holds each place's precomputed name variants (``key<US>code`` joined by ``|``), so
    loading skips the rule work while the rules are unchanged.
    """
    from .variants import KIND_CODES, RULES_HASH, name_variants

    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    buf.write(f"{COMPACT_MAGIC}\tformat=2\tvariants={RULES_HASH if with_variants else ''}\n")
    buf.write("\t".join(COMPACT_COLUMNS) + "\n")
    for r in recs:
        pairs = name_variants(r.names()) if with_variants else []
        var = "|".join(f"{v}\x1f{KIND_CODES[k]}" for v, k in pairs)
        lat = "" if r.lat is None else f"{r.lat:.5f}"
        lon = "" if r.lon is None else f"{r.lon:.5f}"
        vals = [r.id, r.name_ar or "", r.name_en or "", r.kind, r.country, r.admin1 or "", r.admin2 or "",
                r.admin3 or "", lat, lon, "" if r.population is None else str(r.population), r.source,
                "|".join(r.alt_ar), "|".join(r.alt_en)]
        buf.write("\t".join([*(" ".join(v.split()) for v in vals), var]) + "\n")
    # no file name and no time in the gzip header: the same input gives the same bytes
    with out.open("wb") as raw, gzip.GzipFile(filename="", fileobj=raw, mode="wb", mtime=0) as fh:
        fh.write(buf.getvalue().encode("utf-8"))
    return out


def read_compact(path: Path) -> list[PlaceRecord]:
    """Read a file written by :func:`write_compact` (precomputed variants kept if still valid)."""
    from .variants import CODE_KINDS, RULES_HASH

    with gzip.open(path, "rb") as fh:
        lines = fh.read().decode("utf-8").split("\n")
    meta: dict[str, str] = {}
    if lines and lines[0].startswith(COMPACT_MAGIC):
        meta = dict(kv.split("=", 1) for kv in lines[0].split("\t")[1:] if "=" in kv)
        lines = lines[1:]
    header = tuple(lines[0].split("\t")) if lines else ()
    if header[:14] != COMPACT_COLUMNS[:14]:
        raise ValueError(f"{path}: not a rasad gazetteer file (header {header[:3]}...)")
    use_var = len(header) > 14 and meta.get("variants") == RULES_HASH
    recs = []
    for line in lines[1:]:
        if not line:
            continue
        c = line.split("\t")
        rec = PlaceRecord(id=c[0], name_ar=c[1] or None, name_en=c[2] or None, kind=c[3], country=c[4],
                          admin1=c[5] or None, admin2=c[6] or None, admin3=c[7] or None,
                          lat=float(c[8]) if c[8] else None, lon=float(c[9]) if c[9] else None,
                          population=int(c[10]) if c[10] else None, source=c[11],
                          alt_ar=c[12].split("|") if c[12] else [], alt_en=c[13].split("|") if c[13] else [])
        if use_var:
            rec.variants = [(v, CODE_KINDS[k]) for v, k in (x.split("\x1f") for x in c[14].split("|") if x)]
        recs.append(rec)
    return recs


def build_compact(src: Path, out: Path) -> dict[str, Any]:
    """Read the place lists in ``src`` and write the compact file ``out``; returns counts.

    Raises FileNotFoundError (no such directory) or ValueError (no list in it, duplicate ids).
    """
    from collections import Counter

    src, out = Path(src), Path(out)
    if not src.is_dir():
        raise FileNotFoundError(f"source directory not found: {src}")
    recs = read_source_dir(src)
    if not recs:
        raise ValueError(f"no place list found in {src}")
    dup = [i for i, n in Counter(r.id for r in recs).items() if n > 1]
    if dup:
        raise ValueError(f"duplicate place ids: {dup[:10]}")
    write_compact(recs, out)
    return {
        "out": str(out),
        "bytes": out.stat().st_size,
        "places": len(recs),
        "by_source": dict(Counter(r.source for r in recs)),
        "by_kind": dict(Counter(r.kind for r in recs)),
        "no_coordinates": sum(1 for r in recs if r.lat is None),
    }
