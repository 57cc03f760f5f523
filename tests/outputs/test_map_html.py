"""The offline HTML map: self-contained, and it really works in a headless browser."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from test_map_sample import DOCUMENTS, sample_events, sample_intervals

from rasad.outputs.map_common import actor_colour
from rasad.outputs.map_html import map_data, write_map_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.fixture(scope="module")
def html_map(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("map") / "map.html"
    write_map_html(sample_intervals(), sample_events(), out, documents=DOCUMENTS, title="ريف دير الزور")
    return out


def test_page_is_self_contained(html_map: Path) -> None:
    html = html_map.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html, re.I), "scripts must be inlined"
    assert not re.search(r"<link[^>]+href=", html, re.I), "styles must be inlined"
    assert not re.search(r"url\(\s*['\"]?(https?:)?//", html, re.I), "no remote CSS resources"
    assert not re.search(r"@import", html, re.I)
    assert "L.map(" in html and "leaflet-container" in html  # Leaflet's JS and CSS are in the page
    assert "url(data:image/png;base64," in html  # Leaflet's images as data URIs
    assert html.count("<script") == 3  # the data, Leaflet, rasad's script


def test_embedded_data_has_timeline_and_evidence() -> None:
    data = map_data(sample_intervals(), sample_events(), documents=DOCUMENTS)
    assert data["start"] == "2014-06-30" and data["end"] == "2017-11-04"
    ashara = next(p for p in data["places"] if p["key"] == "sy:ashara")
    assert [s[2] for s in ashara["segments"]] == ["ISIS", "SYR_GOV"]
    assert ashara["segments"][1][:2] == ["2017-11-01", None]
    gov = ashara["intervals"][1]
    assert gov["controller"] == "SYR_GOV" and gov["evidence"][0]["url"] == "https://example.org/news/ashara"
    assert "العشارة" in gov["evidence"][0]["sentence"]
    # a place no gazetteer has keeps its timeline, without coordinates
    assert any(p["key"] == "name:hql" and p["lat"] is None for p in data["places"])


def test_json_payload_escapes_script_end(tmp_path: Path) -> None:
    ivs = [iv for iv in sample_intervals() if iv.place_key == "sy:ashara"]
    for iv in ivs:
        iv.place_name = "</script><b>x</b>"
    out = tmp_path / "m.html"
    write_map_html(ivs, [], out)
    html = out.read_text(encoding="utf-8")
    payload = html.split('<script type="application/json" id="rasad-data">', 1)[1].split("</script>", 1)[0]
    assert json.loads(payload)["places"][0]["name"] == "</script><b>x</b>"


@pytest.mark.browser
def test_slider_changes_colour_and_popup(html_map: Path, tmp_path: Path) -> None:
    if not CHROMIUM.exists():
        pytest.skip(
            "Debian's /usr/bin/chromium is not installed (CI installs it with .ci/install-browser.sh)"
        )
    from playwright.sync_api import sync_playwright

    requests: list[str] = []
    errors: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1200, "height": 800})
            page.on("request", lambda r: requests.append(r.url))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(html_map.as_uri())
            page.wait_for_selector("body[data-ready='1']", timeout=15000)
            assert page.text_content("#date-label") == "2017-11-04"  # opens on the last day
            marker = 'path[data-place-key="sy:ashara"]'

            # move the real slider to 2017-10-15 (before the government took al-Ashara)
            slider = page.locator("#date-slider")
            days = (date(2017, 10, 15) - date(2014, 6, 30)).days
            slider.fill(str(days))
            assert page.text_content("#date-label") == "2017-10-15"
            assert page.get_attribute(marker, "data-controller") == "ISIS"
            assert page.get_attribute(marker, "fill") == actor_colour("ISIS")
            page.click(marker)
            page.wait_for_selector(".leaflet-popup .rasad-popup")
            popup = page.locator(".leaflet-popup .rasad-popup")
            assert popup.get_attribute("data-controller") == "ISIS"
            assert "Islamic State" in popup.locator(".now-controller").inner_text()
            assert popup.locator("h3").get_attribute("dir") == "auto"

            # one step past the capture: the open popup follows the slider
            slider.fill(str((date(2017, 11, 2) - date(2014, 6, 30)).days))
            assert page.get_attribute(marker, "data-controller") == "SYR_GOV"
            assert page.get_attribute(marker, "fill") == actor_colour("SYR_GOV")
            assert page.evaluate("rasadMap.markerColor('sy:ashara')") == actor_colour("SYR_GOV")
            assert popup.get_attribute("data-controller") == "SYR_GOV"
            assert "Syrian government" in popup.locator(".now-controller").inner_text()
            quote = popup.locator("blockquote").first
            assert "سيطرت قوات النظام على بلدة العشارة" in quote.inner_text()
            assert quote.get_attribute("dir") == "auto"
            assert (
                page.evaluate(
                    "getComputedStyle(document.querySelector('.leaflet-popup blockquote')).direction"
                )
                == "rtl"
            )
            assert popup.locator("a[href='https://example.org/news/ashara']").count() == 1

            # the event of the period is marked; the filter hides the government's places
            assert page.locator('.rasad-event[data-event-id="ev-sy:ashara"]').count() == 1
            page.uncheck("#filter-SYR_GOV")
            assert page.locator(marker).count() == 0
            assert page.locator('path[data-place-key="sy:thiban"]').count() == 1  # SDF stays
            page.check("#filter-SYR_GOV")
            assert page.locator(marker).count() == 1
            page.screenshot(path=str(tmp_path / "map.png"))
        finally:
            browser.close()
    assert not errors, errors
    assert all(u.startswith(("file:", "data:", "about:")) for u in requests), requests
