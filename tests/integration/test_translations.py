"""strings.json, en.json and ko.json hold the same keys, and every key the code uses exists."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from custom_components.seatsense import binary_sensor, camera, event, image, sensor
from seatsense.core.figures import CAMERA_FIGURES, SEAT_FIGURES, SITE_FIGURES

COMPONENT = Path(__file__).resolve().parents[2] / "custom_components" / "seatsense"


def _load(name: str) -> dict[str, Any]:
    return json.loads((COMPONENT / name).read_text(encoding="utf-8"))


def _keys(tree: dict[str, Any], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in tree.items():
        path = f"{prefix}.{key}" if prefix else key
        keys |= _keys(value, path) if isinstance(value, dict) else {path}
    return keys


STRINGS = _load("strings.json")


@pytest.mark.parametrize("language", ["en", "ko"])
def test_translation_has_every_key(language: str) -> None:
    """No key missing or extra, and no empty text."""
    translation = _load(f"translations/{language}.json")
    assert _keys(translation) == _keys(STRINGS)
    for key in _keys(translation):
        value = translation
        for part in key.split("."):
            value = value[part]
        assert value.strip(), key


def test_placeholders_match_in_korean() -> None:
    """The Korean texts use exactly the placeholders of the English ones."""
    korean = _load("translations/ko.json")
    for key in _keys(STRINGS):
        english, translated = STRINGS, korean
        for part in key.split("."):
            english, translated = english[part], translated[part]
        wanted = set(re.findall(r"\{(\w+)\}", english))
        assert set(re.findall(r"\{(\w+)\}", translated)) == wanted, key


def test_entity_translation_keys_exist() -> None:
    """Every entity description's translation key has a name (and states for enums)."""
    tables = {
        "sensor": (*sensor.SEAT_SENSORS, *sensor.CAMERA_SENSORS, *sensor.SITE_SENSORS),
        "binary_sensor": binary_sensor.SEAT_BINARY_SENSORS,
        "event": (event.SEAT_EVENT,),
        "image": (image.ANNOTATED,),
        "camera": (camera.LIVE,),
    }
    for platform, descriptions in tables.items():
        for description in descriptions:
            texts = STRINGS["entity"][platform][description.translation_key]
            assert texts["name"]
            if getattr(description, "options", None):
                assert set(texts["state"]) == set(description.options)
    seat_event = STRINGS["entity"]["event"]["seat_event"]["state_attributes"]["event_type"]
    assert set(seat_event["state"]) == set(event.SEAT_EVENT.event_types)


def test_figure_names_are_the_english_entity_names() -> None:
    """The catalogue's names (MQTT discovery) are the integration's English entity names, and a
    figure without a translation key is named by Home Assistant after its device class."""
    for figure in (*SEAT_FIGURES, *CAMERA_FIGURES, *SITE_FIGURES):
        if figure.translation_key is None:
            assert figure.name is None and figure.device_class is not None, figure.key
            continue
        texts = STRINGS["entity"][figure.platform.value][figure.translation_key]
        assert texts["name"] == figure.name, figure.key


def test_keys_used_in_code_exist() -> None:
    """Exception, issue and flow error keys named in the code are all translated."""
    source = "\n".join(p.read_text(encoding="utf-8") for p in COMPONENT.rglob("*.py"))
    for key in re.findall(r'translation_key="(\w+)"', source):
        assert (
            key in STRINGS["exceptions"]
            or key in STRINGS["issues"]
            or any(key in STRINGS["entity"][p] for p in STRINGS["entity"])
        ), key
    for key in re.findall(r'_error\("(\w+)"', source):
        assert key in STRINGS["exceptions"], key
    for key in re.findall(r'GrabFailed\("(\w+)"\)', source):
        assert key in STRINGS["config_subentries"]["camera"]["error"], key


def test_services_yaml_matches_strings() -> None:
    """Each action and field in services.yaml has a name and description."""
    services = yaml.safe_load((COMPONENT / "services.yaml").read_text(encoding="utf-8"))
    assert set(services) == set(STRINGS["services"])
    for name, service in services.items():
        assert set(service["fields"]) == set(STRINGS["services"][name]["fields"])
    icons = _load("icons.json")
    assert set(icons["services"]) == set(services)


def test_manifest_and_hacs() -> None:
    """The manifest and hacs.json say what HACS and HA need."""
    manifest = _load("manifest.json")
    assert manifest["domain"] == "seatsense"
    assert manifest["iot_class"] == "local_push"
    assert manifest["config_flow"] is True
    assert manifest["integration_type"] == "hub"
    assert manifest["requirements"] == ["seatsense==0.1.0"]
    hacs = json.loads((COMPONENT.parents[1] / "hacs.json").read_text(encoding="utf-8"))
    assert hacs["homeassistant"] == "2025.4.4"


@pytest.mark.parametrize(
    ("language", "name"), [("en", "strings.json"), ("ko", "translations/ko.json")]
)
def test_picture_says_the_words_of_the_state_sensor(language: str, name: str) -> None:
    """One label table: the annotated picture's state words are the state sensor's."""
    from seatsense.core.legend import STATE_LABELS

    states = _load(name)["entity"]["sensor"]["seat_state"]["state"]
    assert {str(k): v for k, v in STATE_LABELS[language].items()} == states
