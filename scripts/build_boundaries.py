"""Build the compact boundary files that ship in ``src/rasad/data/boundaries/``.

Inputs (read-only):
  * ``../shared/boundaries/syria_admin{0,1,2}.geojson`` — OCHA Syria COD boundaries (HDX):
    country, 14 governorates, 62 districts, Arabic + English names and P-codes.
  * optionally Natural Earth country outlines as packaged in the npm package ``world-atlas``
    (TopoJSON, public domain data; ``npm pack world-atlas@2.0.2`` and pass
    ``--natural-earth package/countries-10m.json``) for Iraq's country outline and the
    neighbouring countries drawn as grey context. OCHA polygons for Iraq are not available to
    rasad, so Iraq has only this rough outline.

What it does:
  * Syria: the district layer is simplified as a *coverage* (``shapely.coverage_simplify``), so
    neighbouring districts keep one shared edge and no gaps or overlaps appear; governorates and
    the country are dissolved from the simplified districts, so all three levels line up exactly.
  * coordinates are rounded to 4 decimals (~11 m), properties kept: ``name_en``, ``name_ar``,
    ``pcode`` (+ ``adm1_pcode``/``adm1_en``/``adm1_ar`` for districts), ``level``, ``country``.

Usage:
  python scripts/build_boundaries.py [--shared ../shared] [--natural-earth FILE] [--tolerance 0.01]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import MultiPolygon, Polygon, mapping, shape

REPO = Path(__file__).resolve().parents[1]
OUT = REPO / "src" / "rasad" / "data" / "boundaries"

# Natural Earth country names -> Arabic, for the countries drawn around Syria and Iraq.
CONTEXT_AR = {
    "Iraq": "العراق",
    "Turkey": "تركيا",
    "Lebanon": "لبنان",
    "Jordan": "الأردن",
    "Israel": "إسرائيل",
    "Palestine": "فلسطين",
    "Iran": "إيران",
    "Saudi Arabia": "السعودية",
    "Kuwait": "الكويت",
    "Cyprus": "قبرص",
    "N. Cyprus": "شمال قبرص",
    "Egypt": "مصر",
    "Syria": "سوريا",
}
CONTEXT_BBOX = (33.0, 27.5, 50.5, 39.5)  # lon/lat box the context layer is clipped to
SNAP = 0.06  # degrees: how far a neighbour's border may be from OCHA's Syrian border


def _round_coords(obj: Any, nd: int = 4) -> Any:
    if isinstance(obj, float):
        return round(obj, nd)
    if isinstance(obj, (list, tuple)):
        return [_round_coords(x, nd) for x in obj]
    return obj


def _polygonal(geom: shapely.Geometry) -> shapely.Geometry:
    """Keep only the polygon parts of a geometry (dissolves can leave slivers of lines)."""
    if isinstance(geom, (Polygon, MultiPolygon)):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, (Polygon, MultiPolygon))]
    polys: list[Polygon] = []
    for p in parts:
        polys.extend(p.geoms if isinstance(p, MultiPolygon) else [p])
    return MultiPolygon(polys)


def _feature(geom: shapely.Geometry, props: dict[str, Any]) -> dict[str, Any]:
    geom = shapely.make_valid(_polygonal(geom))
    geom = _polygonal(geom)
    gj = mapping(geom)
    return {
        "type": "Feature",
        "properties": props,
        "geometry": {"type": gj["type"], "coordinates": _round_coords(gj["coordinates"])},
    }


def _write(name: str, features: list[dict[str, Any]], source: str) -> int:
    fc = {"type": "FeatureCollection", "source": source, "features": features}
    path = OUT / name
    text = json.dumps(fc, ensure_ascii=False, separators=(",", ":"))
    path.write_text(text + "\n", encoding="utf-8")
    return path.stat().st_size


def build_syria(shared: Path, tol: float) -> dict[str, int]:
    raw = json.loads((shared / "boundaries" / "syria_admin2.geojson").read_text(encoding="utf-8"))
    feats = raw["features"]
    geoms = [_polygonal(shapely.make_valid(shape(f["geometry"]))) for f in feats]
    print("coverage valid:", bool(shapely.coverage_is_valid(geoms)))
    simple = shapely.coverage_simplify(geoms, tol, simplify_boundary=True)
    src = "OCHA Syria COD (HDX), simplified by rasad scripts/build_boundaries.py"
    adm2 = []
    by_adm1: dict[str, list[shapely.Geometry]] = {}
    adm1_names: dict[str, tuple[str, str]] = {}
    for f, g in zip(feats, simple, strict=True):
        p = f["properties"]
        adm2.append(
            _feature(
                g,
                {
                    "level": 2,
                    "country": "SY",
                    "pcode": p["PCODE"],
                    "name_en": p["NAME_EN"],
                    "name_ar": p["NAME_AR"],
                    "adm1_pcode": p["ADM1_PCODE"],
                    "adm1_en": p["ADM1_EN"],
                    "adm1_ar": p["ADM1_AR"],
                },
            )
        )
        by_adm1.setdefault(p["ADM1_PCODE"], []).append(g)
        adm1_names[p["ADM1_PCODE"]] = (p["ADM1_EN"], p["ADM1_AR"])
    # take the official governorate names from the admin1 file where they exist
    raw1 = json.loads((shared / "boundaries" / "syria_admin1.geojson").read_text(encoding="utf-8"))
    for f in raw1["features"]:
        p = f["properties"]
        if p["PCODE"] in adm1_names:
            adm1_names[p["PCODE"]] = (p["NAME_EN"], p["NAME_AR"])
    adm1 = []
    for code in sorted(by_adm1):
        en, ar = adm1_names[code]
        adm1.append(
            _feature(
                shapely.union_all(by_adm1[code], grid_size=1e-6),
                {"level": 1, "country": "SY", "pcode": code, "name_en": en, "name_ar": ar},
            )
        )
    country = shapely.union_all(list(simple), grid_size=1e-6)
    # drop interior holes left by rounding along district edges (Syria has no real enclaves)
    country = _polygonal(country)
    polys = country.geoms if isinstance(country, MultiPolygon) else [country]
    country = MultiPolygon([Polygon(p.exterior) for p in polys if p.area > 1e-4])
    adm0 = [
        _feature(
            country, {"level": 0, "country": "SY", "pcode": "SY", "name_en": "Syria", "name_ar": "سوريا"}
        )
    ]
    return {
        "syria_admin0.geojson": _write("syria_admin0.geojson", adm0, src),
        "syria_admin1.geojson": _write("syria_admin1.geojson", adm1, src),
        "syria_admin2.geojson": _write("syria_admin2.geojson", adm2, src),
    }


def _topo_arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def _topo_ring(arcs: list[list[tuple[float, float]]], idx: list[int]) -> list[tuple[float, float]]:
    ring: list[tuple[float, float]] = []
    for i in idx:
        pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        ring.extend(pts if not ring else pts[1:])
    return ring


def _topo_geom(arcs: list[list[tuple[float, float]]], g: dict[str, Any]) -> shapely.Geometry:
    polys = [g["arcs"]] if g["type"] == "Polygon" else g["arcs"]
    out = []
    for rings in polys:
        coords = [_topo_ring(arcs, r) for r in rings]
        out.append(Polygon(coords[0], coords[1:]))
    return shapely.make_valid(MultiPolygon(out))


def build_context(ne_path: Path, tol: float) -> dict[str, int]:
    """Iraq's outline and the neighbours, from Natural Earth (public domain)."""
    topo = json.loads(ne_path.read_text(encoding="utf-8"))
    arcs = _topo_arcs(topo)
    box = shapely.box(*CONTEXT_BBOX)
    # the simplified Syria written by build_syria, so that the shipped lines coincide exactly
    shipped = json.loads((OUT / "syria_admin0.geojson").read_text(encoding="utf-8"))
    syria = shapely.make_valid(shape(shipped["features"][0]["geometry"]))
    iraq: list[dict[str, Any]] = []
    context: list[dict[str, Any]] = []
    src = "Natural Earth 1:10m admin-0 countries (public domain) via npm world-atlas@2.0.2"
    for g in topo["objects"]["countries"]["geometries"]:
        name = g.get("properties", {}).get("name")
        if name not in CONTEXT_AR or name == "Syria":
            continue
        geom = _topo_geom(arcs, g).intersection(box)
        if geom.is_empty:
            continue
        # Natural Earth and OCHA disagree by up to a few km along the border: OCHA wins, and
        # the slivers between the two lines go to the neighbour, so both share Syria's border
        geom = geom.simplify(tol * (1 if name == "Iraq" else 2), preserve_topology=True)
        near = geom.buffer(SNAP).intersection(syria.buffer(SNAP))
        geom = geom.union(near).difference(syria)
        props = {"level": 0, "country": name, "name_en": name, "name_ar": CONTEXT_AR[name]}
        if name == "Iraq":
            props.update(country="IQ", pcode="IQ")
            iraq.append(_feature(geom, props))
        else:
            context.append(_feature(geom, props))
    return {
        "iraq_admin0.geojson": _write("iraq_admin0.geojson", iraq, src),
        "context_countries.geojson": _write("context_countries.geojson", context, src),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared")
    ap.add_argument(
        "--natural-earth",
        type=Path,
        default=None,
        help="world-atlas countries-10m.json (TopoJSON) for Iraq and the neighbours",
    )
    ap.add_argument("--tolerance", type=float, default=0.01, help="simplification tolerance, degrees")
    args = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    sizes = build_syria(args.shared, args.tolerance)
    if args.natural_earth:
        sizes.update(build_context(args.natural_earth, args.tolerance))
    total = 0
    for name, size in sorted(sizes.items()):
        print(f"{name:32s} {size / 1024:8.1f} KB")
        total += size
    print(f"{'total':32s} {total / 1024:8.1f} KB")


if __name__ == "__main__":
    main()
