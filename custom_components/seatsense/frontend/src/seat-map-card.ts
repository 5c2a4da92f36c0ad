/**
 * `custom:seatsense-seat-map`: one camera's picture with its seats drawn over it, coloured by
 * state, with vacancy and hogging minutes; tap a seat for its details, hold it for the staff
 * actions (admins).
 *
 * The seat colours follow the state entities live (every state change re-renders the
 * polygons only); the picture is fetched again only when the camera's image entity moves on
 * (at most every 10 s), never per state change. A hogging badge counts the minutes since the
 * seat's belongings were left (its "belongings since" sensor) and turns over on the minute.
 */

import { LitElement, css, html, nothing, svg, unsafeCSS, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";

import {
  errorMessage,
  fetchFrame,
  fetchLayout,
  findCamera,
  type CameraInfo,
  type Frame,
  type LayoutInfo,
  type SeatInfo,
  type SiteInfo,
} from "./api";
import { fetchFloorPlan, seatsOnPlan, type FloorPlan } from "./floor-plan";
import { centroid } from "./geometry";
import { fireEvent, type HomeAssistant } from "./ha";
import { localize, type MessageKey } from "./i18n";
import { SEAT_STATES, STATE_COLORS } from "./palette";
import { badgeMinutes, msUntilNextMinute, seatView, type SeatView } from "./seat-view";

export { seatView, type SeatView } from "./seat-view";

export const CARD_TYPE = "seatsense-seat-map";
export const CARD_EDITOR = "seatsense-seat-map-editor";

/** Without an image entity to follow, the picture is refreshed this often. */
const FALLBACK_REFRESH_MS = 30_000;
const HOLD_MS = 500;
const TOAST_MS = 4000;

export interface SeatMapCardConfig {
  type: string;
  entry_id?: string;
  camera_id?: string;
  title?: string;
  show_legend?: boolean;
  /** "floor_plan": every seat of the site on its floor plan instead of one camera's picture. */
  mode?: "camera" | "floor_plan";
}

/** Black or white, whichever reads better on `hex`. */
function textOn(hex: string): string {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255];
  return 0.299 * r + 0.587 * g + 0.114 * b > 150 ? "#000" : "#fff";
}

export class SeatMapCard extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @state() private config?: SeatMapCardConfig;
  // Not `layout`: Home Assistant sets `layout = "grid"` on every card of a sections view.
  @state() private siteLayout?: LayoutInfo;
  @state() private layoutError?: string;
  @state() private frame?: Frame;
  @state() private frameMissing = false;
  @state() private menuSeat?: SeatInfo;
  @state() private toast?: string;
  @state() private plan?: FloorPlan;
  @state() private planMissing = false;
  private planLoading = false;

  private frameFor?: string;
  private refreshTimer?: number;
  private holdTimer?: number;
  private held = false;
  private toastTimer?: number;
  private minuteTimer?: number;

  static getConfigElement(): HTMLElement {
    return document.createElement(CARD_EDITOR);
  }

  static async getStubConfig(hass: HomeAssistant): Promise<SeatMapCardConfig> {
    const layout = await fetchLayout(hass).catch(() => undefined);
    const site = layout?.sites.find((s) => s.cameras.length > 0);
    return {
      type: `custom:${CARD_TYPE}`,
      entry_id: site?.entry_id,
      camera_id: site?.cameras[0]?.camera_id,
    };
  }

  setConfig(config: SeatMapCardConfig): void {
    if (!config || typeof config !== "object") throw new Error("Invalid configuration");
    if (config.camera_id !== undefined && typeof config.camera_id !== "string") {
      throw new Error("camera_id must be text");
    }
    if (config.mode !== undefined && config.mode !== "camera" && config.mode !== "floor_plan") {
      throw new Error("mode must be camera or floor_plan");
    }
    const cameraChanged =
      config.camera_id !== this.config?.camera_id || config.entry_id !== this.config?.entry_id;
    const planChanged = config.mode !== this.config?.mode || config.entry_id !== this.config?.entry_id;
    this.config = config;
    if (cameraChanged) {
      this.frameFor = undefined;
      this.frameMissing = false;
    }
    if (planChanged) this.dropPlan();
  }

  getCardSize(): number {
    return 6;
  }

  getGridOptions(): Record<string, number | string> {
    return { columns: 12, min_columns: 6, rows: "auto", min_rows: 3 };
  }

  connectedCallback(): void {
    super.connectedCallback();
    this.refreshTimer = window.setInterval(() => {
      if (!this.camera()?.camera.entities.annotated) void this.loadFrame(true);
    }, FALLBACK_REFRESH_MS);
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    window.clearInterval(this.refreshTimer);
    window.clearTimeout(this.toastTimer);
    window.clearTimeout(this.minuteTimer);
    if (this.frame) URL.revokeObjectURL(this.frame.url);
    this.frame = undefined;
    this.frameFor = undefined;
    this.dropPlan();
  }

  private dropPlan(): void {
    if (this.plan) URL.revokeObjectURL(this.plan.url);
    this.plan = undefined;
    this.planMissing = false;
  }

  private planMode(): boolean {
    return this.config?.mode === "floor_plan";
  }

  /** The site whose floor plan the card shows: the configured one, else the first. */
  private planSite(): SiteInfo | undefined {
    const sites = this.siteLayout?.sites ?? [];
    return this.config?.entry_id ? sites.find((s) => s.entry_id === this.config?.entry_id) : sites[0];
  }

  /** The seats the card draws: the camera's, or (floor plan) the site's placed on the plan. */
  private shownSeats(): SeatInfo[] {
    if (!this.planMode()) return this.camera()?.camera.seats ?? [];
    const site = this.planSite();
    return site && this.plan ? seatsOnPlan(site, this.plan) : [];
  }

  private camera(): { site: SiteInfo; camera: CameraInfo } | undefined {
    return findCamera(this.siteLayout, this.config?.entry_id, this.config?.camera_id);
  }

  /** The entities whose changes show on the card. */
  private watched(): string[] {
    const ids = this.planMode() ? [] : Object.values(this.camera()?.camera.entities ?? {});
    for (const seat of this.shownSeats()) {
      for (const key of ["state", "vacant_minutes", "belongings_since", "occupied"]) {
        if (seat.entities[key]) ids.push(seat.entities[key]);
      }
    }
    return ids;
  }

  protected shouldUpdate(changed: PropertyValues): boolean {
    if (changed.size !== 1 || !changed.has("hass")) return true;
    const old = changed.get("hass") as HomeAssistant | undefined;
    if (!old || !this.hass || old.language !== this.hass.language) return true;
    if (old.themes?.darkMode !== this.hass.themes?.darkMode) return true;
    return this.watched().some((id) => old.states[id] !== this.hass?.states[id]);
  }

  protected updated(): void {
    this.scheduleMinuteTick();
    if (this.planMode()) {
      this.updatePlan();
      return;
    }
    if (!this.hass || !this.config?.camera_id) return;
    if (!this.siteLayout && !this.layoutError) {
      void this.loadLayout();
      return;
    }
    const picture = this.camera()?.camera.entities.annotated;
    const stamp = picture ? this.hass.states[picture]?.state : "initial";
    if (this.camera() && this.frameFor !== stamp) {
      this.frameFor = stamp;
      void this.loadFrame(Boolean(this.frame));
    }
  }

  /** Floor plan mode: the layout, then the site's plan, each fetched once. */
  private updatePlan(): void {
    if (!this.hass) return;
    if (!this.siteLayout && !this.layoutError) {
      void this.loadLayout();
      return;
    }
    const site = this.planSite();
    if (!site || this.plan || this.planMissing || this.planLoading) return;
    this.planLoading = true;
    fetchFloorPlan(this.hass, site.entry_id)
      .then((plan) => (this.plan = plan))
      .catch(() => (this.planMissing = true))
      .finally(() => (this.planLoading = false));
  }

  /** Re-render when the next belongings clock on the card turns to its next minute. */
  private scheduleMinuteTick(): void {
    window.clearTimeout(this.minuteTimer);
    if (!this.hass || !this.isConnected) return;
    const views = this.shownSeats().map((seat) => seatView(this.hass!, seat));
    const wait = msUntilNextMinute(views, Date.now());
    // A few ms late, so the floor of the minutes has surely moved on.
    if (wait !== null) this.minuteTimer = window.setTimeout(() => this.requestUpdate(), wait + 20);
  }

  private async loadLayout(): Promise<void> {
    if (!this.hass) return;
    try {
      this.siteLayout = await fetchLayout(this.hass);
      this.layoutError = undefined;
    } catch (err) {
      this.layoutError = errorMessage(err);
    }
  }

  /** Fetch the picture (and the layout with it after the first: a saved layout shows up). */
  private async loadFrame(withLayout: boolean): Promise<void> {
    if (!this.hass) return;
    if (withLayout) await this.loadLayout();
    const found = this.camera();
    if (!found) return;
    try {
      const frame = await fetchFrame(this.hass, found.site.entry_id, found.camera.camera_id);
      const old = this.frame;
      this.frame = frame;
      this.frameMissing = false;
      if (old) window.setTimeout(() => URL.revokeObjectURL(old.url), 1000);
    } catch {
      this.frameMissing = !this.frame;
    }
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return localize(this.hass, key, params);
  }

  protected render() {
    if (!this.config || !this.hass) return nothing;
    const title = this.config.title;
    if (this.planMode()) return this.renderPlanCard(title);
    if (!this.config.camera_id) {
      return html`<ha-card .header=${title}><div class="message">${this.t("no_camera")}</div></ha-card>`;
    }
    if (!this.siteLayout) {
      return html`<ha-card .header=${title}>
        <div class="message">${this.layoutError ?? this.t("loading")}</div>
      </ha-card>`;
    }
    const found = this.camera();
    if (!found) {
      return html`<ha-card .header=${title}><div class="message">${this.t("camera_gone")}</div></ha-card>`;
    }
    const { camera } = found;
    const views = camera.seats.map((seat) => seatView(this.hass!, seat));
    const connected = camera.entities.connected
      ? this.hass.states[camera.entities.connected]?.state
      : undefined;
    return html`
      <ha-card .header=${title}>
        <div class="map" style="aspect-ratio: ${camera.width} / ${camera.height}">
          ${this.frame
            ? html`<img src=${this.frame.url} alt=${camera.name} draggable="false" />`
            : html`<div class="blank">${this.frameMissing ? this.t("no_frame") : this.t("loading")}</div>`}
          <svg viewBox="0 0 ${camera.width} ${camera.height}" preserveAspectRatio="none">
            ${this.renderHatch()} ${views.map((view) => this.renderSeatShape(view))}
          </svg>
          ${views.map((view) => this.renderLabel(view, camera))}
          ${connected === "off" || connected === "unavailable"
            ? html`<div class="banner offline">${this.t("offline")}</div>`
            : this.frame?.blurred
              ? html`<div class="banner">${this.t("people_blurred")}</div>`
              : nothing}
          ${this.menuSeat ? this.renderMenu(this.menuSeat) : nothing}
          ${this.toast ? html`<div class="toast" role="status">${this.toast}</div>` : nothing}
        </div>
        ${this.config.show_legend === false ? nothing : this.renderLegend(views)}
      </ha-card>
    `;
  }

  /** Every seat of the site on its floor plan (seats without a place are left out). */
  private renderPlanCard(title: string | undefined) {
    const site = this.planSite();
    const plan = this.plan;
    if (!plan || !site) {
      const text = this.layoutError ?? (this.siteLayout && (!site || this.planMissing) ? this.t("no_plan") : this.t("loading"));
      return html`<ha-card .header=${title}><div class="message">${text}</div></ha-card>`;
    }
    const views = seatsOnPlan(site, plan).map((seat) => seatView(this.hass!, seat));
    return html`
      <ha-card .header=${title}>
        <div class="map plan" style="aspect-ratio: ${plan.width} / ${plan.height}">
          <img src=${plan.url} alt=${this.t("plan.title")} draggable="false" />
          <svg viewBox="0 0 ${plan.width} ${plan.height}" preserveAspectRatio="none">
            ${this.renderHatch()} ${views.map((view) => this.renderSeatShape(view))}
          </svg>
          ${views.map((view) => this.renderLabel(view, plan))}
          ${this.menuSeat ? this.renderMenu(this.menuSeat) : nothing}
          ${this.toast ? html`<div class="toast" role="status">${this.toast}</div>` : nothing}
        </div>
        ${this.config?.show_legend === false ? nothing : this.renderLegend(views)}
      </ha-card>
    `;
  }

  private renderHatch() {
    return svg`<defs>
      <pattern id="unknown-hatch" width="24" height="24" patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)">
        <rect width="24" height="24" fill=${STATE_COLORS.unknown} fill-opacity="0.25"></rect>
        <line x1="0" y1="0" x2="0" y2="24" stroke=${STATE_COLORS.unknown} stroke-width="10"
          stroke-opacity="0.6"></line>
      </pattern>
    </defs>`;
  }

  private renderSeatShape(view: SeatView) {
    const color = STATE_COLORS[view.state];
    const points = view.seat.polygon.map(([x, y]) => `${x},${y}`).join(" ");
    return svg`<polygon class="seat ${view.state}" points=${points}
      data-seat=${view.seat.id} data-state=${view.state}
      fill=${view.state === "unknown" ? "url(#unknown-hatch)" : color}
      stroke=${color}
      @pointerdown=${(ev: PointerEvent) => this.pointerDown(view.seat, ev)}
      @pointerup=${(ev: PointerEvent) => this.pointerUp(view.seat, ev)}
      @pointerleave=${() => this.cancelHold()}
      @contextmenu=${(ev: Event) => this.openMenu(view.seat, ev)}></polygon>`;
  }

  /** The seat's chip, placed in `area` (the camera's frame or the floor plan, in pixels). */
  private renderLabel(view: SeatView, area: { width: number; height: number }) {
    const [x, y] = centroid(view.seat.polygon);
    const color = STATE_COLORS[view.state];
    const minutes = badgeMinutes(view, Date.now());
    let detail: unknown = nothing;
    if (view.state === "abandoned" && minutes !== null) {
      // The short form where seats are narrow (a phone): the colour and ⚠ say hogged.
      detail = html`<span class="hogged" data-minutes=${minutes}>⚠
        <span class="long">${this.t("hogged_for", { n: minutes })}</span><span class="short"
          >${this.t("minutes", { n: minutes })}</span></span>`;
    } else if (view.state === "unknown") {
      detail = html`<span class="detail">?</span>`;
    } else if ((view.state === "empty" || view.state === "away") && minutes !== null) {
      detail = html`<span class="detail" data-minutes=${minutes}>${this.t("minutes", { n: minutes })}</span>`;
    }
    return html`<button class="label ${view.state}" data-seat=${view.seat.id}
      style="left: ${(100 * x) / area.width}%; top: ${(100 * y) / area.height}%;
        --chip: ${color}; --chip-text: ${textOn(color)}"
      title="${view.seat.id}: ${this.t(`state.${view.state}` as MessageKey)}"
      @pointerdown=${(ev: PointerEvent) => this.pointerDown(view.seat, ev)}
      @pointerup=${(ev: PointerEvent) => this.pointerUp(view.seat, ev)}
      @pointerleave=${() => this.cancelHold()}
      @contextmenu=${(ev: Event) => this.openMenu(view.seat, ev)}>
      <span class="id">${view.seat.id}</span>${detail}
    </button>`;
  }

  private renderLegend(views: SeatView[]) {
    return html`<div class="legend">
      ${SEAT_STATES.map((name) => {
        const count = views.filter((v) => v.state === name).length;
        return html`<span class="entry ${count ? "" : "none"}" data-state=${name}>
          <span class="swatch" style="background: ${STATE_COLORS[name]}"></span>
          ${this.t(`state.${name}` as MessageKey)} ${count}
        </span>`;
      })}
    </div>`;
  }

  private renderMenu(seat: SeatInfo) {
    const admin = Boolean(this.hass?.user?.is_admin) && seat.device_id;
    return html`<div class="menu" role="menu" data-seat=${seat.id}>
      <div class="menu-title">${seat.id}</div>
      <button role="menuitem" @click=${() => this.moreInfo(seat)}>${this.t("action.more_info")}</button>
      ${admin
        ? html`<button role="menuitem" data-action="reset_seat"
              @click=${() => this.runAction(seat, "reset_seat")}>${this.t("action.reset_seat")}</button>
            <button role="menuitem" data-action="capture_baseline"
              @click=${() => this.runAction(seat, "capture_baseline")}>
              ${this.t("action.capture_baseline")}
            </button>`
        : nothing}
      <button role="menuitem" @click=${() => (this.menuSeat = undefined)}>${this.t("action.cancel")}</button>
    </div>`;
  }

  // -- gestures -------------------------------------------------------------------------------

  private pointerDown(seat: SeatInfo, ev: PointerEvent): void {
    if (ev.button !== 0) return;
    this.held = false;
    this.cancelHold();
    this.holdTimer = window.setTimeout(() => {
      this.held = true;
      this.menuSeat = seat;
    }, HOLD_MS);
  }

  private pointerUp(seat: SeatInfo, ev: PointerEvent): void {
    if (ev.button !== 0) return;
    this.cancelHold();
    if (!this.held && !this.menuSeat) this.moreInfo(seat);
    this.held = false;
  }

  private cancelHold(): void {
    window.clearTimeout(this.holdTimer);
    this.holdTimer = undefined;
  }

  private openMenu(seat: SeatInfo, ev: Event): void {
    ev.preventDefault();
    this.cancelHold();
    this.menuSeat = seat;
  }

  private moreInfo(seat: SeatInfo): void {
    this.menuSeat = undefined;
    const entityId = seat.entities.occupied ?? seat.entities.state;
    if (entityId) fireEvent(this, "hass-more-info", { entityId });
  }

  private async runAction(seat: SeatInfo, service: "reset_seat" | "capture_baseline"): Promise<void> {
    this.menuSeat = undefined;
    const action = `${seat.id} · ${this.t(`action.${service}`)}`;
    try {
      await this.hass!.callService("seatsense", service, { device_id: seat.device_id });
      this.showToast(this.t("action.done", { action }));
    } catch (err) {
      this.showToast(this.t("action.failed", { action, error: errorMessage(err) }));
    }
  }

  private showToast(text: string): void {
    this.toast = text;
    window.clearTimeout(this.toastTimer);
    this.toastTimer = window.setTimeout(() => (this.toast = undefined), TOAST_MS);
  }

  static styles = css`
    :host {
      display: block;
    }
    ha-card {
      overflow: hidden;
      height: 100%;
    }
    .message {
      padding: 16px;
      color: var(--secondary-text-color);
    }
    .map {
      container-type: inline-size;
      position: relative;
      width: 100%;
      background: var(--secondary-background-color, #e0e0e0);
      user-select: none;
      -webkit-user-select: none;
      touch-action: manipulation;
    }
    img,
    svg,
    .blank {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    img {
      object-fit: fill;
      display: block;
    }
    .blank {
      display: flex;
      align-items: center;
      justify-content: center;
      color: var(--secondary-text-color);
    }
    polygon.seat {
      fill-opacity: 0.3;
      stroke-width: 3;
      stroke-linejoin: round;
      vector-effect: non-scaling-stroke;
      cursor: pointer;
    }
    polygon.seat.abandoned {
      fill-opacity: 0.45;
      stroke-width: 5;
    }
    polygon.seat.unknown {
      fill-opacity: 1;
      stroke-dasharray: 6 4;
    }
    .label {
      position: absolute;
      transform: translate(-50%, -50%);
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 1px;
      padding: 2px 6px;
      border: none;
      border-radius: 8px;
      background: var(--chip);
      color: var(--chip-text);
      font: inherit;
      font-size: 12px;
      line-height: 1.2;
      white-space: nowrap;
      cursor: pointer;
      box-shadow: 0 1px 3px rgba(0, 0, 0, 0.35);
    }
    .label .id {
      font-weight: 600;
    }
    .label .detail,
    .label .hogged {
      font-size: 11px;
    }
    .label .hogged {
      font-weight: 600;
    }
    .label .short {
      display: none;
    }
    /* Below this width a seat is narrower than "⚠ Hogged 12 min". */
    @container (max-width: 700px) {
      .label .long {
        display: none;
      }
      .label .short {
        display: inline;
      }
    }
    .label.unknown {
      outline: 2px dashed var(--chip-text);
      outline-offset: -3px;
    }
    .banner {
      position: absolute;
      left: 8px;
      top: 8px;
      padding: 2px 8px;
      border-radius: 6px;
      background: rgba(0, 0, 0, 0.6);
      color: #fff;
      font-size: 12px;
    }
    .banner.offline {
      background: ${unsafeCSS(STATE_COLORS.unknown)};
      color: #000;
      font-weight: 600;
    }
    .menu {
      position: absolute;
      left: 50%;
      top: 50%;
      transform: translate(-50%, -50%);
      display: flex;
      flex-direction: column;
      min-width: 200px;
      padding: 8px;
      border-radius: 12px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      box-shadow: 0 4px 16px rgba(0, 0, 0, 0.4);
      z-index: 2;
    }
    .menu-title {
      font-weight: 600;
      padding: 4px 8px 8px;
    }
    .menu button {
      text-align: start;
      padding: 10px 8px;
      border: none;
      border-radius: 8px;
      background: none;
      color: inherit;
      font: inherit;
      cursor: pointer;
    }
    .menu button:hover,
    .menu button:focus-visible {
      background: var(--secondary-background-color, #eee);
    }
    .toast {
      position: absolute;
      left: 8px;
      right: 8px;
      bottom: 8px;
      padding: 6px 10px;
      border-radius: 8px;
      background: var(--primary-text-color, #222);
      color: var(--card-background-color, #fff);
      font-size: 13px;
    }
    .legend {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding: 8px 12px 10px;
      font-size: 13px;
      color: var(--primary-text-color);
    }
    .legend .entry {
      display: inline-flex;
      align-items: center;
      gap: 4px;
    }
    .legend .entry.none {
      color: var(--secondary-text-color);
    }
    .legend .swatch {
      width: 12px;
      height: 12px;
      border-radius: 3px;
    }
  `;
}

