/**
 * The seatsense frontend bundle: the seat-map card (with its editor) and the seat editor
 * panel. Home Assistant loads it on every page (frontend.add_extra_js_url) and as the panel's
 * module; defining each element only once keeps a second load harmless.
 */

import { FLOOR_PLAN_EDITOR, FloorPlanEditor } from "./floor-plan-editor";
import {
  DASHBOARD_STRATEGY,
  SeatsenseDashboardStrategy,
  SeatsenseViewStrategy,
  VIEW_STRATEGY,
} from "./dashboard-strategy";
import { SeatEditorPanel, PANEL_ELEMENT } from "./seat-editor-panel";
import { CARD_EDITOR, CARD_TYPE, SeatMapCard } from "./seat-map-card";
import { SeatMapCardEditor } from "./seat-map-card-editor";
import { SEAT_TILES_TYPE, SeatTilesCard } from "./seat-tiles-card";

/** How long to wait for Home Assistant's app before defining the elements anyway. */
const APP_WAIT_MS = 30_000;

function define(name: string, element: CustomElementConstructor): void {
  if (!window.customElements.get(name)) window.customElements.define(name, element);
}

/**
 * Run `defineAll` once Home Assistant's app has started. The app installs a scoped custom
 * element registry in place of `window.customElements` as it starts, and an element defined
 * in the registry before it is not found afterwards: this bundle, loaded as an extra module
 * while the app is still downloading, would lose that race now and then.
 */
function whenAppStarted(defineAll: () => void): void {
  const since = Date.now();
  const check = () => {
    if (window.customElements.get("home-assistant") || Date.now() - since > APP_WAIT_MS) {
      defineAll();
    } else {
      window.setTimeout(check, 50);
    }
  };
  check();
}

whenAppStarted(() => {
  define(CARD_TYPE, SeatMapCard);
  define(CARD_EDITOR, SeatMapCardEditor);
  define(PANEL_ELEMENT, SeatEditorPanel);
  define(FLOOR_PLAN_EDITOR, FloorPlanEditor);
  define(SEAT_TILES_TYPE, SeatTilesCard);
  // Strategies are looked up by element name but never constructed: a plain class will do.
  define(DASHBOARD_STRATEGY, SeatsenseDashboardStrategy as unknown as CustomElementConstructor);
  define(VIEW_STRATEGY, SeatsenseViewStrategy as unknown as CustomElementConstructor);
});

interface CustomCardsWindow {
  customCards?: { type: string; name: string; description: string; preview?: boolean }[];
}
const cards = ((window as CustomCardsWindow).customCards ??= []);
if (!cards.some((card) => card.type === CARD_TYPE)) {
  cards.push({
    type: CARD_TYPE,
    name: "seatsense seat map",
    description: "A camera's picture with its seats coloured by state, vacancy and hogging minutes.",
    preview: true,
  });
}
