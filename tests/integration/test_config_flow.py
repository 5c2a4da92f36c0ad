"""Config flow (site), options, reconfigure, and the camera subentry flow with its preview."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from unittest.mock import patch

import pytest
from homeassistant.config_entries import SOURCE_RECONFIGURE, SOURCE_USER, ConfigEntryState
from homeassistant.const import CONF_NAME
from homeassistant.core import HomeAssistant
from homeassistant.data_entry_flow import FlowResultType
from homeassistant.requirements import RequirementsNotFound
from pytest_homeassistant_custom_component.common import MockConfigEntry
from pytest_homeassistant_custom_component.typing import ClientSessionGenerator

from custom_components.seatsense.const import (
    CONF_ABANDONED_AFTER_MIN,
    CONF_BELONGINGS_SENSITIVITY,
    CONF_ENTER_SAMPLES,
    CONF_EXIT_GRACE_MIN,
    CONF_INTERVAL_S,
    CONF_MODEL,
    CONF_PRIVACY_BLUR,
    DOMAIN,
)
from tests.lib.rtsp import RtspServer, make_clip, rtsp_missing

from .helpers import SEATS, ZIDANE, camera_subentry, site_entry

LAYOUT = "A1: 760,250 1130,250 1130,710 760,710\n# the wall\nC1: 0,0 0.47,0 0.47,0.28 0,0.28"


@pytest.fixture
async def site(hass: HomeAssistant) -> MockConfigEntry:
    """A loaded site without cameras."""
    entry = site_entry()
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    return entry


# -- the site ---------------------------------------------------------------------------------


async def _start_local(hass: HomeAssistant) -> dict:
    """The site flow up to the local site's form: the first step is a menu of the modes."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    assert result["type"] is FlowResultType.MENU
    assert result["menu_options"] == ["local", "remote"]
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {"next_step_id": "local"}
    )
    assert result["step_id"] == "local"
    return result


async def test_site_flow_creates_entry(hass: HomeAssistant) -> None:
    """Name, model and interval make a site; options get the defaults."""
    result = await _start_local(hass)
    assert result["type"] is FlowResultType.FORM
    with patch("custom_components.seatsense.async_setup_entry", return_value=True):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"],
            {CONF_NAME: " Gangnam Study ", CONF_MODEL: "", CONF_INTERVAL_S: 2.0},
        )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Gangnam Study"
    assert result["data"] == {CONF_NAME: "Gangnam Study", CONF_MODEL: "bundled"}
    assert result["options"][CONF_INTERVAL_S] == 2.0
    assert result["options"][CONF_ABANDONED_AFTER_MIN] == 10.0


async def test_site_flow_rejects_missing_model(hass: HomeAssistant, tmp_path: Path) -> None:
    """A model path that cannot load is an error naming why; fixing it continues."""
    result = await _start_local(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"],
        {CONF_NAME: "Cafe", CONF_MODEL: str(tmp_path / "none.onnx"), CONF_INTERVAL_S: 3.0},
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {CONF_MODEL: "invalid_model"}
    assert "none.onnx" in result["description_placeholders"]["error"]
    with patch("custom_components.seatsense.async_setup_entry", return_value=True):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {CONF_NAME: "Cafe", CONF_MODEL: "bundled", CONF_INTERVAL_S: 3.0}
        )
    assert result["type"] is FlowResultType.CREATE_ENTRY


async def test_local_site_unavailable_without_detection(hass: HomeAssistant) -> None:
    """Where the detection libraries cannot be installed, the local site says to use a server."""
    result = await hass.config_entries.flow.async_init(DOMAIN, context={"source": SOURCE_USER})
    with patch(
        "custom_components.seatsense.backend.local.async_process_requirements",
        side_effect=RequirementsNotFound(DOMAIN, ["onnxruntime>=1.21"]),
    ):
        result = await hass.config_entries.flow.async_configure(
            result["flow_id"], {"next_step_id": "local"}
        )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "detect_unavailable"
    assert "onnxruntime" in result["description_placeholders"]["error"]


async def test_site_flow_aborts_on_same_name(hass: HomeAssistant) -> None:
    """Two sites may not share a name."""
    site_entry().add_to_hass(hass)
    result = await _start_local(hass)
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Study Cafe", CONF_MODEL: "bundled", CONF_INTERVAL_S: 3.0}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "already_configured"


async def test_site_reconfigure(hass: HomeAssistant, site: MockConfigEntry, tmp_path: Path) -> None:
    """Rename the site or change its model; a bad model is refused."""
    result = await site.start_reconfigure_flow(hass)
    assert result["step_id"] == "reconfigure"
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Cafe", CONF_MODEL: str(tmp_path / "x.pt")}
    )
    assert result["errors"] == {CONF_MODEL: "invalid_model"}
    result = await hass.config_entries.flow.async_configure(
        result["flow_id"], {CONF_NAME: "Cafe Two", CONF_MODEL: "bundled"}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert site.title == "Cafe Two"
    assert site.state is ConfigEntryState.LOADED


async def test_options_flow(hass: HomeAssistant, site: MockConfigEntry) -> None:
    """Thresholds (grace and hogging asked in minutes) and privacy are options."""
    result = await hass.config_entries.options.async_init(site.entry_id)
    assert result["type"] is FlowResultType.FORM
    options = {
        CONF_INTERVAL_S: 5.0,
        CONF_ENTER_SAMPLES: 3.0,
        CONF_EXIT_GRACE_MIN: 0.75,
        CONF_ABANDONED_AFTER_MIN: 15.0,
        CONF_BELONGINGS_SENSITIVITY: 70.0,
        CONF_PRIVACY_BLUR: True,
    }
    result = await hass.config_entries.options.async_configure(result["flow_id"], options)
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    assert site.options[CONF_ENTER_SAMPLES] == 3
    coordinator = site.runtime_data
    assert coordinator.site.settings.exit_grace_s == 45.0
    assert coordinator.site.settings.abandoned_after_s == 900.0
    assert coordinator.privacy_blur is True


# -- cameras ----------------------------------------------------------------------------------


async def _start_camera(hass: HomeAssistant, site: MockConfigEntry, source_type: str) -> dict:
    result = await hass.config_entries.subentries.async_init(
        (site.entry_id, "camera"), context={"source": SOURCE_USER}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["step_id"] == "user"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_NAME: "Hall", "source_type": source_type}
    )
    assert result["step_id"] == source_type
    return result


def _suggested(result: dict) -> dict:
    """The values a form shows filled in."""
    return {
        key.schema: (key.description or {}).get("suggested_value")
        for key in result["data_schema"].schema
    }


def _preview_path(result: dict) -> str:
    url = result["description_placeholders"]["preview_url"]
    assert re.match(r"^/api/seatsense/preview/[\w-]+\?authSig=", url)
    return url


async def test_camera_from_ha_entity_with_preview(
    hass: HomeAssistant,
    site: MockConfigEntry,
    desk_camera: str,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """Entity source -> one frame -> layout validated per line, preview redrawn each submit."""
    result = await _start_camera(hass, site, "entity")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"entity_id": desk_camera}
    )
    assert result["step_id"] == "layout"
    assert result["description_placeholders"]["width"] == "1280"
    first = _preview_path(result)
    client = await hass_client_no_auth()
    response = await client.get(first)
    assert response.status == 200
    assert response.content_type == "image/jpeg"
    assert (await response.read())[:2] == b"\xff\xd8"
    # Without the signature the preview is not served.
    assert (await client.get(first.split("?")[0])).status == 401

    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"seats": "A1: 760,250 1130,250 1130,710\nB2: 1,1 2,2"}
    )
    assert result["errors"] == {"seats": "layout_too_few_points"}
    placeholders = result["description_placeholders"]
    assert (placeholders["line"], placeholders["seat"], placeholders["count"]) == ("2", "B2", "2")

    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"seats": LAYOUT}
    )
    assert result["type"] is FlowResultType.FORM  # a fresh preview first
    assert not result["errors"]
    second = _preview_path(result)
    assert second != first
    assert (await client.get(second)).status == 200

    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"seats": LAYOUT}
    )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Hall"
    await hass.async_block_till_done()
    (subentry,) = site.subentries.values()
    assert subentry.unique_id == f"entity:{desk_camera}"
    assert subentry.data["width"] == 1280
    assert subentry.data["seats"] == LAYOUT  # as typed, comments and fractions kept
    # The flow is over: its previews are gone.
    assert (await client.get(second)).status == 404
    # The site reloaded with the camera.
    assert hass.states.get("binary_sensor.hall_a1_occupied") is not None

    # The same camera again is refused on the form, which keeps what was chosen.
    result = await _start_camera(hass, site, "entity")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"entity_id": desk_camera}
    )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "already_configured"}
    assert _suggested(result)["entity_id"] == desk_camera


async def test_camera_entity_unavailable(hass: HomeAssistant, site: MockConfigEntry) -> None:
    """A camera entity that gives no image cannot connect."""
    result = await _start_camera(hass, site, "entity")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"entity_id": "camera.nothing"}
    )
    assert result["errors"] == {"base": "cannot_connect"}


async def test_camera_from_image_folder(
    hass: HomeAssistant, site: MockConfigEntry, tmp_path: Path
) -> None:
    """The URL field also takes a folder of images (replays)."""
    folder = tmp_path / "replay"
    folder.mkdir()
    shutil.copy(ZIDANE, folder / "0001.jpg")
    result = await _start_camera(hass, site, "rtsp")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"url": str(folder)}
    )
    assert result["step_id"] == "layout"
    for _ in range(2):
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {"seats": SEATS}
        )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    assert result["title"] == "Hall"


@pytest.mark.parametrize(
    ("path", "error"),
    [("/login", "invalid_auth"), ("/slow", "timeout"), ("/text", "not_an_image"),
     ("/missing", "path_not_found")],
)
async def test_camera_connection_errors(
    hass: HomeAssistant, site: MockConfigEntry, http_camera: str, path: str, error: str
) -> None:
    """Each failure of the one-frame test is its own translated error."""
    result = await _start_camera(hass, site, "rtsp")
    with patch("custom_components.seatsense.config_flow.GRAB_TIMEOUT_S", 1.0):
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {"url": http_camera + path, "username": "u", "password": "p"}
        )
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": error}
    # The password is never shown back; the user name is.
    suggested = _suggested(result)
    assert suggested["username"] == "u"
    assert suggested["password"] is None


async def test_camera_nvr_refused(hass: HomeAssistant, site: MockConfigEntry) -> None:
    """An NVR that refuses the connection cannot connect."""
    result = await _start_camera(hass, site, "nvr")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {"vendor": "dahua", "host": "127.0.0.1", "port": 9.0, "channel": 2.0, "stream": "sub",
         "username": "admin", "password": "pw"},
    )
    assert result["errors"] == {"base": "cannot_connect"}


async def test_camera_reconfigure_keeps_password(
    hass: HomeAssistant, site: MockConfigEntry, http_camera: str
) -> None:
    """Reconfigure walks the same steps filled in; an empty password keeps the saved one."""
    result = await _start_camera(hass, site, "rtsp")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"url": http_camera + "/snap.jpg", "username": "u", "password": "s3"}
    )
    for _ in range(2):
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {"seats": SEATS}
        )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    (subentry,) = site.subentries.values()
    assert subentry.data["password"] == "s3"

    result = await hass.config_entries.subentries.async_init(
        (site.entry_id, "camera"),
        context={"source": SOURCE_RECONFIGURE, "subentry_id": subentry.subentry_id},
    )
    # Its own forms: titled as a change, and only they say an empty password keeps the old one.
    assert result["step_id"] == "reconfigure"
    assert result["description_placeholders"] == {"name": "Hall"}
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_NAME: "Hall 2", "source_type": "rtsp"}
    )
    assert result["step_id"] == "reconfigure_rtsp"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"url": http_camera + "/snap.jpg", "username": "u"}
    )
    assert result["step_id"] == "layout"
    # The saved layout is shown and can be saved as it is.
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"seats": subentry.data["seats"]}
    )
    assert result["type"] is FlowResultType.ABORT
    assert result["reason"] == "reconfigure_successful"
    await hass.async_block_till_done()
    assert subentry.title == "Hall 2"
    assert site.subentries[subentry.subentry_id].data["password"] == "s3"


async def _layout_preview(
    hass: HomeAssistant, site: MockConfigEntry, camera: str, client
) -> tuple[dict, bytes]:
    """A camera flow of the entity `camera` up to its first layout preview, and that JPEG."""
    result = await _start_camera(hass, site, "entity")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"entity_id": camera}
    )
    assert result["step_id"] == "layout"
    response = await client.get(_preview_path(result))
    assert response.status == 200
    return result, await response.read()


def _face_detail(jpeg: bytes) -> float:
    """How much detail the right man's face has in a preview (variance of the Laplacian)."""
    import cv2
    import numpy as np

    image = cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    return float(cv2.Laplacian(image[60:200, 1000:1120], cv2.CV_64F).var())


async def test_preview_blurs_people_when_privacy_is_on(
    hass: HomeAssistant,
    site: MockConfigEntry,
    desk_camera: str,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """The add-camera preview of a real photo shows the people's faces, until privacy is on:
    then the faces are blurred like in every other picture, and the rest is unchanged."""
    import cv2
    import numpy as np

    client = await hass_client_no_auth()
    _, sharp = await _layout_preview(hass, site, desk_camera, client)
    hass.config_entries.async_update_entry(site, options={**site.options, CONF_PRIVACY_BLUR: True})
    await hass.async_block_till_done()
    _, private = await _layout_preview(hass, site, desk_camera, client)
    assert _face_detail(private) < _face_detail(sharp) / 10
    # Away from the people (the top right corner is background) the two are the same picture.
    first, second = (
        cv2.imdecode(np.frombuffer(j, np.uint8), cv2.IMREAD_GRAYSCALE) for j in (sharp, private)
    )
    assert np.abs(first[0:40, 1200:1280].astype(int) - second[0:40, 1200:1280]).mean() < 3


async def test_preview_is_withheld_when_people_cannot_be_found(
    hass: HomeAssistant, desk_camera: str, tmp_path: Path
) -> None:
    """Privacy on and a model that does not load: the preview says so instead of showing
    people unblurred."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Cafe",
        data={CONF_NAME: "Cafe", CONF_MODEL: str(tmp_path / "gone.onnx")},
        options={**site_entry().options, CONF_PRIVACY_BLUR: True},
    )
    entry.add_to_hass(hass)
    result = await _start_camera(hass, entry, "entity")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"entity_id": desk_camera}
    )
    assert result["step_id"] == "layout"
    assert result["errors"] == {"base": "privacy_unavailable"}
    assert result["description_placeholders"]["preview_url"] == ""


async def test_camera_flow_texts_say_add_or_change(hass: HomeAssistant) -> None:
    """The words a user reads on each camera form, as Home Assistant loads them: "Add camera"
    to add, "Reconfigure camera" to change, the saved-password hint only when changing; in
    English and Korean."""
    from homeassistant.helpers.translation import async_get_translations

    for language, add, change in (("en", "Add camera", "Reconfigure camera"),
                                  ("ko", "카메라 추가", "카메라 다시 설정")):
        texts = await async_get_translations(hass, language, "config_subentries", {DOMAIN})
        camera = f"component.{DOMAIN}.config_subentries.camera"
        assert texts[f"{camera}.initiate_flow.user"] == add
        assert texts[f"{camera}.step.user.title"] == add
        assert texts[f"{camera}.step.reconfigure.title"] == change
        assert texts[f"{camera}.initiate_flow.reconfigure"] == change
        keep = texts[f"{camera}.step.reconfigure_rtsp.data_description.password"]
        for kind in ("rtsp", "nvr"):
            assert texts[f"{camera}.step.reconfigure_{kind}.data_description.password"] == keep
            assert texts[f"{camera}.step.{kind}.data_description.password"] != keep
            assert texts[f"{camera}.step.reconfigure_{kind}.title"].startswith(change)


async def test_login_typed_into_the_url_moves_to_its_fields(
    hass: HomeAssistant, site: MockConfigEntry, http_camera: str
) -> None:
    """rtsp://user:password@... (here an HTTP camera): the user name and password go to their
    fields, the URL is stored and shown without them, reconfigure never shows the password."""
    host = http_camera.removeprefix("http://")
    result = await _start_camera(hass, site, "rtsp")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"url": f"http://cam%40admin:s3cr%3At@{host}/missing"}
    )
    assert result["errors"] == {"base": "path_not_found"}
    shown = _suggested(result)
    assert shown["url"] == f"{http_camera}/missing"
    assert shown["username"] == "cam@admin"
    assert shown["password"] is None
    # Fixing the path keeps the password the URL brought (the field stays empty).
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"url": f"{http_camera}/snap.jpg", "username": "cam@admin"}
    )
    assert result["step_id"] == "layout"
    for _ in range(2):
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {"seats": SEATS}
        )
    assert result["type"] is FlowResultType.CREATE_ENTRY
    await hass.async_block_till_done()
    (subentry,) = site.subentries.values()
    assert subentry.data["url"] == f"{http_camera}/snap.jpg"
    assert (subentry.data["username"], subentry.data["password"]) == ("cam@admin", "s3cr:t")

    result = await hass.config_entries.subentries.async_init(
        (site.entry_id, "camera"),
        context={"source": SOURCE_RECONFIGURE, "subentry_id": subentry.subentry_id},
    )
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_NAME: "Hall", "source_type": "rtsp"}
    )
    assert "s3cr" not in str(_suggested(result))


async def test_a_stored_url_with_secrets_is_shown_without_them(
    hass: HomeAssistant, http_camera: str
) -> None:
    """A camera saved before the login moved out of the URL, or a password in the query: the
    reconfigure form shows the URL without the secrets; sent back as shown, it keeps them
    (and the login moves to its fields)."""
    host = http_camera.removeprefix("http://")
    url = f"http://u:old-secret@{host}/snap.jpg?password=query-secret"
    entry = site_entry(
        [camera_subentry({"source_type": "rtsp", "url": url})], interval_s=3600.0
    )
    entry.add_to_hass(hass)
    (subentry,) = entry.subentries.values()
    result = await hass.config_entries.subentries.async_init(
        (entry.entry_id, "camera"),
        context={"source": SOURCE_RECONFIGURE, "subentry_id": subentry.subentry_id},
    )
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {CONF_NAME: "Hall", "source_type": "rtsp"}
    )
    shown = _suggested(result)
    assert shown["url"] == f"{http_camera}/snap.jpg?password=***"
    assert "secret" not in str(shown)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"url": shown["url"]}
    )
    assert result["step_id"] == "layout"
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"seats": SEATS}
    )
    assert result["reason"] == "reconfigure_successful"
    data = entry.subentries[subentry.subentry_id].data
    assert data["url"] == f"{http_camera}/snap.jpg?password=query-secret"
    assert (data["username"], data["password"]) == ("u", "old-secret")


async def test_a_url_the_site_already_has_is_an_error_on_the_form(
    hass: HomeAssistant, site: MockConfigEntry, http_camera: str
) -> None:
    """The second camera with the first one's URL: the form says so and keeps the input."""
    result = await _start_camera(hass, site, "rtsp")
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"], {"url": f"{http_camera}/snap.jpg"}
    )
    for _ in range(2):
        result = await hass.config_entries.subentries.async_configure(
            result["flow_id"], {"seats": SEATS}
        )
    await hass.async_block_till_done()
    result = await _start_camera(hass, site, "rtsp")
    typed = {"url": f"{http_camera}/snap.jpg", "username": "someone", "password": "pw"}
    result = await hass.config_entries.subentries.async_configure(result["flow_id"], typed)
    assert result["type"] is FlowResultType.FORM
    assert result["errors"] == {"base": "already_configured"}
    assert _suggested(result) == {"url": typed["url"], "username": "someone", "password": None}


@pytest.mark.skipif((reason := rtsp_missing()) is not None, reason=reason or "")
async def test_rtsp_path_not_found(
    hass: HomeAssistant, site: MockConfigEntry, tmp_path: Path, socket_enabled: None
) -> None:
    """A real RTSP server without that path answers 404: "path not found", not unreachable."""
    clip = make_clip(tmp_path / "clip.h264", 320, 240, seconds=1)
    with RtspServer(clip) as server:
        result = await _start_camera(hass, site, "rtsp")
        with patch("custom_components.seatsense.config_flow.GRAB_TIMEOUT_S", 5.0):
            result = await hass.config_entries.subentries.async_configure(
                result["flow_id"], {"url": server.url(7)}
            )
            assert result["errors"] == {"base": "path_not_found"}
            result = await hass.config_entries.subentries.async_configure(
                result["flow_id"], {"url": server.url(1)}
            )
    assert result["step_id"] == "layout"


async def test_a_wrong_line_leaves_the_other_seats_in_the_preview(
    hass: HomeAssistant,
    site: MockConfigEntry,
    desk_camera: str,
    hass_client_no_auth: ClientSessionGenerator,
) -> None:
    """A layout with one crossing outline: the error names it (in Korean too), the preview
    still shows the valid seat in the layout colour and marks the wrong one in red."""
    import cv2
    import numpy as np
    from homeassistant.helpers.translation import async_get_translations

    from seatsense.vision.draw import INVALID_COLOUR, LAYOUT_COLOUR

    client = await hass_client_no_auth()
    result, _ = await _layout_preview(hass, site, desk_camera, client)
    result = await hass.config_entries.subentries.async_configure(
        result["flow_id"],
        {"seats": "A1: 760,250 1130,250 1130,710 760,710\nB2: 100,300 500,300 100,650 500,650"},
    )
    assert result["errors"] == {"seats": "layout_crossing"}
    placeholders = result["description_placeholders"]
    assert (placeholders["line"], placeholders["seat"]) == ("2", "B2")
    korean = await async_get_translations(hass, "ko", "config_subentries", {DOMAIN})
    text = korean[f"component.{DOMAIN}.config_subentries.camera.error.layout_crossing"]
    assert text.format(**placeholders).startswith("2번째 줄 B2 좌석")
    response = await client.get(_preview_path(result))
    image = cv2.imdecode(np.frombuffer(await response.read(), np.uint8), cv2.IMREAD_COLOR)

    def near(colour: tuple[int, int, int], rows: slice, columns: slice) -> float:
        region = image[rows, columns].astype(int)
        return float(np.all(np.abs(region - np.array(colour)) < 60, axis=2).mean())

    assert near(LAYOUT_COLOUR, slice(705, 712), slice(800, 1100)) > 0.3  # A1's bottom edge
    assert near(INVALID_COLOUR, slice(296, 306), slice(130, 480)) > 0.1  # B2's top, dashed
    assert near(INVALID_COLOUR, slice(705, 712), slice(800, 1100)) == 0


async def test_options_in_seconds_migrate_to_minutes(hass: HomeAssistant) -> None:
    """A site saved before 1.2 (grace and hogging in seconds) keeps its thresholds."""
    entry = MockConfigEntry(
        domain=DOMAIN,
        title="Old Cafe",
        data={CONF_NAME: "Old Cafe", CONF_MODEL: "bundled"},
        options={CONF_INTERVAL_S: 3.0, "exit_grace_s": 45.0, "abandoned_after_s": 900.0,
                 CONF_PRIVACY_BLUR: True},
        version=1,
        minor_version=1,
    )
    entry.add_to_hass(hass)
    assert await hass.config_entries.async_setup(entry.entry_id)
    await hass.async_block_till_done()
    assert entry.minor_version == 2
    assert entry.options == {CONF_INTERVAL_S: 3.0, CONF_EXIT_GRACE_MIN: 0.75,
                             CONF_ABANDONED_AFTER_MIN: 15.0, CONF_PRIVACY_BLUR: True}
    settings = entry.runtime_data.site.settings
    assert (settings.exit_grace_s, settings.abandoned_after_s) == (45.0, 900.0)
    # The options form shows them in minutes.
    result = await hass.config_entries.options.async_init(entry.entry_id)
    suggested = _suggested(result)
    assert (suggested[CONF_EXIT_GRACE_MIN], suggested[CONF_ABANDONED_AFTER_MIN]) == (0.75, 15.0)


async def test_a_newer_version_is_not_migrated(hass: HomeAssistant) -> None:
    """An entry made by a newer seatsense is left alone (and not set up)."""
    entry = MockConfigEntry(domain=DOMAIN, data={CONF_NAME: "x", CONF_MODEL: "bundled"},
                            version=2)
    entry.add_to_hass(hass)
    assert not await hass.config_entries.async_setup(entry.entry_id)
    assert entry.state is ConfigEntryState.MIGRATION_ERROR
