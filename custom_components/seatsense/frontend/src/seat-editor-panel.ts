/**
 * The seat editor: a sidebar panel (admins) where seats are drawn on a camera's picture.
 *
 * Draw a seat by clicking its corners, drag corners and whole seats, copy a seat along a row,
 * rename, delete, undo/redo and zoom; the library's layout rules are checked on every change
 * and shown on the shape that breaks them; save goes through `seatsense/save_layout`, which
 * checks again and reloads the site.
 */

import { LitElement, css, html, nothing, svg, unsafeCSS, type PropertyValues } from "lit";
import { property, query, state } from "lit/decorators.js";

import {
  errorMessage,
  fetchFrame,
  fetchLayout,
  saveLayout,
  type CameraInfo,
  type Frame,
  type LayoutInfo,
  type SiteInfo,
} from "./api";
import {
  MAX_SEAT_OVERLAP,
  centroid,
  layoutIsValid,
  nearestCorner,
  nearestEdge,
  rowCopy,
  seatAt,
  validateSeats,
  type Point,
  type SeatError,
} from "./geometry";
import {
  History,
  addSeat,
  clampPoint,
  copyAlongRow,
  deleteCorner,
  deleteSeat,
  insertCorner,
  moveCorner,
  moveSeat,
  renameSeat,
  type Seats,
} from "./editor-model";
import type { HomeAssistant } from "./ha";
import { localize, type MessageKey } from "./i18n";

export const PANEL_ELEMENT = "seatsense-editor-panel";

type Tool = "select" | "draw" | "row";

/** What a pointer drag is doing. */
type Drag =
  | { kind: "corner"; seat: number; corner: number; start: Seats }
  | { kind: "seat"; seat: number; from: Point; start: Seats }
  | { kind: "row"; seat: number; from: Point; to: Point };

/** Screen pixels within which a corner or an edge counts as hit. */
const HIT_PX = 12;
const ZOOM_STEP = 1.25;
const MAX_ZOOM = 8;
const RELOAD_POLL_MS = 500;
const RELOAD_WAIT_MS = 60_000;

/** Editor colours (Okabe-Ito, apart from the seat-state palette): drawn, selected, wrong. */
const SEAT_COLOR = "#56B4E9";
const SELECTED_COLOR = "#F0E442";
const ERROR_COLOR = "#CC79A7";

export class SeatEditorPanel extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ type: Boolean }) narrow = false;

  @state() private layout?: LayoutInfo;
  @state() private entryId?: string;
  @state() private cameraId?: string;
  @state() private frame?: Frame;
  @state() private frameState: "loading" | "ready" | "missing" = "loading";
  @state() private tool: Tool = "select";
  @state() private selected = -1;
  @state() private draft: Point[] = [];
  @state() private hover?: Point;
  @state() private drag?: Drag;
  @state() private copies = 7;
  @state() private zoom: number | null = null;
  @state() private scale = 1;
  @state() private status?: { text: string; kind: "info" | "error" | "ok" };
  @state() private saving = false;
  @state() private version = 0;

  @query("svg.canvas") private canvas?: SVGSVGElement;
  @query(".stage") private stage?: HTMLElement;
  @query("input.seat-id") private idInput?: HTMLInputElement;

  private history = new History();
  private savedJson = "[]";
  private resizeObserver = new ResizeObserver(() => this.measure());
  private keyHandler = (ev: KeyboardEvent) => this.onKey(ev);

  connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener("keydown", this.keyHandler);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener("keydown", this.keyHandler);
    this.resizeObserver.disconnect();
    if (this.frame) URL.revokeObjectURL(this.frame.url);
  }

  protected updated(changed: PropertyValues): void {
    if (changed.has("hass") && this.hass && !this.layout) void this.loadLayout();
    if (this.stage) this.resizeObserver.observe(this.stage);
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return localize(this.hass, key, params);
  }

  // -- data ---------------------------------------------------------------------------------

  private get site(): SiteInfo | undefined {
    return this.layout?.sites.find((s) => s.entry_id === this.entryId);
  }

  private get camera(): CameraInfo | undefined {
    return this.site?.cameras.find((c) => c.camera_id === this.cameraId);
  }

  private get seats(): Seats {
    return this.history.seats;
  }

  private get dirty(): boolean {
    return JSON.stringify(this.seats) !== this.savedJson;
  }

  private async loadLayout(): Promise<void> {
    if (!this.hass) return;
    this.layout = await fetchLayout(this.hass);
    const site = this.site ?? this.layout.sites.find((s) => s.cameras.length > 0);
    if (site && !this.camera) this.pickCamera(site.entry_id, site.cameras[0]?.camera_id);
  }

  private pickCamera(entryId: string, cameraId: string | undefined): void {
    if (this.dirty && !window.confirm(this.t("status.unsaved"))) {
      this.version++; // put the pickers back
      return;
    }
    this.entryId = entryId;
    this.cameraId = cameraId;
    this.resetDocument();
    void this.loadFrame();
  }

  private resetDocument(): void {
    const seats: Seats = (this.camera?.seats ?? []).map((seat) => ({
      id: seat.id,
      polygon: seat.polygon.map(([x, y]) => [x, y] as const),
    }));
    this.history.reset(seats);
    this.savedJson = JSON.stringify(seats);
    this.selected = -1;
    this.draft = [];
    this.drag = undefined;
    this.status = undefined;
    this.version++;
  }

  private async loadFrame(): Promise<void> {
    const camera = this.camera;
    if (!this.hass || !this.entryId || !camera) return;
    this.frameState = "loading";
    try {
      const frame = await fetchFrame(this.hass, this.entryId, camera.camera_id);
      if (this.frame) URL.revokeObjectURL(this.frame.url);
      this.frame = frame;
      this.frameState = "ready";
    } catch {
      this.frame = undefined;
      this.frameState = "missing";
    }
  }

  private edit(next: Seats): void {
    this.history.apply(next);
    this.changed();
  }

  /** The document changed: an old message no longer applies, a vanished seat is unselected. */
  private changed(): void {
    this.status = undefined;
    if (this.selected >= this.seats.length) this.selected = -1;
    this.version++;
  }

  // -- geometry of the view -------------------------------------------------------------------

  private measure(): void {
    const camera = this.camera;
    if (!this.stage || !camera) return;
    const width = this.stage.getBoundingClientRect().width;
    if (width > 0) this.scale = width / camera.width;
  }

  /** The frame pixel under a pointer event. */
  private framePoint(ev: PointerEvent | MouseEvent): Point {
    const matrix = this.canvas?.getScreenCTM();
    if (!this.canvas || !matrix) return [0, 0];
    const point = new DOMPoint(ev.clientX, ev.clientY).matrixTransform(matrix.inverse());
    return [point.x, point.y];
  }

  private get hitRadius(): number {
    return HIT_PX / this.scale;
  }

  private setZoom(zoom: number | null): void {
    this.zoom = zoom === null ? null : Math.min(MAX_ZOOM, Math.max(0.1, zoom));
  }

  private zoomBy(factor: number): void {
    this.setZoom((this.zoom ?? this.scale) * factor);
  }

  // -- pointer --------------------------------------------------------------------------------

  private onPointerDown(ev: PointerEvent): void {
    const camera = this.camera;
    if (ev.button !== 0 || !camera) return;
    // No text selection or native drag may start under the pointer: either would cancel
    // the drag half-way (pointercancel). A field being edited gives up its focus (and value).
    ev.preventDefault();
    (this.shadowRoot?.activeElement as HTMLElement | null)?.blur();
    const point = this.framePoint(ev);
    (ev.currentTarget as Element).setPointerCapture(ev.pointerId);
    if (this.tool === "draw") {
      this.addDraftPoint(point);
    } else if (this.tool === "row") {
      if (this.selected < 0) this.selected = seatAt(this.seats, point);
      if (this.selected >= 0) this.drag = { kind: "row", seat: this.selected, from: point, to: point };
      else this.status = { text: this.t("hint.row_pick"), kind: "info" };
    } else {
      this.startSelectDrag(point);
    }
  }

  private startSelectDrag(point: Point): void {
    const selectedOnly = this.selected >= 0 ? [this.seats[this.selected]] : [];
    const ownCorner = nearestCorner(selectedOnly, point, this.hitRadius);
    const corner = ownCorner
      ? { ...ownCorner, seat: this.selected }
      : nearestCorner(this.seats, point, this.hitRadius);
    if (corner) {
      this.selected = corner.seat;
      this.drag = { kind: "corner", seat: corner.seat, corner: corner.corner, start: this.seats };
      return;
    }
    // A press on the selected seat's edge keeps it selected (a double-click there adds a corner).
    if (nearestEdge(selectedOnly, point, this.hitRadius)) return;
    const seat = seatAt(this.seats, point);
    this.selected = seat;
    if (seat >= 0) this.drag = { kind: "seat", seat, from: point, start: this.seats };
  }

  private onPointerMove(ev: PointerEvent): void {
    const camera = this.camera;
    if (!camera) return;
    const point = this.framePoint(ev);
    this.hover = point;
    const drag = this.drag;
    if (!drag) return;
    if (drag.kind === "corner") {
      this.history.preview(moveCorner(drag.start, drag.seat, drag.corner, point, camera.width, camera.height));
    } else if (drag.kind === "seat") {
      const [dx, dy] = [point[0] - drag.from[0], point[1] - drag.from[1]];
      this.history.preview(moveSeat(drag.start, drag.seat, dx, dy, camera.width, camera.height));
    } else {
      this.drag = { ...drag, to: point };
      return;
    }
    this.version++;
  }

  private onPointerUp(ev: PointerEvent): void {
    const drag = this.drag;
    this.drag = undefined;
    if (!drag) return;
    if (drag.kind === "row") {
      const to = this.framePoint(ev);
      const vector: Point = [to[0] - drag.from[0], to[1] - drag.from[1]];
      if (Math.hypot(vector[0], vector[1]) * this.scale > HIT_PX && this.copies > 0) {
        this.edit(copyAlongRow(this.seats, drag.seat, vector, this.copies));
        this.tool = "select";
      }
      return;
    }
    this.history.commit(drag.start);
    this.version++;
  }

  /** The browser took the pointer away: a drag in progress is undone, not half applied. */
  private onPointerCancel(): void {
    const drag = this.drag;
    this.drag = undefined;
    if (drag && drag.kind !== "row") {
      this.history.preview(drag.start);
      this.version++;
    }
  }

  private onDoubleClick(ev: MouseEvent): void {
    if (this.tool !== "select" || this.selected < 0) return;
    const point = this.framePoint(ev);
    const corner = nearestCorner([this.seats[this.selected]], point, this.hitRadius);
    if (corner) {
      this.edit(deleteCorner(this.seats, this.selected, corner.corner));
      return;
    }
    const edge = nearestEdge([this.seats[this.selected]], point, this.hitRadius);
    if (edge) this.edit(insertCorner(this.seats, this.selected, edge.edge, edge.point));
  }

  // -- drawing --------------------------------------------------------------------------------

  private addDraftPoint(point: Point): void {
    const camera = this.camera!;
    const first = this.draft[0];
    if (
      first &&
      this.draft.length >= 3 &&
      Math.hypot(first[0] - point[0], first[1] - point[1]) <= this.hitRadius
    ) {
      this.finishDraft();
      return;
    }
    this.draft = [...this.draft, clampPoint(point, camera.width, camera.height)];
  }

  private finishDraft(): void {
    if (this.draft.length >= 3) {
      this.edit(addSeat(this.seats, this.draft));
      this.selected = this.seats.length - 1;
    }
    this.draft = [];
  }

  // -- commands -------------------------------------------------------------------------------

  private setTool(tool: Tool): void {
    if (this.tool === "draw" && tool !== "draw") this.draft = [];
    this.tool = tool;
    this.status = tool === "row" && this.selected < 0 ? { text: this.t("hint.row_pick"), kind: "info" } : undefined;
  }

  private deleteSelected(): void {
    if (this.selected < 0) return;
    this.edit(deleteSeat(this.seats, this.selected));
    this.selected = -1;
  }

  private rename(id: string): void {
    if (this.selected < 0 || this.seats[this.selected].id === id) return;
    this.edit(renameSeat(this.seats, this.selected, id));
  }

  private undo(): void {
    this.history.undo();
    this.changed();
  }

  private redo(): void {
    this.history.redo();
    this.changed();
  }

  private revert(): void {
    this.resetDocument();
  }

  private errors(): SeatError[][] {
    const camera = this.camera;
    if (!camera) return [];
    return validateSeats(this.seats, camera.width, camera.height, this.layout?.max_seat_overlap ?? MAX_SEAT_OVERLAP);
  }

  private async save(): Promise<void> {
    const camera = this.camera;
    if (!this.hass || !this.entryId || !camera || this.saving) return;
    if (!layoutIsValid(this.errors())) {
      this.status = { text: this.t(this.seats.length ? "status.fix_first" : "error.empty_layout"), kind: "error" };
      return;
    }
    this.saving = true;
    this.status = { text: this.t("status.saving"), kind: "info" };
    try {
      const result = await saveLayout(this.hass, this.entryId, camera.camera_id, [...this.seats]);
      this.savedJson = JSON.stringify(this.seats);
      this.status = {
        text: result.changed ? this.t("status.saved", { n: result.seats }) : this.t("status.unchanged"),
        kind: "ok",
      };
      if (result.changed) void this.followReload();
    } catch (err) {
      this.status = { text: this.t("status.refused", { reason: errorMessage(err) }), kind: "error" };
    } finally {
      this.saving = false;
    }
  }

  /** After a save the site reloads: read the layout again once its new seats have entities. */
  private async followReload(): Promise<void> {
    const entryId = this.entryId;
    const cameraId = this.cameraId;
    const until = Date.now() + RELOAD_WAIT_MS;
    while (Date.now() < until && this.hass) {
      await new Promise((resolve) => window.setTimeout(resolve, RELOAD_POLL_MS));
      const layout = await fetchLayout(this.hass).catch(() => undefined);
      const site = layout?.sites.find((s) => s.entry_id === entryId);
      const camera = site?.cameras.find((c) => c.camera_id === cameraId);
      if (site?.loaded && camera && camera.seats.every((seat) => seat.device_id)) {
        const unsaved = this.dirty;
        this.layout = layout;
        if (!unsaved && this.entryId === entryId && this.cameraId === cameraId) {
          this.savedJson = JSON.stringify(this.seats);
        }
        return;
      }
    }
  }

  // -- keys -----------------------------------------------------------------------------------

  private onKey(ev: KeyboardEvent): void {
    if (!this.isConnected || !this.camera) return;
    const inField = ev.composedPath().some((el) => el instanceof HTMLInputElement || el instanceof HTMLSelectElement);
    const ctrl = ev.ctrlKey || ev.metaKey;
    const key = ev.key.toLowerCase();
    const action = this.keyAction(key, ctrl, ev.shiftKey, inField);
    if (action) {
      ev.preventDefault();
      ev.stopPropagation();
      action();
    }
  }

  private keyAction(key: string, ctrl: boolean, shift: boolean, inField: boolean): (() => void) | undefined {
    if (ctrl && key === "s") return () => void this.save();
    if (inField) return undefined;
    if (ctrl && (key === "y" || (key === "z" && shift))) return () => this.redo();
    if (ctrl && key === "z") return () => this.undo();
    if (ctrl) return undefined;
    const actions: Record<string, () => void> = {
      n: () => this.setTool("draw"),
      v: () => this.setTool("select"),
      r: () => this.setTool("row"),
      delete: () => this.deleteSelected(),
      backspace: () => (this.draft.length ? (this.draft = this.draft.slice(0, -1)) : this.deleteSelected()),
      f2: () => this.idInput?.select(),
      enter: () => this.finishDraft(),
      escape: () => {
        this.draft = [];
        this.drag = undefined;
        this.selected = -1;
      },
      "+": () => this.zoomBy(ZOOM_STEP),
      "=": () => this.zoomBy(ZOOM_STEP),
      "-": () => this.zoomBy(1 / ZOOM_STEP),
      "0": () => this.setZoom(null),
    };
    return actions[key];
  }

  // -- view -----------------------------------------------------------------------------------

  protected render() {
    if (!this.hass) return nothing;
    if (this.layout && this.layout.sites.length === 0) {
      return html`${this.renderToolbar()}<div class="empty">${this.t("panel.no_sites")}</div>`;
    }
    const errors = this.errors();
    return html`
      ${this.renderToolbar()}
      <div class="body ${this.narrow ? "narrow" : ""}">
        <div class="viewport">
          ${this.camera ? this.renderStage(errors) : nothing}
          <seatsense-floor-plan-editor .hass=${this.hass} .site=${this.site}></seatsense-floor-plan-editor>
        </div>
        ${this.renderSide(errors)}
      </div>
    `;
  }

  private renderToolbar() {
    const sites = this.layout?.sites ?? [];
    const valid = layoutIsValid(this.errors());
    return html`<div class="toolbar">
      <ha-menu-button .hass=${this.hass} .narrow=${this.narrow}></ha-menu-button>
      <div class="title">${this.t("panel.title")}</div>
      <select class="site" aria-label=${this.t("panel.site")} .value=${this.entryId ?? ""} data-v=${this.version}
        @change=${(ev: Event) => {
          const site = sites.find((s) => s.entry_id === (ev.target as HTMLSelectElement).value);
          if (site) this.pickCamera(site.entry_id, site.cameras[0]?.camera_id);
        }}>
        ${sites.map((s) => html`<option value=${s.entry_id} ?selected=${s.entry_id === this.entryId}>${s.title}</option>`)}
      </select>
      <select class="camera" aria-label=${this.t("panel.camera")} .value=${this.cameraId ?? ""} data-v=${this.version}
        @change=${(ev: Event) => this.pickCamera(this.entryId!, (ev.target as HTMLSelectElement).value)}>
        ${(this.site?.cameras ?? []).map(
          (c) => html`<option value=${c.camera_id} ?selected=${c.camera_id === this.cameraId}>${c.name}</option>`,
        )}
      </select>
      <span class="spacer"></span>
      ${this.dirty ? html`<span class="dirty">${this.t("status.unsaved")}</span>` : nothing}
      <button class="undo" ?disabled=${!this.history.canUndo} title="Ctrl+Z" @click=${() => this.undo()}>${this.t("tool.undo")}</button>
      <button class="redo" ?disabled=${!this.history.canRedo} title="Ctrl+Y" @click=${() => this.redo()}>${this.t("tool.redo")}</button>
      <button class="save primary" ?disabled=${!valid || this.saving || !this.camera} title="Ctrl+S"
        @click=${() => void this.save()}>${this.t("tool.save")}</button>
    </div>`;
  }

  private renderStage(errors: SeatError[][]) {
    const camera = this.camera!;
    const width = this.zoom === null ? "100%" : `${camera.width * this.zoom}px`;
    return html`<div class="stage" style="width: ${width}; aspect-ratio: ${camera.width} / ${camera.height}">
      ${this.frame
        ? html`<img src=${this.frame.url} alt=${camera.name} draggable="false" />`
        : html`<div class="blank">${this.frameState === "loading" ? this.t("loading") : this.t("panel.no_frame")}</div>`}
      <svg class="canvas tool-${this.tool}" viewBox="0 0 ${camera.width} ${camera.height}"
        preserveAspectRatio="none"
        @pointerdown=${this.onPointerDown} @pointermove=${this.onPointerMove}
        @pointerup=${this.onPointerUp} @pointercancel=${this.onPointerCancel}
        @dblclick=${this.onDoubleClick}>
        ${this.seats.map((seat, i) => this.renderSeat(seat.id, seat.polygon, i, errors[i] ?? []))}
        ${this.renderRowPreview()} ${this.renderDraft()}
        ${this.selected >= 0 && this.seats[this.selected] ? this.renderHandles(this.seats[this.selected].polygon) : nothing}
      </svg>
    </div>`;
  }

  private renderSeat(id: string, polygon: readonly Point[], index: number, errors: SeatError[]) {
    const selected = index === this.selected;
    const color = errors.length ? ERROR_COLOR : selected ? SELECTED_COLOR : SEAT_COLOR;
    const [cx, cy] = polygon.length ? centroid(polygon) : [0, 0];
    const font = 14 / this.scale;
    const label = errors.length ? `${id} ⚠ ${this.errorText(errors[0])}` : id;
    return svg`<g class="seat ${errors.length ? "invalid" : ""} ${selected ? "selected" : ""}" data-seat=${id}>
      <polygon points=${polygon.map((p) => p.join(",")).join(" ")} fill=${color} fill-opacity="0.25"
        stroke=${color} stroke-width=${selected ? 3 : 2} vector-effect="non-scaling-stroke"
        stroke-dasharray=${errors.length ? "8 4" : "none"}></polygon>
      <text x=${cx} y=${cy} font-size=${font} text-anchor="middle" dominant-baseline="middle"
        stroke-width=${font / 4} class="seat-label">${label}</text>
    </g>`;
  }

  private renderHandles(polygon: readonly Point[]) {
    const r = 6 / this.scale;
    return polygon.map(
      ([x, y], i) => svg`<circle class="handle" data-corner=${i} cx=${x} cy=${y} r=${r}
        stroke-width=${1.5 / this.scale}></circle>`,
    );
  }

  private renderDraft() {
    if (this.tool !== "draw" || this.draft.length === 0) return nothing;
    const points = [...this.draft, ...(this.hover ? [this.hover] : [])];
    const r = 5 / this.scale;
    return svg`<polyline class="draft" points=${points.map((p) => p.join(",")).join(" ")}
        vector-effect="non-scaling-stroke"></polyline>
      ${this.draft.map(([x, y], i) => svg`<circle class="draft-corner ${i === 0 ? "first" : ""}" cx=${x} cy=${y} r=${r}></circle>`)}`;
  }

  private renderRowPreview() {
    const drag = this.drag;
    if (drag?.kind !== "row" || !this.seats[drag.seat]) return nothing;
    const vector: Point = [drag.to[0] - drag.from[0], drag.to[1] - drag.from[1]];
    const ghosts = rowCopy(this.seats[drag.seat], vector, this.copies, this.seats.map((s) => s.id));
    return ghosts.map(
      (ghost) => svg`<polygon class="ghost" points=${ghost.polygon.map((p) => p.join(",")).join(" ")}
        vector-effect="non-scaling-stroke"></polygon>`,
    );
  }

  private errorText(error: SeatError): string {
    return this.t(`error.${error.code}` as MessageKey, {
      other: error.other ?? "",
      percent: error.percent ?? 0,
      max: Math.round((this.layout?.max_seat_overlap ?? MAX_SEAT_OVERLAP) * 100),
    });
  }

  private renderSide(errors: SeatError[][]) {
    const seat = this.selected >= 0 ? this.seats[this.selected] : undefined;
    const hint = this.tool === "draw" ? "hint.draw" : this.tool === "row" ? "hint.row" : "hint.select";
    return html`<aside class="side">
      <div class="tools" role="toolbar">
        ${(["select", "draw", "row"] as const).map(
          (tool) => html`<button class="tool ${tool} ${this.tool === tool ? "active" : ""}"
            aria-pressed=${this.tool === tool} @click=${() => this.setTool(tool)}>${this.t(`tool.${tool}`)}</button>`,
        )}
        <label class="copies">${this.t("tool.copies")}
          <input type="number" min="1" max="50" .value=${String(this.copies)}
            @change=${(ev: Event) => (this.copies = Math.max(1, Math.min(50, Number((ev.target as HTMLInputElement).value) || 1)))} />
        </label>
      </div>
      <div class="tools">
        <button class="zoom-out" @click=${() => this.zoomBy(1 / ZOOM_STEP)}>${this.t("tool.zoom_out")}</button>
        <button class="zoom-fit" @click=${() => this.setZoom(null)}>${this.t("tool.zoom_fit")}</button>
        <button class="zoom-in" @click=${() => this.zoomBy(ZOOM_STEP)}>${this.t("tool.zoom_in")}</button>
        <button class="delete" ?disabled=${!seat} @click=${() => this.deleteSelected()}>${this.t("tool.delete")}</button>
        <button class="revert" ?disabled=${!this.dirty} @click=${() => this.revert()}>${this.t("tool.revert")}</button>
      </div>
      <p class="hint">${this.t(hint)}</p>
      ${this.status ? html`<p class="status ${this.status.kind}" role="status">${this.status.text}</p>` : nothing}
      ${this.frame?.blurred ? html`<p class="note">${this.t("panel.blurred")}</p>` : nothing}
      <label class="seat-field">${this.t("seat.id")}
        <input class="seat-id" .value=${seat?.id ?? ""} ?disabled=${!seat} placeholder=${this.t("seat.none")}
          @change=${(ev: Event) => this.rename((ev.target as HTMLInputElement).value)}
          @keydown=${(ev: KeyboardEvent) => ev.key === "Enter" && (ev.target as HTMLInputElement).blur()} />
      </label>
      <div class="count">${this.t("seats.count", { n: this.seats.length })}</div>
      <ul class="seat-list">
        ${this.seats.map(
          (s, i) => html`<li class="${i === this.selected ? "selected" : ""} ${errors[i]?.length ? "invalid" : ""}"
            data-seat=${s.id} @click=${() => (this.selected = i)}>
            <span class="id">${s.id}</span>
            ${(errors[i] ?? []).map((e) => html`<span class="error" data-code=${e.code}>${this.errorText(e)}</span>`)}
          </li>`,
        )}
      </ul>
      <p class="keys">${this.t("hint.keys")}</p>
    </aside>`;
  }

  static styles = css`
    :host {
      display: flex;
      flex-direction: column;
      height: 100%;
      background: var(--primary-background-color);
      color: var(--primary-text-color);
      font-family: var(--paper-font-body1_-_font-family, Roboto, "Noto Sans", "Noto Sans CJK KR", sans-serif);
    }
    .toolbar {
      display: flex;
      align-items: center;
      flex-wrap: wrap;
      gap: 8px;
      min-height: 56px;
      padding: 4px 12px;
      background: var(--app-header-background-color, var(--primary-color));
      color: var(--app-header-text-color, #fff);
    }
    .toolbar .title {
      font-size: 20px;
      margin-inline-end: 8px;
    }
    .spacer {
      flex: 1;
    }
    .dirty {
      font-size: 13px;
      opacity: 0.9;
    }
    button,
    select,
    input {
      font: inherit;
      font-size: 14px;
      padding: 6px 10px;
      border-radius: 6px;
      border: 1px solid var(--divider-color, #bbb);
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
    }
    button {
      cursor: pointer;
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    button.primary {
      background: var(--accent-color, #ff9800);
      color: #000;
      border-color: transparent;
      font-weight: 600;
    }
    button.active {
      outline: 2px solid var(--primary-color, #03a9f4);
      font-weight: 600;
    }
    .body {
      flex: 1;
      display: flex;
      min-height: 0;
    }
    .body.narrow {
      flex-direction: column;
    }
    .viewport {
      flex: 1;
      overflow: auto;
      padding: 12px;
      min-height: 0;
    }
    .stage {
      position: relative;
      user-select: none;
      -webkit-user-select: none;
      max-width: none;
      background: var(--secondary-background-color, #ddd);
    }
    .stage img,
    .stage svg,
    .stage .blank {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    .stage img {
      object-fit: fill;
      user-select: none;
    }
    .blank {
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--secondary-text-color);
    }
    svg.canvas {
      touch-action: none;
      cursor: default;
    }
    svg.canvas.tool-draw {
      cursor: crosshair;
    }
    svg.canvas.tool-row {
      cursor: copy;
    }
    .seat polygon {
      cursor: move;
    }
    .seat-label {
      fill: #fff;
      stroke: #000;
      paint-order: stroke;
      font-weight: 600;
      pointer-events: none;
    }
    .seat.invalid .seat-label {
      fill: ${unsafeCSS(ERROR_COLOR)};
    }
    .handle {
      fill: ${unsafeCSS(SELECTED_COLOR)};
      stroke: #000;
      cursor: grab;
    }
    .draft {
      fill: none;
      stroke: ${unsafeCSS(SELECTED_COLOR)};
      stroke-width: 2;
      stroke-dasharray: 6 3;
    }
    .draft-corner {
      fill: ${unsafeCSS(SELECTED_COLOR)};
      stroke: #000;
    }
    .draft-corner.first {
      fill: #fff;
    }
    .ghost {
      fill: ${unsafeCSS(SEAT_COLOR)};
      fill-opacity: 0.2;
      stroke: ${unsafeCSS(SEAT_COLOR)};
      stroke-width: 2;
      stroke-dasharray: 4 4;
    }
    .side {
      width: 320px;
      flex: none;
      overflow: auto;
      padding: 12px;
      border-inline-start: 1px solid var(--divider-color, #ccc);
      background: var(--card-background-color, #fff);
      display: flex;
      flex-direction: column;
      gap: 10px;
    }
    .narrow .side {
      width: auto;
      border-inline-start: none;
      border-top: 1px solid var(--divider-color, #ccc);
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      align-items: center;
    }
    .copies input {
      width: 4em;
      margin-inline-start: 4px;
    }
    .hint,
    .keys,
    .note {
      margin: 0;
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .status {
      margin: 0;
      padding: 8px;
      border-radius: 6px;
      font-size: 14px;
    }
    .status.error {
      background: rgba(204, 121, 167, 0.2);
      border: 1px solid ${unsafeCSS(ERROR_COLOR)};
    }
    .status.ok {
      background: rgba(0, 158, 115, 0.15);
      border: 1px solid #009e73;
    }
    .seat-field {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font-size: 13px;
    }
    .count {
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .seat-list {
      list-style: none;
      margin: 0;
      padding: 0;
    }
    .seat-list li {
      display: flex;
      flex-direction: column;
      padding: 6px 8px;
      border-radius: 6px;
      cursor: pointer;
    }
    .seat-list li.selected {
      background: var(--secondary-background-color, #eee);
    }
    .seat-list .id {
      font-weight: 600;
    }
    .seat-list .error {
      font-size: 13px;
      color: ${unsafeCSS(ERROR_COLOR)};
    }
    .empty {
      padding: 24px;
    }
  `;
}

