/**
 * The one colour per seat state, shared with the Python side (const.STATE_COLORS reads the
 * same JSON file): the Okabe-Ito palette, which stays distinguishable with the common kinds
 * of colour blindness.
 */
import colors from "../state_colors.json";

export const SEAT_STATES = ["empty", "occupied", "away", "abandoned", "unknown"] as const;
export type SeatState = (typeof SEAT_STATES)[number];

export const STATE_COLORS: Readonly<Record<SeatState, string>> = colors;

/** A state entity's value as one of the five seat states (offline or missing: unknown). */
export function seatState(value: string | undefined): SeatState {
  return (SEAT_STATES as readonly string[]).includes(value ?? "")
    ? (value as SeatState)
    : "unknown";
}
