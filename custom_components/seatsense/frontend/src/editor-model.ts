/**
 * The seat editor's document: the seats of one camera, the edits on them, undo and redo.
 *
 * Every edit is a pure function from seats to new seats; `History` keeps the states. A drag
 * shows its intermediate states with `preview` and lands as one undo step with `commit`.
 */

import { bounds, nextIds, rowCopy, translate, type Point, type SeatShape } from "./geometry";

export type Seats = readonly SeatShape[];

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));

export function roundPoint([x, y]: Point): Point {
  return [Math.round(x), Math.round(y)];
}

/** A corner inside the frame, on a whole pixel. */
export function clampPoint([x, y]: Point, width: number, height: number): Point {
  return [clamp(Math.round(x), 0, width), clamp(Math.round(y), 0, height)];
}

/** The id a new seat gets: the one after the last seat's (A3 -> A4), or A1 for the first. */
export function suggestId(seats: Seats): string {
  if (seats.length === 0) return "A1";
  return nextIds(seats[seats.length - 1].id, 1, seats.map((s) => s.id))[0];
}

export function addSeat(seats: Seats, polygon: readonly Point[], id = suggestId(seats)): Seats {
  return [...seats, { id, polygon: polygon.map(roundPoint) }];
}

export function deleteSeat(seats: Seats, index: number): Seats {
  return seats.filter((_, i) => i !== index);
}

export function renameSeat(seats: Seats, index: number, id: string): Seats {
  return seats.map((seat, i) => (i === index ? { ...seat, id } : seat));
}

export function moveCorner(
  seats: Seats,
  index: number,
  corner: number,
  to: Point,
  width: number,
  height: number,
): Seats {
  return seats.map((seat, i) =>
    i === index
      ? { ...seat, polygon: seat.polygon.map((p, c) => (c === corner ? clampPoint(to, width, height) : p)) }
      : seat,
  );
}

/** Move a whole seat by (dx, dy), stopping at the frame's edges so it stays whole inside. */
export function moveSeat(
  seats: Seats,
  index: number,
  dx: number,
  dy: number,
  width: number,
  height: number,
): Seats {
  const [x0, y0, x1, y1] = bounds(seats[index].polygon);
  const sx = Math.round(clamp(dx, Math.min(0, -x0), Math.max(0, width - x1)));
  const sy = Math.round(clamp(dy, Math.min(0, -y0), Math.max(0, height - y1)));
  return seats.map((seat, i) =>
    i === index ? { ...seat, polygon: translate(seat.polygon, sx, sy) } : seat,
  );
}

/** A new corner on the edge after corner `edge`. */
export function insertCorner(seats: Seats, index: number, edge: number, at: Point): Seats {
  return seats.map((seat, i) => {
    if (i !== index) return seat;
    const polygon = [...seat.polygon];
    polygon.splice(edge + 1, 0, roundPoint(at));
    return { ...seat, polygon };
  });
}

/** Remove a corner; a seat keeps at least three. */
export function deleteCorner(seats: Seats, index: number, corner: number): Seats {
  return seats.map((seat, i) =>
    i === index && seat.polygon.length > 3
      ? { ...seat, polygon: seat.polygon.filter((_, c) => c !== corner) }
      : seat,
  );
}

/** The seat at `index` copied `count` times along `vector` (see geometry.rowCopy). */
export function copyAlongRow(seats: Seats, index: number, vector: Point, count: number): Seats {
  const copies = rowCopy(seats[index], vector, count, seats.map((s) => s.id));
  return [...seats, ...copies];
}

/** The states of the document with undo and redo. */
export class History {
  private past: Seats[] = [];
  private future: Seats[] = [];

  constructor(private current: Seats = []) {}

  get seats(): Seats {
    return this.current;
  }

  get canUndo(): boolean {
    return this.past.length > 0;
  }

  get canRedo(): boolean {
    return this.future.length > 0;
  }

  /** One edit: it can be undone, and what was undone before cannot be redone any more. */
  apply(next: Seats): void {
    if (next === this.current) return;
    this.past.push(this.current);
    this.future = [];
    this.current = next;
  }

  /** Show an intermediate state (a drag in progress) without making an undo step. */
  preview(next: Seats): void {
    this.current = next;
  }

  /** End a drag that started from `start`: one undo step back to it, if anything moved. */
  commit(start: Seats): void {
    if (JSON.stringify(start) === JSON.stringify(this.current)) {
      this.current = start;
      return;
    }
    this.past.push(start);
    this.future = [];
  }

  undo(): void {
    const previous = this.past.pop();
    if (previous === undefined) return;
    this.future.push(this.current);
    this.current = previous;
  }

  redo(): void {
    const next = this.future.pop();
    if (next === undefined) return;
    this.past.push(this.current);
    this.current = next;
  }

  /** Start over from `seats` (another camera, or after a save). */
  reset(seats: Seats): void {
    this.past = [];
    this.future = [];
    this.current = seats;
  }
}
