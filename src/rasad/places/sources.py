"""Readers for the place lists rasad knows, and the compact file the build writes.

Every reader returns :class:`PlaceRecord` values (a mutable record with alternate names); the
:class:`rasad.places.gazetteer.Gazetteer` turns them into frozen :class:`rasad.model.Place`.

* :func:`read_source_dir` - a directory with the layout of ``../shared/gazetteer`` (OCHA-based
  Syrian communities, neighbourhoods, sites, admin 2/3; IOM Iraq locations; Iraq's cities), and
  optionally ``../boundaries/syria_admin{1,2}.geojson`` for centroids;
* :func:`read_geonames` - a GeoNames country dump (``SY.txt``, ``IQ.txt``; tab separated, the
  alternate names in column 4);
* :func:`read_overlay` - a YAML or CSV overlay: new places and aliases of existing ones;
* :func:`write_compact` / :func:`read_compact` - the packaged ``places.tsv.gz``.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rasad.text.normalize import match_key

# Governorate capitals (Arabic, as OCHA spells the town) - used for governorate coordinates:
# the gold codes "ريف دير الزور" at the level of the governorate with the capital's coordinates.
SY_GOV_CAPITAL_AR = {
    "Damascus": "دمشق", "Aleppo": "حلب", "Rural Damascus": "دمشق", "Homs": "حمص", "Hama": "حماة",
    "Lattakia": "اللاذقية", "Idleb": "إدلب", "Al-Hasakeh": "الحسكة", "Deir-ez-Zor": "دير الزور",
    "Tartous": "طرطوس", "Ar-Raqqa": "الرقة", "Dar'a": "درعا", "As-Sweida": "السويداء", "Quneitra": "القنيطرة",
}
# Iraq governorates as IOM (and ACLED) spell them; Arabic names; capital (iraq_cities name_en).
IQ_GOV_AR = {
    "Anbar": "الأنبار", "Babylon": "بابل", "Baghdad": "بغداد", "Basrah": "البصرة", "Dahuk": "دهوك",
    "Diyala": "ديالى", "Erbil": "أربيل", "Kerbala": "كربلاء", "Kirkuk": "كركوك", "Missan": "ميسان",
    "Muthanna": "المثنى", "Najaf": "النجف", "Ninewa": "نينوى", "Qadissiya": "القادسية",
    "Salah al-Din": "صلاح الدين", "Sulaymaniyah": "السليمانية", "Thi-Qar": "ذي قار", "Wassit": "واسط",
    "Halabja": "حلبجة",
}
IQ_GOV_CAPITAL = {
    "Anbar": "Ramadi", "Babylon": "Al Hillah", "Baghdad": "Baghdad", "Basrah": "Basrah", "Dahuk": "Duhok",
    "Diyala": "Baqubah", "Erbil": "Erbil", "Kerbala": "Karbala", "Kirkuk": "Kirkuk", "Missan": "Al Amarah",
    "Muthanna": "Al-Samawa", "Najaf": "Najaf", "Ninewa": "Mosul", "Qadissiya": "Diwaniyah",
    "Salah al-Din": "Tikrit", "Sulaymaniyah": "As Sulaymaniyah", "Thi-Qar": "Nasiriyah", "Wassit": "Al Kut",
    "Halabja": "Halabjah",
}
# iraq_cities.csv spells governorates its own way: map to the IOM/ACLED spelling.
IQ_GOV_FROM_CITIES = {
    "Salah ad Din": "Salah al-Din", "Al Anbar": "Anbar", "Al Qadisiyah / Al Diwaniyah": "Qadissiya",
    "Nineveh": "Ninewa", "Wasit": "Wassit", "Babil": "Babylon", "Basra": "Basrah", "Duhok": "Dahuk",
    "An Najaf": "Najaf", "Dhi Qar": "Thi-Qar", "Maysan": "Missan", "Al Muthanna": "Muthanna",
    "Karbala": "Kerbala", "Halabja": "Halabja", "Sulaymaniyah": "Sulaymaniyah", "Erbil": "Erbil",
    "Diyala": "Diyala", "Baghdad": "Baghdad", "Kirkuk": "Kirkuk",
}


def slug(s: str) -> str:
    """A stable ASCII id part: ``Tal Afar`` -> ``tal-afar``; Arabic kept as is."""
    s = re.sub(r"['`’‘ʿʾ]", "", s.strip().lower())
    s = re.sub(r"[^\w]+", "-", s, flags=re.UNICODE).strip("-")
    return s or "x"

COMPACT_COLUMNS = ("id", "name_ar", "name_en", "kind", "country", "admin1", "admin2", "admin3",
                   "lat", "lon", "population", "source", "alt_ar", "alt_en")
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

    def add_alt(self, name: str | None) -> None:
        if not name:
            return
        name = " ".join(name.split()).strip(" -/_,")
        if not name or name in (self.name_ar, self.name_en):
            return
        target = self.alt_ar if re.search(r"[\u0600-\u06FF]", name) else self.alt_en
        if name not in target:
            target.append(name)


def _f(v: str | None) -> float | None:
    try:
        return round(float(v), 5) if v not in (None, "") else None
    except ValueError:
        return None


def _read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return [{k: (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(fh)]


# ------------------------------------------------------------------------------ name cleaning

_SPLIT = re.compile(r"\s*[-/_]\s*")
_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")


def split_compound(name: str, context: Iterable[str] = ()) -> tuple[str, list[str]]:
    """Clean an OCHA-style compound name: ``(primary, alternates)``.

    Parts after ``-``, ``/``, ``_`` or inside ``(...)`` that repeat an admin name of the place
    (``context``: its sub-district, district, governorate) are disambiguators and dropped
    (``ابين- عفرين`` -> ``ابين``; ``Afrin (Afrin)`` -> ``Afrin``); other parts are alternate names
    (``حملك-حميلك`` -> ``حملك`` + ``حميلك``). The joined form is kept as an alternate too.
    """
    name = " ".join(name.split())
    ctx = set()
    for c in context:
        if c:
            k = match_key(c)
            ctx.update({k, k.removeprefix("مركز").strip(), k.replace("-", " ")})
    ctx.discard("")
    alts: list[str] = []
    paren = [p.strip() for p in _PAREN.findall(name) if p.strip()]
    base = _PAREN.sub(" ", name).strip()
    for p in paren:
        if match_key(p) not in ctx and match_key(p).replace("-", " ") not in ctx:
            alts.append(p)
    parts = [p for p in _SPLIT.split(base) if p.strip()]
    is_ar = bool(re.search(r"[\u0600-\u06FF]", name))
    # Latin hyphens are mostly part of the name (Al-Hasakeh, Tal-Abyad): split Arabic names, and
    # Latin ones only on " / ".
    if not is_ar:
        parts = [p.strip() for p in re.split(r"\s*/\s*", base) if p.strip()]
    if len(parts) <= 1:
        return base, alts
    kept = [p for p in parts if match_key(p) not in ctx]
    if not kept:
        kept = parts[:1]
    primary = kept[0]
    alts = [*kept[1:], *alts]
    if len(kept) == len(parts):  # a genuine double name: the joined form as written is an alternate
        alts.append(base)
    return primary, alts


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
    recs += _read_syria(src)
    recs += _read_iraq(src)
    return recs


def _read_syria(src: Path) -> list[PlaceRecord]:
    recs: list[PlaceRecord] = []
    comm_path = src / "syria_communities.csv"
    comms = _read_csv(comm_path) if comm_path.is_file() else []
    for r in comms:
        ctx = (r.get("subdistrict_ar"), r.get("district_ar"), r.get("governorate_ar"))
        ctx_en = (r.get("subdistrict_en"), r.get("district_en"), r.get("governorate_en"))
        ar, alt_ar = split_compound(r["name_ar"], ctx)
        en, alt_en = split_compound(r["name_en"], ctx_en)
        rec = PlaceRecord(
            id=f"SY:{r['pcode']}", name_ar=ar or None, name_en=en or None, kind="town", country="SY",
            admin1=r.get("governorate_en") or None, admin2=r.get("district_en") or None,
            admin3=r.get("subdistrict_en") or None, lat=_f(r.get("lat")), lon=_f(r.get("lon")), source="ocha",
        )
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
        cap = town(en, SY_GOV_CAPITAL_AR.get(en, ar))
        lat, lon = (cap.lat, cap.lon) if cap else cent1.get(code, (None, None))
        if en == "Rural Damascus" and code in cent1:
            lat, lon = cent1[code]
        recs.append(PlaceRecord(id=f"SYA1:{code}", name_ar=ar, name_en=en, kind="governorate", country="SY",
                                admin1=en, lat=lat, lon=lon, source="ocha"))
    for r in adm2:
        en, ar, a1 = r["NAME_EN"], r["NAME_AR"], r["ADM1_EN"]
        cap = town(a1, ar, en)
        lat, lon = (cap.lat, cap.lon) if cap else cent2.get(r["PCODE"], (None, None))
        if lat is None:
            lat, lon = mean([x for x in recs if x.kind == "town" and x.admin2 == en and x.admin1 == a1])
        rec = PlaceRecord(id=f"SYA2:{r['PCODE']}", name_ar=ar, name_en=en, kind="district", country="SY",
                          admin1=a1, admin2=en, lat=lat, lon=lon, source="ocha")
        rec.add_alt(r.get("NAM_EN_REF"))
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
        rec.add_alt(r.get("NAM_EN_REF"))
        rec.add_alt(r.get("NAM_AR_REF"))
        recs.append(rec)

    nb_path = src / "syria_city_neighbourhoods.csv"
    for r in _read_csv(nb_path) if nb_path.is_file() else []:
        rec = PlaceRecord(id=f"SYN:{r['PCODE']}", name_ar=r["NAME_AR"] or None, name_en=r["NAME_EN"] or None,
                          kind="neighbourhood", country="SY", admin1=r.get("ADM1_EN") or None,
                          admin2=r.get("ADM2_EN") or None, admin3=r.get("ADM3_EN") or None,
                          lat=_f(r.get("LATITUDE")), lon=_f(r.get("LONGITUDE")), source="ocha-cod")
        rec.add_alt(r.get("NAM_EN_REF"))
        rec.add_alt(r.get("NAM_AR_REF"))
        recs.append(rec)

    # sites: admin chain from the P-code they fall in
    by_code: dict[str, tuple[str | None, str | None, str | None]] = {}
    for code, (en, _ar) in govs.items():
        by_code[code] = (en, None, None)
    for r in adm2:
        by_code[r["PCODE"]] = (r["ADM1_EN"], r["NAME_EN"], None)
    for r in adm3:
        by_code[r["PCODE"]] = (r["ADM1_EN"], r["ADM2_EN"], r["NAME_EN"])
    admin_ll = {x.id.split(":", 1)[1]: (x.lat, x.lon) for x in recs
                if x.kind in ("governorate", "district", "subdistrict") and x.lat is not None}
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
        kind = "site" if k.startswith(("دوار", "مشفى", "مشفي", "مستشفى", "مستشفي", "جامع", "مسجد", "فندق", "جسر",
                                       "ساحه", "دار", "كليه", "مدرسه", "معبر", "سوق", "قلعه", "مطار", "ثكنه",
                                       "الكليه")) else "neighbourhood"
        if k.startswith("مدينه "):
            kind = "town"
        recs.append(PlaceRecord(id=f"SYS:{n}", name_ar=ar, name_en=en, kind=kind, country="SY", admin1=a1,
                                admin2=a2, admin3=a3, lat=lat, lon=lon, source="syrian-archive"))
    return recs


# -------------------------------------------------------------------------------------- Iraq

def _read_iraq(src: Path) -> list[PlaceRecord]:
    recs: list[PlaceRecord] = []
    loc_path = src / "iraq_locations.csv"
    rows = _read_csv(loc_path) if loc_path.is_file() else []
    for r in rows:
        lid = r["location id"].removesuffix(".0")
        ar, alt_ar = split_compound(r["arabic name"], ()) if "(" in r["arabic name"] else (r["arabic name"], [])
        en, alt_en = split_compound(r["location name"], ()) if "(" in r["location name"] else (r["location name"], [])
        rec = PlaceRecord(id=f"IQ:{lid}", name_ar=ar or None, name_en=en or None, kind="town", country="IQ",
                          admin1=r["governorate"] or None, admin2=r["district"] or None,
                          lat=_f(r.get("latitude")), lon=_f(r.get("longitude")), source="iom")
        for a in (*alt_ar, *alt_en):
            rec.add_alt(a)
        recs.append(rec)

    city_path = src / "iraq_cities.csv"
    cities: dict[str, PlaceRecord] = {}
    for r in _read_csv(city_path) if city_path.is_file() else []:
        gov = IQ_GOV_FROM_CITIES.get(r["governorate_en"], r["governorate_en"])
        pop = int(float(r["population"])) if r.get("population") else None
        rec = PlaceRecord(id=f"IQC:{slug(r['name_en'])}", name_ar=r["name_ar"] or None, name_en=r["name_en"],
                          kind="town", country="IQ", admin1=gov,
                          admin2=(r.get("district_en") or "").removesuffix(" District") or None,
                          lat=_f(r["lat"]), lon=_f(r["lon"]), population=pop, source="cities")
        if rec.name_en:
            bare = re.sub(r"^(?:al|an|as|ad|ar|at)[- ]", "", rec.name_en, flags=re.I)
            rec.add_alt(bare if bare != rec.name_en else None)
        cities[rec.name_en or rec.id] = rec
        recs.append(rec)

    # governorates: the capital city's coordinates
    if rows or cities:
        govs = sorted({r["governorate"] for r in rows} | {c.admin1 for c in cities.values() if c.admin1})
        for gov in govs:
            cap = cities.get(IQ_GOV_CAPITAL.get(gov, ""))
            lat, lon = (cap.lat, cap.lon) if cap else (None, None)
            if lat is None:
                pts = [(x.lat, x.lon) for x in recs if x.admin1 == gov and x.lat is not None]
                if pts:
                    lat = round(sum(p[0] for p in pts) / len(pts), 5)
                    lon = round(sum(p[1] for p in pts) / len(pts), 5)
            recs.append(PlaceRecord(id=f"IQA1:{slug(gov)}", name_ar=IQ_GOV_AR.get(gov), name_en=gov,
                                    kind="governorate", country="IQ", admin1=gov, lat=lat, lon=lon,
                                    source="iom"))
        # districts (IOM names): the centroid of their locations
        dists: dict[tuple[str, str], list[PlaceRecord]] = defaultdict(list)
        for x in recs:
            if x.source == "iom" and x.kind == "town" and x.admin1 and x.admin2:
                dists[(x.admin1, x.admin2)].append(x)
        for (gov, dist), members in sorted(dists.items()):
            pts = [(m.lat, m.lon) for m in members if m.lat is not None and m.lon is not None]
            lat = round(sum(p[0] for p in pts) / len(pts), 5) if pts else None
            lon = round(sum(p[1] for p in pts) / len(pts), 5) if pts else None
            recs.append(PlaceRecord(id=f"IQA2:{slug(gov)}:{slug(dist)}", name_ar=None, name_en=dist,
                                    kind="district", country="IQ", admin1=gov, admin2=dist, lat=lat, lon=lon,
                                    source="iom"))
    return recs


# ---------------------------------------------------------------------------------- GeoNames

_GN_KIND = {"ADM1": "governorate", "ADM2": "district", "ADM3": "subdistrict", "PPLX": "neighbourhood"}


def read_geonames(path: Path) -> list[PlaceRecord]:
    """A GeoNames country dump (``SY.txt``/``IQ.txt``/``allCountries.txt`` subset), Syria and Iraq rows.

    Kinds: feature class P -> town (PPLX -> neighbourhood), A/ADM1-3 -> admin levels, other
    classes (S spots, T hills, H water, L areas, V) -> site. admin1 is left empty here and filled
    by :meth:`Gazetteer` from the nearest base place.
    """
    recs: list[PlaceRecord] = []
    opener = gzip.open if str(path).endswith(".gz") else open
    with opener(path, "rt", encoding="utf-8") as fh:
        for line in fh:
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
                if re.search(r"[\u0600-\u06FFA-Za-z]", a) and not re.search(r"[^\u0600-\u06FF\w\s'`’‘\-()]", a):
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

        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        items = data.get("places", []) if isinstance(data, dict) else data
        if isinstance(data, dict):
            items = [*items, *({"alias_of": k, **(v if isinstance(v, dict) else {"aliases": v})}
                               for k, v in (data.get("aliases") or {}).items())]
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
    ``aliases:`` a mapping ``place id -> [names]`` does the same. CSV: the same columns, several
    aliases separated by ``|``.
    """
    ov = Overlay()
    for it in _overlay_items(Path(path)):
        target = it.get("alias_of")
        names = _names(it.get("aliases")) + _names(it.get("alias"))
        if target:
            ov.aliases += [(str(target), n) for n in names + _names(it.get("name"))]
            continue
        name_ar, name_en = it.get("name_ar"), it.get("name_en")
        if not (name_ar or name_en):
            continue
        pid = str(it.get("id") or f"OVL:{slug(str(name_en or name_ar))}")
        pop = it.get("population")
        rec = PlaceRecord(id=pid, name_ar=name_ar, name_en=name_en, kind=str(it.get("kind") or "site"),
                          country=str(it.get("country") or "SY"), admin1=it.get("admin1"),
                          admin2=it.get("admin2"), admin3=it.get("admin3"), lat=_f(str(it.get("lat", ""))),
                          lon=_f(str(it.get("lon", ""))), population=int(pop) if pop not in (None, "") else None,
                          source=str(it.get("source") or source))
        for n in names:
            rec.add_alt(n)
        ov.places.append(rec)
    return ov


# ------------------------------------------------------------------------------ compact file

def write_compact(recs: Iterable[PlaceRecord], out: Path) -> Path:
    """The packaged format: gzip'd TSV, one place a line, alternates joined by ``|``."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    buf = io.StringIO()
    buf.write("\t".join(COMPACT_COLUMNS) + "\n")
    for r in recs:
        vals = [r.id, r.name_ar or "", r.name_en or "", r.kind, r.country, r.admin1 or "", r.admin2 or "",
                r.admin3 or "", "" if r.lat is None else f"{r.lat:.5f}", "" if r.lon is None else f"{r.lon:.5f}",
                "" if r.population is None else str(r.population), r.source, "|".join(r.alt_ar),
                "|".join(r.alt_en)]
        buf.write("\t".join(" ".join(v.split()) for v in vals) + "\n")
    with gzip.GzipFile(out, "wb", compresslevel=9, mtime=0) as fh:
        fh.write(buf.getvalue().encode("utf-8"))
    return out


def read_compact(path: Path) -> list[PlaceRecord]:
    with gzip.open(path, "rb") as fh:
        lines = fh.read().decode("utf-8").split("\n")
    header = lines[0].split("\t")
    if tuple(header) != COMPACT_COLUMNS:
        raise ValueError(f"{path}: not a rasad gazetteer file (header {header[:3]}...)")
    recs = []
    for line in lines[1:]:
        if not line:
            continue
        c = line.split("\t")
        recs.append(PlaceRecord(
            id=c[0], name_ar=c[1] or None, name_en=c[2] or None, kind=c[3], country=c[4], admin1=c[5] or None,
            admin2=c[6] or None, admin3=c[7] or None, lat=float(c[8]) if c[8] else None,
            lon=float(c[9]) if c[9] else None, population=int(c[10]) if c[10] else None, source=c[11],
            alt_ar=c[12].split("|") if c[12] else [], alt_en=c[13].split("|") if c[13] else [],
        ))
    return recs
