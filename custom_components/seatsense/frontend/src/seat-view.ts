/**
 * What the seat-map card shows for one seat, read from the seat's entities: its state, the
 * minutes it has been without a person, and the minutes since belongings were left on it
 * (the seat's "belongings since" timestamp sensor, counted on the browser's clock as Home
 * Assistant's own relative times are).
 */

import type { SeatInfo } from "./api";
import type { HomeAssistant } from "./ha";
import { seatState, type SeatState } from "./palette";

const MINUTE_MS = 60_000;

/** What a seat looks like now. */
export interface SeatView {
  seat: SeatInfo;
  state: SeatState;
  /** Whole minutes without a person (empty, away, hogged), when known. */
  vacantMinutes: number | null;
  /** When the belongings on the seat were first seen (ms since the epoch), while away or hogged. */
  belongingsSinceMs: number | null;
}

function numberState(hass: HomeAssistant, entityId: string | undefined): number | null {
  const value = entityId ? hass.states[entityId]?.state : undefined;
  const parsed = value === undefined ? NaN : Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** A timestamp sensor's state as ms since the epoch; null when unknown or unavailable. */
export function timestampState(hass: HomeAssistant, entityId: string | undefined): number | null {
  const value = entityId ? hass.states[entityId]?.state : undefined;
  // Only ISO 8601 times: Date.parse would also read "unknown"-like text in some engines.
  if (!value || !/^\d{4}-\d{2}-\d{2}T/.test(value)) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
}

export function seatView(hass: HomeAssistant, seat: SeatInfo): SeatView {
  const raw = seat.entities.state ? hass.states[seat.entities.state]?.state : undefined;
  const current = seatState(raw);
  const holdsBelongings = current === "away" || current === "abandoned";
  return {
    seat,
    state: current,
    vacantMinutes: current === "unknown" ? null : numberState(hass, seat.entities.vacant_minutes),
    belongingsSinceMs: holdsBelongings
      ? timestampState(hass, seat.entities.belongings_since)
      : null,
  };
}

/** Whole minutes from `sinceMs` to `nowMs` (never negative: the browser's clock may lag). */
export function wholeMinutes(sinceMs: number, nowMs: number): number {
  return Math.max(0, Math.floor((nowMs - sinceMs) / MINUTE_MS));
}

/**
 * The minutes a seat's badge shows at `nowMs`: since the belongings were left while they are
 * there (the vacancy minutes when no such time is known), the vacancy minutes when empty.
 */
export function badgeMinutes(view: SeatView, nowMs: number): number | null {
  if (view.belongingsSinceMs !== null) return wholeMinutes(view.belongingsSinceMs, nowMs);
  return view.state === "unknown" || view.state === "occupied" ? null : view.vacantMinutes;
}

/**
 * Milliseconds from `nowMs` until the first belongings clock among `views` turns to its next
 * minute, or null when no seat has one: the card re-renders then, not every second.
 */
export function msUntilNextMinute(views: readonly SeatView[], nowMs: number): number | null {
  let next: number | null = null;
  for (const view of views) {
    if (view.belongingsSinceMs === null) continue;
    const elapsed = Math.max(0, nowMs - view.belongingsSinceMs);
    const wait = MINUTE_MS - (elapsed % MINUTE_MS);
    next = next === null ? wait : Math.min(next, wait);
  }
  return next;
}
