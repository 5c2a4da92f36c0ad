/**
 * The floor plan part of the seat editor panel (admins): upload the site's plan once, then
 * pick each seat and click its place on the plan (a point) or drag a box around it (a small
 * polygon); the next seat without a place is picked for you. "Save places" stores them.
 */

import { LitElement, css, html, nothing, svg, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";

import { errorMessage, type SiteInfo } from "./api";
import {
  MAX_PLAN_BYTES,
  fetchFloorPlan,
  placeFromDrag,
  placeSeats,
  placeShape,
  uploadFloorPlan,
  type FloorPlan,
  type Places,
} from "./floor-plan";
import { centroid, type Point } from "./geometry";
import type { HomeAssistant } from "./ha";
import { localize, type MessageKey } from "./i18n";

export const FLOOR_PLAN_EDITOR = "seatsense-floor-plan-editor";

interface SeatRef {
  cameraId: string;
  cameraName: string;
  seatId: string;
}

export class FloorPlanEditor extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @property({ attribute: false }) site?: SiteInfo;
  @state() private plan?: FloorPlan;
  @state() private planMissing = false;
  @state() private places: Places = {};
  @state() private picked?: SeatRef;
  @state() private dirty = false;
  @state() private status?: { text: string; kind: "ok" | "error" };
  private loadedFor?: string;
  private dragFrom?: Point;

  protected updated(changed: PropertyValues): void {
    if (changed.has("site") && this.site && this.site.entry_id !== this.loadedFor) {
      this.loadedFor = this.site.entry_id;
      this.status = undefined;
      void this.load();
    }
  }

  disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.plan) URL.revokeObjectURL(this.plan.url);
    this.plan = undefined;
    this.loadedFor = undefined;
  }

  private t(key: MessageKey, params?: Record<string, string | number>): string {
    return localize(this.hass, key, params);
  }

  private async load(): Promise<void> {
    if (!this.hass || !this.site) return;
    const old = this.plan;
    try {
      this.plan = await fetchFloorPlan(this.hass, this.site.entry_id);
      this.places = structuredClone(this.plan.seats);
      this.planMissing = false;
    } catch {
      this.plan = undefined;
      this.places = {};
      this.planMissing = true;
    }
    if (old) URL.revokeObjectURL(old.url);
    this.dirty = false;
    this.picked = this.nextUnplaced();
  }

  private seatRefs(): SeatRef[] {
    return (this.site?.cameras ?? []).flatMap((camera) =>
      camera.seats.map((seat) => ({ cameraId: camera.camera_id, cameraName: camera.name, seatId: seat.id })),
    );
  }

  private placeOf(ref: SeatRef): Point[] | undefined {
    return this.places[ref.cameraId]?.[ref.seatId];
  }

  private nextUnplaced(after?: SeatRef): SeatRef | undefined {
    const refs = this.seatRefs();
    const start = after ? refs.findIndex((r) => r.cameraId === after.cameraId && r.seatId === after.seatId) + 1 : 0;
    return [...refs.slice(start), ...refs.slice(0, start)].find((r) => !this.placeOf(r));
  }

  private async upload(ev: Event): Promise<void> {
    const input = ev.target as HTMLInputElement;
    const file = input.files?.[0];
    input.value = "";
    if (!file || !this.hass || !this.site) return;
    if (file.size > MAX_PLAN_BYTES) {
      this.status = { text: this.t("plan.too_large", { mb: (file.size / 1024 / 1024).toFixed(1) }), kind: "error" };
      return;
    }
    const bytes = new Uint8Array(await file.arrayBuffer());
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    }
    try {
      const size = await uploadFloorPlan(this.hass, this.site.entry_id, btoa(binary));
      await this.load();
      this.status = { text: this.t("plan.uploaded", { width: size.width, height: size.height }), kind: "ok" };
    } catch (err) {
      this.status = { text: this.t("status.refused", { reason: errorMessage(err) }), kind: "error" };
    }
  }

  private fraction(ev: PointerEvent): Point {
    const box = (ev.currentTarget as SVGSVGElement).getBoundingClientRect();
    return [(ev.clientX - box.left) / box.width, (ev.clientY - box.top) / box.height];
  }

  private pointerDown(ev: PointerEvent): void {
    if (ev.button !== 0 || !this.picked) return;
    this.dragFrom = this.fraction(ev);
  }

  private pointerUp(ev: PointerEvent): void {
    const from = this.dragFrom;
    this.dragFrom = undefined;
    const picked = this.picked;
    if (!from || !picked) return;
    const place = placeFromDrag(from, this.fraction(ev));
    this.places = { ...this.places, [picked.cameraId]: { ...this.places[picked.cameraId], [picked.seatId]: place } };
    this.dirty = true;
    this.status = undefined;
    this.picked = this.nextUnplaced(picked) ?? picked;
  }

  private clearPicked(): void {
    const picked = this.picked;
    if (!picked || !this.placeOf(picked)) return;
    const bySeat = { ...this.places[picked.cameraId] };
    delete bySeat[picked.seatId];
    this.places = { ...this.places, [picked.cameraId]: bySeat };
    this.dirty = true;
  }

  private async save(): Promise<void> {
    if (!this.hass || !this.site) return;
    try {
      await placeSeats(this.hass, this.site.entry_id, this.places);
      const n = Object.values(this.places).reduce((sum, bySeat) => sum + Object.keys(bySeat).length, 0);
      this.dirty = false;
      this.status = { text: this.t("plan.saved", { n }), kind: "ok" };
    } catch (err) {
      this.status = { text: this.t("status.refused", { reason: errorMessage(err) }), kind: "error" };
    }
  }

  protected render() {
    if (!this.hass || !this.site) return nothing;
    return html`<section>
      <h2>${this.t("plan.title")}</h2>
      <div class="row">
        <label class="upload">${this.t("plan.upload")}
          <input type="file" accept="image/png,image/jpeg" @change=${(ev: Event) => void this.upload(ev)} />
        </label>
        <button class="save-places primary" ?disabled=${!this.plan || !this.dirty} @click=${() => void this.save()}>
          ${this.t("plan.save")}
        </button>
        <button class="clear-place" ?disabled=${!this.picked || !this.placeOf(this.picked)} @click=${() => this.clearPicked()}>
          ${this.t("plan.clear")}
        </button>
      </div>
      ${this.status ? html`<p class="status ${this.status.kind}" role="status">${this.status.text}</p>` : nothing}
      ${this.plan ? this.renderPlan(this.plan) : html`<p class="hint">${this.planMissing ? this.t("plan.none") : this.t("loading")}</p>`}
    </section>`;
  }

  private renderPlan(plan: FloorPlan) {
    const picked = this.picked;
    return html`<p class="hint">${this.t("plan.hint")}</p>
      <div class="plan-body">
        <div class="plan-stage" style="aspect-ratio: ${plan.width} / ${plan.height}">
          <img src=${plan.url} alt=${this.t("plan.title")} draggable="false" />
          <svg viewBox="0 0 ${plan.width} ${plan.height}" preserveAspectRatio="none"
            @pointerdown=${this.pointerDown} @pointerup=${this.pointerUp}>
            ${this.seatRefs().map((ref) => {
              const place = this.placeOf(ref);
              if (!place) return nothing;
              const shape = placeShape(place, plan.width, plan.height);
              const [cx, cy] = centroid(shape);
              const isPicked = picked?.cameraId === ref.cameraId && picked.seatId === ref.seatId;
              return svg`<g class="placed ${isPicked ? "picked" : ""}" data-seat=${ref.seatId} data-camera=${ref.cameraId}>
                <polygon points=${shape.map((p) => p.join(",")).join(" ")} vector-effect="non-scaling-stroke"></polygon>
                <text x=${cx} y=${cy} font-size=${Math.min(plan.width, plan.height) / 20}
                  text-anchor="middle" dominant-baseline="middle">${ref.seatId}</text>
              </g>`;
            })}
          </svg>
        </div>
        <ul class="plan-seats">
          ${this.seatRefs().map((ref) => {
            const isPicked = picked?.cameraId === ref.cameraId && picked.seatId === ref.seatId;
            return html`<li>
              <button class="${isPicked ? "picked" : ""} ${this.placeOf(ref) ? "placed" : ""}"
                data-seat=${ref.seatId} data-camera=${ref.cameraId} @click=${() => (this.picked = ref)}>
                ${this.placeOf(ref) ? "✓" : "·"} ${ref.cameraName} ${ref.seatId}
              </button>
            </li>`;
          })}
        </ul>
      </div>`;
  }

  static styles = css`
    section {
      margin-top: 16px;
      color: var(--primary-text-color);
    }
    h2 {
      font-size: 18px;
      font-weight: 500;
      margin: 0 0 8px;
    }
    .row {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
    }
    .upload {
      display: flex;
      flex-direction: column;
      gap: 4px;
      font-size: 14px;
    }
    button {
      padding: 6px 10px;
      border: 1px solid var(--divider-color, #ccc);
      border-radius: 6px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      font: inherit;
      cursor: pointer;
    }
    button.primary {
      background: var(--primary-color, #03a9f4);
      color: var(--text-primary-color, #fff);
    }
    button:disabled {
      opacity: 0.5;
      cursor: default;
    }
    .hint {
      font-size: 13px;
      color: var(--secondary-text-color);
    }
    .status.ok {
      color: var(--success-color, #2e7d32);
    }
    .status.error {
      color: var(--error-color, #c62828);
    }
    .plan-body {
      display: flex;
      flex-wrap: wrap;
      gap: 12px;
      align-items: flex-start;
    }
    .plan-stage {
      position: relative;
      flex: 1 1 420px;
      max-width: 900px;
      user-select: none;
    }
    .plan-stage img,
    .plan-stage svg {
      position: absolute;
      inset: 0;
      width: 100%;
      height: 100%;
    }
    .plan-stage svg {
      cursor: crosshair;
    }
    g.placed polygon {
      fill: #0072b2;
      fill-opacity: 0.3;
      stroke: #0072b2;
      stroke-width: 2;
    }
    g.placed.picked polygon {
      fill: #e69f00;
      stroke: #e69f00;
      stroke-width: 3;
    }
    g.placed text {
      fill: #000;
      paint-order: stroke;
      stroke: #fff;
      stroke-width: 3px;
      font-weight: 600;
    }
    .plan-seats {
      list-style: none;
      margin: 0;
      padding: 0;
      display: flex;
      flex-direction: column;
      gap: 4px;
      max-height: 420px;
      overflow: auto;
    }
    .plan-seats button.picked {
      border-color: #e69f00;
      font-weight: 600;
    }
  `;
}
