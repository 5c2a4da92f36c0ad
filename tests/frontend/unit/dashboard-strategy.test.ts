import { describe, expect, test } from "vitest";

import type { LayoutInfo, SiteInfo } from "../../../custom_components/seatsense/frontend/src/api";
import {
  SeatsenseDashboardStrategy,
  SeatsenseViewStrategy,
  TOTALS,
  dashboardConfig,
  viewPath,
} from "../../../custom_components/seatsense/frontend/src/dashboard-strategy";
import { DASHBOARD_WORDS } from "../../../custom_components/seatsense/frontend/src/dashboard-words";
import type { HomeAssistant } from "../../../custom_components/seatsense/frontend/src/ha";
import { seatDetail } from "../../../custom_components/seatsense/frontend/src/seat-tiles-card";

function hass(language = "en", states: Record<string, string> = {}, layout?: LayoutInfo) {
  return {
    language,
    states: Object.fromEntries(
      Object.entries(states).map(([id, state]) => [
        id,
        { entity_id: id, state, attributes: {}, last_changed: "", last_updated: "" },
      ]),
    ),
    callWS: async () => layout,
    callService: async () => undefined,
  } as unknown as HomeAssistant;
}

const seat = (id: string) => ({
  id,
  polygon: [[0, 0], [10, 0], [10, 10]] as [number, number][],
  device_id: `device-${id}`,
  entities: {
    state: `sensor.hall_${id.toLowerCase()}_state`,
    vacant_minutes: `sensor.hall_${id.toLowerCase()}_vacant_for`,
    stay_minutes: `sensor.hall_${id.toLowerCase()}_current_stay`,
  },
});

const site = (title: string, entryId: string, cameras: string[][]): SiteInfo => ({
  entry_id: entryId,
  title,
  loaded: true,
  privacy_blur: true,
  entities: Object.fromEntries(TOTALS.map((key) => [key, `sensor.${entryId}_${key}`])),
  cameras: cameras.map((seats, i) => ({
    camera_id: `cam${i}`,
    name: `Camera ${i}`,
    width: 1280,
    height: 720,
    device_id: null,
    entities: { connected: `binary_sensor.cam${i}_connectivity`, people: `sensor.cam${i}_people` },
    seats: seats.map(seat),
  })),
});

const LAYOUT: LayoutInfo = {
  sites: [site("Study Cafe", "e1", [["A1", "A2"], []]), site("강남점", "e2", [["B1"]])],
  max_seat_overlap: 0.5,
};

describe("dashboard strategy", () => {
  test("one view per site: totals first, then per camera heading, seat tiles and seat map", () => {
    const config = dashboardConfig(hass(), LAYOUT);
    expect(config.views.map((v) => v.path)).toEqual(["study-cafe", "site-2"]);
    const [first] = config.views as ReturnType<typeof dashboardConfig>["views"] &
      { sections: { cards: Record<string, unknown>[] }[] }[];
    const [totals, cam0, cam1] = first.sections;
    expect(totals.cards[0]).toMatchObject({ type: "heading", heading: "Now" });
    expect(totals.cards.slice(1).map((c) => c.entity)).toEqual(
      TOTALS.map((key) => `sensor.e1_${key}`),
    );
    expect(cam0.cards.map((c) => c.type)).toEqual([
      "heading",
      "custom:seatsense-seat-tiles",
      "custom:seatsense-seat-map",
    ]);
    expect(cam0.cards[0].badges).toEqual([
      { type: "entity", entity: "binary_sensor.cam0_connectivity" },
      { type: "entity", entity: "sensor.cam0_people" },
    ]);
    expect(cam0.cards[1]).toMatchObject({ entry_id: "e1", camera_id: "cam0" });
    // A camera without seats says where to draw them instead of an empty tile card.
    expect(cam1.cards.map((c) => c.type)).toEqual(["heading", "markdown", "custom:seatsense-seat-map"]);
  });

  test("Korean words, one site only, and a message when there is no site", () => {
    const ko = dashboardConfig(hass("ko"), LAYOUT, "e2");
    expect(ko.title).toBe("강남점");
    expect(ko.views).toHaveLength(1);
    const totals = (ko.views[0] as { sections: { cards: Record<string, unknown>[] }[] }).sections[0];
    expect(totals.cards[1].name).toBe("사용 중 좌석");
    const none = dashboardConfig(hass(), { sites: [], max_seat_overlap: 0.5 });
    expect(JSON.stringify(none)).toContain("No seatsense site yet");
  });

  test("the strategies generate from the layout the integration sends", async () => {
    const live = hass("en", {}, LAYOUT);
    const dashboard = await SeatsenseDashboardStrategy.generate({ type: "custom:seatsense" }, live);
    expect(dashboard.views).toHaveLength(2);
    const view = await SeatsenseViewStrategy.generate({ type: "custom:seatsense", entry_id: "e2" }, live);
    expect(view).toMatchObject({ title: "강남점", type: "sections" });
  });

  test("view paths come from Latin titles and fall back to the site's number", () => {
    expect(viewPath(site("  Reading Room #2 ", "x", []), 0)).toBe("reading-room-2");
    expect(viewPath(site("열람실", "x", []), 2)).toBe("site-3");
  });

  test("both word tables have every word", () => {
    expect(Object.keys(DASHBOARD_WORDS.ko).sort()).toEqual(Object.keys(DASHBOARD_WORDS.en).sort());
  });
});

describe("seat tiles", () => {
  const a1 = seat("A1");
  const states = {
    "sensor.hall_a1_vacant_for": "12",
    "sensor.hall_a1_current_stay": "35.4",
  };
  test("stay minutes while occupied, vacancy or left-behind minutes otherwise, none when unknown", () => {
    expect(seatDetail(hass("en", states), a1, "occupied")).toBe("stay 35 min");
    expect(seatDetail(hass("en", states), a1, "empty")).toBe("vacant 12 min");
    expect(seatDetail(hass("ko", states), a1, "abandoned")).toBe("12분째");
    expect(seatDetail(hass("en", states), a1, "away")).toBe("for 12 min");
    expect(seatDetail(hass("en", states), a1, "unknown")).toBeUndefined();
    expect(seatDetail(hass("en", { "sensor.hall_a1_vacant_for": "unknown" }), a1, "away")).toBeUndefined();
  });
});
