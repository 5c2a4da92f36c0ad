/** The small part of Home Assistant's frontend objects that the card and the panel use. */

export interface HassEntity {
  entity_id: string;
  state: string;
  attributes: Record<string, unknown>;
  last_changed: string;
  last_updated: string;
}

export interface HomeAssistant {
  states: Record<string, HassEntity | undefined>;
  user?: { id: string; name: string; is_admin: boolean };
  language: string;
  locale?: { language: string };
  themes?: { darkMode?: boolean };
  callWS<T>(message: Record<string, unknown>): Promise<T>;
  callService(
    domain: string,
    service: string,
    data?: Record<string, unknown>,
  ): Promise<unknown>;
}

/** Fire an event the way Home Assistant's frontend listens for it (bubbling out of shadow roots). */
export function fireEvent(node: EventTarget, type: string, detail: unknown): void {
  node.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
}
