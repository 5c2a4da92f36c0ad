import { describe, expect, test } from "vitest";

import {
  centroid,
  intersectionArea,
  isSimple,
  layoutIsValid,
  nearestCorner,
  nearestEdge,
  nextIds,
  pointInPolygon,
  polygonArea,
  rowCopy,
  seatAt,
  triangulate,
  validateSeats,
  type Point,
  type SeatShape,
} from "../../../custom_components/seatsense/frontend/src/geometry";

const square = (x: number, y: number, size: number): Point[] => [
  [x, y],
  [x + size, y],
  [x + size, y + size],
  [x, y + size],
];

/** An L: a 100x100 square without its top-right 50x50 quarter (concave). */
const ell: Point[] = [
  [0, 0],
  [50, 0],
  [50, 50],
  [100, 50],
  [100, 100],
  [0, 100],
];

describe("hit testing", () => {
  test("a point inside a concave seat is in; one in its notch is out", () => {
    expect(pointInPolygon([25, 75], ell)).toBe(true);
    expect(pointInPolygon([75, 25], ell)).toBe(false);
    expect(pointInPolygon([150, 50], ell)).toBe(false);
  });

  test("the seat under the pointer is the topmost one drawn", () => {
    const seats: SeatShape[] = [
      { id: "A1", polygon: square(0, 0, 100) },
      { id: "A2", polygon: square(50, 50, 100) },
    ];
    expect(seatAt(seats, [75, 75])).toBe(1);
    expect(seatAt(seats, [10, 10])).toBe(0);
    expect(seatAt(seats, [300, 300])).toBe(-1);
  });

  test("the nearest corner within the radius wins; none beyond it", () => {
    const seats: SeatShape[] = [
      { id: "A1", polygon: square(0, 0, 100) },
      { id: "A2", polygon: square(104, 0, 100) },
    ];
    expect(nearestCorner(seats, [103, 2], 10)).toMatchObject({ seat: 1, corner: 0 });
    expect(nearestCorner(seats, [101, 2], 10)).toMatchObject({ seat: 0, corner: 1 });
    expect(nearestCorner(seats, [50, 50], 10)).toBeNull();
  });

  test("the nearest edge gives the foot point on it", () => {
    const seats: SeatShape[] = [{ id: "A1", polygon: square(0, 0, 100) }];
    const hit = nearestEdge(seats, [40, 104], 8);
    expect(hit).toMatchObject({ seat: 0, edge: 2 });
    expect(hit?.point).toEqual([40, 100]);
    expect(hit?.distance).toBeCloseTo(4);
    expect(nearestEdge(seats, [50, 50], 8)).toBeNull();
  });
});

describe("measures", () => {
  test("area and centroid of a concave seat", () => {
    expect(polygonArea(ell)).toBe(7500);
    const [cx, cy] = centroid(square(10, 20, 40));
    expect(cx).toBeCloseTo(30);
    expect(cy).toBeCloseTo(40);
  });

  test("triangles of a concave seat cover exactly its area", () => {
    const triangles = triangulate(ell);
    expect(triangles).toHaveLength(4);
    expect(triangles.reduce((sum, t) => sum + polygonArea(t), 0)).toBeCloseTo(7500);
  });

  test("shared area of overlapping, touching, apart and concave seats", () => {
    expect(intersectionArea(square(0, 0, 100), square(50, 50, 100))).toBeCloseTo(2500);
    expect(intersectionArea(square(0, 0, 100), square(100, 0, 100))).toBeCloseTo(0);
    expect(intersectionArea(square(0, 0, 10), square(500, 500, 10))).toBe(0);
    // The square over the L's notch shares only the L's two arms.
    expect(intersectionArea(ell, square(40, 0, 60))).toBeCloseTo(10 * 50 + 60 * 10);
  });
});

describe("self-intersection", () => {
  test("a bow tie, a spike and a ring touching itself are not simple", () => {
    expect(isSimple([[0, 0], [100, 100], [100, 0], [0, 100]])).toBe(false);
    expect(isSimple([[0, 0], [100, 0], [50, 0], [50, 80]])).toBe(false);
    expect(isSimple([[0, 0], [100, 0], [100, 100], [50, 0], [0, 100]])).toBe(false);
    expect(isSimple([[0, 0], [10, 10], [20, 20]])).toBe(false);
  });

  test("convex, concave and repeated-corner seats are simple", () => {
    expect(isSimple(square(0, 0, 10))).toBe(true);
    expect(isSimple(ell)).toBe(true);
    expect(isSimple([[0, 0], [0, 0], [10, 0], [10, 10], [0, 10], [0, 0]])).toBe(true);
    expect(isSimple([[0, 0], [5, 0], [10, 0], [10, 10]])).toBe(true);
  });
});

describe("row copy", () => {
  test("ids continue the row and skip the ones taken", () => {
    expect(nextIds("A1", 7)).toEqual(["A2", "A3", "A4", "A5", "A6", "A7", "A8"]);
    expect(nextIds("A1", 3, ["A3"])).toEqual(["A2", "A4", "A5"]);
    expect(nextIds("B09", 2)).toEqual(["B10", "B11"]);
    expect(nextIds("desk", 2)).toEqual(["desk2", "desk3"]);
  });

  test("copies spread evenly, the last one at the end of the drag", () => {
    const seat: SeatShape = { id: "A1", polygon: square(10, 10, 50) };
    const copies = rowCopy(seat, [700, 14], 7);
    expect(copies.map((c) => c.id)).toEqual(["A2", "A3", "A4", "A5", "A6", "A7", "A8"]);
    expect(copies[0].polygon[0]).toEqual([110, 12]);
    expect(copies[6].polygon[0]).toEqual([710, 24]);
    const layout = [seat, ...copies];
    expect(layoutIsValid(validateSeats(layout, 1280, 720))).toBe(true);
  });

  test("no copies for a count under one", () => {
    expect(rowCopy({ id: "A1", polygon: square(0, 0, 5) }, [10, 0], 0)).toEqual([]);
  });
});

describe("validation (the library's rules)", () => {
  const codes = (seats: SeatShape[]) =>
    validateSeats(seats, 640, 360).map((list) => list.map((e) => e.code));

  test("a good layout has no errors", () => {
    expect(codes([{ id: "A1", polygon: square(0, 0, 100) }, { id: "A2", polygon: square(100, 0, 100) }])).toEqual([[], []]);
  });

  test("each broken rule is reported on the seat that breaks it", () => {
    expect(
      codes([
        { id: "A1", polygon: [[0, 0], [10, 0]] },
        { id: "A2", polygon: square(600, 300, 100) },
        { id: "A3", polygon: [[0, 0], [100, 100], [100, 0], [0, 100]] },
        { id: "A4", polygon: [[0, 0], [1, 0], [0, 1]] },
        { id: "A5:x", polygon: square(200, 200, 10) },
        { id: "#A6", polygon: square(220, 200, 10) },
      ]),
    ).toEqual([["too_few_points"], ["outside_frame"], ["self_intersecting"], ["no_area"], ["invalid_id"], ["invalid_id"]]);
  });

  test("duplicate ids mark both seats", () => {
    const errors = validateSeats(
      [{ id: "A1", polygon: square(0, 0, 10) }, { id: "A1", polygon: square(20, 0, 10) }],
      640,
      360,
    );
    expect(errors.map((list) => list.map((e) => [e.code, e.other]))).toEqual([
      [["duplicate_id", "A1"]],
      [["duplicate_id", "A1"]],
    ]);
  });

  test("overlap over half the smaller seat is refused, half exactly is allowed", () => {
    const over = validateSeats([{ id: "A1", polygon: square(0, 0, 100) }, { id: "A2", polygon: square(0, 40, 100) }], 640, 360);
    expect(over[0]).toEqual([{ code: "overlap", other: "A2", percent: 60 }]);
    expect(over[1]).toEqual([{ code: "overlap", other: "A1", percent: 60 }]);
    const half = validateSeats([{ id: "A1", polygon: square(0, 0, 100) }, { id: "A2", polygon: square(0, 50, 100) }], 640, 360);
    expect(layoutIsValid(half)).toBe(true);
  });

  test("an empty camera is not a valid layout", () => {
    expect(layoutIsValid(validateSeats([], 640, 360))).toBe(false);
  });
});
