import { describe, expect, test } from "vitest";

import type { SiteInfo } from "../../../custom_components/seatsense/frontend/src/api";
import {
  placeFromDrag,
  placeShape,
  seatsOnPlan,
} from "../../../custom_components/seatsense/frontend/src/floor-plan";
import { centroid, isSimple } from "../../../custom_components/seatsense/frontend/src/geometry";

describe("seat places on a floor plan", () => {
  test("a point becomes a small octagon around it, a polygon is scaled to the plan", () => {
    const octagon = placeShape([[0.5, 0.25]], 1000, 400);
    expect(octagon).toHaveLength(8);
    expect(isSimple(octagon)).toBe(true);
    const [cx, cy] = centroid(octagon);
    expect(cx).toBeCloseTo(500);
    expect(cy).toBeCloseTo(100);
    // 5 % of the shorter side across: a radius of 10 px on a 1000x400 plan.
    for (const [x, y] of octagon) expect(Math.hypot(x - 500, y - 100)).toBeCloseTo(10);
    expect(
      placeShape(
        [
          [0.1, 0.1],
          [0.2, 0.1],
          [0.2, 0.3],
        ],
        1000,
        400,
      ),
    ).toEqual([
      [100, 40],
      [200, 40],
      [200, 120],
    ]);
  });

  test("a click places a point, a drag a box, both kept on the plan", () => {
    expect(placeFromDrag([0.3, 0.3], [0.302, 0.301])).toEqual([[0.302, 0.301]]);
    expect(placeFromDrag([0.4, 0.5], [0.2, 0.3])).toEqual([
      [0.2, 0.3],
      [0.4, 0.3],
      [0.4, 0.5],
      [0.2, 0.5],
    ]);
    expect(placeFromDrag([0.9, 0.9], [1.3, 1.2])).toEqual([
      [0.9, 0.9],
      [1, 0.9],
      [1, 1],
      [0.9, 1],
    ]);
  });

  test("only the seats with a place are drawn, from every camera of the site", () => {
    const seat = (id: string) => ({
      id,
      polygon: [
        [0, 0],
        [1, 0],
        [1, 1],
      ] as [number, number][],
      device_id: null,
      entities: { state: `sensor.${id.toLowerCase()}_state` },
    });
    const site: SiteInfo = {
      entry_id: "e",
      title: "Cafe",
      loaded: true,
      privacy_blur: false,
      cameras: [
        { camera_id: "hall", name: "Hall", width: 10, height: 10, device_id: null, entities: {}, seats: [seat("A1"), seat("A2")] },
        { camera_id: "annex", name: "Annex", width: 10, height: 10, device_id: null, entities: {}, seats: [seat("B1")] },
      ],
    };
    const placed = seatsOnPlan(site, {
      width: 200,
      height: 100,
      seats: { hall: { A2: [[0.5, 0.5]] }, annex: { B1: [[0.1, 0.1], [0.2, 0.1], [0.2, 0.2]] }, gone: { X: [[0, 0]] } },
    });
    expect(placed.map((s) => s.id)).toEqual(["A2", "B1"]);
    expect(placed[0].entities.state).toBe("sensor.a2_state");
    expect(placed[1].polygon).toEqual([
      [20, 10],
      [40, 10],
      [40, 20],
    ]);
  });
});
