/**
 * The words of the generated dashboard and its seat tiles in English and Korean (the card's
 * and the editor's words are in i18n.ts; the language is chosen the same way).
 */

import type { HomeAssistant } from "./ha";
import { languageOf } from "./i18n";

const en = {
  totals: "Now",
  "total.occupied_seats": "Occupied seats",
  "total.occupancy_rate": "Occupancy",
  "total.abandoned_seats": "Hogged seats",
  "total.entries_today": "Entries today",
  "total.average_stay": "Average stay",
  no_sites: "No seatsense site yet: add one under Settings → Devices & services.",
  not_running: "This site is not running: see Settings → Devices & services.",
  no_seats: "No seats on this camera yet: draw them in the seat editor.",
  vacant_for: "vacant {n} min",
  stay_for: "stay {n} min",
  left_for: "for {n} min",
  offline: "offline",
};

type Key = keyof typeof en;

const ko: Record<Key, string> = {
  totals: "현재",
  "total.occupied_seats": "사용 중 좌석",
  "total.occupancy_rate": "점유율",
  "total.abandoned_seats": "자리 맡기 좌석",
  "total.entries_today": "오늘 입실",
  "total.average_stay": "평균 이용 시간",
  no_sites: "seatsense 사이트가 아직 없습니다. 설정 → 기기 및 서비스에서 추가하세요.",
  not_running: "이 사이트가 실행 중이 아닙니다. 설정 → 기기 및 서비스를 확인하세요.",
  no_seats: "이 카메라에는 아직 좌석이 없습니다. 좌석 편집기에서 그리세요.",
  vacant_for: "빈 지 {n}분",
  stay_for: "이용 {n}분",
  left_for: "{n}분째",
  offline: "오프라인",
};

export type { Key as DashboardWord };

/** Every table has every key (checked by the unit tests). */
export const DASHBOARD_WORDS: Readonly<Record<string, Readonly<Record<Key, string>>>> = { en, ko };

/** The word `key` in the user's language with `{name}` placeholders filled in. */
export function word(
  hass: HomeAssistant | undefined,
  key: Key,
  params: Record<string, string | number> = {},
): string {
  const table = DASHBOARD_WORDS[languageOf(hass)] ?? en;
  return (table[key] ?? en[key]).replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}
