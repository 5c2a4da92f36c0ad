"""Every translation key the code uses is in strings.json (en) and ko.json, with the
placeholders its text needs: read from the source, so a new key cannot be forgotten.

What is walked: `translation_key=` of exceptions, issues and entities with their
`translation_placeholders`, the actions' `_error(key, **placeholders)`, the flows' step ids,
error keys (`errors[...] = ...`, the reasons a camera test can fail with, the layout check's
keys) and abort reasons, and the selectors' option lists.
"""

from __future__ import annotations

import ast
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from custom_components.seatsense.backend.remote import PROBE_ERRORS
from custom_components.seatsense.const import STREAMS, VENDORS, Mode, SourceType
from custom_components.seatsense.layout_check import _PROBLEMS
from seatsense.sources import base as capture

COMPONENT = Path(__file__).resolve().parents[2] / "custom_components" / "seatsense"
LANGUAGES = {"en": "strings.json", "ko": "translations/ko.json"}


def _texts(language: str) -> dict[str, Any]:
    return json.loads((COMPONENT / LANGUAGES[language]).read_text(encoding="utf-8"))


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def _calls(name: str | None = None) -> Iterator[tuple[Path, ast.Call, ast.FunctionDef | None]]:
    """Every call in the integration's source (with the function it is in)."""
    for path in sorted(COMPONENT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in [
            n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)
        ]:
            for node in ast.walk(function):
                if isinstance(node, ast.Call):
                    callee = node.func
                    called = (
                        callee.attr
                        if isinstance(callee, ast.Attribute)
                        else getattr(callee, "id", None)
                    )
                    if name is None or called == name:
                        yield path, node, function  # type: ignore[misc]


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _dict_keys(node: ast.expr | None, function: ast.AST | None) -> set[str] | None:
    """The string keys of a dict literal (or of a name bound to one in the same function,
    merged with every key later set on it); None where that cannot be read."""
    if isinstance(node, ast.Name) and function is not None:
        keys: set[str] = set()
        found = False
        for inner in ast.walk(function):
            if isinstance(inner, ast.Assign) and any(
                isinstance(t, ast.Name) and t.id == node.id for t in inner.targets
            ):
                value = _dict_keys(inner.value, None)
                if value is None:
                    return None
                keys |= value
                found = True
            if (
                isinstance(inner, ast.Subscript)
                and isinstance(inner.value, ast.Name)
                and inner.value.id == node.id
                and isinstance(inner.slice, ast.Constant)
            ):
                keys.add(str(inner.slice.value))
        return keys if found else None
    if not isinstance(node, ast.Dict):
        return None
    keys = set()
    for key, value in zip(node.keys, node.values, strict=True):
        if key is None:  # {**other, ...}
            spread = _dict_keys(value, function)
            if spread is None:
                return None
            keys |= spread
        elif isinstance(key, ast.Constant):
            keys.add(str(key.value))
        else:
            return None
    return keys


def _translated_keys() -> list[tuple[str, str, set[str] | None]]:
    """(category, key, placeholders given) for every `translation_key=` with a literal key."""
    found = []
    for _, call, function in _calls("_create_issue"):  # (hass, issue_id, key, placeholders)
        key, placeholders = call.args[2], call.args[3]
        assert isinstance(key, ast.Constant)
        found.append(("issues", str(key.value), _dict_keys(placeholders, function)))
    for _, call, function in _calls():
        key = _keyword(call, "translation_key")
        if not isinstance(key, ast.Constant) or not isinstance(key.value, str):
            continue
        given = _dict_keys(_keyword(call, "translation_placeholders"), function)
        if _keyword(call, "translation_placeholders") is None:
            given = set()
        called = (
            call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
        )
        category = "issues" if "issue" in called else "exceptions"
        found.append((category, key.value, given))
    return found


@pytest.mark.parametrize("language", LANGUAGES)
def test_exceptions_and_issues_have_their_texts_and_placeholders(language: str) -> None:
    """Each `translation_key=` of an exception or issue is translated, and every placeholder
    its text uses is given where the code raises it (when the code spells them out)."""
    texts = _texts(language)
    checked = 0
    for category, key, given in _translated_keys():
        if category == "issues" or key not in texts["exceptions"]:
            assert key in texts["issues"] or key in texts["exceptions"], key
            entry = texts["issues"].get(key) or texts["exceptions"][key]
            wanted = set().union(*(_placeholders(t) for t in entry.values()))
        else:
            wanted = _placeholders(texts["exceptions"][key]["message"])
        if given is not None:
            assert wanted <= given, (key, wanted - given)
            checked += 1
    assert checked >= 10


@pytest.mark.parametrize("language", LANGUAGES)
def test_action_errors_have_their_texts_and_placeholders(language: str) -> None:
    """`_error("key", name=...)` in the actions: translated, with every placeholder given."""
    exceptions = _texts(language)["exceptions"]
    seen = set()
    for _, call, _ in _calls("_error"):
        key = call.args[0]
        assert isinstance(key, ast.Constant)
        given = {k.arg for k in call.keywords}
        assert _placeholders(exceptions[key.value]["message"]) <= given, key.value
        seen.add(key.value)
    assert {"seat_occupied", "site_not_allowed", "no_empty_seat"} <= seen


def _error_keys(class_name: str) -> set[str]:
    """String keys a flow class puts into `errors[...]` or returns as an error."""
    tree = ast.parse((COMPONENT / "config_flow.py").read_text(encoding="utf-8"))
    flow = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == class_name)
    keys = set()
    for node in ast.walk(flow):
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Subscript):
            target = node.targets[0].value
            named_errors = isinstance(target, ast.Name) and target.id == "errors"
            if named_errors and isinstance(node.value, ast.Constant):
                keys.add(node.value.value)
        if isinstance(node, ast.Return) and isinstance(node.value, ast.Tuple):
            first = node.value.elts[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(first.value)
    return keys


def _camera_test_reasons() -> set[str]:
    """Every reason a camera test fails with: the capture errors' own, the server's probe
    codes, and what the flow raises itself."""
    reasons = {
        cls.reason
        for cls in vars(capture).values()
        if isinstance(cls, type)
        and issubclass(cls, capture.CaptureError)
        and cls is not capture.CaptureError
    }
    reasons |= set(PROBE_ERRORS.values()) | {"cannot_connect"}
    for path in COMPONENT.rglob("*.py"):
        reasons |= set(re.findall(r'GrabFailed\("(\w+)"\)', path.read_text(encoding="utf-8")))
    return reasons


@pytest.mark.parametrize("language", LANGUAGES)
def test_flow_errors_aborts_and_steps_exist(language: str) -> None:
    """Every error, abort reason and step of the site flow, options flow and camera flow."""
    texts = _texts(language)
    site, camera = texts["config"], texts["config_subentries"]["camera"]
    assert _error_keys("SeatsenseConfigFlow") <= set(site["error"])
    camera_errors = _error_keys("CameraSubentryFlow") | _camera_test_reasons()
    camera_errors |= {key for key, _ in _PROBLEMS} | {"invalid_layout", "layout_empty"}
    assert camera_errors <= set(camera["error"]), camera_errors - set(camera["error"])
    source = (COMPONENT / "config_flow.py").read_text(encoding="utf-8")
    aborts = set(re.findall(r'reason="(\w+)"', source)) | {"already_configured"}
    assert aborts | {"reauth_successful", "reconfigure_successful"} <= set(site["abort"])
    assert "reconfigure_successful" in camera["abort"]
    site_steps = {"user", "local", "remote", "reauth_confirm", "reconfigure", "reconfigure_remote"}
    assert site_steps <= set(site["step"])
    assert set(site["step"]["user"]["menu_options"]) == {mode.value for mode in Mode}
    kinds = {kind.value for kind in SourceType}
    camera_steps = {"user", "reconfigure", "layout"} | kinds | {f"reconfigure_{k}" for k in kinds}
    assert camera_steps == set(camera["step"])
    for step in re.findall(r'step_id="(\w+)"', source):
        assert step in site["step"] or step in camera["step"] or step in texts["options"]["step"]
    assert set(texts["selector"]["source_type"]["options"]) == kinds
    assert set(texts["selector"]["vendor"]["options"]) == set(VENDORS)
    assert set(texts["selector"]["stream"]["options"]) == set(STREAMS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_flow_placeholders_are_given(language: str) -> None:
    """The texts of the flows use only placeholders the steps give."""
    texts = _texts(language)
    given = {
        ("config", "local"): {"error"},
        ("config", "reauth_confirm"): {"site", "url"},
        ("config", "reconfigure"): {"error"},
        ("camera", "layout"): {"width", "height", "preview_url", "error"},
        ("camera", "reconfigure"): {"name"},
    }
    for where, flow in (
        ("config", texts["config"]),
        ("camera", texts["config_subentries"]["camera"]),
    ):
        for step, content in flow["step"].items():
            used = set().union(*(_placeholders(t) for t in _strings(content)))
            assert used <= given.get((where, step), set()), (where, step, used)


def _strings(tree: Any) -> Iterator[str]:
    if isinstance(tree, str):
        yield tree
    elif isinstance(tree, dict):
        for value in tree.values():
            yield from _strings(value)


def test_state_icons_for_every_state() -> None:
    """The state sensor has an icon per state (tiles show it), the clocks have theirs."""
    from seatsense.core.engine import SeatState

    icons = json.loads((COMPONENT / "icons.json").read_text(encoding="utf-8"))["entity"]
    assert set(icons["sensor"]["seat_state"]["state"]) == {state.value for state in SeatState}
    assert len(set(icons["sensor"]["seat_state"]["state"].values())) == len(SeatState)
    clocks = ("vacant_minutes", "vacant_since", "belongings_since", "stay_minutes")
    for clock in (*clocks, "last_stay_minutes"):
        assert icons["sensor"][clock]["default"].startswith("mdi:")
    for platform, keys in _texts("en")["entity"].items():
        assert set(keys) <= set(icons[platform]), platform


async def test_every_form_field_has_a_label(hass: Any) -> None:
    """Each field of each form, as the flows show them in a real Home Assistant, has a label
    in English and Korean (Home Assistant would show the raw key otherwise)."""
    from homeassistant.config_entries import SOURCE_RECONFIGURE, SOURCE_USER
    from homeassistant.const import CONF_NAME

    from .helpers import camera_subentry, site_entry

    labels = {language: _texts(language) for language in LANGUAGES}
    seen: list[tuple[str, str]] = []

    def check(where: str, result: dict[str, Any]) -> None:
        for language, texts in labels.items():
            flow = texts["config_subentries"]["camera"] if where == "camera" else texts[where]
            step = flow["step"][result["step_id"]]
            for field in result["data_schema"].schema:
                assert str(field) in step["data"], (language, where, result["step_id"], field)
        seen.append((where, result["step_id"]))

    flows = hass.config_entries.flow
    for mode in ("local", "remote"):
        result = await flows.async_init("seatsense", context={"source": SOURCE_USER})
        check("config", await flows.async_configure(result["flow_id"], {"next_step_id": mode}))
    entry = site_entry(
        [camera_subentry({"source_type": "rtsp", "url": "rtsp://127.0.0.1:9/x"})]
    )
    entry.add_to_hass(hass)
    check("options", await hass.config_entries.options.async_init(entry.entry_id))
    check("config", await entry.start_reconfigure_flow(hass))
    subentries = hass.config_entries.subentries
    for context in ({"source": SOURCE_USER},
                    {"source": SOURCE_RECONFIGURE, "subentry_id": "cam1subentry"}):
        for kind in SourceType:
            result = await subentries.async_init((entry.entry_id, "camera"), context=context)
            check("camera", result)
            result = await subentries.async_configure(
                result["flow_id"], {CONF_NAME: "Hall", "source_type": kind.value}
            )
            check("camera", result)
    assert len(set(seen)) == 12


async def test_entity_names_follow_the_server_language(hass: Any, setup_site: Any) -> None:
    """As the Korean quick start says: with the server language Korean, a reload names the
    entities in Korean (their ids stay)."""
    coordinator = await setup_site()
    entry = coordinator.config_entry
    assert hass.states.get("binary_sensor.hall_a1_occupied").name == "Hall A1 Occupied"
    hass.config.language = "ko"
    assert await hass.config_entries.async_reload(entry.entry_id)
    await hass.async_block_till_done()
    assert hass.states.get("binary_sensor.hall_a1_occupied").name == "Hall A1 착석"
    assert hass.states.get("sensor.study_cafe_occupancy_rate").name == "Study Cafe 좌석 점유율"
