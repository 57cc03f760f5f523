"""The gazetteer: build from the place lists, the packaged file, overlays, GeoNames, user dirs."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from places_helpers import write_csv

from rasad.places import gazetteer as gz
from rasad.places.gazetteer import Gazetteer, build_gazetteer, load_gazetteer
from rasad.places.sources import read_compact, read_geonames, read_overlay, read_source_dir, write_compact
from rasad.places.variants import VARIANT_KINDS

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def src_dir(tmp_path: Path) -> Path:
    """A tiny place list in the layout of ../shared/gazetteer (rows made up for the tests)."""
    d = tmp_path / "gaz"
    d.mkdir()
    write_csv(
        d / "syria_communities.csv",
        [
            "pcode",
            "name_ar",
            "name_en",
            "subdistrict_ar",
            "subdistrict_en",
            "district_ar",
            "district_en",
            "governorate_ar",
            "governorate_en",
            "lat",
            "lon",
        ],
        [
            [
                "C9001",
                "العشارة",
                "Ashara",
                "عشارة",
                "Ashara",
                "الميادين",
                "Al Mayadin",
                "دير الزور",
                "Deir-ez-Zor",
                "34.92",
                "40.46",
            ],
            [
                "C9002",
                "غريبه",
                "Gharibeh",
                "عشارة",
                "Ashara",
                "الميادين",
                "Al Mayadin",
                "دير الزور",
                "Deir-ez-Zor",
                "34.84",
                "40.58",
            ],
            [
                "C9003",
                "دير الزور",
                "Deir-ez-Zor",
                "مركز دير الزور",
                "Deir-ez-Zor",
                "دير الزور",
                "Deir-ez-Zor",
                "دير الزور",
                "Deir-ez-Zor",
                "35.33",
                "40.14",
            ],
            [
                "C9004",
                "الطيبة",
                "Tiba",
                "مركز تدمر",
                "Tadmor",
                "تدمر",
                "Tadmor",
                "حمص",
                "Homs",
                "35.0",
                "38.9",
            ],
            [
                "C9005",
                "الطيبة",
                "Tiba",
                "عشارة",
                "Ashara",
                "الميادين",
                "Al Mayadin",
                "دير الزور",
                "Deir-ez-Zor",
                "34.95",
                "40.40",
            ],
            [
                "C9006",
                "حملك-حميلك",
                "Hmlak-Hmelek",
                "جنديرس",
                "Jandairis",
                "عفرين",
                "Afrin",
                "حلب",
                "Aleppo",
                "36.40",
                "36.60",
            ],
            [
                "C9007",
                "ابين- عفرين",
                "Abin (Afrin)",
                "مركز عفرين",
                "Afrin",
                "عفرين",
                "Afrin",
                "حلب",
                "Aleppo",
                "36.46",
                "36.99",
            ],
        ],
    )
    write_csv(
        d / "syria_admin2_districts.csv",
        [
            "NAME_EN",
            "NAM_EN_REF",
            "NAME_AR",
            "PCODE",
            "ADM1_EN",
            "ADM1_AR",
            "ADM1_PCODE",
            "ADM0_EN",
            "ADM0_AR",
            "ADM0_PCODE",
            "UPDATE_DAT",
        ],
        [
            [
                "Deir-ez-Zor",
                "Deir-ez-Zor",
                "دير الزور",
                "SY0901",
                "Deir-ez-Zor",
                "دير الزور",
                "SY09",
                "Syrian Arab Republic",
                "الجمهورية العربية السورية",
                "SY",
                "2016-09-05",
            ]
        ],
    )
    write_csv(
        d / "iraq_locations.csv",
        ["location id", "governorate", "district", "location name", "arabic name", "latitude", "longitude"],
        [["2701001.0", "Ninewa", "Mosul", "Hay Al-Zahraa", "حي الزهراء", "36.36", "43.17"]],
    )
    write_csv(
        d / "iraq_cities.csv",
        ["name_en", "name_ar", "governorate_en", "district_en", "lat", "lon", "population"],
        [["Mosul", "الموصل", "Nineveh", "Mosul", "36.34", "43.13", "1683000"]],
    )
    return d


def test_build_from_csv_tree(src_dir: Path, tmp_path: Path) -> None:
    recs = read_source_dir(src_dir)
    by_id = {r.id: r for r in recs}
    ashara = by_id["SY:C9001"]
    assert (ashara.name_ar, ashara.kind, ashara.admin1, ashara.admin2) == (
        "العشارة",
        "town",
        "Deir-ez-Zor",
        "Al Mayadin",
    )
    # OCHA double names: a district after a dash is dropped, a second name kept as alternate
    assert by_id["SY:C9007"].name_ar == "ابين"
    assert by_id["SY:C9007"].name_en == "Abin"
    assert by_id["SY:C9006"].name_ar == "حملك"
    assert "حميلك" in by_id["SY:C9006"].alt_ar
    # the governorate takes its capital's coordinates; Iraq's spelled as IOM spells it
    gov = by_id["SYA1:SY09"]
    assert (gov.kind, gov.lat, gov.lon) == ("governorate", 35.33, 40.14)
    assert by_id["IQC:mosul"].admin1 == "Ninewa"
    iq_gov = by_id["IQA1:ninewa"]
    assert (iq_gov.name_ar, iq_gov.lat) == ("نينوى", 36.34)

    out = write_compact(recs, tmp_path / "p.tsv.gz")
    back = read_compact(out)
    assert [r.id for r in back] == [r.id for r in recs]
    assert back[0].variants and ("عشاره", "no_article") in back[0].variants  # precomputed
    back[0].variants = None
    assert back[0] == recs[0]
    # precomputed variants are the ones the rules give now
    assert build_gazetteer([src_dir], packaged=False).raw_names(0) == Gazetteer(back).raw_names(0)
    assert sorted(Gazetteer(back).names()) == sorted(Gazetteer(read_source_dir(src_dir)).names())


def test_build_script_and_ids_are_stable(src_dir: Path, tmp_path: Path) -> None:
    import importlib.util

    spec = importlib.util.spec_from_file_location("build_gazetteer", REPO / "scripts" / "build_gazetteer.py")
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    out1, out2 = tmp_path / "a.tsv.gz", tmp_path / "b.tsv.gz"
    assert mod.main([str(src_dir), "--out", str(out1)]) == 0
    assert mod.main([str(src_dir), "--out", str(out2)]) == 0
    assert out1.read_bytes() == out2.read_bytes()  # reproducible
    assert mod.main([str(tmp_path / "missing"), "--out", str(out1)]) == 3


def test_lookup_and_names(src_dir: Path) -> None:
    g = build_gazetteer([src_dir], packaged=False)
    assert [p.id for p in g.lookup("عشارة")] == ["SY:C9001"]
    assert [p.id for p in g.lookup("وادي العشارة")] == []
    assert [p.id for p in g.lookup("غريبة")] == ["SY:C9002"]
    assert [p.id for p in g.lookup("al-Asharah")] == ["SY:C9001"]
    assert [p.id for p in g.lookup("Dayr az Zawr")][:1] == ["SYA1:SY09"]
    assert {p.admin1 for p in g.lookup("الطيبة")} == {"Homs", "Deir-ez-Zor"}
    assert g.get("SY:C9002").name_en == "Gharibeh"  # type: ignore[union-attr]
    assert g.get("SY:nope") is None
    names = list(g.names())
    assert all(isinstance(v, str) and isinstance(i, int) and k in VARIANT_KINDS for v, i, k in names)
    assert ("عشاره", g.index_of("SY:C9001"), "no_article") in names


def test_admin_helpers(src_dir: Path) -> None:
    g = build_gazetteer([src_dir], packaged=False)
    assert g.canonical_admin1("دير الزور") == "Deir-ez-Zor"
    assert g.canonical_admin1("Deir ez-Zor") == "Deir-ez-Zor"
    ids = {p.id for p in g.by_admin1("دير الزور", kinds=["town"])}
    assert {"SY:C9001", "SY:C9002", "SY:C9005"} <= ids and "SY:C9004" not in ids
    big, small = g.get("IQC:mosul"), g.get("SY:C9002")
    assert big and small and g.prior(big) > g.prior(small)
    assert next(p.id for p in g.near(34.92, 40.46, km=5)) == "SY:C9001"


def test_overlay_adds_places_and_aliases(src_dir: Path, tmp_path: Path) -> None:
    y = tmp_path / "mine.yaml"
    y.write_text(
        "places:\n"
        "- {id: 'USR:ward', name_ar: حقل الورد, name_en: Al-Ward oil field, kind: site, country: SY,\n"
        "   admin1: Deir-ez-Zor, lat: 34.85, lon: 40.45, aliases: {ar: [حقول الورد]}}\n"
        "aliases:\n"
        "  SY:C9001: [عشارة الفرات]\n"
        "  SY:missing: [لا شيء]\n",
        encoding="utf-8",
    )
    c = tmp_path / "more.csv"
    write_csv(
        c,
        ["id", "name_ar", "name_en", "kind", "country", "admin1", "lat", "lon", "aliases", "alias_of"],
        [
            ["USR:dam", "سد التجربة", "Test Dam", "site", "SY", "Ar-Raqqa", "35.9", "38.6", "سد التجارب", ""],
            ["", "", "", "", "", "", "", "", "Gharibah|Ghariba", "SY:C9002"],
        ],
    )
    g = build_gazetteer([src_dir], overlay=[y, c], packaged=False)
    assert [p.id for p in g.lookup("حقول الورد")] == ["USR:ward"]
    assert g.get("USR:ward").source == "user"  # type: ignore[union-attr]
    assert [p.id for p in g.lookup("عشارة الفرات")] == ["SY:C9001"]
    assert [p.id for p in g.lookup("سد التجارب")] == ["USR:dam"]
    assert [p.id for p in g.lookup("Ghariba")] == ["SY:C9002"]
    assert any("SY:missing" in w for w in g.warnings)
    # the base lists are untouched: the alias is a name of the place, not a new place
    assert len([p for p in g.places if p.id.startswith("SY:")]) == 7


def test_overlay_file_shape(tmp_path: Path) -> None:
    y = tmp_path / "o.yaml"
    y.write_text(
        "places:\n- {name_en: Camp Test, kind: site, country: IQ, lat: 33.1, lon: 44.2}\n", encoding="utf-8"
    )
    ov = read_overlay(y)
    assert ov.places[0].id == "OVL:camp-test"
    assert ov.places[0].country == "IQ"


_GN_TAIL = "\t\t\t\t{pop}\t\t100\tAsia/Damascus\t2020-01-01"
GEONAMES = (
    "\n".join(
        "\t".join(cols) + _GN_TAIL.format(pop=pop)
        for *cols, pop in [
            (
                "100",
                "Al Asharah",
                "Al Asharah",
                "Ashara,Asharah,العشارة,عشارة",
                "34.921",
                "40.461",
                "P",
                "PPL",
                "SY",
                "",
                "09",
                "12000",
            ),
            (
                "101",
                "Tall Barak",
                "Tall Barak",
                "تل براك,Tell Brak",
                "36.66",
                "41.06",
                "P",
                "PPL",
                "SY",
                "",
                "08",
                "0",
            ),
            (
                "102",
                "Jabal Bishri",
                "Jabal Bishri",
                "جبل البشري",
                "35.35",
                "39.30",
                "T",
                "MTS",
                "SY",
                "",
                "09",
                "0",
            ),
            ("103", "Paris", "Paris", "", "48.85", "2.35", "P", "PPLC", "FR", "", "11", "2000000"),
        ]
    )
    + "\n"
)


def test_geonames_loader(tmp_path: Path) -> None:
    p = tmp_path / "SY.txt"
    p.write_text(GEONAMES, encoding="utf-8")
    recs = read_geonames(p)
    assert [r.id for r in recs] == ["GN:100", "GN:101", "GN:102"]  # Syria and Iraq only
    brak = recs[1]
    assert (brak.name_ar, brak.name_en, brak.kind) == ("تل براك", "Tall Barak", "town")
    assert "Tell Brak" in brak.alt_en
    assert recs[2].kind == "site"


def test_geonames_in_user_dir_merges_duplicates(src_dir: Path, tmp_path: Path) -> None:
    d = tmp_path / "gn"
    d.mkdir()
    with gzip.open(d / "SY.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write(GEONAMES)
    g = build_gazetteer([src_dir, d], packaged=False)
    # al-Asharah is already known: its GeoNames names join the OCHA place, no second place
    assert g.get("GN:100") is None
    assert [p.id for p in g.lookup("Al Asharah")] == ["SY:C9001"]
    # Tell Brak is new, and takes the governorate of the nearest known place
    brak = g.lookup("Tell Brak")
    assert [p.id for p in brak] == ["GN:101"]


def test_user_dir_from_env(src_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gz, "PACKAGED", src_dir / "none.tsv.gz")
    monkeypatch.setattr(gz, "PACKAGED_OVERLAY", src_dir / "none.yaml")
    gz._cached.cache_clear()
    monkeypatch.setenv(gz.ENV_VAR, str(src_dir))
    g = load_gazetteer()
    assert g.get("SY:C9001") is not None
    assert load_gazetteer() is g  # cached
    monkeypatch.delenv(gz.ENV_VAR)
    assert load_gazetteer().get("SY:C9001") is None
    gz._cached.cache_clear()


def test_missing_user_dir_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError):
        build_gazetteer([tmp_path / "nope"], packaged=False)


# ------------------------------------------------------------------ the packaged gazetteer


@pytest.fixture(scope="module")
def shipped() -> Gazetteer:
    return build_gazetteer()


def test_packaged_gazetteer(shipped: Gazetteer) -> None:
    assert gz.PACKAGED.is_file() and gz.PACKAGED.stat().st_size < 1_500_000
    assert len(shipped) > 12_000
    ashara = [p for p in shipped.lookup("العشارة") if p.kind == "town"]
    assert ashara and ashara[0].admin1 == "Deir-ez-Zor" and ashara[0].lat is not None
    for name in ("Deir ez-Zor", "دير الزور", "الرقة", "Ar-Raqqa", "Al-Hasakeh", "Idleb", "ريف دمشق"):
        assert shipped.lookup(name, kind="governorate"), name
    # governorates carry coordinates (the capital's for all but Rural Damascus)
    dez = shipped.get("SYA1:SY09")
    city = shipped.get("SY:C5086")
    assert dez and city and (dez.lat, dez.lon) == (city.lat, city.lon)
    assert all(p.lat is not None for p in shipped.places if p.kind == "governorate")


def test_packaged_overlay(shipped: Gazetteer) -> None:
    assert not shipped.warnings
    taf = shipped.lookup("تلعفر")
    assert taf and taf[0].id == "OVL:tal-afar" and taf[0].admin1 == "Ninewa"
    assert shipped.lookup("Tal Afar")[0].id == "OVL:tal-afar"
    assert shipped.lookup("كوباني")[0].id == "SY:C1946"
    assert shipped.lookup("حقل العمر")[0].kind == "site"
    ov = [p for p in shipped.places if p.source == "overlay"]
    assert len(ov) >= 150
    assert all(p.lat is not None and p.lon is not None and 29 < p.lat < 38 and 35 < p.lon < 49 for p in ov)
    ids = [p.id for p in shipped.places]
    assert len(ids) == len(set(ids))


def test_stale_precomputed_variants_are_ignored(
    src_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from rasad.places import variants

    out = write_compact(read_source_dir(src_dir), tmp_path / "p.tsv.gz")
    assert all(r.variants is not None for r in read_compact(out))
    monkeypatch.setattr(variants, "RULES_HASH", "changed")  # the rules were edited since the build
    recs = read_compact(out)
    assert all(r.variants is None for r in recs)
    assert [p.id for p in Gazetteer(recs).lookup("عشارة")] == ["SY:C9001"]


@pytest.mark.parametrize(
    ("name", "context", "kw", "expected"),
    [
        ("ابين- عفرين", ("مركز عفرين", "عفرين", "حلب"), {}, ("ابين", [])),
        ("حملك-حميلك", ("جنديرس", "عفرين"), {}, ("حملك", ["حميلك"])),
        ("قزل/غزل", ("صوران",), {}, ("قزل", ["غزل"])),
        ("طنجرة (المنارة)", ("قلعة المضيق",), {}, ("طنجرة", ["المنارة"])),
        ("Hamediyeh (Al Quasir)", ("Al-Qusayr",), {"paren_alt": False}, ("Hamediyeh", [])),
        ("Tal Tawil (Afrin)", ("Afrin",), {}, ("Tal Tawil", [])),
        ("Al-Hasakeh", (), {}, ("Al-Hasakeh", [])),
        ("Dibaga (Center)", ("Erbil",), {"split_dash": False}, ("Dibaga", [])),
        ("السبعة كيلو-المجمع السكني", (), {"split_dash": False}, ("السبعة كيلو-المجمع السكني", [])),
    ],
)
def test_split_compound(
    name: str, context: tuple[str, ...], kw: dict, expected: tuple[str, list[str]]
) -> None:
    from rasad.places.sources import split_compound

    assert split_compound(name, context, **kw) == expected


def test_overlay_points_lie_in_their_governorate(shipped: Gazetteer, shared: Path) -> None:
    """rasad's overlay coordinates agree with the OCHA polygons (3 km slack for border crossings)."""
    import json

    from shapely.geometry import Point, shape

    def polys(name: str, key: str) -> dict[str, object]:
        data = json.loads((shared / "boundaries" / name).read_text(encoding="utf-8"))
        return {f["properties"][key]: shape(f["geometry"]) for f in data["features"]}

    adm1 = polys("syria_admin1.geojson", "NAME_EN")
    syria = next(iter(polys("syria_admin0.geojson", "NAME_EN").values()))
    # the press says "Homs desert" (OCHA: Rural Damascus); al-Safa straddles Rural Damascus / As-Sweida
    press_convention = {"OVL:tanf", "OVL:rukban-camp", "OVL:safa"}
    wrong = []
    for p in shipped.places:
        if p.source != "overlay" or p.lat is None or p.lon is None or p.id in press_convention:
            continue
        pt = Point(p.lon, p.lat)
        if p.country == "SY" and p.admin1 and adm1[p.admin1].distance(pt) * 100 > 3:  # type: ignore[attr-defined]
            wrong.append((p.id, p.admin1))
        if p.country == "IQ" and syria.contains(pt):  # type: ignore[attr-defined]
            wrong.append((p.id, "inside Syria"))
    assert wrong == []


def test_geonames_zip_as_downloaded(src_dir: Path, tmp_path: Path) -> None:
    import zipfile

    d = tmp_path / "dl"
    d.mkdir()
    with zipfile.ZipFile(d / "SY.zip", "w") as zf:
        zf.writestr("SY.txt", GEONAMES)
        zf.writestr("readme.txt", "GeoNames readme\n")
    g = build_gazetteer([src_dir, d], packaged=False)
    assert [p.id for p in g.lookup("جبل البشري")] == ["GN:102"]
    # admin1 of the nearest listed place (in this tiny list: at-Tiba, Homs, 50 km away)
    assert g.get("GN:102").admin1 == "Homs"  # type: ignore[union-attr]


def test_packaged_variants_are_current(shipped: Gazetteer) -> None:
    """The shipped file carries variants made by today's rules (else loading recomputes them)."""
    assert shipped.info()["precomputed_variants"] > 12_000, (
        "variant rules or normalisation changed: run python scripts/build_gazetteer.py"
    )
