"""The seat-map card and the seat editor in Chromium, against a real Home Assistant.

The card is checked against the entities as the demo timeline moves; the editor is used with
the mouse and the keyboard as a person would: draw, copy along a row, break a shape, save.
"""

from __future__ import annotations

import json
import time
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest

from .conftest import DemoHomeAssistant, open_page

pytestmark = [pytest.mark.slow]

ROOT = Path(__file__).resolve().parents[2]
PALETTE: dict[str, str] = json.loads(
    (ROOT / "seatsense" / "core" / "state_colors.json").read_text()
)
SEAT_STATES = set(PALETTE)
CARD_WAIT_S = 240.0

# Every seat-map card on the page, its seats and labels, with the states the page's `hass`
# holds at that same moment (one synchronous read: no state can change in between).
_READ_CARDS = """
() => {
  const cards = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.tagName === "SEATSENSE-SEAT-MAP") cards.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const hass = document.querySelector("home-assistant").hass;
  return cards.map((card) => {
    const root = card.shadowRoot;
    return {
      now: Date.now(),
      offline: Boolean(root.querySelector(".banner.offline")),
      seats: [...root.querySelectorAll("polygon.seat")].map((p) => ({
        id: p.dataset.seat, state: p.dataset.state, stroke: p.getAttribute("stroke"),
      })),
      labels: Object.fromEntries(
        [...root.querySelectorAll("button.label")].map((l) => [l.dataset.seat, l.innerText])),
      minutes: Object.fromEntries([...root.querySelectorAll("button.label [data-minutes]")]
        .map((m) => [m.closest("button").dataset.seat, Number(m.dataset.minutes)])),
      states: Object.fromEntries(Object.entries(hass.states)
        .filter(([id]) => id.startsWith("sensor.") || id.startsWith("binary_sensor."))
        .map(([id, s]) => [id, s.state])),
    };
  });
}
"""


def _camera_slug(card: dict[str, Any]) -> str:
    return "back_room" if any(s["id"] == "X1" for s in card["seats"]) else "demo_study_room"


def _belongings_minutes(card: dict[str, Any], key: str) -> int | None:
    """Whole minutes since the seat's "belongings since" time, on the page's clock."""
    since = card["states"].get(f"sensor.{key}_belongings_since")
    if since in (None, "unknown", "unavailable"):
        return None
    left_ms = datetime.fromisoformat(since).timestamp() * 1000
    return max(0, int((card["now"] - left_ms) // 60_000))


def _mismatches(card: dict[str, Any]) -> list[str]:
    """Where the card disagrees with the entities it shows."""
    wrong = []
    slug = _camera_slug(card)
    for seat in card["seats"]:
        key = f"{slug}_{seat['id'].lower()}"
        raw = card["states"].get(f"sensor.{key}_state")
        expected = raw if raw in SEAT_STATES else "unknown"
        if seat["state"] != expected or seat["stroke"] != PALETTE[expected]:
            wrong.append(f"{seat['id']}: card {seat['state']} {seat['stroke']}, entity {raw}")
            continue
        label = card["labels"][seat["id"]]
        shown = card["minutes"].get(seat["id"])
        vacant = card["states"].get(f"sensor.{key}_vacant_for")
        if expected in ("away", "abandoned"):
            # The badge counts from when the belongings were left, as the entity says.
            minutes = _belongings_minutes(card, key)
            if minutes is None or shown != minutes:
                wrong.append(
                    f"{seat['id']}: {expected} badge {shown} ({label!r}), "
                    f"belongings left {minutes} min ago"
                )
            elif expected == "abandoned" and (f"{minutes} min" not in label or "⚠" not in label):
                wrong.append(f"{seat['id']}: hogged label {label!r}, belongings {minutes} min")
        elif expected == "empty" and vacant not in (None, "unknown", "unavailable"):
            if shown != int(vacant) or f"{vacant} min" not in label:
                wrong.append(f"{seat['id']}: label {label!r}, vacant for {vacant}")
    return wrong


def test_card_colours_and_minutes_follow_the_entities(
    browser: Any, demo_ha: DemoHomeAssistant
) -> None:
    """As the demo moves on, every seat shows its entity's state in that state's colour, with
    the vacancy minutes of its entities and, where belongings are left, the minutes since
    their "belongings since" time; the offline camera's seat is unknown."""
    page = open_page(browser, demo_ha, "/lovelace/seats", demo_ha.tokens())
    page.wait_for_selector("seatsense-seat-map polygon.seat", timeout=60_000)
    seen: set[str] = set()
    apart: set[str] = set()  # seats whose belongings came after their vacancy began (A3)
    checks = 0
    until = time.monotonic() + CARD_WAIT_S
    wanted = {"empty", "occupied", "abandoned", "unknown"}
    while time.monotonic() < until and not (wanted <= seen and apart):
        for _attempt in range(4):  # a state may land between the entities and the re-render
            cards = page.evaluate(_READ_CARDS)
            wrong = [w for card in cards for w in _mismatches(card)]
            if not wrong:
                break
            page.wait_for_timeout(250)
        assert not wrong, wrong
        assert len(cards) == 2
        offline = next(card for card in cards if _camera_slug(card) == "back_room")
        assert offline["offline"] and [s["state"] for s in offline["seats"]] == ["unknown"]
        seen |= {seat["state"] for card in cards for seat in card["seats"]}
        apart |= _badges_apart_from_vacancy(cards)
        checks += 1
        page.wait_for_timeout(2000)
    assert wanted <= seen, seen
    # The badge read the belongings' own time, not the vacancy minutes, where the two differ.
    assert apart, "no seat showed belongings minutes that differ from its vacancy minutes"
    assert checks > 3


def _badges_apart_from_vacancy(cards: list[dict[str, Any]]) -> set[str]:
    found = set()
    for card in cards:
        slug = _camera_slug(card)
        for seat in card["seats"]:
            key = f"{slug}_{seat['id'].lower()}"
            vacant = card["states"].get(f"sensor.{key}_vacant_for", "")
            shown = card["minutes"].get(seat["id"])
            holds = seat["state"] in ("away", "abandoned") and shown is not None
            if holds and vacant.isdigit() and shown != int(vacant):
                found.add(seat["id"])
    return found


def _hold(page: Any, target: Any, ms: int = 800) -> None:
    box = target.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.wait_for_timeout(ms)
    page.mouse.up()


def test_card_tap_opens_details_and_hold_offers_staff_actions(
    browser: Any, demo_ha: DemoHomeAssistant
) -> None:
    page = open_page(browser, demo_ha, "/lovelace/seats", demo_ha.tokens())
    card = page.locator("seatsense-seat-map").first
    label = card.locator("button.label[data-seat='A1']")
    label.wait_for(timeout=60_000)
    label.click()
    dialog = page.locator("ha-more-info-dialog ha-dialog[open]")
    dialog.wait_for(state="attached", timeout=15_000)
    assert "Demo study room A1" in dialog.inner_text()
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached", timeout=15_000)
    # The dialog's scrim outlives its `open` for its closing animation: hold only once the
    # label itself would take the pointer (a trial click waits for that, clicking nothing).
    label.click(trial=True)

    _hold(page, label)
    menu = card.locator(".menu[data-seat='A1']")
    menu.wait_for()
    assert menu.locator("[data-action='capture_baseline']").count() == 1
    menu.locator("[data-action='reset_seat']").click()
    toast = card.locator(".toast")
    toast.wait_for()
    assert "A1" in toast.inner_text() and "done" in toast.inner_text(), toast.inner_text()
    assert page.locator("ha-more-info-dialog ha-dialog[open]").count() == 0


def test_card_stub_config_and_visual_editor(browser: Any, demo_ha: DemoHomeAssistant) -> None:
    """The card picker's stub points at the first camera; the editor lists the site's cameras
    and reports the one picked as a config change, and the floor plan mode without a camera."""
    page = open_page(browser, demo_ha, "/lovelace/seats", demo_ha.tokens())
    page.locator("seatsense-seat-map polygon.seat").first.wait_for(timeout=60_000)
    result = page.evaluate(
        """async () => {
          const hass = document.querySelector("home-assistant").hass;
          const Card = customElements.get("seatsense-seat-map");
          const stub = await Card.getStubConfig(hass);
          const editor = Card.getConfigElement();
          document.body.appendChild(editor);
          editor.hass = hass;
          editor.setConfig(stub);
          const changed = new Promise((resolve) =>
            editor.addEventListener("config-changed", (ev) => resolve(ev.detail.config)));
          await new Promise((resolve) => setTimeout(resolve, 1500));
          const select = editor.shadowRoot.querySelector("select[name=camera]");
          const cameras = [...select.options].map((o) => o.textContent);
          select.value = select.options[1].value;
          select.dispatchEvent(new Event("change"));
          const picked = await changed;
          const toPlan = new Promise((resolve) =>
            editor.addEventListener("config-changed", (ev) => resolve(ev.detail.config)));
          const mode = editor.shadowRoot.querySelector("select[name=mode]");
          mode.value = "floor_plan";
          mode.dispatchEvent(new Event("change"));
          const grid = new Card().getGridOptions();
          return { stub, cameras, changed: picked, plan: await toPlan, grid,
                   listed: window.customCards.some((c) => c.type === "seatsense-seat-map") };
        }"""
    )
    assert result["stub"] == {
        "type": "custom:seatsense-seat-map",
        "entry_id": demo_ha.entry_id,
        "camera_id": demo_ha.demo_camera_id,
    }
    assert result["cameras"] == ["Demo study room", "Back room"]
    assert result["changed"]["camera_id"] == demo_ha.offline_camera_id
    assert result["plan"] == {
        "type": "custom:seatsense-seat-map",
        "entry_id": demo_ha.entry_id,
        "mode": "floor_plan",
    }
    assert result["grid"]["columns"] == 12 and result["grid"]["min_columns"] == 6
    assert result["listed"] is True


def _luminance(css_colour: str) -> float:
    """Relative brightness 0-1 of an `rgb(...)` / `rgba(...)` colour."""
    r, g, b = (float(v) for v in css_colour[css_colour.index("(") + 1 : -1].split(",")[:3])
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


def test_card_on_a_phone_in_dark_theme_and_korean(
    browser: Any, demo_ha: DemoHomeAssistant, tmp_path: Path
) -> None:
    """390 px wide, dark, Korean: the card fits the screen, reads in Korean and its seats stay
    tappable; the screenshot is kept beside the test's temporary files."""
    page = open_page(
        browser,
        demo_ha,
        "/lovelace/seats",
        demo_ha.tokens(),
        viewport={"width": 390, "height": 844},
        device_scale_factor=2,
        color_scheme="dark",
        locale="ko-KR",
    )
    card = page.locator("seatsense-seat-map").first
    card.locator("polygon.seat").first.wait_for(timeout=60_000)
    card.locator("img").wait_for(timeout=60_000)
    page.wait_for_timeout(1500)
    box = card.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 390
    legend = card.locator(".legend").inner_text()
    assert "빈 좌석" in legend and "사용 중" in legend, legend
    background = card.locator("ha-card").evaluate("el => getComputedStyle(el).backgroundColor")
    assert _luminance(background) < 0.3, background
    labels = card.locator("button.label")
    assert labels.count() == 8
    for i in range(labels.count()):
        label = labels.nth(i).bounding_box()
        assert label is not None and label["height"] >= 16 and label["x"] + label["width"] <= 390
    shot = tmp_path / "seat-map-390-dark-ko.png"
    card.screenshot(path=str(shot))
    print(f"screenshot: {shot}")
    assert shot.stat().st_size > 10_000


def _create_user(page: Any, username: str, password: str) -> None:
    """A non-admin user, made through Home Assistant's own admin commands."""
    page.evaluate(
        """async ([username, password]) => {
          const hass = document.querySelector("home-assistant").hass;
          const { user } = await hass.callWS({
            type: "config/auth/create", name: username, group_ids: ["system-users"],
          });
          await hass.callWS({
            type: "config/auth_provider/homeassistant/create",
            user_id: user.id, username, password,
          });
        }""",
        [username, password],
    )


def test_non_admin_gets_no_editor_and_cannot_save(browser: Any, demo_ha: DemoHomeAssistant) -> None:
    admin = open_page(browser, demo_ha, "/lovelace/seats", demo_ha.tokens())
    admin.locator("ha-sidebar [href='/seatsense-editor']").wait_for(timeout=60_000)
    _create_user(admin, "staff", "staff-password-1")

    staff = open_page(
        browser, demo_ha, "/lovelace/seats", demo_ha.tokens("staff", "staff-password-1")
    )
    staff.locator("ha-sidebar [href='/lovelace']").first.wait_for(timeout=60_000)
    assert staff.locator("ha-sidebar [href='/seatsense-editor']").count() == 0
    # The card works for staff: it reads the layout and the picture.
    staff.locator("seatsense-seat-map polygon.seat").first.wait_for(timeout=60_000)
    label = staff.locator("seatsense-seat-map button.label[data-seat='A1']").first
    _hold(staff, label)
    menu = staff.locator("seatsense-seat-map .menu[data-seat='A1']")
    menu.wait_for()
    assert menu.locator("[data-action]").count() == 0
    refused = staff.evaluate(
        """async ([entry, camera]) => {
          const hass = document.querySelector("home-assistant").hass;
          try {
            await hass.callWS({ type: "seatsense/save_layout", entry_id: entry,
              camera_id: camera, seats: [] });
            return "saved";
          } catch (err) { return err.code; }
        }""",
        [demo_ha.entry_id, demo_ha.demo_camera_id],
    )
    assert refused == "unauthorized"
    staff.goto(demo_ha.base + "/seatsense-editor")
    staff.wait_for_timeout(3000)
    assert staff.locator("seatsense-editor-panel").count() == 0


def _open_editor(browser: Any, demo_ha: DemoHomeAssistant) -> tuple[Any, Any]:
    """The editor on the demo camera, its picture loaded; the page and the canvas's box."""
    page = open_page(browser, demo_ha, "/seatsense-editor", demo_ha.tokens())
    page.locator("seatsense-editor-panel .stage img").wait_for(timeout=60_000)
    return page, page.locator("seatsense-editor-panel svg.canvas")


def _to_screen(canvas: Any, x: float, y: float) -> tuple[float, float]:
    """A frame pixel (1280x720 demo frame) as a point on the page."""
    box = canvas.bounding_box()
    return box["x"] + x * box["width"] / 1280, box["y"] + y * box["height"] / 720


def _click(page: Any, canvas: Any, x: float, y: float) -> None:
    page.mouse.click(*_to_screen(canvas, x, y))


def test_self_intersecting_seat_is_marked_and_cannot_be_saved(
    browser: Any, demo_ha: DemoHomeAssistant
) -> None:
    before = demo_ha.stored_subentry(demo_ha.demo_camera_id)["data"]["seats"]
    page, canvas = _open_editor(browser, demo_ha)
    page.keyboard.press("n")
    for x, y in ((1100, 300), (1250, 390), (1250, 300), (1100, 390)):  # a bow tie
        _click(page, canvas, x, y)
    page.keyboard.press("Enter")
    error = page.locator("seatsense-editor-panel .seat-list li.invalid .error")
    error.wait_for()
    assert error.get_attribute("data-code") == "self_intersecting"
    assert "its edges cross" in error.inner_text()
    shape = page.locator("seatsense-editor-panel svg.canvas g.seat.invalid")
    assert shape.count() == 1 and "its edges cross" in (shape.text_content() or "")
    save = page.locator("seatsense-editor-panel button.save")
    assert save.is_disabled()
    page.keyboard.press("Control+s")
    status = page.locator("seatsense-editor-panel .status.error")
    status.wait_for()
    assert "Fix the marked seats" in status.inner_text()
    page.wait_for_timeout(1500)
    assert demo_ha.stored_subentry(demo_ha.demo_camera_id)["data"]["seats"] == before
    page.keyboard.press("Control+z")
    assert page.locator("seatsense-editor-panel .seat-list li.invalid").count() == 0
    assert not save.is_disabled()
    assert status.count() == 0  # the message went with the seat
    assert page.locator("seatsense-editor-panel input.seat-id").is_disabled()  # none selected


def _rename_selected(page: Any, seat_id: str) -> None:
    """F2 selects the seat's id field; type the new id and Enter."""
    page.keyboard.press("F2")
    page.keyboard.type(seat_id)
    page.keyboard.press("Enter")


def _points(page: Any, seat_id: str) -> list[tuple[float, float]]:
    polygon = page.locator(f"seatsense-editor-panel g.seat[data-seat='{seat_id}'] polygon")
    text = polygon.get_attribute("points") or ""
    return [(float(x), float(y)) for x, y in (pair.split(",") for pair in text.split())]


def _drag(page: Any, canvas: Any, start: tuple[float, float], end: tuple[float, float]) -> None:
    page.mouse.move(*_to_screen(canvas, *start))
    page.mouse.down()
    page.mouse.move(*_to_screen(canvas, *end), steps=8)
    page.mouse.up()


def _near(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return abs(a[0] - b[0]) <= 1.5 and abs(a[1] - b[1]) <= 1.5


def test_editor_drag_corner_and_seat_undo_redo_delete_zoom(
    browser: Any, demo_ha: DemoHomeAssistant
) -> None:
    page, canvas = _open_editor(browser, demo_ha)
    panel = page.locator("seatsense-editor-panel")
    a1 = _points(page, "A1")
    b1 = _points(page, "B1")
    _click(page, canvas, 360, 230)  # inside A1: selected, its corners get handles
    assert panel.locator("circle.handle").count() == 4
    assert panel.locator("input.seat-id").input_value() == "A1"

    _drag(page, canvas, a1[0], (300, 180))
    assert _near(_points(page, "A1")[0], (300, 180))
    _drag(page, canvas, (230, 500), (250, 510))  # inside B1: the whole seat moves
    moved = _points(page, "B1")
    assert all(_near(p, (x + 20, y + 10)) for p, (x, y) in zip(moved, b1, strict=True)), moved
    assert panel.locator(".dirty").count() == 1

    page.keyboard.press("Control+z")
    assert _points(page, "B1") == b1
    page.keyboard.press("Control+z")
    assert _points(page, "A1") == a1
    page.keyboard.press("Control+y")
    assert _near(_points(page, "A1")[0], (300, 180))

    _click(page, canvas, 360, 230)
    page.mouse.dblclick(*_to_screen(canvas, 376, 172.6))  # on A1's top edge: a new corner
    assert len(_points(page, "A1")) == 5
    page.keyboard.press("Delete")
    assert panel.locator("g.seat").count() == 7
    assert panel.locator("g.seat[data-seat='A1']").count() == 0

    fit = panel.locator(".stage").bounding_box()["width"]
    page.keyboard.press("+")
    page.keyboard.press("+")
    zoomed = panel.locator(".stage").bounding_box()["width"]
    assert zoomed == pytest.approx(fit * 1.25 * 1.25, rel=0.02)
    page.keyboard.press("0")
    assert panel.locator(".stage").bounding_box()["width"] == pytest.approx(fit, rel=0.01)

    panel.locator("button.revert").click()
    assert panel.locator("g.seat").count() == 8
    assert _points(page, "A1") == a1
    assert panel.locator(".dirty").count() == 0


def _wait_for(what: str, check: Any, timeout_s: float = 90.0) -> Any:
    until = time.monotonic() + timeout_s
    while time.monotonic() < until:
        if value := check():
            return value
        time.sleep(1.0)
    pytest.fail(f"no {what} within {timeout_s:.0f} s")


def test_draw_two_seats_copy_one_along_a_row_and_save(
    browser: Any, demo_ha: DemoHomeAssistant
) -> None:
    """The timed path of a new user: one carrel drawn with four clicks, seven copies dragged
    out along the row, a second seat drawn, saved; the site reloads with 17 seats and the
    seated people stay seated with their stays counting on."""
    token = demo_ha.tokens()["access_token"]
    before = demo_ha.states(token)
    seated = [
        seat
        for seat in ("a2", "b2")
        if before[f"sensor.demo_study_room_{seat}_state"]["state"] == "occupied"
    ]
    assert seated, "the demo has people seated in A2 and B2 from 600 s on"
    page, canvas = _open_editor(browser, demo_ha)

    started = time.monotonic()
    page.keyboard.press("n")
    for x, y in ((40, 20), (170, 20), (170, 140), (40, 140), (40, 20)):  # back to the first
        _click(page, canvas, x, y)
    _rename_selected(page, "C1")  # a new seat is named after the last one (B5): a new row
    page.keyboard.press("r")
    page.mouse.move(*_to_screen(canvas, 105, 80))
    page.mouse.down()
    page.mouse.move(*_to_screen(canvas, 1155, 80), steps=15)
    page.mouse.up()
    row_s = time.monotonic() - started
    print(
        f"row of 8 carrels drawn in {row_s:.2f} s: N, 4 corner clicks and a closing click, "
        "F2 + id + Enter, R, one drag"
    )

    page.keyboard.press("n")
    for x, y in ((20, 300), (90, 300), (90, 400), (20, 400)):
        _click(page, canvas, x, y)
    page.keyboard.press("Enter")
    _rename_selected(page, "D1")
    assert page.locator("seatsense-editor-panel .seat-list li").count() == 17
    assert page.locator("seatsense-editor-panel .seat-list li.invalid").count() == 0
    page.locator("seatsense-editor-panel button.save").click()
    status = page.locator("seatsense-editor-panel .status.ok")
    status.wait_for(timeout=30_000)
    assert "Saved 17 seats" in status.inner_text()
    print(f"saved {time.monotonic() - started:.2f} s after the first key press")

    stored = _wait_for(
        "stored layout",
        lambda: (s := demo_ha.stored_subentry(demo_ha.demo_camera_id)["data"]["seats"])
        and "D1:" in s
        and s,
    )
    lines = dict(line.split(": ", 1) for line in stored.splitlines())
    assert lines["C1"] == "40,20 170,20 170,140 40,140"
    assert lines["C5"] == "640,20 770,20 770,140 640,140"
    assert lines["C8"] == "1090,20 1220,20 1220,140 1090,140"
    assert lines["D1"] == "20,300 90,300 90,400 20,400"
    assert {"A1", "A4", "B1", "B4"} <= set(lines)

    new = [f"sensor.demo_study_room_c{i}_state" for i in range(1, 9)]
    new.append("sensor.demo_study_room_d1_state")
    after = _wait_for(
        "new seat entities with states",
        lambda: (s := demo_ha.states(token))
        and all(s.get(e, {}).get("state") in SEAT_STATES for e in new)
        and s,
    )
    for seat in seated:
        assert after[f"sensor.demo_study_room_{seat}_state"]["state"] == "occupied"
        stay_before = float(before[f"sensor.demo_study_room_{seat}_current_stay"]["state"])
        stay_after = float(after[f"sensor.demo_study_room_{seat}_current_stay"]["state"])
        assert stay_after >= stay_before
    # The editor has followed the reload: nothing left unsaved.
    page.locator("seatsense-editor-panel .dirty").wait_for(state="detached", timeout=30_000)


def _plan_png(width: int = 1000, height: int = 600) -> bytes:
    """A drawn floor plan: walls, two rows of desks."""
    import cv2
    import numpy as np

    plan = np.full((height, width, 3), 250, np.uint8)
    cv2.rectangle(plan, (20, 20), (width - 20, height - 20), (60, 60, 60), 6)
    for row in (150, 380):
        for i in range(4):
            x = 150 + i * 180
            cv2.rectangle(plan, (x, row), (x + 150, row + 70), (150, 190, 220), -1)
    ok, data = cv2.imencode(".png", plan)
    assert ok
    return bytes(data.tobytes())


_READ_PLAN_CARD = """
() => {
  const found = [];
  const walk = (root) => {
    for (const el of root.querySelectorAll("*")) {
      if (el.tagName === "SEATSENSE-SEAT-MAP") found.push(el);
      if (el.shadowRoot) walk(el.shadowRoot);
    }
  };
  walk(document);
  const hass = document.querySelector("home-assistant").hass;
  const svg = found[0].shadowRoot.querySelector(".map.plan svg");
  return {
    viewBox: svg.getAttribute("viewBox"),
    seats: [...svg.querySelectorAll("polygon.seat")].map((p) => ({
      id: p.dataset.seat, state: p.dataset.state, stroke: p.getAttribute("stroke"),
      points: p.getAttribute("points"),
    })),
    states: Object.fromEntries(Object.entries(hass.states).map(([id, s]) => [id, s.state])),
  };
}
"""


def test_floor_plan_uploaded_seats_placed_and_shown_by_the_card(
    browser: Any, demo_ha: DemoHomeAssistant, tmp_path: Path
) -> None:
    """In the editor: a too large file and an SVG are refused in one line, a PNG plan is
    uploaded, A1 placed with a click, B3 with a dragged box, the back room's X1 with a click,
    saved. A card in floor plan mode then draws those three seats on the plan in their
    entities' state colours (X1, whose camera is offline, unknown)."""
    page, _canvas = _open_editor(browser, demo_ha)
    editor = page.locator("seatsense-floor-plan-editor")
    editor.locator("text=This site has no floor plan yet.").wait_for(timeout=30_000)
    upload = editor.locator("input[type=file]")
    status = editor.locator(".status")

    upload.set_input_files(
        {"name": "huge.png", "mimeType": "image/png", "buffer": bytes(3 * 1024 * 1024)}
    )
    status.wait_for()
    assert status.inner_text() == "The floor plan is 3.0 MB; at most 2 MB."
    svg = b"<svg xmlns='http://www.w3.org/2000/svg'/>"
    upload.set_input_files({"name": "plan.svg", "mimeType": "image/svg+xml", "buffer": svg})
    editor.locator(".status.error >> text=PNG or JPEG").wait_for(timeout=15_000)
    assert status.inner_text() == "Not saved: a floor plan must be a PNG or JPEG image"

    upload.set_input_files({"name": "plan.png", "mimeType": "image/png", "buffer": _plan_png()})
    editor.locator(".status.ok").wait_for(timeout=15_000)
    assert status.inner_text() == "Floor plan uploaded (1000×600)."
    stage = editor.locator(".plan-stage svg")
    stage.wait_for()

    def on_plan(fx: float, fy: float) -> tuple[float, float]:
        box = stage.bounding_box()
        return box["x"] + fx * box["width"], box["y"] + fy * box["height"]

    editor.locator(f"button[data-seat='A1'][data-camera='{demo_ha.demo_camera_id}']").click()
    page.mouse.click(*on_plan(0.225, 0.308))
    editor.locator(f"button[data-seat='B3'][data-camera='{demo_ha.demo_camera_id}']").click()
    page.mouse.move(*on_plan(0.51, 0.633))
    page.mouse.down()
    page.mouse.move(*on_plan(0.66, 0.75), steps=6)
    page.mouse.up()
    x1 = editor.locator(f"button[data-seat='X1'][data-camera='{demo_ha.offline_camera_id}']")
    x1.click()
    page.mouse.click(*on_plan(0.5, 0.1))
    assert editor.locator("g.placed").count() == 3
    x1.click()  # placed wrongly: taken off and placed again
    editor.locator("button.clear-place").click()
    assert editor.locator("g.placed").count() == 2
    page.mouse.click(*on_plan(0.8, 0.8))
    assert editor.locator("g.placed").count() == 3
    editor.locator("button.save-places").click()
    editor.locator(".status.ok >> text=Saved the places of 3 seats.").wait_for(timeout=15_000)

    stored = page.evaluate(
        """async (entry) => (await document.querySelector("home-assistant").hass.callWS(
             { type: "seatsense/floor_plan", entry_id: entry })).seats""",
        demo_ha.entry_id,
    )
    a1 = stored[demo_ha.demo_camera_id]["A1"]
    assert len(a1) == 1 and a1[0] == pytest.approx([0.225, 0.308], abs=0.01)
    b3 = stored[demo_ha.demo_camera_id]["B3"]
    assert b3[0] == pytest.approx([0.51, 0.633], abs=0.01)
    assert b3[2] == pytest.approx([0.66, 0.75], abs=0.01)
    assert stored[demo_ha.offline_camera_id]["X1"][0] == pytest.approx([0.8, 0.8], abs=0.01)

    # A view with the card in floor plan mode, added to the dashboard as the card editor would.
    page.evaluate(
        """async (entry) => {
          const hass = document.querySelector("home-assistant").hass;
          const config = await hass.callWS({ type: "lovelace/config" });
          config.views.push({ title: "Plan", path: "plan", cards: [
            { type: "custom:seatsense-seat-map", entry_id: entry, mode: "floor_plan" }] });
          await hass.callWS({ type: "lovelace/config/save", config });
        }""",
        demo_ha.entry_id,
    )
    card_page = open_page(browser, demo_ha, "/lovelace/plan", demo_ha.tokens())
    card_page.locator("seatsense-seat-map .map.plan polygon.seat").nth(2).wait_for(timeout=60_000)
    card_page.locator("seatsense-seat-map .map.plan img").wait_for()
    for _attempt in range(8):
        shown = card_page.evaluate(_READ_PLAN_CARD)
        expected = {}
        for seat in shown["seats"]:
            slug = "back_room" if seat["id"] == "X1" else "demo_study_room"
            raw = shown["states"].get(f"sensor.{slug}_{seat['id'].lower()}_state")
            expected[seat["id"]] = raw if raw in SEAT_STATES else "unknown"
        if all(s["state"] == expected[s["id"]] for s in shown["seats"]):
            break
        card_page.wait_for_timeout(250)
    assert shown["viewBox"] == "0 0 1000 600"
    assert sorted(s["id"] for s in shown["seats"]) == ["A1", "B3", "X1"]
    for seat in shown["seats"]:
        assert seat["state"] == expected[seat["id"]], (seat, expected)
        assert seat["stroke"] == PALETTE[seat["state"]]
    by_id = {seat["id"]: seat for seat in shown["seats"]}
    assert by_id["X1"]["state"] == "unknown"
    corners = [tuple(map(float, p.split(","))) for p in by_id["A1"]["points"].split()]
    assert len(corners) == 8  # a point is drawn as a small octagon around it
    assert sum(x for x, _ in corners) / 8 == pytest.approx(225, abs=10)
    assert sum(y for _, y in corners) / 8 == pytest.approx(185, abs=10)
    assert len(by_id["B3"]["points"].split()) == 4
    shot = tmp_path / "seat-map-floor-plan.png"
    card_page.locator("seatsense-seat-map").screenshot(path=str(shot))
    print(f"screenshot: {shot}")
