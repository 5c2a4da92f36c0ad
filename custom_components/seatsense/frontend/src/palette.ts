/**
 * The one colour per seat state: the library's palette (seatsense/core/state_colors.json,
 * which the annotated picture uses too), bundled in at build time. Okabe-Ito, which stays
 * distinguishable with the common kinds of colour blindness.
 */
import colors from "../../../../seatsense/core/state_colors.json";

export const SEAT_STATES = ["empty", "occupied", "away", "abandoned", "unknown"] as const;
export type SeatState = (typeof SEAT_STATES)[number];

export const STATE_COLORS: Readonly<Record<SeatState, string>> = colors;

/** A state entity's value as one of the five seat states (offline or missing: unknown). */
export function seatState(value: string | undefined): SeatState {
  return (SEAT_STATES as readonly string[]).includes(value ?? "")
    ? (value as SeatState)
    : "unknown";
}
