import { describe, expect, test } from "vitest";

import {
  History,
  addSeat,
  copyAlongRow,
  deleteCorner,
  deleteSeat,
  insertCorner,
  moveCorner,
  moveSeat,
  renameSeat,
  suggestId,
  type Seats,
} from "../../../custom_components/seatsense/frontend/src/editor-model";
import type { Point } from "../../../custom_components/seatsense/frontend/src/geometry";
import { MESSAGE_TABLES } from "../../../custom_components/seatsense/frontend/src/i18n";

const square = (x: number, y: number, size: number): Point[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];

describe("edits", () => {
  test("a drawn seat gets the next id and whole-pixel corners", () => {
    let seats: Seats = [];
    expect(suggestId(seats)).toBe("A1");
    seats = addSeat(seats, [[10.4, 10.6], [50, 10], [50, 50]]);
    seats = addSeat(seats, square(100, 100, 20));
    expect(seats.map((s) => s.id)).toEqual(["A1", "A2"]);
    expect(seats[0].polygon[0]).toEqual([10, 11]);
  });

  test("a corner dragged off the picture stops at its edge", () => {
    const seats = moveCorner([{ id: "A1", polygon: square(10, 10, 20) }], 0, 2, [700, -5], 640, 360);
    expect(seats[0].polygon[2]).toEqual([640, 0]);
  });

  test("a seat moved against the edge stays whole inside the picture", () => {
    const seats = moveSeat([{ id: "A1", polygon: square(10, 10, 20) }], 0, -50, 25.4, 640, 360);
    expect(seats[0].polygon[0]).toEqual([0, 35]);
  });

  test("corners are added on an edge and removed down to three", () => {
    let seats: Seats = [{ id: "A1", polygon: square(0, 0, 10) }];
    seats = insertCorner(seats, 0, 0, [5, 0]);
    expect(seats[0].polygon).toEqual([[0, 0], [5, 0], [10, 0], [10, 10], [0, 10]]);
    seats = deleteCorner(deleteCorner(seats, 0, 1), 0, 0);
    expect(seats[0].polygon).toHaveLength(3);
    expect(deleteCorner(seats, 0, 0)[0].polygon).toHaveLength(3);
  });

  test("rename, delete and row copy", () => {
    let seats: Seats = [{ id: "A1", polygon: square(0, 0, 10) }];
    seats = copyAlongRow(seats, 0, [60, 0], 3);
    expect(seats.map((s) => s.id)).toEqual(["A1", "A2", "A3", "A4"]);
    expect(seats[3].polygon[0]).toEqual([60, 0]);
    seats = renameSeat(deleteSeat(seats, 1), 0, "B1");
    expect(seats.map((s) => s.id)).toEqual(["B1", "A3", "A4"]);
  });
});

describe("undo and redo", () => {
  test("edits undo and redo in order; a new edit drops the redo steps", () => {
    const history = new History([]);
    history.apply(addSeat(history.seats, square(0, 0, 10)));
    history.apply(addSeat(history.seats, square(20, 0, 10)));
    history.undo();
    expect(history.seats.map((s) => s.id)).toEqual(["A1"]);
    history.redo();
    expect(history.seats.map((s) => s.id)).toEqual(["A1", "A2"]);
    history.undo();
    history.apply(renameSeat(history.seats, 0, "X"));
    expect(history.canRedo).toBe(false);
    history.undo();
    history.undo();
    expect(history.seats).toEqual([]);
    expect(history.canUndo).toBe(false);
  });

  test("a drag is one undo step, and a drag that moved nothing is none", () => {
    const history = new History([{ id: "A1", polygon: square(0, 0, 10) }]);
    const start = history.seats;
    for (const dx of [1, 2, 3]) history.preview(moveSeat(start, 0, dx, 0, 640, 360));
    history.commit(start);
    expect(history.seats[0].polygon[0]).toEqual([3, 0]);
    history.undo();
    expect(history.seats).toBe(start);
    expect(history.canUndo).toBe(false);
    history.preview(moveSeat(start, 0, 0, 0, 640, 360));
    history.commit(start);
    expect(history.canUndo).toBe(false);
  });
});

test("every language has every message", () => {
  const keys = Object.keys(MESSAGE_TABLES.en).sort();
  for (const [language, table] of Object.entries(MESSAGE_TABLES)) {
    expect(Object.keys(table).sort(), language).toEqual(keys);
    for (const key of keys) expect(table[key].length, `${language} ${key}`).toBeGreaterThan(0);
  }
});
