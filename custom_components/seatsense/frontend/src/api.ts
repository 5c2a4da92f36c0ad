/** The integration's WebSocket commands (custom_components/seatsense/websocket_api.py). */

import type { Point } from "./geometry";
import type { HomeAssistant } from "./ha";

export interface SeatInfo {
  id: string;
  polygon: Point[];
  device_id: string | null;
  /** Entity ids by key: occupied, abandoned, state, vacant_minutes, stay_minutes, ... */
  entities: Record<string, string>;
}

export interface CameraInfo {
  camera_id: string;
  name: string;
  width: number;
  height: number;
  device_id: string | null;
  /** Entity ids by key: annotated (image), connected, people, ... */
  entities: Record<string, string>;
  seats: SeatInfo[];
  error?: string;
}

export interface SiteInfo {
  entry_id: string;
  title: string;
  loaded: boolean;
  privacy_blur: boolean;
  /** The site's own entities (its totals) by key: occupied_seats, occupancy_rate, ... */
  entities?: Record<string, string>;
  cameras: CameraInfo[];
}

export interface LayoutInfo {
  sites: SiteInfo[];
  max_seat_overlap: number;
}

export interface Frame {
  /** An object URL of the JPEG; revoke it when replaced. */
  url: string;
  blurred: boolean;
}

export function fetchLayout(hass: HomeAssistant): Promise<LayoutInfo> {
  return hass.callWS<LayoutInfo>({ type: "seatsense/layout" });
}

/** The camera's latest frame (never unblurred when the site's privacy option is on). */
export async function fetchFrame(
  hass: HomeAssistant,
  entryId: string,
  cameraId: string,
): Promise<Frame> {
  const result = await hass.callWS<{ image: string; content_type: string; blurred: boolean }>({
    type: "seatsense/frame",
    entry_id: entryId,
    camera_id: cameraId,
  });
  const bytes = Uint8Array.from(atob(result.image), (c) => c.charCodeAt(0));
  const url = URL.createObjectURL(new Blob([bytes], { type: result.content_type }));
  return { url, blurred: result.blurred };
}

export function saveLayout(
  hass: HomeAssistant,
  entryId: string,
  cameraId: string,
  seats: { id: string; polygon: readonly (readonly [number, number])[] }[],
): Promise<{ changed: boolean; seats: number }> {
  return hass.callWS({
    type: "seatsense/save_layout",
    entry_id: entryId,
    camera_id: cameraId,
    seats: seats.map((seat) => ({ id: seat.id, polygon: seat.polygon.map((p) => [p[0], p[1]]) })),
  });
}

/** The camera a card or the editor points at, or undefined. */
export function findCamera(
  layout: LayoutInfo | undefined,
  entryId: string | undefined,
  cameraId: string | undefined,
): { site: SiteInfo; camera: CameraInfo } | undefined {
  for (const site of layout?.sites ?? []) {
    if (entryId && site.entry_id !== entryId) continue;
    const camera = site.cameras.find((c) => c.camera_id === cameraId);
    if (camera) return { site, camera };
  }
  return undefined;
}

/** The message of an error thrown by `callWS`. */
export function errorMessage(err: unknown): string {
  if (err && typeof err === "object" && "message" in err) return String(err.message);
  return String(err);
}
