/**
 * The dashboard that follows the site: Home Assistant calls these strategies each time the
 * dashboard opens (and again when the entity registry changes, offering a refresh), so every
 * camera and seat of every site is on it without anyone editing YAML.
 *
 * - `strategy: {type: custom:seatsense}` on a dashboard: one view per site (or only the site
 *   `entry_id` names). The integration registers a "Seats" dashboard holding just that.
 * - `strategy: {type: custom:seatsense, entry_id: ...}` on a view: that site's view, for a
 *   dashboard of one's own.
 *
 * A site's view: its totals first, then per camera a heading (connectivity, people), the seat
 * tiles (state colour, vacancy or stay minutes) and the seat map. On a phone the sections
 * stack in that order: seats first, picture second.
 */

import { fetchLayout, type CameraInfo, type LayoutInfo, type SiteInfo } from "./api";
import { word } from "./dashboard-words";
import type { HomeAssistant } from "./ha";
import { SEAT_TILES_TYPE } from "./seat-tiles-card";
import { CARD_TYPE } from "./seat-map-card";

export const DASHBOARD_STRATEGY = "ll-strategy-dashboard-seatsense";
export const VIEW_STRATEGY = "ll-strategy-view-seatsense";

/** The site figures shown as totals, in this order (keys of the site's entities). */
export const TOTALS = [
  "occupied_seats",
  "occupancy_rate",
  "abandoned_seats",
  "entries_today",
  "average_stay",
] as const;

export interface SeatsenseStrategyConfig {
  type: string;
  /** Only this site (a config entry id). */
  entry_id?: string;
}

type Card = Record<string, unknown>;
type Section = { type: "grid"; cards: Card[]; column_span?: number };
export interface ViewConfig {
  title: string;
  path: string;
  icon: string;
  type: "sections";
  max_columns: number;
  sections: Section[];
}

/** A view's URL part from the site's title; titles without Latin letters get `site-N`. */
export function viewPath(site: SiteInfo, index: number): string {
  const slug = site.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return slug || `site-${index + 1}`;
}

function totalsSection(hass: HomeAssistant, site: SiteInfo): Section {
  const tiles = TOTALS.filter((key) => site.entities?.[key]).map((key) => ({
    type: "tile",
    entity: site.entities![key],
    name: word(hass, `total.${key}`),
    grid_options: { columns: 6 },
  }));
  const cards: Card[] = [
    { type: "heading", heading: word(hass, "totals"), icon: "mdi:seat", heading_style: "title" },
    ...tiles,
  ];
  if (!site.loaded) cards.push({ type: "markdown", content: word(hass, "not_running") });
  return { type: "grid", column_span: 2, cards };
}

function cameraSection(hass: HomeAssistant, site: SiteInfo, camera: CameraInfo): Section {
  const badges = ["connected", "people"]
    .map((key) => camera.entities[key])
    .filter((entity): entity is string => Boolean(entity))
    .map((entity) => ({ type: "entity", entity }));
  const ids = { entry_id: site.entry_id, camera_id: camera.camera_id };
  const cards: Card[] = [
    { type: "heading", heading: camera.name, icon: "mdi:cctv", heading_style: "title", badges },
  ];
  if (camera.seats.length === 0) {
    cards.push({ type: "markdown", content: word(hass, "no_seats") });
  } else {
    cards.push({ type: `custom:${SEAT_TILES_TYPE}`, ...ids });
  }
  cards.push({ type: `custom:${CARD_TYPE}`, ...ids, show_legend: false });
  return { type: "grid", cards };
}

/** The view of one site. */
export function siteView(hass: HomeAssistant, site: SiteInfo, index: number): ViewConfig {
  return {
    title: site.title,
    path: viewPath(site, index),
    icon: "mdi:seat",
    type: "sections",
    max_columns: 2,
    sections: [
      totalsSection(hass, site),
      ...site.cameras.map((camera) => cameraSection(hass, site, camera)),
    ],
  };
}

/** The whole dashboard from the layout: one view per site (the sites `entryId` allows). */
export function dashboardConfig(
  hass: HomeAssistant,
  layout: LayoutInfo,
  entryId?: string,
): { title: string; views: ViewConfig[] | Card[] } {
  const sites = layout.sites.filter((site) => !entryId || site.entry_id === entryId);
  if (sites.length === 0) {
    return {
      title: "seatsense",
      views: [
        {
          title: "seatsense",
          path: "seatsense",
          cards: [{ type: "markdown", content: word(hass, "no_sites") }],
        },
      ],
    };
  }
  return {
    title: sites.length === 1 ? sites[0].title : "seatsense",
    views: sites.map((site, index) => siteView(hass, site, index)),
  };
}

/** `ll-strategy-dashboard-seatsense`: Home Assistant only calls its static `generate` (never
 * constructs it), so it needs no HTMLElement base. */
export class SeatsenseDashboardStrategy {
  static async generate(config: SeatsenseStrategyConfig, hass: HomeAssistant) {
    return dashboardConfig(hass, await fetchLayout(hass), config.entry_id);
  }
}

/** `ll-strategy-view-seatsense`: one site's view; `entry_id` names it (the first otherwise). */
export class SeatsenseViewStrategy {
  static async generate(config: SeatsenseStrategyConfig, hass: HomeAssistant) {
    const layout = await fetchLayout(hass);
    const index = Math.max(
      0,
      layout.sites.findIndex((site) => site.entry_id === config.entry_id),
    );
    const site = layout.sites[index];
    if (!site) return dashboardConfig(hass, layout).views[0];
    return siteView(hass, site, index);
  }
}
