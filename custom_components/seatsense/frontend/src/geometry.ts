/**
 * Seat geometry for the editor and the card: hit testing, row copy and validation.
 *
 * Pure functions on frame-pixel coordinates, no DOM. Validation applies the same rules as the
 * library's `seatsense/core/layout.py` (`check_polygon`, `check_seats`, the seat-line id
 * format), so the editor shows a problem on the shape before the server refuses to save it.
 */

export type Point = readonly [number, number];
export type Polygon = readonly Point[];

export interface SeatShape {
  readonly id: string;
  readonly polygon: Polygon;
}

/** Two seats may share at most this share of the smaller one's area (layout.MAX_SEAT_OVERLAP). */
export const MAX_SEAT_OVERLAP = 0.5;
/** A polygon needs at least this area in square pixels. */
export const MIN_AREA = 1.0;
/** Seat ids are 1-64 characters. */
export const MAX_ID_LENGTH = 64;

export type SeatErrorCode =
  | "too_few_points"
  | "outside_frame"
  | "self_intersecting"
  | "no_area"
  | "invalid_id"
  | "duplicate_id"
  | "overlap";

export interface SeatError {
  readonly code: SeatErrorCode;
  /** The other seat, for `duplicate_id` and `overlap`. */
  readonly other?: string;
  /** Shared area in percent of the smaller seat, for `overlap`. */
  readonly percent?: number;
}

// -- basic measures ---------------------------------------------------------------------------

function cross(o: Point, a: Point, b: Point): number {
  return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0]);
}

/** Twice the signed area: positive when the corners run counter-clockwise (y up). */
function doubleSignedArea(polygon: Polygon): number {
  let sum = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x1, y1] = polygon[i];
    const [x2, y2] = polygon[(i + 1) % polygon.length];
    sum += x1 * y2 - x2 * y1;
  }
  return sum;
}

/** The polygon's area (shoelace formula); meaningful for simple polygons. */
export function polygonArea(polygon: Polygon): number {
  return Math.abs(doubleSignedArea(polygon)) / 2;
}

/** Where a label goes: the area centroid, or the corners' mean for a degenerate shape. */
export function centroid(polygon: Polygon): Point {
  const twice = doubleSignedArea(polygon);
  if (Math.abs(twice) < 1e-9) {
    const n = Math.max(polygon.length, 1);
    const sx = polygon.reduce((s, p) => s + p[0], 0);
    const sy = polygon.reduce((s, p) => s + p[1], 0);
    return [sx / n, sy / n];
  }
  let cx = 0;
  let cy = 0;
  for (let i = 0; i < polygon.length; i++) {
    const [x1, y1] = polygon[i];
    const [x2, y2] = polygon[(i + 1) % polygon.length];
    const f = x1 * y2 - x2 * y1;
    cx += (x1 + x2) * f;
    cy += (y1 + y2) * f;
  }
  return [cx / (3 * twice), cy / (3 * twice)];
}

/** The polygon's bounding box as [minX, minY, maxX, maxY]. */
export function bounds(polygon: Polygon): [number, number, number, number] {
  const xs = polygon.map((p) => p[0]);
  const ys = polygon.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export function translate(polygon: Polygon, dx: number, dy: number): Point[] {
  return polygon.map(([x, y]) => [x + dx, y + dy] as const);
}

// -- hit testing ------------------------------------------------------------------------------

/** Whether `point` lies inside `polygon` (even-odd rule; points on an edge may go either way). */
export function pointInPolygon(point: Point, polygon: Polygon): boolean {
  const [px, py] = point;
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > py !== yj > py && px < ((xj - xi) * (py - yi)) / (yj - yi) + xi) {
      inside = !inside;
    }
  }
  return inside;
}

/** The topmost seat (last drawn) under `point`, or -1. */
export function seatAt(seats: readonly SeatShape[], point: Point): number {
  for (let i = seats.length - 1; i >= 0; i--) {
    if (pointInPolygon(point, seats[i].polygon)) return i;
  }
  return -1;
}

export interface CornerHit {
  readonly seat: number;
  readonly corner: number;
  readonly distance: number;
}

/** The corner nearest to `point` within `radius` over all seats, or null. */
export function nearestCorner(
  seats: readonly SeatShape[],
  point: Point,
  radius: number,
): CornerHit | null {
  let best: CornerHit | null = null;
  seats.forEach((seat, s) => {
    seat.polygon.forEach((corner, c) => {
      const distance = Math.hypot(corner[0] - point[0], corner[1] - point[1]);
      if (distance <= radius && (best === null || distance < best.distance)) {
        best = { seat: s, corner: c, distance };
      }
    });
  });
  return best;
}

export interface EdgeHit {
  readonly seat: number;
  /** The edge from corner `edge` to corner `edge + 1` (wrapping). */
  readonly edge: number;
  /** The nearest point on that edge. */
  readonly point: Point;
  readonly distance: number;
}

function projectOnSegment(p: Point, a: Point, b: Point): Point {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const lengthSq = dx * dx + dy * dy;
  if (lengthSq === 0) return a;
  const t = Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / lengthSq));
  return [a[0] + t * dx, a[1] + t * dy];
}

/** The edge nearest to `point` within `radius` over all seats, or null. */
export function nearestEdge(
  seats: readonly SeatShape[],
  point: Point,
  radius: number,
): EdgeHit | null {
  let best: EdgeHit | null = null;
  seats.forEach((seat, s) => {
    const polygon = seat.polygon;
    polygon.forEach((a, e) => {
      const on = projectOnSegment(point, a, polygon[(e + 1) % polygon.length]);
      const distance = Math.hypot(on[0] - point[0], on[1] - point[1]);
      if (distance <= radius && (best === null || distance < best.distance)) {
        best = { seat: s, edge: e, point: on, distance };
      }
    });
  });
  return best;
}

// -- simplicity -------------------------------------------------------------------------------

function onSegment(p: Point, a: Point, b: Point): boolean {
  return (
    Math.min(a[0], b[0]) <= p[0] &&
    p[0] <= Math.max(a[0], b[0]) &&
    Math.min(a[1], b[1]) <= p[1] &&
    p[1] <= Math.max(a[1], b[1])
  );
}

/** Whether two closed segments share any point (touching counts). */
export function segmentsIntersect(a: Point, b: Point, c: Point, d: Point): boolean {
  const d1 = Math.sign(cross(c, d, a));
  const d2 = Math.sign(cross(c, d, b));
  const d3 = Math.sign(cross(a, b, c));
  const d4 = Math.sign(cross(a, b, d));
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (
    (d1 === 0 && onSegment(a, c, d)) ||
    (d2 === 0 && onSegment(b, c, d)) ||
    (d3 === 0 && onSegment(c, a, b)) ||
    (d4 === 0 && onSegment(d, a, b))
  );
}

/** The corners without consecutive repeats (a repeated corner changes nothing in shapely). */
function distinctCorners(polygon: Polygon): Point[] {
  const out: Point[] = [];
  for (const p of polygon) {
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  while (out.length > 1 && out[0][0] === out[out.length - 1][0] && out[0][1] === out[out.length - 1][1]) {
    out.pop();
  }
  return out;
}

/**
 * Whether the polygon is a valid simple ring as shapely judges it: at least three distinct
 * corners, no edge crossing or touching another except its neighbours at their shared corner,
 * and no edge folding back over its neighbour.
 */
export function isSimple(polygon: Polygon): boolean {
  const pts = distinctCorners(polygon);
  const n = pts.length;
  if (n < 3) return false;
  for (let i = 0; i < n; i++) {
    const a = pts[i];
    const b = pts[(i + 1) % n];
    for (let j = i + 1; j < n; j++) {
      const c = pts[j];
      const d = pts[(j + 1) % n];
      if (j === i + 1) {
        // Neighbours share b (= c): invalid only when d turns straight back along a-b.
        if (cross(a, b, d) === 0 && (a[0] - b[0]) * (d[0] - b[0]) + (a[1] - b[1]) * (d[1] - b[1]) > 0) {
          return false;
        }
      } else if (i === 0 && j === n - 1) {
        // The last edge c-d ends at a (= d): invalid when c lies back along a-b.
        if (cross(b, a, c) === 0 && (b[0] - a[0]) * (c[0] - a[0]) + (b[1] - a[1]) * (c[1] - a[1]) > 0) {
          return false;
        }
      } else if (segmentsIntersect(a, b, c, d)) {
        return false;
      }
    }
  }
  return true;
}

// -- intersection area ------------------------------------------------------------------------

function pointInTriangle(p: Point, a: Point, b: Point, c: Point): boolean {
  return cross(a, b, p) >= 0 && cross(b, c, p) >= 0 && cross(c, a, p) >= 0;
}

/** A simple polygon cut into counter-clockwise triangles (ear clipping). */
export function triangulate(polygon: Polygon): Point[][] {
  let pts = distinctCorners(polygon);
  if (doubleSignedArea(pts) < 0) pts = [...pts].reverse();
  const triangles: Point[][] = [];
  const ring = [...pts];
  let guard = ring.length * ring.length + 10;
  while (ring.length > 3 && guard-- > 0) {
    let clipped = false;
    for (let i = 0; i < ring.length; i++) {
      const prev = ring[(i + ring.length - 1) % ring.length];
      const cur = ring[i];
      const next = ring[(i + 1) % ring.length];
      const turn = cross(prev, cur, next);
      if (turn === 0) {
        ring.splice(i, 1); // a straight corner adds no area
        clipped = true;
        break;
      }
      if (turn < 0) continue; // reflex corner
      const blocked = ring.some(
        (p) => p !== prev && p !== cur && p !== next && pointInTriangle(p, prev, cur, next),
      );
      if (!blocked) {
        triangles.push([prev, cur, next]);
        ring.splice(i, 1);
        clipped = true;
        break;
      }
    }
    if (!clipped) break;
  }
  if (ring.length === 3 && cross(ring[0], ring[1], ring[2]) > 0) triangles.push(ring);
  return triangles;
}

/** `subject` clipped by the convex counter-clockwise polygon `clip` (Sutherland-Hodgman). */
function clipConvex(subject: Point[], clip: Point[]): Point[] {
  let output = subject;
  for (let i = 0; i < clip.length && output.length > 0; i++) {
    const a = clip[i];
    const b = clip[(i + 1) % clip.length];
    const input = output;
    output = [];
    for (let j = 0; j < input.length; j++) {
      const p = input[j];
      const q = input[(j + 1) % input.length];
      const pIn = cross(a, b, p) >= 0;
      const qIn = cross(a, b, q) >= 0;
      if (pIn) output.push(p);
      if (pIn !== qIn) {
        const cp = cross(a, b, p);
        const cq = cross(a, b, q);
        const t = cp / (cp - cq);
        output.push([p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])]);
      }
    }
  }
  return output;
}

/** The area two simple polygons share. */
export function intersectionArea(a: Polygon, b: Polygon): number {
  const [ax0, ay0, ax1, ay1] = bounds(a);
  const [bx0, by0, bx1, by1] = bounds(b);
  if (ax1 <= bx0 || bx1 <= ax0 || ay1 <= by0 || by1 <= ay0) return 0;
  const ta = triangulate(a);
  const tb = triangulate(b);
  let sum = 0;
  for (const s of ta) {
    for (const c of tb) sum += polygonArea(clipConvex(s, c));
  }
  return sum;
}

// -- ids and row copy -------------------------------------------------------------------------

/** Why an id cannot be stored as a seat line (`ID: x,y ...`), or null when it can. */
export function idProblem(id: string): SeatErrorCode | null {
  if (
    id.length === 0 ||
    id.length > MAX_ID_LENGTH ||
    id !== id.trim() ||
    id.includes(":") ||
    /[\r\n]/.test(id) ||
    id.startsWith("#")
  ) {
    return "invalid_id";
  }
  return null;
}

/**
 * The ids after `id` in its row: `A1` -> `A2`, `A3`...; `B09` -> `B10`; `desk` -> `desk2`.
 * Ids already taken are skipped.
 */
export function nextIds(id: string, count: number, taken: Iterable<string> = []): string[] {
  const used = new Set(taken);
  used.add(id);
  const match = /^(.*?)(\d+)$/.exec(id);
  const prefix = match ? match[1] : id;
  const width = match && match[2].startsWith("0") ? match[2].length : 0;
  let number = match ? Number(match[2]) : 1;
  const out: string[] = [];
  while (out.length < count) {
    number += 1;
    const candidate = prefix + String(number).padStart(width, "0");
    if (!used.has(candidate)) {
      used.add(candidate);
      out.push(candidate);
    }
  }
  return out;
}

/**
 * `count` copies of `seat` spread evenly along `vector`: the last copy sits at the vector's
 * end, so dragging from the seat to where the last desk of the row is makes the whole row.
 * Corners are rounded to whole pixels.
 */
export function rowCopy(
  seat: SeatShape,
  vector: Point,
  count: number,
  taken: Iterable<string> = [],
): SeatShape[] {
  if (count < 1) return [];
  const ids = nextIds(seat.id, count, taken);
  return ids.map((id, k) => {
    const f = (k + 1) / count;
    const polygon = seat.polygon.map(
      ([x, y]) => [Math.round(x + vector[0] * f), Math.round(y + vector[1] * f)] as const,
    );
    return { id, polygon };
  });
}

// -- validation -------------------------------------------------------------------------------

/** The first problem of one polygon, in the library's order (`check_polygon`), or null. */
export function polygonProblem(polygon: Polygon, width: number, height: number): SeatErrorCode | null {
  if (polygon.length < 3) return "too_few_points";
  if (polygon.some(([x, y]) => !(x >= 0 && x <= width && y >= 0 && y <= height))) {
    return "outside_frame";
  }
  if (!isSimple(polygon)) return "self_intersecting";
  if (polygonArea(polygon) < MIN_AREA) return "no_area";
  return null;
}

/**
 * Every problem of a camera's seats, one list per seat (same order as `seats`); all empty
 * when the layout would be accepted. Overlap is judged between valid polygons only, as the
 * library does after each polygon passed.
 */
export function validateSeats(
  seats: readonly SeatShape[],
  width: number,
  height: number,
  maxOverlap: number = MAX_SEAT_OVERLAP,
): SeatError[][] {
  const errors: SeatError[][] = seats.map(() => []);
  const valid: boolean[] = [];
  seats.forEach((seat, i) => {
    const idCode = idProblem(seat.id);
    if (idCode) errors[i].push({ code: idCode });
    const shapeCode = polygonProblem(seat.polygon, width, height);
    if (shapeCode) errors[i].push({ code: shapeCode });
    valid.push(shapeCode === null);
  });
  const firstWithId = new Map<string, number>();
  seats.forEach((seat, i) => {
    const first = firstWithId.get(seat.id);
    if (first === undefined) {
      firstWithId.set(seat.id, i);
    } else {
      errors[i].push({ code: "duplicate_id", other: seats[first].id });
      if (!errors[first].some((e) => e.code === "duplicate_id")) {
        errors[first].push({ code: "duplicate_id", other: seat.id });
      }
    }
  });
  const areas = seats.map((seat) => polygonArea(seat.polygon));
  for (let i = 0; i < seats.length; i++) {
    for (let j = i + 1; j < seats.length; j++) {
      if (!valid[i] || !valid[j]) continue;
      const shared = intersectionArea(seats[i].polygon, seats[j].polygon) / Math.min(areas[i], areas[j]);
      if (shared > maxOverlap) {
        const percent = Math.round(shared * 100);
        errors[i].push({ code: "overlap", other: seats[j].id, percent });
        errors[j].push({ code: "overlap", other: seats[i].id, percent });
      }
    }
  }
  return errors;
}

/** Whether a layout passes: at least one seat and no problem anywhere. */
export function layoutIsValid(errors: readonly (readonly SeatError[])[]): boolean {
  return errors.length > 0 && errors.every((list) => list.length === 0);
}
