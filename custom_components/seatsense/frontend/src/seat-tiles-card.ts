/**
 * `custom:seatsense-seat-tiles`: a camera's seats as small tiles in their state's colour, each
 * with how long it has been vacant (empty, away, hogged) or occupied; tap one for its details.
 *
 * The generated dashboard puts these above the seat map, so a phone shows the seats on its
 * first screen. The tiles follow the layout: seats drawn in the editor appear once their
 * entities are registered, without a new configuration.
 */

import { LitElement, css, html, nothing, type PropertyValues } from "lit";
import { property, state } from "lit/decorators.js";

import {
  errorMessage,
  fetchLayout,
  findCamera,
  type CameraInfo,
  type LayoutInfo,
  type SeatInfo,
} from "./api";
import { word } from "./dashboard-words";
import { fireEvent, type HomeAssistant } from "./ha";
import { localize, type MessageKey } from "./i18n";
import { STATE_COLORS, seatState, type SeatState } from "./palette";

export const SEAT_TILES_TYPE = "seatsense-seat-tiles";

export interface SeatTilesConfig {
  type: string;
  entry_id?: string;
  camera_id?: string;
}

/** Home Assistant's own `hass` also carries the entity registry; it changes as seats come. */
type HassWithRegistry = HomeAssistant & { entities?: Record<string, unknown> };

function minutesOf(hass: HomeAssistant, entityId: string | undefined): number | null {
  const value = entityId ? hass.states[entityId]?.state : undefined;
  const parsed = value === undefined || value === "" ? NaN : Number(value);
  return Number.isFinite(parsed) ? Math.round(parsed) : null;
}

/** The tile's last line: stay minutes while occupied, vacancy minutes otherwise. */
export function seatDetail(
  hass: HomeAssistant,
  seat: SeatInfo,
  current: SeatState,
): string | undefined {
  if (current === "unknown") return undefined;
  if (current === "occupied") {
    const stay = minutesOf(hass, seat.entities.stay_minutes);
    return stay === null ? undefined : word(hass, "stay_for", { n: stay });
  }
  // Away and hogged: how long the belongings have been there without their owner.
  const vacant = minutesOf(hass, seat.entities.vacant_minutes);
  if (vacant === null) return undefined;
  return word(hass, current === "empty" ? "vacant_for" : "left_for", { n: vacant });
}

export class SeatTilesCard extends LitElement {
  @property({ attribute: false }) hass?: HassWithRegistry;
  @state() private config?: SeatTilesConfig;
  // Not `layout`: Home Assistant sets `layout = "grid"` on every card of a sections view.
  @state() private siteLayout?: LayoutInfo;
  @state() private layoutError?: string;
  private loadedFor?: unknown;

  setConfig(config: SeatTilesConfig): void {
    if (!config || typeof config.camera_id !== "string") {
      throw new Error("camera_id is needed");
    }
    this.config = config;
  }

  getCardSize(): number {
    return 2;
  }

  getGridOptions(): Record<string, number | string> {
    return { columns: 12, min_columns: 6, rows: "auto" };
  }

  private camera(): CameraInfo | undefined {
    return findCamera(this.siteLayout, this.config?.entry_id, this.config?.camera_id)?.camera;
  }

  protected shouldUpdate(changed: PropertyValues): boolean {
    if (changed.size !== 1 || !changed.has("hass")) return true;
    const old = changed.get("hass") as HassWithRegistry | undefined;
    if (!old || !this.hass || old.language !== this.hass.language) return true;
    if (old.entities !== this.hass.entities) return true;
    const seats = this.camera()?.seats ?? [];
    return seats.some((seat) =>
      Object.values(seat.entities).some((id) => old.states[id] !== this.hass?.states[id]),
    );
  }

  protected updated(): void {
    // Again whenever the entity registry changes: a seat drawn since then has its entities.
    const registry = this.hass?.entities ?? "no registry";
    if (this.hass && this.loadedFor !== registry) {
      this.loadedFor = registry;
      void this.loadLayout();
    }
  }

  private async loadLayout(): Promise<void> {
    try {
      this.siteLayout = await fetchLayout(this.hass!);
      this.layoutError = undefined;
    } catch (err) {
      this.layoutError = errorMessage(err);
    }
  }

  protected render() {
    if (!this.config || !this.hass) return nothing;
    const camera = this.camera();
    if (!camera) {
      const message = this.siteLayout ? localize(this.hass, "camera_gone") : this.layoutError;
      return html`<ha-card><div class="message">${message ?? localize(this.hass, "loading")}</div></ha-card>`;
    }
    return html`<ha-card>
      <div class="tiles">${camera.seats.map((seat) => this.renderTile(seat))}</div>
    </ha-card>`;
  }

  private renderTile(seat: SeatInfo) {
    const raw = seat.entities.state ? this.hass!.states[seat.entities.state]?.state : undefined;
    const current = seatState(raw);
    const detail = seatDetail(this.hass!, seat, current);
    const label = localize(this.hass, `state.${current}` as MessageKey);
    return html`<button class="tile ${current}" data-seat=${seat.id} data-state=${current}
      style="--seat-color: ${STATE_COLORS[current]}"
      title="${seat.id}: ${label}${detail ? `, ${detail}` : ""}"
      @click=${() => this.moreInfo(seat)}>
      <span class="id">${seat.id}</span>
      <span class="state">${label}</span>
      <span class="detail">${detail ?? (current === "unknown" ? word(this.hass, "offline") : "")}</span>
    </button>`;
  }

  private moreInfo(seat: SeatInfo): void {
    const entityId = seat.entities.state ?? seat.entities.occupied;
    if (entityId) fireEvent(this, "hass-more-info", { entityId });
  }

  static styles = css`
    .message {
      padding: 16px;
      color: var(--secondary-text-color);
    }
    .tiles {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(76px, 1fr));
      gap: 6px;
      padding: 8px;
    }
    .tile {
      display: flex;
      flex-direction: column;
      align-items: flex-start;
      gap: 1px;
      min-height: 56px;
      padding: 6px 8px;
      border: none;
      border-left: 6px solid var(--seat-color);
      border-radius: 8px;
      background: color-mix(in srgb, var(--seat-color) 22%, var(--card-background-color, #fff));
      color: var(--primary-text-color);
      font: inherit;
      text-align: left;
      cursor: pointer;
      overflow: hidden;
    }
    .tile.unknown {
      background: repeating-linear-gradient(
        45deg,
        color-mix(in srgb, var(--seat-color) 18%, transparent) 0 6px,
        transparent 6px 12px
      );
    }
    .id {
      font-weight: 700;
      font-size: 1.05em;
    }
    .state {
      font-size: 0.85em;
    }
    .detail {
      font-size: 0.8em;
      color: var(--secondary-text-color);
      white-space: nowrap;
    }
    .tile.abandoned .detail {
      color: var(--primary-text-color);
      font-weight: 600;
    }
  `;
}
