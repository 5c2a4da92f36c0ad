import { describe, expect, test } from "vitest";

import type { SeatInfo } from "../../../custom_components/seatsense/frontend/src/api";
import type { HomeAssistant } from "../../../custom_components/seatsense/frontend/src/ha";
import {
  badgeMinutes,
  msUntilNextMinute,
  seatView,
  timestampState,
  wholeMinutes,
} from "../../../custom_components/seatsense/frontend/src/seat-view";

const seat: SeatInfo = {
  id: "A1",
  polygon: [
    [0, 0],
    [10, 0],
    [10, 10],
  ],
  device_id: "dev",
  entities: {
    state: "sensor.a1_state",
    vacant_minutes: "sensor.a1_vacant_for",
    belongings_since: "sensor.a1_belongings_since",
  },
};

const LEFT = "2026-12-04T22:00:00+00:00";
const LEFT_MS = Date.parse(LEFT);

function hass(state: string, vacant: string, belongings: string): HomeAssistant {
  const entity = (entity_id: string, value: string) => ({
    entity_id,
    state: value,
    attributes: {},
    last_changed: LEFT,
    last_updated: LEFT,
  });
  return {
    states: {
      "sensor.a1_state": entity("sensor.a1_state", state),
      "sensor.a1_vacant_for": entity("sensor.a1_vacant_for", vacant),
      "sensor.a1_belongings_since": entity("sensor.a1_belongings_since", belongings),
    },
    language: "en",
    callWS: () => Promise.reject(new Error("unused")),
    callService: () => Promise.reject(new Error("unused")),
  };
}

describe("the hogging badge counts from when the belongings were left", () => {
  test("a hogged seat shows the belongings minutes, not the vacancy minutes", () => {
    // Vacant for 40 minutes, the bag put down 12.5 minutes ago.
    const view = seatView(hass("abandoned", "40", LEFT), seat);
    expect(view.belongingsSinceMs).toBe(LEFT_MS);
    expect(badgeMinutes(view, LEFT_MS + 12.5 * 60_000)).toBe(12);
  });

  test("an away seat counts its belongings too; an empty one its vacancy", () => {
    const away = seatView(hass("away", "5", LEFT), seat);
    expect(badgeMinutes(away, LEFT_MS + 3 * 60_000)).toBe(3);
    const empty = seatView(hass("empty", "7", "unknown"), seat);
    expect(empty.belongingsSinceMs).toBeNull();
    expect(badgeMinutes(empty, LEFT_MS)).toBe(7);
  });

  test("a stale time is ignored once the seat is empty, occupied or offline", () => {
    for (const state of ["empty", "occupied", "unknown", "unavailable"]) {
      expect(seatView(hass(state, "1", LEFT), seat).belongingsSinceMs).toBeNull();
    }
    expect(badgeMinutes(seatView(hass("occupied", "unknown", LEFT), seat), LEFT_MS)).toBeNull();
    expect(badgeMinutes(seatView(hass("unavailable", "3", LEFT), seat), LEFT_MS)).toBeNull();
  });

  test("without a known time a hogged seat falls back to its vacancy minutes", () => {
    const view = seatView(hass("abandoned", "14", "unknown"), seat);
    expect(badgeMinutes(view, LEFT_MS)).toBe(14);
  });

  test("only ISO times are read; a browser clock behind the server gives 0, not -1", () => {
    expect(timestampState(hass("away", "0", "unknown"), "sensor.a1_belongings_since")).toBeNull();
    expect(timestampState(hass("away", "0", "12"), "sensor.a1_belongings_since")).toBeNull();
    expect(timestampState(hass("away", "0", LEFT), undefined)).toBeNull();
    expect(wholeMinutes(LEFT_MS, LEFT_MS - 5_000)).toBe(0);
    expect(wholeMinutes(LEFT_MS, LEFT_MS + 59_999)).toBe(0);
    expect(wholeMinutes(LEFT_MS, LEFT_MS + 60_000)).toBe(1);
  });
});

describe("the card re-renders when a badge's minute turns", () => {
  test("the wait is to the nearest next minute among the seats with belongings", () => {
    const early = seatView(hass("abandoned", "0", LEFT), seat);
    const later = seatView(hass("away", "0", "2026-12-04T22:00:45+00:00"), seat);
    const empty = seatView(hass("empty", "3", "unknown"), seat);
    // At 22:01:10: the first turns at 22:02:00 (50 s), the second at 22:01:45 (35 s).
    expect(msUntilNextMinute([early, later, empty], LEFT_MS + 70_000)).toBe(35_000);
    expect(msUntilNextMinute([early], LEFT_MS + 60_000)).toBe(60_000);
    expect(msUntilNextMinute([empty], LEFT_MS)).toBeNull();
  });
});
