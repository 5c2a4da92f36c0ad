"""MqttPublisher against a real Mosquitto broker on 127.0.0.1."""

from __future__ import annotations

import importlib
import json
import logging
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import jinja2
import pytest
from homeassistant.core import HomeAssistant

from seatsense.core.engine import Event, EventType, SeatState, SeatStatus
from seatsense.core.layout import Site, parse_site
from seatsense.core.status import CameraStatus, MonitorUpdate
from seatsense.server.mqtt import SEAT_ENTITIES, MqttPublisher
from tests.lib.mosquitto import Mosquitto, Recorder, mosquitto_missing, wait_for

# HA's pytest plugin blocks Python sockets; these tests only talk to 127.0.0.1.
pytestmark = pytest.mark.usefixtures("socket_enabled")
needs_mosquitto = pytest.mark.skipif(
    (reason := mosquitto_missing()) is not None, reason=reason or ""
)
UNUSED_URL = "mqtt://127.0.0.1"
"""For publishers that are never started."""

T0 = 1_750_000_000.0
LAYOUT = {"cam1": ("A1", "A2"), "cam2": ("B1",)}
NODE = "study-cafe"


def make_site(layout: dict[str, tuple[str, ...]] = LAYOUT) -> Site:
    """A site with the given cameras and seats (squares side by side)."""
    cameras = [
        {
            "id": camera_id,
            "width": 640,
            "height": 360,
            "seats": [
                {"id": seat_id, "polygon": [[x, 10], [x + 90, 10], [x + 90, 100], [x, 100]]}
                for x, seat_id in zip(range(10, 640, 100), seats, strict=False)
            ],
        }
        for camera_id, seats in layout.items()
    ]
    return parse_site({"name": "Study Café", "cameras": cameras})


def make_update(
    time_s: float = T0,
    offline: tuple[str, ...] = (),
    events: tuple[Event, ...] = (),
) -> MonitorUpdate:
    """A cycle: cam1 with A1 occupied and A2 empty since T0 - 120, cam2 with B1 unknown."""
    states = {
        "cam1": {
            "A1": SeatStatus(state=SeatState.OCCUPIED, since_s=T0 - 60, occupied_since_s=T0 - 60),
            "A2": SeatStatus(state=SeatState.EMPTY, since_s=T0 - 120, vacant_since_s=T0 - 120),
        },
        "cam2": {"B1": SeatStatus()},
    }
    cameras = {
        camera_id: CameraStatus(
            online=camera_id not in offline,
            people=sum(s.state is SeatState.OCCUPIED for s in seats.values()),
            health={},
            seats=seats,
        )
        for camera_id, seats in states.items()
    }
    return MonitorUpdate(time_s=time_s, events=list(events), cameras=cameras)


def config_topic(component: str, object_id: str) -> str:
    return f"homeassistant/{component}/{NODE}/{object_id}/config"


def render(template: str, payload: str) -> str:
    """A value template as Home Assistant renders it (`value_json` is the decoded payload)."""
    return jinja2.Template(template).render(value_json=json.loads(payload))


@pytest.fixture
def broker(tmp_path: Path) -> Iterator[Mosquitto]:
    if reason := mosquitto_missing():
        pytest.skip(reason)
    with Mosquitto(tmp_path) as running:
        yield running


@pytest.fixture
def publisher(broker: Mosquitto) -> Iterator[MqttPublisher]:
    publisher = MqttPublisher(broker.url(), make_site())
    publisher.start()
    wait_for(lambda: publisher.connected, what="the publisher to connect")
    yield publisher
    publisher.stop()


def test_discovery_configs_are_retained_and_link_seats_to_cameras_to_the_site(
    broker: Mosquitto, publisher: MqttPublisher
) -> None:
    seat_entities = len(SEAT_ENTITIES)
    expected = 3 + 2 * 2 + 3 * seat_entities  # site, cameras, seats
    with Recorder(broker, "homeassistant/#") as recorder:
        wait_for(lambda: len(recorder.messages) == expected, what=f"{expected} configs")
    with Recorder(broker, "homeassistant/#") as late:  # now every config is on the broker
        wait_for(lambda: len(late.messages) == expected, what=f"{expected} retained configs")
        time.sleep(0.2)  # nothing more arrives
        configs = {m.topic: m.json() for m in late.messages}
        assert len(late.messages) == expected
        assert all(m.retain for m in late.messages)

    occupied = configs[config_topic("binary_sensor", "cam1_A1_occupied")]
    assert occupied["unique_id"] == "seatsense_study-cafe_cam1_A1_occupied"
    assert occupied["device_class"] == "occupancy"
    assert occupied["state_topic"] == "seatsense/study-cafe/seat/cam1/A1/state"
    assert occupied["device"]["identifiers"] == ["seatsense_study-cafe_cam1_A1"]
    assert occupied["device"]["via_device"] == "seatsense_study-cafe_cam1"
    assert occupied["availability_mode"] == "all"
    assert [a["topic"] for a in occupied["availability"]] == [
        "seatsense/study-cafe/availability",
        "seatsense/study-cafe/camera/cam1/state",
    ]
    state = configs[config_topic("sensor", "cam1_A1_state")]
    assert state["device_class"] == "enum"
    assert set(state["options"]) == {s.value for s in SeatState}
    vacant = configs[config_topic("sensor", "cam2_B1_vacant_since")]
    assert vacant["device_class"] == "timestamp"
    assert vacant["device"]["via_device"] == "seatsense_study-cafe_cam2"

    connected = configs[config_topic("binary_sensor", "cam2_connected")]
    assert connected["device_class"] == "connectivity"
    assert connected["device"]["via_device"] == "seatsense_study-cafe"
    assert len(connected["availability"]) == 1  # it reports the camera's state itself
    people = configs[config_topic("sensor", "cam2_people")]
    assert people["device"]["identifiers"] == ["seatsense_study-cafe_cam2"]

    site_sensor = configs[config_topic("sensor", "occupied_seats")]
    assert site_sensor["device"]["identifiers"] == ["seatsense_study-cafe"]
    assert site_sensor["device"]["name"] == "Study Café"
    assert "via_device" not in site_sensor["device"]
    unique_ids = [c["unique_id"] for c in configs.values()]
    assert len(set(unique_ids)) == len(unique_ids)


async def test_discovery_configs_pass_home_assistant_schemas(hass: HomeAssistant) -> None:
    """Home Assistant's own MQTT discovery schemas accept every config, dropping no key."""
    site = make_site()
    configs = MqttPublisher(UNUSED_URL, site)._discovery(site)
    for topic, config in configs.items():
        component = topic.split("/")[1]
        platform = importlib.import_module(f"homeassistant.components.mqtt.{component}")
        validated = platform.DISCOVERY_SCHEMA(config)
        assert set(validated) >= set(config), f"{topic}: keys Home Assistant drops"


def test_two_servers_never_share_topics_or_unique_ids() -> None:
    site = make_site()
    first = MqttPublisher(UNUSED_URL, site)
    second = MqttPublisher(UNUSED_URL, site, node_id="annex")
    first_configs, second_configs = first._discovery(site), second._discovery(site)
    assert not first_configs.keys() & second_configs.keys()
    first_ids = {c["unique_id"] for c in first_configs.values()}
    assert not first_ids & {c["unique_id"] for c in second_configs.values()}
    assert first.node_id == NODE


def test_ids_that_are_not_topic_safe_get_distinct_hashed_topics() -> None:
    site = make_site({"front room": ("seat/1", "seat+1", "seat_1")})
    configs = MqttPublisher(UNUSED_URL, site)._discovery(site)
    state_topics = {c["state_topic"] for c in configs.values() if "/seat/" in c["state_topic"]}
    assert len(state_topics) == 3
    for topic in configs:
        assert "+" not in topic and "#" not in topic and " " not in topic
        assert len(topic.split("/")) == 5


def test_states_are_retained_json_that_the_templates_read(
    broker: Mosquitto, publisher: MqttPublisher
) -> None:
    publisher.publish(make_update(offline=("cam2",)))
    site = make_site()
    configs = publisher._discovery(site)
    with Recorder(broker, "seatsense/study-cafe/state") as recorder:
        recorder.wait_latest("seatsense/study-cafe/state")  # the last state sent
    with Recorder(broker, "seatsense/#") as recorder:
        a1 = recorder.wait_latest("seatsense/study-cafe/seat/cam1/A1/state")
        a2 = recorder.wait_latest("seatsense/study-cafe/seat/cam1/A2/state")
        b1 = recorder.wait_latest("seatsense/study-cafe/seat/cam2/B1/state")
        cam1 = recorder.wait_latest("seatsense/study-cafe/camera/cam1/state")
        cam2 = recorder.wait_latest("seatsense/study-cafe/camera/cam2/state")
        site_state = recorder.wait_latest("seatsense/study-cafe/state")
    assert all(m.retain for m in (a1, a2, b1, cam1, cam2, site_state))

    def value(component: str, object_id: str, message: str) -> str:
        return render(configs[config_topic(component, object_id)]["value_template"], message)

    assert value("binary_sensor", "cam1_A1_occupied", a1.payload) == "ON"
    assert value("binary_sensor", "cam1_A2_occupied", a2.payload) == "OFF"
    assert value("binary_sensor", "cam2_B1_occupied", b1.payload) == "None"  # unknown
    assert value("sensor", "cam1_A1_state", a1.payload) == "occupied"
    assert value("sensor", "cam1_A1_vacant_since", a1.payload) == "None"
    assert value("sensor", "cam1_A2_vacant_since", a2.payload) == "2025-06-15T15:04:40+00:00"
    assert value("sensor", "cam1_A2_belongings_since", a2.payload) == "None"  # nothing left
    assert value("binary_sensor", "cam2_connected", cam2.payload) == "OFF"
    assert value("sensor", "cam1_people", cam1.payload) == "1"
    assert value("sensor", "occupied_seats", site_state.payload) == "1"
    assert value("sensor", "occupancy_rate", site_state.payload) == "50.0"

    def available(object_id: str, camera_message: str) -> str:
        camera_check = configs[config_topic("binary_sensor", object_id)]["availability"][1]
        return render(camera_check["value_template"], camera_message)

    assert available("cam1_A1_occupied", cam1.payload) == "online"
    assert available("cam2_B1_occupied", cam2.payload) == "offline"


def test_only_changed_states_are_sent_again(broker: Mosquitto, publisher: MqttPublisher) -> None:
    topic = "seatsense/study-cafe/seat/cam1/A1/state"
    with Recorder(broker, topic, "seatsense/study-cafe/seat/cam1/A2/state") as recorder:
        publisher.publish(make_update(T0))
        recorder.wait_latest(topic)
        publisher.publish(make_update(T0 + 3))  # the same states
        emptied = make_update(T0 + 6)
        emptied.cameras["cam1"].seats["A1"] = SeatStatus(
            state=SeatState.EMPTY, since_s=T0 + 5, vacant_since_s=T0 + 5
        )
        publisher.publish(emptied)
        recorder.wait_latest(topic, lambda m: m.json()["state"] == "empty")
        assert len(recorder.on(topic)) == 2
        assert len(recorder.on("seatsense/study-cafe/seat/cam1/A2/state")) == 1


def test_events_are_published_not_retained(broker: Mosquitto, publisher: MqttPublisher) -> None:
    enter = Event(EventType.PERSON_ENTER, T0, "cam1", "A1", confidence=0.9)
    offline = Event(EventType.CAMERA_OFFLINE, T0 + 1, "cam2", confidence=1.0)
    with Recorder(broker, "seatsense/study-cafe/event") as recorder:
        publisher.publish(make_update(events=(enter, offline)))
        wait_for(lambda: len(recorder.messages) == 2, what="two events")
    assert [m.json() for m in recorder.messages] == [enter.to_dict(), offline.to_dict()]
    assert not any(m.retain for m in recorder.messages)
    with Recorder(broker, "seatsense/study-cafe/event") as late:
        time.sleep(0.2)
        assert late.messages == []


def test_availability_is_online_then_offline_on_stop(broker: Mosquitto) -> None:
    topic = "seatsense/study-cafe/availability"
    publisher = MqttPublisher(broker.url(), make_site())
    with Recorder(broker, topic) as recorder:
        publisher.start()
        recorder.wait_latest(topic, lambda m: m.payload == "online")
        publisher.stop()
        recorder.wait_latest(topic, lambda m: m.payload == "offline")
    with Recorder(broker, topic) as late:
        assert late.wait_latest(topic).retain


def test_the_will_says_offline_when_the_process_dies(broker: Mosquitto) -> None:
    topic = "seatsense/study-cafe/availability"
    script = (
        "import sys, time\n"
        "from tests.lib.test_mqtt import make_site\n"
        "from seatsense.server.mqtt import MqttPublisher\n"
        "MqttPublisher(sys.argv[1], make_site()).start()\n"
        "time.sleep(60)\n"
    )
    root = Path(__file__).resolve().parents[2]
    with Recorder(broker, topic) as recorder:
        process = subprocess.Popen([sys.executable, "-c", script, broker.url()], cwd=root)
        try:
            recorder.wait_latest(topic, lambda m: m.payload == "online", timeout_s=30)
        finally:
            process.kill()
            process.wait()
        message = recorder.wait_latest(topic, lambda m: m.payload == "offline")
    assert message.payload == "offline"
    with Recorder(broker, topic) as late:
        assert late.wait_latest(topic).retain


def test_layout_change_clears_removed_seats_and_cameras(
    broker: Mosquitto, publisher: MqttPublisher
) -> None:
    publisher.publish(make_update())
    removed_config = config_topic("binary_sensor", "cam1_A2_occupied")
    removed_camera = config_topic("sensor", "cam2_people")
    removed_state = "seatsense/study-cafe/seat/cam1/A2/state"
    with Recorder(broker, "homeassistant/#", "seatsense/#") as recorder:
        recorder.wait_latest(removed_state)
        publisher.publish_site(make_site({"cam1": ("A1", "A3")}))
        for topic in (removed_config, removed_camera, removed_state):
            recorder.wait_latest(topic, lambda m: m.payload == "")
        recorder.wait_latest(config_topic("sensor", "cam1_A3_state"))
        publisher.publish(make_update())  # a cycle still naming the old seats
        time.sleep(0.2)
        assert recorder.on(removed_state)[-1].payload == ""
    with Recorder(broker, "homeassistant/#", "seatsense/#") as late:
        wait_for(lambda: late.latest(config_topic("sensor", "cam1_A3_state")), what="A3")
        time.sleep(0.2)
        topics = {m.topic for m in late.messages}
    assert removed_config not in topics and removed_camera not in topics
    assert removed_state not in topics
    assert config_topic("binary_sensor", "cam1_A1_occupied") in topics


@needs_mosquitto
def test_wrong_password_is_one_line_without_the_password(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    password = "correct-horse-battery"
    with Mosquitto(tmp_path, users={"seatsense": password}) as broker:
        wrong = MqttPublisher(broker.url("seatsense", "wrong-staple-9"), make_site())
        with caplog.at_level(logging.WARNING, logger="seatsense.server.mqtt"):
            wrong.start()
            try:
                error = wait_for(lambda: wrong.last_error, what="the login to fail")
            finally:
                wrong.stop()
        assert error.startswith(f"MQTT broker mqtt://127.0.0.1:{broker.port}: refused")
        assert "user name and password" in error
        assert "\n" not in error and "wrong-staple-9" not in error
        assert not wrong.connected
        assert [r.getMessage() for r in caplog.records] == [error]

        right = MqttPublisher(broker.url("seatsense", password), make_site())
        right.start()
        try:
            wait_for(lambda: right.connected, what="the right password to connect")
        finally:
            right.stop()


def test_bad_urls_raise_one_line_without_credentials() -> None:
    site = make_site()
    for url in ("http://u:hunter22@host", "mqtt://u:hunter22@:1883", "mqtt://u:hunter22@h:x"):
        with pytest.raises(ValueError, match="MQTT URL") as caught:
            MqttPublisher(url, site)
        assert "hunter22" not in str(caught.value) and "\n" not in str(caught.value)
    with pytest.raises(ValueError, match="node id 'a b'"):
        MqttPublisher("mqtt://host", site, node_id="a b")


def test_reconnects_and_republishes_after_a_broker_restart(
    broker: Mosquitto, publisher: MqttPublisher
) -> None:
    publisher.publish(make_update(T0))
    state = "seatsense/study-cafe/seat/cam1/A1/state"
    with Recorder(broker, state) as recorder:
        recorder.wait_latest(state)
    broker.stop()  # no persistence: the retained messages are gone
    error = wait_for(lambda: publisher.last_error, what="the publisher to notice")
    assert error.startswith(f"MQTT broker mqtt://127.0.0.1:{broker.port}: ")
    emptied = make_update(T0 + 3)
    emptied.cameras["cam1"].seats["A1"] = SeatStatus(
        state=SeatState.EMPTY, since_s=T0 + 2, vacant_since_s=T0 + 2
    )
    enter = Event(EventType.PERSON_ENTER, T0 + 3, "cam2", "B1", confidence=0.9)
    started = time.monotonic()
    for _ in range(2000):  # more events than paho may queue: dropped, never blocking
        publisher.publish(make_update(T0 + 3, events=(enter,)))
    publisher.publish(emptied)
    assert time.monotonic() - started < 5

    broker.start()
    wait_for(lambda: publisher.connected, timeout_s=20, what="the publisher to reconnect")
    assert publisher.last_error is None
    with Recorder(broker, "homeassistant/#", "seatsense/#") as recorder:
        recorder.wait_latest("seatsense/study-cafe/availability", lambda m: m.payload == "online")
        recorder.wait_latest(state, lambda m: m.json()["state"] == "empty")
        recorder.wait_latest(config_topic("binary_sensor", "cam1_A1_occupied"))


@needs_mosquitto
@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is not installed")
def test_mqtts_verifies_the_broker_certificate(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with Mosquitto(tmp_path, tls=True) as broker:
        untrusted = MqttPublisher(broker.url(), make_site())
        untrusted.start()
        try:
            error = wait_for(lambda: untrusted.last_error, what="the TLS handshake to fail")
        finally:
            untrusted.stop()
        assert error.startswith(f"MQTT broker mqtts://127.0.0.1:{broker.port}: cannot connect")
        assert "TLS certificate trusted" in error

        monkeypatch.setenv("SSL_CERT_FILE", str(broker.ca_file))  # our CA as the system's CAs
        trusted = MqttPublisher(broker.url(), make_site())
        trusted.start()
        try:
            wait_for(lambda: trusted.connected, what="the TLS connection")
        finally:
            trusted.stop()
