"""The "Seats" dashboard the integration adds, in Chromium against a real Home Assistant.

Nobody writes its configuration: the integration registers it in strategy mode and the
bundle's strategy builds it from the site. Checked: every camera and seat of the demo site is
on it with its entity's state, a camera added afterwards shows up, and on a 390 px phone the
first screen shows seats (the picture comes below them).
"""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from .conftest import DEMO_CAMERA, OFFLINE_CAMERA, DemoHomeAssistant, open_page

pytestmark = [pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PALETTE: dict[str, str] = json.loads(
    (ROOT / "seatsense" / "core" / "state_colors.json").read_text()
)
DASHBOARD = "/seatsense-dashboard"
VIEW = f"{DASHBOARD}/seatsense-demo"
DEMO_SEATS = ["A1", "A2", "A3", "A4", "B1", "B2", "B3", "B4"]
ADDED_CAMERA = "Reading corner"
ADDED_SEATS = "E1: 100,100 300,100 300,300 100,300\nE2: 400,100 600,100 600,300 400,300"

# Per tile card on the page: the heading above it, its tiles (id, state, colour) and the
# states that the page's `hass` holds at the same moment.
_READ_TILES = """
() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.tagName === "SEATSENSE-SEAT-TILES") found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const hass = document.querySelector("home-assistant").hass;
  return found.map((card) => ({
    tiles: [...card.shadowRoot.querySelectorAll("button.tile")].map((t) => ({
      id: t.dataset.seat, state: t.dataset.state, text: t.innerText,
      colour: getComputedStyle(t).borderLeftColor,
    })),
    states: Object.fromEntries(Object.entries(hass.states).map(([id, s]) => [id, s.state])),
  }));
}
"""


# The text of each element, shadow roots included (innerText stops at them).
_DEEP_TEXTS = """
(elements) => elements.map((element) => {
  const parts = [];
  const walk = (node) => {
    if (node.nodeType === Node.TEXT_NODE) parts.push(node.textContent.trim());
    if (node.shadowRoot) walk(node.shadowRoot);
    for (const child of node.childNodes) walk(child);
  };
  walk(element);
  return parts.filter(Boolean).join(" ");
})
"""


def _rgb(hex_colour: str) -> str:
    value = int(hex_colour[1:], 16)
    return f"rgb({value >> 16}, {(value >> 8) & 255}, {value & 255})"


def _slug(camera: str) -> str:
    return camera.lower().replace(" ", "_")


def _tile_mismatches(card: dict[str, Any], camera: str) -> list[str]:
    """Where a tile disagrees with its seat's entities."""
    wrong = []
    for tile in card["tiles"]:
        key = f"sensor.{_slug(camera)}_{tile['id'].lower()}"
        raw = card["states"].get(f"{key}_state")
        expected = raw if raw in PALETTE else "unknown"
        if tile["state"] != expected or tile["colour"] != _rgb(PALETTE[expected]):
            wrong.append(f"{tile['id']}: tile {tile['state']} {tile['colour']}, entity {raw}")
        minutes_key = "current_stay" if expected == "occupied" else "vacant_for"
        minutes = card["states"].get(f"{key}_{minutes_key}")
        known = expected != "unknown" and minutes not in (None, "unknown", "unavailable")
        if known and f"{round(float(minutes))} min" not in tile["text"]:
            wrong.append(f"{tile['id']}: {tile['text']!r} without {minutes} min")
    return wrong


def _headings(page: Any) -> list[str]:
    texts = page.locator("hui-heading-card .title").all_inner_texts()
    return [text.strip() for text in texts]


def _read_until_consistent(page: Any, cameras: list[str]) -> list[dict[str, Any]]:
    """The tile cards, read again while a state lands between the entities and a re-render."""
    wrong: list[str] = []
    for _attempt in range(8):
        cards = page.evaluate(_READ_TILES)
        pairs = zip(cards, cameras, strict=False)
        wrong = [w for card, camera in pairs for w in _tile_mismatches(card, camera)]
        if not wrong and len(cards) == len(cameras):
            return list(cards)
        page.wait_for_timeout(500)
    pytest.fail(f"tiles disagree with the entities: {wrong or cards}")


def test_sidebar_dashboard_shows_every_camera_and_seat(
    browser: Any, demo_ha: DemoHomeAssistant
) -> None:
    """From the sidebar: the site's totals first, then each camera with its seats as tiles in
    their state's colour with their minutes, and its seat map."""
    page = open_page(browser, demo_ha, "/lovelace/seats", demo_ha.tokens())
    page.locator(f"ha-sidebar [href='{DASHBOARD}']").click(timeout=60_000)
    page.wait_for_url(f"**{VIEW}", timeout=30_000)
    page.locator("seatsense-seat-tiles button.tile").nth(8).wait_for(timeout=60_000)

    assert _headings(page)[:3] == ["Now", DEMO_CAMERA, OFFLINE_CAMERA]
    totals = page.locator("hui-tile-card").evaluate_all(_DEEP_TEXTS)
    for name in ("Occupied seats", "Occupancy", "Hogged seats", "Entries today", "Average stay"):
        assert any(name in text for text in totals), (name, totals)

    cards = _read_until_consistent(page, [DEMO_CAMERA, OFFLINE_CAMERA])
    assert [t["id"] for t in cards[0]["tiles"]] == DEMO_SEATS
    assert [(t["id"], t["state"]) for t in cards[1]["tiles"]] == [("X1", "unknown")]
    assert {t["state"] for t in cards[0]["tiles"]} & {"occupied", "empty", "away", "abandoned"}
    assert page.locator("seatsense-seat-map").count() == 2
    page.locator("seatsense-seat-map polygon.seat").nth(8).wait_for(timeout=60_000)

    # A tile opens its seat's details.
    page.locator("seatsense-seat-tiles button.tile[data-seat='A1']").click()
    dialog = page.locator("ha-more-info-dialog ha-dialog[open]")
    dialog.wait_for(state="attached", timeout=15_000)
    assert "A1" in dialog.inner_text()


def test_on_a_phone_the_first_screen_shows_seats(
    browser: Any, demo_ha: DemoHomeAssistant, tmp_path: Path
) -> None:
    page = open_page(
        browser,
        demo_ha,
        VIEW,
        demo_ha.tokens(),
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
    )
    tiles = page.locator("seatsense-seat-tiles button.tile")
    tiles.nth(7).wait_for(timeout=60_000)
    page.locator("seatsense-seat-map img").first.wait_for(timeout=60_000)
    page.wait_for_timeout(1000)
    first_map = page.locator("seatsense-seat-map").first.bounding_box()
    for i in range(8):  # the demo camera's eight seats, all on the first screen
        box = tiles.nth(i).bounding_box()
        assert box is not None and box["y"] + box["height"] <= 844, (i, box)
        assert box["x"] >= 0 and box["x"] + box["width"] <= 390, (i, box)
        assert box["y"] < first_map["y"], "seats come before the picture"
        assert box["height"] >= 44, box  # a finger's target
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    shot = tmp_path / "dashboard-390.png"
    page.screenshot(path=str(shot))
    print(f"screenshot: {shot}")


def test_in_korean(browser: Any, demo_ha: DemoHomeAssistant) -> None:
    """A Korean browser gets the dashboard's own words in Korean (headings, totals, tiles)."""
    page = open_page(browser, demo_ha, VIEW, demo_ha.tokens(), locale="ko-KR")
    page.locator("seatsense-seat-tiles button.tile").nth(8).wait_for(timeout=60_000)
    assert _headings(page)[0] == "현재"
    totals = " ".join(page.locator("hui-tile-card").evaluate_all(_DEEP_TEXTS))
    assert "사용 중 좌석" in totals and "점유율" in totals, totals
    tiles = page.locator("seatsense-seat-tiles button.tile").all_inner_texts()
    words = {"빈 좌석", "사용 중", "외출", "자리 맡기", "알 수 없음"}
    assert all(any(word in tile for word in words) for tile in tiles), tiles
    assert any("분" in tile for tile in tiles), tiles


def _add_camera(demo_ha: DemoHomeAssistant, token: str) -> None:
    """A third camera with two seats, through the config subentry flow's REST API."""
    import urllib.request

    def post(path: str, body: dict[str, Any]) -> dict[str, Any]:
        request = urllib.request.Request(
            demo_ha.base + path,
            json.dumps(body).encode(),
            {"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            return dict(json.load(response))

    flows = "/api/config/config_entries/subentries/flow"
    step = post(flows, {"handler": [demo_ha.entry_id, "camera"]})
    step = post(f"{flows}/{step['flow_id']}", {"name": ADDED_CAMERA, "source_type": "rtsp"})
    step = post(f"{flows}/{step['flow_id']}", {"url": "demo:default?start=0"})
    assert step["step_id"] == "layout", step
    for _submit in range(2):  # the first draws the preview, the second saves
        step = post(f"{flows}/{step['flow_id']}", {"seats": ADDED_SEATS})
    assert step["type"] == "create_entry", step


def test_a_camera_added_afterwards_shows_up(browser: Any, demo_ha: DemoHomeAssistant) -> None:
    """The dashboard is open when a camera is added: Home Assistant offers to refresh it, and
    the new camera is there with its seats; nothing was edited."""
    tokens = demo_ha.tokens()
    page = open_page(browser, demo_ha, VIEW, tokens)
    page.locator("seatsense-seat-tiles button.tile").nth(8).wait_for(timeout=60_000)
    _add_camera(demo_ha, tokens["access_token"])

    # The site restarts with the camera; each burst of registry changes may bring the toast
    # again: refresh until the camera is there, as a person would.
    refresh = page.get_by_role("button", name="Refresh")
    refresh.wait_for(timeout=90_000)
    heading = page.locator("hui-heading-card", has_text=ADDED_CAMERA)
    refreshes = 0
    until = time.monotonic() + 120
    while time.monotonic() < until and not heading.count():
        if refresh.count():
            refresh.first.click()
            refreshes += 1
        page.wait_for_timeout(1000)
    assert heading.count() == 1 and 1 <= refreshes <= 3, refreshes
    until = time.monotonic() + 120
    while time.monotonic() < until and page.locator("seatsense-seat-tiles").count() < 3:
        page.wait_for_timeout(1000)
    added = page.locator("seatsense-seat-tiles").nth(2).locator("button.tile")
    added.nth(1).wait_for(timeout=120_000)
    assert [added.nth(i).get_attribute("data-seat") for i in range(added.count())] == ["E1", "E2"]
    assert _headings(page)[:4] == ["Now", DEMO_CAMERA, OFFLINE_CAMERA, ADDED_CAMERA]
    # Afterwards a fresh load shows it too (the stored configuration is still the strategy).
    page.reload()
    page.locator("seatsense-seat-tiles").nth(2).locator("button.tile").nth(1).wait_for(
        timeout=60_000
    )
