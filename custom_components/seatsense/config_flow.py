"""Config flow (a site, local or remote), options flow, and the camera subentry flow.

Local sites run detection in Home Assistant and need the library's `detect` extra; remote
sites follow a `seatsense serve`. The heavy library modules (capture, drawing, models) are
imported only where a local step needs them, so the flow loads on systems without them; a
remote site's camera test and layout preview are made by its server, which reaches the
cameras anyway.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import voluptuous as vol
from homeassistant.components.camera import Image, async_get_image
from homeassistant.config_entries import (
    SOURCE_RECONFIGURE,
    ConfigEntry,
    ConfigFlow,
    ConfigFlowResult,
    ConfigSubentryFlow,
    OptionsFlow,
    SubentryFlowResult,
)
from homeassistant.const import CONF_NAME
from homeassistant.core import callback
from homeassistant.exceptions import HomeAssistantError
from homeassistant.helpers import selector
from yarl import URL

from seatsense.core.urls import scrub_credentials, split_credentials

from .backend import (
    BackendAuthError,
    BackendError,
    DetectUnavailable,
    FrameProbe,
    GrabFailed,
    ModelLoadError,
    async_check_model,
    async_ensure_detect,
    async_server_info,
    backend_factory,
    check_item_source,
)
from .const import (
    CONF_ABANDONED_AFTER_MIN,
    CONF_BELONGINGS_SENSITIVITY,
    CONF_CHANNEL,
    CONF_ENTER_SAMPLES,
    CONF_ENTITY_ID,
    CONF_EXIT_GRACE_MIN,
    CONF_HEIGHT,
    CONF_HOST,
    CONF_INTERVAL_S,
    CONF_ITEM_MODEL,
    CONF_ITEM_MODEL_SHA256,
    CONF_ITEM_MODEL_URL,
    CONF_MODE,
    CONF_MODEL,
    CONF_PASSWORD,
    CONF_PORT,
    CONF_PRIVACY_BLUR,
    CONF_SEATS,
    CONF_SOURCE_TYPE,
    CONF_STREAM,
    CONF_TOKEN,
    CONF_URL,
    CONF_USERNAME,
    CONF_VENDOR,
    CONF_WIDTH,
    DEFAULT_INTERVAL_S,
    DEFAULT_OPTIONS,
    DOMAIN,
    MODEL_BUNDLED,
    STREAMS,
    SUBENTRY_CAMERA,
    VENDORS,
    Mode,
    SourceType,
)
from .layout_check import check_layout
from .preview import async_drop_previews, async_publish_preview
from .site import mode_of, options_of, source_url

GRAB_TIMEOUT_S = 10.0
"""How long a camera's connection test waits for its first frame."""


def _dropdown(options: tuple[str, ...], translation_key: str) -> Any:
    return selector.SelectSelector(
        selector.SelectSelectorConfig(
            options=list(options),
            translation_key=translation_key,
            mode=selector.SelectSelectorMode.DROPDOWN,
        )
    )


def _number(minimum: float, maximum: float, step: float) -> Any:
    return selector.NumberSelector(
        selector.NumberSelectorConfig(
            min=minimum, max=maximum, step=step, mode=selector.NumberSelectorMode.BOX
        )
    )


def _site_schema(
    name: str = "", model: str = MODEL_BUNDLED, interval_s: float | None = None
) -> vol.Schema:
    fields: dict[Any, Any] = {
        vol.Required(CONF_NAME, default=name): selector.TextSelector(),
        vol.Required(CONF_MODEL, default=model): selector.TextSelector(),
    }
    if interval_s is not None:
        fields[vol.Required(CONF_INTERVAL_S, default=interval_s)] = _number(0.5, 3600, 0.5)
    return vol.Schema(fields)


_TOKEN_SELECTOR = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.PASSWORD)
)


def _server_schema(url: str = "", token_required: bool = True) -> vol.Schema:
    token = vol.Required(CONF_TOKEN) if token_required else vol.Optional(CONF_TOKEN)
    return vol.Schema(
        {
            vol.Required(CONF_URL, default=url): selector.TextSelector(
                selector.TextSelectorConfig(type=selector.TextSelectorType.URL)
            ),
            token: _TOKEN_SELECTOR,
        }
    )


def server_unique_id(url: str) -> str:
    """One site per server: its URL, spelled one way (no trailing slash, host in lower case)."""
    parsed = URL(url)
    if not parsed.is_absolute():
        return url.rstrip("/")
    return str(parsed.with_host(parsed.host or "").with_query(None)).rstrip("/")


class SeatsenseConfigFlow(ConfigFlow, domain=DOMAIN):
    """A site: detection here (name, model, interval) or in a seatsense server (URL, token)."""

    VERSION = 1
    MINOR_VERSION = 2
    """1.2: grace and hogging thresholds stored in minutes (`async_migrate_entry`)."""

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ConfigEntry) -> SeatsenseOptionsFlow:
        """The site's thresholds and privacy."""
        return SeatsenseOptionsFlow()

    @classmethod
    @callback
    def async_get_supported_subentry_types(
        cls, config_entry: ConfigEntry
    ) -> dict[str, type[ConfigSubentryFlow]]:
        """Cameras are subentries of the site."""
        return {SUBENTRY_CAMERA: CameraSubentryFlow}

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Where detection runs: in Home Assistant, or in a seatsense server."""
        return self.async_show_menu(step_id="user", menu_options=[Mode.LOCAL, Mode.REMOTE])

    async def async_step_local(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Name the site and choose the model; detection runs in Home Assistant."""
        try:
            await async_ensure_detect(self.hass)
        except DetectUnavailable as err:
            return self.async_abort(
                reason="detect_unavailable", description_placeholders={"error": str(err)}
            )
        errors: dict[str, str] = {}
        placeholders = {"error": ""}
        if user_input is not None:
            name = user_input[CONF_NAME].strip()
            self._async_abort_entries_match({CONF_NAME: name})
            model = user_input[CONF_MODEL].strip() or MODEL_BUNDLED
            if error := await self._async_check_model(model):
                errors[CONF_MODEL] = "invalid_model"
                placeholders["error"] = error
            else:
                return self.async_create_entry(
                    title=name,
                    data={CONF_NAME: name, CONF_MODEL: model},
                    options={**DEFAULT_OPTIONS, CONF_INTERVAL_S: user_input[CONF_INTERVAL_S]},
                )
        values = user_input or {}
        return self.async_show_form(
            step_id="local",
            data_schema=_site_schema(
                values.get(CONF_NAME, ""),
                values.get(CONF_MODEL, MODEL_BUNDLED),
                values.get(CONF_INTERVAL_S, DEFAULT_INTERVAL_S),
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_remote(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """A seatsense server: its URL and token, checked by asking it who it is."""
        errors: dict[str, str] = {}
        if user_input is not None:
            url = user_input[CONF_URL].strip().rstrip("/")
            token = user_input[CONF_TOKEN].strip()
            error, info = await self._async_check_server(url, token)
            if error is None:
                await self.async_set_unique_id(server_unique_id(url))
                self._abort_if_unique_id_configured()
                name = str(info["site"])
                self._async_abort_entries_match({CONF_NAME: name})
                return self.async_create_entry(
                    title=name,
                    data={
                        CONF_MODE: Mode.REMOTE,
                        CONF_NAME: name,
                        CONF_URL: url,
                        CONF_TOKEN: token,
                    },
                    options=dict(DEFAULT_OPTIONS),
                )
            errors["base"] = error
        url = (user_input or {}).get(CONF_URL, "")
        return self.async_show_form(
            step_id="remote", data_schema=_server_schema(url), errors=errors
        )

    async def async_step_reauth(self, entry_data: Mapping[str, Any]) -> ConfigFlowResult:
        """The server refused the token."""
        return await self.async_step_reauth_confirm()

    async def async_step_reauth_confirm(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Ask for the server's current token."""
        entry = self._get_reauth_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            token = user_input[CONF_TOKEN].strip()
            error, _ = await self._async_check_server(entry.data[CONF_URL], token)
            if error is None:
                return self.async_update_reload_and_abort(entry, data_updates={CONF_TOKEN: token})
            errors["base"] = error
        return self.async_show_form(
            step_id="reauth_confirm",
            data_schema=vol.Schema({vol.Required(CONF_TOKEN): _TOKEN_SELECTOR}),
            errors=errors,
            description_placeholders={"site": entry.title, "url": entry.data[CONF_URL]},
        )

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Rename the site or change its model; for a remote site, its server."""
        entry = self._get_reconfigure_entry()
        if mode_of(entry) is Mode.REMOTE:
            return await self.async_step_reconfigure_remote(user_input)
        errors: dict[str, str] = {}
        placeholders = {"error": ""}
        if user_input is not None:
            name = user_input[CONF_NAME].strip()
            model = user_input[CONF_MODEL].strip() or MODEL_BUNDLED
            if error := await self._async_check_model(model):
                errors[CONF_MODEL] = "invalid_model"
                placeholders["error"] = error
            else:
                return self.async_update_reload_and_abort(
                    entry, title=name, data={CONF_NAME: name, CONF_MODEL: model}
                )
        return self.async_show_form(
            step_id="reconfigure",
            data_schema=_site_schema(entry.data[CONF_NAME], entry.data[CONF_MODEL]),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def async_step_reconfigure_remote(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Another URL or token for the site's server; an empty token keeps the saved one."""
        entry = self._get_reconfigure_entry()
        errors: dict[str, str] = {}
        if user_input is not None:
            url = user_input[CONF_URL].strip().rstrip("/")
            token = (user_input.get(CONF_TOKEN) or "").strip() or entry.data[CONF_TOKEN]
            error, _ = await self._async_check_server(url, token)
            unique_id = server_unique_id(url)
            if error is None:
                if any(
                    other.unique_id == unique_id and other.entry_id != entry.entry_id
                    for other in self._async_current_entries(include_ignore=False)
                ):
                    return self.async_abort(reason="already_configured")
                return self.async_update_reload_and_abort(
                    entry, unique_id=unique_id, data_updates={CONF_URL: url, CONF_TOKEN: token}
                )
            errors["base"] = error
        url = (user_input or {}).get(CONF_URL, entry.data[CONF_URL])
        return self.async_show_form(
            step_id="reconfigure_remote",
            data_schema=_server_schema(url, token_required=False),
            errors=errors,
        )

    async def _async_check_server(self, url: str, token: str) -> tuple[str | None, dict[str, Any]]:
        """Ask the server who it is: (None, its info) or (the translated error key, {})."""
        try:
            return None, await async_server_info(self.hass, url, token)
        except BackendAuthError:
            return "invalid_auth", {}
        except BackendError:  # unreachable, or something that is not a seatsense server
            return "cannot_connect", {}

    async def _async_check_model(self, model: str) -> str | None:
        """Load the model once, so a wrong path is caught here and not at startup."""
        try:
            await async_check_model(self.hass, model)
        except ModelLoadError as err:
            return str(err)
        return None


class SeatsenseOptionsFlow(OptionsFlow):
    """Sampling, seat thresholds and privacy of a site."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """One form for every option."""
        errors: dict[str, str] = {}
        placeholders = {"error": ""}
        if user_input is not None:
            if error := await self._async_check_item_model(user_input):
                errors[CONF_ITEM_MODEL_URL] = "invalid_item_model"
                placeholders["error"] = error
            else:
                return self.async_create_entry(
                    data={**user_input, CONF_ENTER_SAMPLES: int(user_input[CONF_ENTER_SAMPLES])}
                )
        schema = vol.Schema(
            {
                # Units are in the translated field labels: a selector's unit is not translated.
                vol.Required(CONF_INTERVAL_S): _number(0.5, 3600, 0.5),
                vol.Required(CONF_ENTER_SAMPLES): _number(1, 20, 1),
                vol.Required(CONF_EXIT_GRACE_MIN): _number(0, 60, 0.5),
                vol.Required(CONF_ABANDONED_AFTER_MIN): _number(1, 1440, 1),
                vol.Required(CONF_BELONGINGS_SENSITIVITY): selector.NumberSelector(
                    selector.NumberSelectorConfig(
                        min=0,
                        max=100,
                        step=5,
                        mode=selector.NumberSelectorMode.SLIDER,
                        unit_of_measurement="%",
                    )
                ),
                vol.Required(CONF_PRIVACY_BLUR): selector.BooleanSelector(),
            }
        )
        if mode_of(self.config_entry) is Mode.LOCAL:
            schema = schema.extend(_ITEM_MODEL_FIELDS)
        return self.async_show_form(
            step_id="init",
            data_schema=self.add_suggested_values_to_schema(
                schema, {**DEFAULT_OPTIONS, **self.config_entry.options, **(user_input or {})}
            ),
            errors=errors,
            description_placeholders=placeholders,
        )

    async def _async_check_item_model(self, user_input: Mapping[str, Any]) -> str | None:
        """Why the item model, turned on, has no archive to fetch (None: it has one)."""
        if not user_input.get(CONF_ITEM_MODEL):
            return None
        return await self.hass.async_add_import_executor_job(
            check_item_source,
            user_input.get(CONF_ITEM_MODEL_URL, ""),
            user_input.get(CONF_ITEM_MODEL_SHA256, ""),
        )


# The optional COCO item model (local sites): off by default; empty source fields fetch the
# library's pinned archive, a URL alone a mirror of it.
_ITEM_MODEL_FIELDS: dict[Any, Any] = {
    vol.Optional(CONF_ITEM_MODEL, default=False): selector.BooleanSelector(),
    vol.Optional(CONF_ITEM_MODEL_URL): selector.TextSelector(
        selector.TextSelectorConfig(type=selector.TextSelectorType.URL)
    ),
    vol.Optional(CONF_ITEM_MODEL_SHA256): selector.TextSelector(),
}


_SOURCE_TYPE_SELECTOR = selector.SelectSelector(
    selector.SelectSelectorConfig(
        options=[t.value for t in SourceType],
        translation_key=CONF_SOURCE_TYPE,
        mode=selector.SelectSelectorMode.LIST,
    )
)
_PASSWORD = selector.TextSelector(
    selector.TextSelectorConfig(type=selector.TextSelectorType.PASSWORD)
)

_SOURCE_SCHEMAS: dict[SourceType, vol.Schema] = {
    SourceType.ENTITY: vol.Schema(
        {
            vol.Required(CONF_ENTITY_ID): selector.EntitySelector(
                selector.EntitySelectorConfig(domain="camera")
            )
        }
    ),
    SourceType.RTSP: vol.Schema(
        {
            vol.Required(CONF_URL): selector.TextSelector(
                selector.TextSelectorConfig(type=selector.TextSelectorType.URL)
            ),
            vol.Optional(CONF_USERNAME): selector.TextSelector(),
            vol.Optional(CONF_PASSWORD): _PASSWORD,
        }
    ),
    SourceType.NVR: vol.Schema(
        {
            vol.Required(CONF_VENDOR, default="hikvision"): _dropdown(VENDORS, CONF_VENDOR),
            vol.Required(CONF_HOST): selector.TextSelector(),
            vol.Required(CONF_PORT, default=554): _number(1, 65535, 1),
            vol.Required(CONF_CHANNEL, default=1): _number(1, 256, 1),
            vol.Required(CONF_STREAM, default="sub"): _dropdown(STREAMS, CONF_STREAM),
            vol.Optional(CONF_USERNAME): selector.TextSelector(),
            vol.Optional(CONF_PASSWORD): _PASSWORD,
        }
    ),
}


class CameraSubentryFlow(ConfigSubentryFlow):
    """Add or reconfigure a camera: source, connection test, seat layout with a preview."""

    def __init__(self) -> None:
        """Start with nothing chosen."""
        self._name = ""
        self._data: dict[str, Any] = {}
        self._test_frame: FrameProbe | None = None
        self._seats_text = ""
        self._previewed: str | None = None
        self._preview_url = ""
        self._password: str | None = None

    @property
    def _reconfiguring(self) -> bool:
        return self.source == SOURCE_RECONFIGURE

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """Name the camera and choose where its frames come from."""
        return await self._async_name_and_kind("user", user_input)

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Change a camera's name, source or layout: the same steps, filled in, titled as a
        change (and its password left as saved unless a new one is typed)."""
        if user_input is None:
            subentry = self._get_reconfigure_subentry()
            self._name = subentry.title
            self._data = dict(subentry.data)
            self._seats_text = subentry.data[CONF_SEATS]
            self._password = subentry.data.get(CONF_PASSWORD) or None
        return await self._async_name_and_kind("reconfigure", user_input)

    async def _async_name_and_kind(
        self, step_id: str, user_input: dict[str, Any] | None
    ) -> SubentryFlowResult:
        if user_input is not None:
            self._name = user_input[CONF_NAME].strip()
            kind = SourceType(user_input[CONF_SOURCE_TYPE])
            if self._data.get(CONF_SOURCE_TYPE) != kind:
                # Another kind of source: nothing of the old one applies.
                self._data = {CONF_SOURCE_TYPE: kind}
                self._password = None
            return await self.async_step_source()
        schema = vol.Schema(
            {
                vol.Required(CONF_NAME): selector.TextSelector(),
                vol.Required(CONF_SOURCE_TYPE): _SOURCE_TYPE_SELECTOR,
            }
        )
        suggested = {CONF_NAME: self._name, CONF_SOURCE_TYPE: self._data.get(CONF_SOURCE_TYPE)}
        return self.async_show_form(
            step_id=step_id,
            data_schema=self.add_suggested_values_to_schema(schema, suggested),
            description_placeholders={"name": self._name},
        )

    async def async_step_source(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Where the frames come from; one frame is grabbed to test it.

        A failed test or a camera the site already has shows the form again with what was
        typed (never the password), and the reason.
        """
        kind = SourceType(self._data[CONF_SOURCE_TYPE])
        errors: dict[str, str] = {}
        shown: Mapping[str, Any] = self._data
        if user_input is not None:
            data = self._source_data(kind, user_input)
            shown = data
            if self._duplicate(data):
                errors["base"] = "already_configured"
            else:
                try:
                    self._test_frame = await self._async_grab(data)
                except GrabFailed as err:
                    errors["base"] = err.reason
                else:
                    self._data = {
                        **{k: v for k, v in self._data.items() if k in (CONF_SEATS,)},
                        **data,
                    }
                    return await self.async_step_layout()
        return self.async_show_form(
            # Reconfiguring has its own forms: their titles say so, and only they say that an
            # empty password keeps the saved one.
            step_id=f"reconfigure_{kind.value}" if self._reconfiguring else kind.value,
            data_schema=self.add_suggested_values_to_schema(
                _SOURCE_SCHEMAS[kind], _shown_values(shown)
            ),
            errors=errors,
            last_step=False,
        )

    def _source_data(self, kind: SourceType, user_input: Mapping[str, Any]) -> dict[str, Any]:
        """The source as it will be stored: numbers as numbers, a login typed into the URL
        moved to its own fields, and the password the flow has when the field is left empty
        (the saved one when reconfiguring, or the one typed before a failed test)."""
        data = {CONF_SOURCE_TYPE: kind, **user_input}
        for key in (CONF_PORT, CONF_CHANNEL):
            if key in data:
                data[key] = int(data[key])
        if kind is SourceType.RTSP:
            url = str(data[CONF_URL]).strip()
            stored = str(self._data.get(CONF_URL, ""))
            if stored and url == scrub_credentials(stored):
                url = stored  # shown with its secrets hidden and sent back as shown
            url, username, password = split_credentials(url)
            data[CONF_URL] = url
            if username and not data.get(CONF_USERNAME):
                data[CONF_USERNAME] = username
            if password and not data.get(CONF_PASSWORD):
                data[CONF_PASSWORD] = password
        if kind is not SourceType.ENTITY:
            if data.get(CONF_PASSWORD):
                self._password = data[CONF_PASSWORD]
            elif self._password:
                data[CONF_PASSWORD] = self._password
        return data

    # The source forms have their own step ids (for their own titles and field labels).
    async def async_step_entity(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """A Home Assistant camera entity."""
        return await self.async_step_source(user_input)

    async def async_step_rtsp(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """An RTSP URL."""
        return await self.async_step_source(user_input)

    async def async_step_nvr(self, user_input: dict[str, Any] | None = None) -> SubentryFlowResult:
        """An NVR channel."""
        return await self.async_step_source(user_input)

    async def async_step_reconfigure_entity(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Another Home Assistant camera entity."""
        return await self.async_step_source(user_input)

    async def async_step_reconfigure_rtsp(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Another RTSP URL or login."""
        return await self.async_step_source(user_input)

    async def async_step_reconfigure_nvr(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """Another NVR channel or login."""
        return await self.async_step_source(user_input)

    async def async_step_layout(
        self, user_input: dict[str, Any] | None = None
    ) -> SubentryFlowResult:
        """The seats, one per line; each submit redraws the preview, an unchanged one saves."""
        assert self._test_frame is not None
        width, height = self._test_frame.width, self._test_frame.height
        errors: dict[str, str] = {}
        placeholders = {"width": str(width), "height": str(height), "error": ""}
        if user_input is not None:
            self._seats_text = user_input[CONF_SEATS]
        check = check_layout(self._seats_text, width, height)
        if check.problem is None and user_input is not None:
            if self._seats_text == self._previewed:
                return self._async_finish(width, height)
        elif check.problem is not None and self._seats_text.strip():
            # An empty text is a fresh form, not a mistake.
            errors[CONF_SEATS] = check.problem.key
            placeholders.update(check.problem.placeholders)
        blur = bool(options_of(self._get_entry())[CONF_PRIVACY_BLUR])
        try:
            # The valid seats are drawn even when a line is wrong, the wrong ones marked.
            jpeg = await self._test_frame.async_preview(check.seats, blur, check.bad)
        except GrabFailed as err:  # the site's server went away since the test
            errors["base"] = err.reason
        else:
            self._preview_url = async_publish_preview(self.hass, self.flow_id, jpeg)
        self._previewed = self._seats_text if check.problem is None and not errors else None
        placeholders["preview_url"] = self._preview_url
        schema = vol.Schema(
            {
                vol.Required(CONF_SEATS): selector.TextSelector(
                    selector.TextSelectorConfig(multiline=True)
                )
            }
        )
        return self.async_show_form(
            step_id="layout",
            data_schema=self.add_suggested_values_to_schema(schema, {CONF_SEATS: self._seats_text}),
            errors=errors,
            description_placeholders=placeholders,
        )

    @callback
    def async_remove(self) -> None:
        """The flow ended: drop its previews."""
        async_drop_previews(self.hass, self.flow_id)

    @callback
    def _async_finish(self, width: int, height: int) -> SubentryFlowResult:
        data = {
            **self._data,
            # The text as typed (fractions, comments and all): it reads back to the same seats.
            CONF_SEATS: self._seats_text.strip(),
            CONF_WIDTH: width,
            CONF_HEIGHT: height,
        }
        if self._reconfiguring:
            return self.async_update_and_abort(
                self._get_entry(),
                self._get_reconfigure_subentry(),
                title=self._name,
                data=data,
                unique_id=_unique_id(data),
            )
        return self.async_create_entry(title=self._name, data=data, unique_id=_unique_id(data))

    def _duplicate(self, data: Mapping[str, Any]) -> bool:
        unique_id = _unique_id(data)
        own = self._get_reconfigure_subentry().subentry_id if self._reconfiguring else None
        return any(
            sub.unique_id == unique_id and sub.subentry_id != own
            for sub in self._get_entry().subentries.values()
        )

    async def _async_grab(self, data: Mapping[str, Any]) -> FrameProbe:
        """The source's test frame, or `GrabFailed` with the translated reason.

        A remote site's server takes it (and draws the previews): it reaches the cameras, and
        Home Assistant may lack the capture libraries. A camera entity's still comes from
        Home Assistant either way.
        """
        source: str | Image | None
        if data[CONF_SOURCE_TYPE] == SourceType.ENTITY:
            try:
                source = await async_get_image(self.hass, data[CONF_ENTITY_ID])
            except HomeAssistantError as err:
                raise GrabFailed("cannot_connect") from err
        else:
            source = source_url(data)
            assert source is not None  # every kind but an entity has a URL
        frame = backend_factory(self.hass, self._get_entry()).frame_probe(GRAB_TIMEOUT_S)
        await frame.async_grab(source)
        return frame


def _shown_values(data: Mapping[str, Any]) -> dict[str, Any]:
    """What a source form shows back: never the password, and a URL without secrets."""
    shown = {k: v for k, v in data.items() if k != CONF_PASSWORD}
    if CONF_URL in shown:
        shown[CONF_URL] = scrub_credentials(str(shown[CONF_URL]))
    return shown


def _unique_id(data: Mapping[str, Any]) -> str:
    """What makes two cameras the same, credentials left out."""
    kind = data[CONF_SOURCE_TYPE]
    if kind == SourceType.ENTITY:
        return f"entity:{data[CONF_ENTITY_ID]}"
    if kind == SourceType.RTSP:
        return f"rtsp:{scrub_credentials(data[CONF_URL])}"
    host, port, channel = data[CONF_HOST], int(data[CONF_PORT]), int(data[CONF_CHANNEL])
    return f"nvr:{host}:{port}:{channel}:{data[CONF_STREAM]}"
