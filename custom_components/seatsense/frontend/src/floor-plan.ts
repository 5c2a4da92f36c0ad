/**
 * A site's floor plan for the seat-map card and the seat editor: the WebSocket commands of
 * custom_components/seatsense/floor_plan.py, and the seats' places turned into shapes on the
 * plan. A place is one point or a small polygon, in fractions (0-1) of the plan.
 */

import type { SeatInfo, SiteInfo } from "./api";
import type { Point } from "./geometry";
import type { HomeAssistant } from "./ha";

/** The largest plan the server takes (seatsense.core.floor_plan.MAX_PLAN_BYTES). */
export const MAX_PLAN_BYTES = 2 * 1024 * 1024;
/** A seat placed as a point is drawn as an octagon this wide (fraction of the plan's shorter side). */
const POINT_SEAT_SIZE = 0.05;

/** Places by camera id, then seat id. */
export type Places = Record<string, Record<string, Point[]>>;

export interface FloorPlan {
  /** An object URL of the image; revoke it when replaced. */
  url: string;
  width: number;
  height: number;
  seats: Places;
}

export async function fetchFloorPlan(hass: HomeAssistant, entryId: string): Promise<FloorPlan> {
  const result = await hass.callWS<{
    image: string;
    content_type: string;
    width: number;
    height: number;
    seats: Places;
  }>({ type: "seatsense/floor_plan", entry_id: entryId });
  const bytes = Uint8Array.from(atob(result.image), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.content_type }));
  return { url, width: result.width, height: result.height, seats: result.seats };
}

/** Upload a PNG or JPEG (base64) as the site's plan (admins). */
export function uploadFloorPlan(
  hass: HomeAssistant,
  entryId: string,
  imageBase64: string,
): Promise<{ width: number; height: number }> {
  return hass.callWS({ type: "seatsense/floor_plan/upload", entry_id: entryId, image: imageBase64 });
}

/** Store every seat's place (admins); seats left out have none. */
export function placeSeats(hass: HomeAssistant, entryId: string, places: Places): Promise<unknown> {
  const seats = Object.entries(places).flatMap(([cameraId, bySeat]) =>
    Object.entries(bySeat).map(([seatId, points]) => ({ camera_id: cameraId, seat_id: seatId, points })),
  );
  return hass.callWS({ type: "seatsense/floor_plan/place_seats", entry_id: entryId, seats });
}

/** A place as a shape in plan pixels: a polygon scaled up, a point as a small octagon. */
export function placeShape(place: readonly Point[], width: number, height: number): Point[] {
  if (place.length !== 1) return place.map(([x, y]) => [x * width, y * height]);
  const [cx, cy] = [place[0][0] * width, place[0][1] * height];
  const r = (POINT_SEAT_SIZE * Math.min(width, height)) / 2;
  return Array.from({ length: 8 }, (_, i) => {
    const angle = (Math.PI / 4) * i + Math.PI / 8;
    return [cx + r * Math.cos(angle), cy + r * Math.sin(angle)] as Point;
  });
}

/** The site's seats that have a place on the plan, their polygons those places (plan pixels). */
export function seatsOnPlan(site: SiteInfo, plan: Pick<FloorPlan, "width" | "height" | "seats">): SeatInfo[] {
  return site.cameras.flatMap((camera) =>
    camera.seats.flatMap((seat) => {
      const place = plan.seats[camera.camera_id]?.[seat.id];
      return place?.length ? [{ ...seat, polygon: placeShape(place, plan.width, plan.height) }] : [];
    }),
  );
}

/** A place from a click (one point) or a drag (a box), given in fractions of the plan. */
export function placeFromDrag(from: Point, to: Point, minSize = 0.01): Point[] {
  const clamp = (v: number) => Math.min(1, Math.max(0, v));
  const [x0, y0] = [clamp(Math.min(from[0], to[0])), clamp(Math.min(from[1], to[1]))];
  const [x1, y1] = [clamp(Math.max(from[0], to[0])), clamp(Math.max(from[1], to[1]))];
  if (x1 - x0 < minSize || y1 - y0 < minSize) return [[clamp(to[0]), clamp(to[1])]];
  return [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
}
