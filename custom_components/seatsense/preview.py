"""Layout previews for the camera flow: JPEGs held in memory, served by an authenticated view.

The flow puts a signed URL of the latest preview in its step description; every render gets a
new random key, so the browser never shows a cached older preview.
"""

from __future__ import annotations

import secrets
from collections import OrderedDict
from datetime import timedelta
from http import HTTPStatus

from aiohttp import web
from homeassistant.components.http.auth import async_sign_path
from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers.http import KEY_HASS, HomeAssistantView
from homeassistant.util.hass_dict import HassKey

PREVIEW_PATH = "/api/seatsense/preview/{key}"
PREVIEW_EXPIRES = timedelta(minutes=30)
MAX_PREVIEWS = 32
"""Previews kept in memory over all open flows; the oldest go first."""


class PreviewStore:
    """The rendered previews by key, and which flow each belongs to."""

    def __init__(self) -> None:
        """Start empty."""
        self.images: OrderedDict[str, tuple[str, bytes]] = OrderedDict()

    def add(self, flow_id: str, jpeg: bytes) -> str:
        """Keep a preview; returns its key."""
        key = secrets.token_urlsafe(16)
        self.images[key] = (flow_id, jpeg)
        while len(self.images) > MAX_PREVIEWS:
            self.images.popitem(last=False)
        return key

    def drop_flow(self, flow_id: str) -> None:
        """Forget every preview of a flow."""
        for key in [k for k, (f, _) in self.images.items() if f == flow_id]:
            del self.images[key]


DATA_PREVIEWS: HassKey[PreviewStore] = HassKey("seatsense_previews")


def _store(hass: HomeAssistant) -> PreviewStore:
    return hass.data.setdefault(DATA_PREVIEWS, PreviewStore())


@callback
def async_publish_preview(hass: HomeAssistant, flow_id: str, jpeg: bytes) -> str:
    """Keep a preview and return a signed URL for it."""
    key = _store(hass).add(flow_id, jpeg)
    return async_sign_path(hass, PREVIEW_PATH.format(key=key), PREVIEW_EXPIRES)


@callback
def async_drop_previews(hass: HomeAssistant, flow_id: str) -> None:
    """A flow ended: its previews go."""
    _store(hass).drop_flow(flow_id)


class PreviewView(HomeAssistantView):
    """Serves layout previews to authenticated users (or holders of a signed URL)."""

    url = PREVIEW_PATH
    name = "api:seatsense:preview"
    requires_auth = True

    async def get(self, request: web.Request, key: str) -> web.Response:
        """The preview JPEG."""
        hass = request.app[KEY_HASS]
        found = _store(hass).images.get(key)
        if found is None:
            return web.Response(status=HTTPStatus.NOT_FOUND)
        return web.Response(
            body=found[1], content_type="image/jpeg", headers={"Cache-Control": "no-store"}
        )
