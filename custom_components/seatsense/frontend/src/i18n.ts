/** The card's and the editor's words in English and Korean, chosen by `hass.language`. */

import type { HomeAssistant } from "./ha";

const en = {
  "state.empty": "Empty",
  "state.occupied": "Occupied",
  "state.away": "Away",
  "state.abandoned": "Hogged",
  "state.unknown": "Unknown",
  minutes: "{n} min",
  hogged_for: "Hogged {n} min",
  offline: "Camera offline",
  people_blurred: "People blurred",
  loading: "Loading…",
  no_frame: "No picture from this camera yet",
  no_camera: "Pick a site and a camera in the card's settings",
  camera_gone: "This camera is no longer in any seatsense site",
  "action.more_info": "Details",
  "action.reset_seat": "Reset seat",
  "action.capture_baseline": "Capture empty-seat reference",
  "action.cancel": "Cancel",
  "action.done": "{action}: done",
  "action.failed": "{action} failed: {error}",
  "config.site": "Site",
  "config.camera": "Camera",
  "config.title": "Title (optional)",
  "config.show_legend": "Show the colour legend",
  "panel.title": "Seat editor",
  "panel.site": "Site",
  "panel.camera": "Camera",
  "panel.no_sites": "No seatsense site yet: add one under Settings → Devices & services.",
  "panel.blurred": "People are blurred (privacy option on)",
  "panel.no_frame": "No picture from this camera yet: drawing on a blank frame.",
  "panel.annotated": "This server sends its annotated picture: the old seats show in it.",
  "tool.select": "Select",
  "tool.draw": "Draw seat",
  "tool.row": "Copy along a row",
  "tool.copies": "Copies",
  "tool.delete": "Delete",
  "tool.undo": "Undo",
  "tool.redo": "Redo",
  "tool.zoom_in": "Zoom in",
  "tool.zoom_out": "Zoom out",
  "tool.zoom_fit": "Fit",
  "tool.save": "Save",
  "tool.revert": "Discard changes",
  "hint.select": "Drag a seat or a corner to move it. Double-click an edge to add a corner.",
  "hint.draw": "Click each corner. Click the first corner or press Enter to finish; Esc cancels.",
  "hint.row": "Drag from the selected seat to where the last copy goes.",
  "hint.row_pick": "Select the seat to copy first.",
  "hint.keys": "Keys: N draw, V select, R row copy, Del delete, F2 rename, Ctrl+Z / Ctrl+Y undo / redo, + / − / 0 zoom, Ctrl+S save",
  "seat.id": "Seat id",
  "seat.none": "No seat selected",
  "seats.count": "{n} seats",
  "status.unsaved": "Unsaved changes",
  "status.saved": "Saved {n} seats; the site restarts with them.",
  "status.unchanged": "Nothing changed.",
  "status.saving": "Saving…",
  "status.refused": "Not saved: {reason}",
  "status.fix_first": "Fix the marked seats before saving.",
  "error.too_few_points": "needs at least 3 corners",
  "error.outside_frame": "a corner is outside the picture",
  "error.self_intersecting": "its edges cross",
  "error.no_area": "has no area",
  "error.invalid_id": "id must be 1–64 characters, without ':' and not starting with '#' or a space",
  "error.duplicate_id": "the id {other} is used twice",
  "error.overlap": "overlaps {other} by {percent}% (at most {max}%)",
  "error.empty_layout": "A camera needs at least one seat.",
};

type Key = keyof typeof en;

const ko: Record<Key, string> = {
  "state.empty": "빈 좌석",
  "state.occupied": "사용 중",
  "state.away": "외출",
  "state.abandoned": "자리 맡기",
  "state.unknown": "알 수 없음",
  minutes: "{n}분",
  hogged_for: "자리 맡기 {n}분",
  offline: "카메라 오프라인",
  people_blurred: "사람 흐림 처리됨",
  loading: "불러오는 중…",
  no_frame: "이 카메라의 화면이 아직 없습니다",
  no_camera: "카드 설정에서 사이트와 카메라를 고르세요",
  camera_gone: "이 카메라는 더 이상 seatsense 사이트에 없습니다",
  "action.more_info": "자세히",
  "action.reset_seat": "좌석 초기화",
  "action.capture_baseline": "빈 좌석 기준 화면 저장",
  "action.cancel": "취소",
  "action.done": "{action}: 완료",
  "action.failed": "{action} 실패: {error}",
  "config.site": "사이트",
  "config.camera": "카메라",
  "config.title": "제목(선택)",
  "config.show_legend": "색상 범례 표시",
  "panel.title": "좌석 편집기",
  "panel.site": "사이트",
  "panel.camera": "카메라",
  "panel.no_sites": "seatsense 사이트가 아직 없습니다. 설정 → 기기 및 서비스에서 추가하세요.",
  "panel.blurred": "사람이 흐림 처리되어 있습니다(개인정보 보호 옵션 켜짐)",
  "panel.no_frame": "이 카메라의 화면이 아직 없어 빈 화면에 그립니다.",
  "panel.annotated": "이 서버는 주석이 그려진 화면만 보내므로 기존 좌석이 함께 보입니다.",
  "tool.select": "선택",
  "tool.draw": "좌석 그리기",
  "tool.row": "줄 복사",
  "tool.copies": "복사 수",
  "tool.delete": "삭제",
  "tool.undo": "실행 취소",
  "tool.redo": "다시 실행",
  "tool.zoom_in": "확대",
  "tool.zoom_out": "축소",
  "tool.zoom_fit": "맞춤",
  "tool.save": "저장",
  "tool.revert": "변경 취소",
  "hint.select": "좌석이나 꼭짓점을 끌어 옮깁니다. 변을 더블클릭하면 꼭짓점이 추가됩니다.",
  "hint.draw": "꼭짓점을 차례로 클릭하세요. 첫 꼭짓점을 클릭하거나 Enter로 마치고, Esc로 취소합니다.",
  "hint.row": "선택한 좌석에서 마지막 복사본이 놓일 곳까지 끄세요.",
  "hint.row_pick": "먼저 복사할 좌석을 선택하세요.",
  "hint.keys": "단축키: N 그리기, V 선택, R 줄 복사, Del 삭제, F2 이름 바꾸기, Ctrl+Z / Ctrl+Y 실행 취소 / 다시 실행, + / − / 0 확대·축소, Ctrl+S 저장",
  "seat.id": "좌석 ID",
  "seat.none": "선택한 좌석 없음",
  "seats.count": "좌석 {n}개",
  "status.unsaved": "저장하지 않은 변경 사항",
  "status.saved": "좌석 {n}개를 저장했습니다. 사이트가 새 배치로 다시 시작합니다.",
  "status.unchanged": "바뀐 것이 없습니다.",
  "status.saving": "저장 중…",
  "status.refused": "저장하지 못했습니다: {reason}",
  "status.fix_first": "표시된 좌석을 고친 뒤 저장하세요.",
  "error.too_few_points": "꼭짓점이 3개 이상 필요합니다",
  "error.outside_frame": "꼭짓점이 화면 밖에 있습니다",
  "error.self_intersecting": "변이 서로 교차합니다",
  "error.no_area": "넓이가 없습니다",
  "error.invalid_id": "ID는 1–64자이며 ':'를 포함하거나 '#' 또는 공백으로 시작할 수 없습니다",
  "error.duplicate_id": "ID {other}가 두 번 쓰였습니다",
  "error.overlap": "{other}와 {percent}% 겹칩니다(최대 {max}%)",
  "error.empty_layout": "카메라에는 좌석이 하나 이상 있어야 합니다.",
};

export type { Key as MessageKey };

const TABLES: Record<string, Record<Key, string>> = { en, ko };

/** The language of `hass` that we have words for (English otherwise). */
export function languageOf(hass: HomeAssistant | undefined): string {
  const language = (hass?.locale?.language ?? hass?.language ?? "en").split("-")[0];
  return language in TABLES ? language : "en";
}

/** The message `key` in the user's language with `{name}` placeholders filled in. */
export function localize(
  hass: HomeAssistant | undefined,
  key: Key,
  params: Record<string, string | number> = {},
): string {
  const template = TABLES[languageOf(hass)][key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

/** Every table has every key (checked by the unit tests). */
export const MESSAGE_TABLES: Readonly<Record<string, Readonly<Record<string, string>>>> = TABLES;
