"""The files of a site's reports, served to signed-in users (or holders of a signed link), so
the HTML page can be opened from Home Assistant: the media browser lists only pictures."""

from __future__ import annotations

from datetime import timedelta
from http import HTTPStatus
from pathlib import Path

from aiohttp import web
from homeassistant.components.http.auth import async_sign_path
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView

from .const import DOMAIN
from .coordinator import GeneratedReport
from .history import REPORT_FILE_NAME, REPORT_FOLDER_NAME, report_base

REPORT_PATH = "/api/seatsense/reports/{entry_id}/{folder}/{name}"
LINK_EXPIRES = timedelta(days=7)
"""A signed link to a report works this long (the daily report brings a new one each day)."""


@callback
def async_report_link(
    hass: HomeAssistant, entry_id: str, report: GeneratedReport, *, content_user: bool = False
) -> str:
    """A signed link to the report's page; signed for the caller (an action's user) or, with
    `content_user`, for Home Assistant's content user (an entity attribute)."""
    path = REPORT_PATH.format(entry_id=entry_id, folder=report.directory.name, name="report.html")
    return async_sign_path(hass, path, LINK_EXPIRES, use_content_user=content_user)


class ReportFileView(HomeAssistantView):
    """A file of one of a site's reports: only names a report has, only in its folder."""

    url = REPORT_PATH
    name = "api:seatsense:reports"
    requires_auth = True

    async def get(
        self, request: web.Request, entry_id: str, folder: str, name: str
    ) -> web.StreamResponse:
        """The file, or 404."""
        hass = request.app[KEY_HASS]
        entry = hass.config_entries.async_get_entry(entry_id)
        if (
            entry is None
            or entry.domain != DOMAIN
            or not REPORT_FOLDER_NAME.fullmatch(folder)
            or not REPORT_FILE_NAME.fullmatch(name)
        ):
            return web.Response(status=HTTPStatus.NOT_FOUND)
        path = report_base(hass, entry.title) / folder / name
        if not await hass.async_add_executor_job(Path.is_file, path):
            return web.Response(status=HTTPStatus.NOT_FOUND)
        return web.FileResponse(path, headers={"Cache-Control": "no-store"})
