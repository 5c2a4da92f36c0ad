/** The seat-map card's visual editor: pick the site, what to show (a camera's picture or the
 * site's floor plan) and the camera, a title, the legend. */

import { LitElement, css, html, nothing } from "lit";
import { property, state } from "lit/decorators.js";

import { fetchLayout, type LayoutInfo } from "./api";
import { fireEvent, type HomeAssistant } from "./ha";
import { localize, type MessageKey } from "./i18n";
import type { SeatMapCardConfig } from "./seat-map-card";

export class SeatMapCardEditor extends LitElement {
  @property({ attribute: false }) hass?: HomeAssistant;
  @state() private config?: SeatMapCardConfig;
  @state() private layout?: LayoutInfo;
  private loading = false;

  setConfig(config: SeatMapCardConfig): void {
    this.config = config;
  }

  protected updated(): void {
    if (this.hass && !this.layout && !this.loading) {
      this.loading = true;
      fetchLayout(this.hass)
        .then((layout) => (this.layout = layout))
        .finally(() => (this.loading = false));
    }
  }

  private t(key: MessageKey): string {
    return localize(this.hass, key);
  }

  private change(patch: Partial<SeatMapCardConfig>): void {
    const config: SeatMapCardConfig = { ...this.config!, ...patch };
    for (const key of Object.keys(config) as (keyof SeatMapCardConfig)[]) {
      if (config[key] === undefined || config[key] === "") delete config[key];
    }
    this.config = config;
    fireEvent(this, "config-changed", { config });
  }

  private pickSite(entryId: string): void {
    const site = this.layout?.sites.find((s) => s.entry_id === entryId);
    this.change({ entry_id: entryId, camera_id: site?.cameras[0]?.camera_id });
  }

  protected render() {
    if (!this.config || !this.hass) return nothing;
    const sites = this.layout?.sites ?? [];
    const site = sites.find((s) => s.entry_id === this.config?.entry_id) ?? sites[0];
    const onPlan = this.config.mode === "floor_plan";
    return html`
      <div class="form">
        <label>
          <span>${this.t("config.site")}</span>
          <select name="site" @change=${(ev: Event) => this.pickSite((ev.target as HTMLSelectElement).value)}>
            ${sites.map(
              (s) => html`<option value=${s.entry_id} ?selected=${s.entry_id === site?.entry_id}>${s.title}</option>`,
            )}
          </select>
        </label>
        <label>
          <span>${this.t("config.mode")}</span>
          <select name="mode" @change=${(ev: Event) => {
            const plan = (ev.target as HTMLSelectElement).value === "floor_plan";
            this.change(
              plan
                ? { entry_id: site?.entry_id, mode: "floor_plan", camera_id: undefined }
                : { entry_id: site?.entry_id, mode: undefined, camera_id: site?.cameras[0]?.camera_id },
            );
          }}>
            <option value="camera" ?selected=${!onPlan}>${this.t("config.mode_camera")}</option>
            <option value="floor_plan" ?selected=${onPlan}>${this.t("config.mode_floor_plan")}</option>
          </select>
        </label>
        <label ?hidden=${onPlan}>
          <span>${this.t("config.camera")}</span>
          <select name="camera" @change=${(ev: Event) =>
            this.change({ entry_id: site?.entry_id, camera_id: (ev.target as HTMLSelectElement).value })}>
            ${(site?.cameras ?? []).map(
              (c) => html`<option value=${c.camera_id} ?selected=${c.camera_id === this.config?.camera_id}>${c.name}</option>`,
            )}
          </select>
        </label>
        <label>
          <span>${this.t("config.title")}</span>
          <input name="title" .value=${this.config.title ?? ""}
            @change=${(ev: Event) => this.change({ title: (ev.target as HTMLInputElement).value })} />
        </label>
        <label class="check">
          <input type="checkbox" name="show_legend" .checked=${this.config.show_legend !== false}
            @change=${(ev: Event) =>
              this.change({ show_legend: (ev.target as HTMLInputElement).checked ? undefined : false })} />
          <span>${this.t("config.show_legend")}</span>
        </label>
      </div>
    `;
  }

  static styles = css`
    .form {
      display: flex;
      flex-direction: column;
      gap: 12px;
    }
    label {
      display: flex;
      flex-direction: column;
      gap: 4px;
      color: var(--primary-text-color);
    }
    label[hidden] {
      display: none;
    }
    label.check {
      flex-direction: row;
      align-items: center;
      gap: 8px;
    }
    select,
    input:not([type]) {
      padding: 8px;
      border: 1px solid var(--divider-color, #ccc);
      border-radius: 6px;
      background: var(--card-background-color, #fff);
      color: var(--primary-text-color);
      font: inherit;
    }
  `;
}
