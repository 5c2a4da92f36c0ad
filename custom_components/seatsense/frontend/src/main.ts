/**
 * The seatsense frontend bundle: the seat-map card (with its editor) and the seat editor
 * panel. Home Assistant loads it on every page (frontend.add_extra_js_url) and as the panel's
 * module; defining each element only once keeps a second load harmless.
 */

import { SeatEditorPanel, PANEL_ELEMENT } from "./seat-editor-panel";
import { CARD_EDITOR, CARD_TYPE, SeatMapCard } from "./seat-map-card";
import { SeatMapCardEditor } from "./seat-map-card-editor";

function define(name: string, element: CustomElementConstructor): void {
  if (!customElements.get(name)) customElements.define(name, element);
}

define(CARD_TYPE, SeatMapCard);
define(CARD_EDITOR, SeatMapCardEditor);
define(PANEL_ELEMENT, SeatEditorPanel);

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
