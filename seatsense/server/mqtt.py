"""Seat and camera states to an MQTT broker, as Home Assistant MQTT discovery entities.

`seatsense serve --mqtt URL` runs one `MqttPublisher`; Home Assistant's MQTT integration then
shows every seat, camera and the site as devices, with no seatsense integration installed,
and several servers can feed one Home Assistant (each has its own `node_id`).

>>> publisher = MqttPublisher("mqtt://user:secret@broker:1883", site)  # doctest: +SKIP
>>> publisher.start()            # returns at once; paho connects  # doctest: +SKIP
>>> publisher.publish(update)    # every monitor cycle; never blocks  # doctest: +SKIP
>>> publisher.publish_site(site)  # after a layout change  # doctest: +SKIP
>>> publisher.stop()                                   # doctest: +SKIP

Topics (NODE is `node_id`, by default a slug of the site name):

- `seatsense/NODE/availability`: `online` / `offline`, retained (`offline` is also the will)
- `seatsense/NODE/state`, `seatsense/NODE/camera/CAMERA/state`,
  `seatsense/NODE/seat/CAMERA/SEAT/state`: retained JSON, sent when it changes
- `seatsense/NODE/event`: each event as `Event.to_dict()` JSON, not retained
- `homeassistant/COMPONENT/NODE/OBJECT/config`: the discovery configs, retained

Retained messages go out once connected and again after every reconnect (a restarted broker
may have lost them); events published while disconnected wait in paho's bounded queue.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import re
import threading
import unicodedata
import urllib.parse
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

try:
    import paho.mqtt.client as mqtt
    from paho.mqtt.enums import CallbackAPIVersion, MQTTErrorCode
    from paho.mqtt.properties import Properties
    from paho.mqtt.reasoncodes import ReasonCode
except ImportError as err:  # an optional extra: say how to get it
    raise ImportError(f"MQTT needs paho-mqtt: pip install 'seatsense[mqtt]' ({err})") from err

from .. import __version__
from ..core import figures
from ..core.engine import SeatStatus
from ..core.figures import Figure, Platform, SiteSnapshot
from ..core.urls import scrub_credentials

if TYPE_CHECKING:
    from ..core.layout import Site
    from ..core.status import CameraStatus, MonitorUpdate

_LOGGER = logging.getLogger(__name__)

ONLINE = "online"
OFFLINE = "offline"
_DEFAULT_PORTS = {"mqtt": 1883, "mqtts": 8883}
_RECONNECT_MIN_DELAY_S = 1
_RECONNECT_MAX_DELAY_S = 30
_KEEPALIVE_S = 30
_AUTH_REFUSED = {134, 135}
"""CONNACK reason codes 'bad user name or password' and 'not authorised'."""
_NODE_ID = re.compile(r"[A-Za-z0-9-]+")
_ORIGIN = {"name": "seatsense", "sw_version": __version__}

Owner = TypeVar("Owner")


# -- the entities --------------------------------------------------------------------------

# Rows of the figures catalogue. The minute counters are left out: they would need a message
# a minute per seat, and a template on "vacant since" or "belongings since" gives them.
# Today's figures need a day's log, which the server does not keep.
SITE_ENTITIES: tuple[Figure[SiteSnapshot], ...] = (
    figures.OCCUPIED_SEATS,
    figures.OCCUPANCY_RATE,
    figures.ABANDONED_SEATS,
)
CAMERA_ENTITIES: tuple[Figure[CameraStatus], ...] = (figures.CAMERA_CONNECTED, figures.PEOPLE)
SEAT_ENTITIES: tuple[Figure[SeatStatus], ...] = (
    figures.SEAT_OCCUPIED,
    figures.SEAT_ABANDONED,
    figures.SEAT_STATE,
    figures.VACANT_SINCE,
    figures.BELONGINGS_SINCE,
)


def _payload_value(figure: Figure[Owner], owner: Owner, now_s: float) -> Any:
    """A figure's value as its entity's state JSON holds it: ON / OFF for a binary figure, ISO
    8601 for a time, None (unknown) as null."""
    value = figure.value_fn(owner, now_s)
    if value is None:
        return None
    if figure.platform is Platform.BINARY_SENSOR:
        return "ON" if value else "OFF"
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def _discovery_keys(figure: Figure[Any]) -> dict[str, Any]:
    """The discovery config keys of a figure's own (device class, unit, ...)."""
    keys: dict[str, Any] = {
        "device_class": figure.device_class,
        "unit_of_measurement": figure.unit,
        "state_class": figure.state_class,
        "options": list(figure.options) or None,
        "suggested_display_precision": figure.display_precision,
        "entity_category": "diagnostic" if figure.diagnostic else None,
        "enabled_by_default": None if figure.enabled_by_default else False,
    }
    return {key: value for key, value in keys.items() if value is not None}


def _state_json(catalogue: Iterable[Figure[Owner]], owner: Owner, now_s: float) -> str:
    values = {figure.key: _payload_value(figure, owner, now_s) for figure in catalogue}
    return json.dumps(values, sort_keys=True)


# -- names and the broker URL ---------------------------------------------------------------


def _slug(text: str) -> str:
    """A readable node id: 'Study Café 2' -> 'study-cafe-2'."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "seatsense"


def _topic_id(text: str) -> str:
    """A camera or seat id as one topic level without `_` (the separator in unique ids).

    Ids of letters, digits and `-` stay as they are; others get a hash, so two ids never
    map to the same topic.
    """
    if _NODE_ID.fullmatch(text):
        return text
    readable = re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-")
    digest = hashlib.sha1(text.encode()).hexdigest()[:8]
    return f"{readable}-{digest}" if readable else digest


@dataclass(frozen=True)
class _Broker:
    host: str
    port: int
    tls: bool
    username: str | None
    password: str | None = field(repr=False)

    @property
    def display(self) -> str:
        """The broker without credentials, for messages."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'mqtts' if self.tls else 'mqtt'}://{host}:{self.port}"


class MqttConfigError(ValueError):
    """A broker URL or node id that cannot work; the message names it and the fix."""


def _parse_url(url: str) -> _Broker:
    usage = "use mqtt://[user:password@]host[:port] or mqtts://..."
    parts = urllib.parse.urlsplit(url)
    scheme = parts.scheme.lower()
    try:
        port = parts.port
    except ValueError:
        raise MqttConfigError(f"MQTT URL '{scrub_credentials(url)}': bad port; {usage}") from None
    if scheme not in _DEFAULT_PORTS or not parts.hostname:
        raise MqttConfigError(f"MQTT URL '{scrub_credentials(url)}': {usage}")
    return _Broker(
        host=parts.hostname,
        port=port or _DEFAULT_PORTS[scheme],
        tls=scheme == "mqtts",
        username=None if parts.username is None else urllib.parse.unquote(parts.username),
        password=None if parts.password is None else urllib.parse.unquote(parts.password),
    )


# -- the publisher --------------------------------------------------------------------------


class MqttPublisher:
    """Publishes a site's seats, cameras and events to an MQTT broker for Home Assistant.

    `url`: `mqtt://[user:password@]host[:port]` (port 1883) or `mqtts://...` (TLS, port
    8883, verified against the system's CA certificates). `node_id` (letters, digits, `-`)
    keeps the topics and unique ids of this server apart from other servers'; by default it
    is a slug of the site name. A bad URL or node id raises ValueError; a broker that cannot
    be reached or refuses the login is logged (one line, no credentials), kept in
    `last_error`, and retried by paho until `stop()`. Start and stop it once.

    >>> from seatsense.core.layout import parse_site
    >>> site = parse_site({"name": "Study Café", "cameras": [{"id": "cam1", "width": 640,
    ...     "height": 360, "seats": [{"id": "A1", "polygon": [[0, 0], [90, 0], [90, 90]]}]}]})
    >>> publisher = MqttPublisher("mqtt://user:secret@broker.local", site)  # not connected yet
    >>> publisher.broker, publisher.availability_topic
    ('mqtt://broker.local:1883', 'seatsense/study-cafe/availability')
    """

    def __init__(
        self,
        url: str,
        site: Site,
        node_id: str | None = None,
        discovery_prefix: str = "homeassistant",
        max_queued_messages: int = 1000,
    ) -> None:
        self._broker = _parse_url(url)
        self.node_id = _slug(site.name) if node_id is None else node_id
        if not _NODE_ID.fullmatch(self.node_id):
            raise MqttConfigError(
                f"MQTT node id '{self.node_id}': use only letters, digits and '-'"
            )
        self.discovery_prefix = discovery_prefix.strip("/")
        base = f"seatsense/{self.node_id}"
        self.availability_topic = f"{base}/availability"
        self.event_topic = f"{base}/event"
        self._site_topic = f"{base}/state"
        self._device_id = f"seatsense_{self.node_id}"
        self._lock = threading.RLock()
        self._retained: dict[str, str] = {}
        """Every retained message sent or due (topic -> payload, '' clears), resent on
        each connect; only changes go out in between."""
        self._seat_ids: dict[str, set[str]] = {}
        self._connected = False
        self._started = False
        self._stopping = False
        self._last_error: str | None = None

        client = mqtt.Client(CallbackAPIVersion.VERSION2, client_id=f"seatsense-{self.node_id}")
        if self._broker.username is not None:
            client.username_pw_set(self._broker.username, self._broker.password)
        if self._broker.tls:
            client.tls_set()
        client.will_set(self.availability_topic, OFFLINE, qos=1, retain=True)
        client.reconnect_delay_set(_RECONNECT_MIN_DELAY_S, _RECONNECT_MAX_DELAY_S)
        client.max_queued_messages_set(max_queued_messages)
        client.on_connect = self._on_connect
        client.on_connect_fail = self._on_connect_fail
        client.on_disconnect = self._on_disconnect
        self._client = client
        self.publish_site(site)

    @property
    def broker(self) -> str:
        """The broker's URL without credentials."""
        return self._broker.display

    @property
    def connected(self) -> bool:
        """Whether the broker accepted the connection and it is up."""
        return self._connected

    @property
    def last_error(self) -> str | None:
        """Why the last connection attempt failed or was lost (one line); None once up."""
        return self._last_error

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> None:
        """Connect in paho's network thread; returns at once."""
        if self._started:
            return
        self._started = True
        self._client.connect_async(self._broker.host, self._broker.port, _KEEPALIVE_S)
        self._client.loop_start()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Say `offline` (retained), disconnect and end the network thread."""
        with self._lock:
            self._stopping = True
            offline = (
                self._client.publish(self.availability_topic, OFFLINE, qos=0, retain=True)
                if self._connected
                else None
            )
        if offline is not None:
            # The connection may go meanwhile (RuntimeError); the broker then sends the will.
            with contextlib.suppress(RuntimeError, ValueError):
                offline.wait_for_publish(timeout_s)
        self._client.disconnect()
        self._client.loop_stop()
        self._connected = False

    # -- what is published -------------------------------------------------------------------

    def publish_site(self, site: Site) -> None:
        """Publish the discovery configs of `site`; clear the configs and states of cameras
        and seats it no longer has."""
        configs = self._discovery(site)
        with self._lock:
            self._seat_ids = {
                camera.id: {seat.id for seat in camera.seats} for camera in site.cameras
            }
            wanted = configs.keys() | self._state_topics(site)
            for topic in list(self._retained):
                if topic not in wanted:
                    self._retain(topic, "")
            for topic, config in configs.items():
                self._retain(topic, json.dumps(config, sort_keys=True))

    def publish(self, update: MonitorUpdate) -> None:
        """One monitor cycle: the states that changed (retained) and the events.

        Never blocks and never raises for the connection: while disconnected, states wait to
        be resent on connect and events wait in paho's bounded queue."""
        now = update.time_s
        with self._lock:
            seats: list[SeatStatus] = []
            for camera_id, camera in update.cameras.items():
                seat_ids = self._seat_ids.get(camera_id)
                if seat_ids is None:  # a camera the layout no longer has
                    continue
                self._retain(
                    self._camera_topic(camera_id), _state_json(CAMERA_ENTITIES, camera, now)
                )
                for seat_id, status in camera.seats.items():
                    if seat_id in seat_ids:
                        seats.append(status)
                        self._retain(
                            self._seat_topic(camera_id, seat_id),
                            _state_json(SEAT_ENTITIES, status, now),
                        )
            site = SiteSnapshot.of(seats)
            self._retain(self._site_topic, _state_json(SITE_ENTITIES, site, now))
            for event in update.events:
                info = self._client.publish(self.event_topic, json.dumps(event.to_dict()), qos=1)
                if info.rc == MQTTErrorCode.MQTT_ERR_QUEUE_SIZE:
                    self._report(
                        f"MQTT broker {self.broker}: too many messages waiting; "
                        "events are dropped until the broker is back"
                    )

    # -- topics and discovery ----------------------------------------------------------------

    def _camera_topic(self, camera_id: str) -> str:
        return f"seatsense/{self.node_id}/camera/{_topic_id(camera_id)}/state"

    def _seat_topic(self, camera_id: str, seat_id: str) -> str:
        return f"seatsense/{self.node_id}/seat/{_topic_id(camera_id)}/{_topic_id(seat_id)}/state"

    def _state_topics(self, site: Site) -> set[str]:
        topics = {self._site_topic}
        for camera in site.cameras:
            topics.add(self._camera_topic(camera.id))
            topics.update(self._seat_topic(camera.id, seat.id) for seat in camera.seats)
        return topics

    def _discovery(self, site: Site) -> dict[str, dict[str, Any]]:
        """Discovery topic -> config, the site's first so its device exists before the
        cameras and seats that name it as `via_device`."""
        configs: dict[str, dict[str, Any]] = {}
        site_device = self._device(self._device_id, site.name, "Site")
        for site_entity in SITE_ENTITIES:
            self._add_config(configs, site_entity, self._device_id, site_device, self._site_topic)
        for camera in site.cameras:
            camera_id = f"{self._device_id}_{_topic_id(camera.id)}"
            camera_name = camera.name or camera.id
            camera_topic = self._camera_topic(camera.id)
            device = self._device(camera_id, camera_name, "Camera", via=self._device_id)
            for camera_entity in CAMERA_ENTITIES:
                self._add_config(
                    configs, camera_entity, camera_id, device, camera_topic, camera_topic
                )
            for seat in camera.seats:
                seat_id = f"{camera_id}_{_topic_id(seat.id)}"
                device = self._device(
                    seat_id, f"{camera_name} {seat.name or seat.id}", "Seat", via=camera_id
                )
                for seat_entity in SEAT_ENTITIES:
                    self._add_config(
                        configs,
                        seat_entity,
                        seat_id,
                        device,
                        self._seat_topic(camera.id, seat.id),
                        camera_topic,
                    )
        return configs

    @staticmethod
    def _device(identifier: str, name: str, model: str, via: str | None = None) -> dict[str, Any]:
        device: dict[str, Any] = {
            "identifiers": [identifier],
            "name": name,
            "manufacturer": "seatsense",
            "model": model,
            "sw_version": __version__,
        }
        if via is not None:
            device["via_device"] = via
        return device

    def _add_config(
        self,
        configs: dict[str, dict[str, Any]],
        description: Figure[Any],
        device_id: str,
        device: dict[str, Any],
        state_topic: str,
        camera_topic: str | None = None,
    ) -> None:
        unique_id = f"{device_id}_{description.key}"
        availability: list[dict[str, str]] = [{"topic": self.availability_topic}]
        if description.follows_camera and camera_topic is not None:
            availability.append(
                {
                    "topic": camera_topic,
                    "value_template": (
                        f"{{{{ '{ONLINE}' if value_json.{figures.CAMERA_CONNECTED.key} == 'ON' "
                        f"else '{OFFLINE}' }}}}"
                    ),
                }
            )
        object_id = unique_id.removeprefix(f"{self._device_id}_")
        component = description.platform.value
        topic = f"{self.discovery_prefix}/{component}/{self.node_id}/{object_id}/config"
        configs[topic] = {
            "name": description.name,
            "unique_id": unique_id,
            "state_topic": state_topic,
            "value_template": f"{{{{ value_json.{description.key} }}}}",
            "availability": availability,
            "availability_mode": "all",
            "device": device,
            "origin": _ORIGIN,
            **_discovery_keys(description),
        }

    # -- the connection ----------------------------------------------------------------------

    def _retain(self, topic: str, payload: str) -> None:
        """Remember a retained message and send it now if it changed and we are connected."""
        if self._retained.get(topic) == payload:
            return
        self._retained[topic] = payload
        if self._connected:
            # QoS 0: what a dropped connection loses is resent on the next connect.
            self._client.publish(topic, payload, qos=0, retain=True)

    def _report(self, message: str) -> None:
        if message != self._last_error:
            _LOGGER.warning("%s", message)
        self._last_error = message

    def _on_connect(
        self,
        client: mqtt.Client,
        userdata: Any,
        flags: mqtt.ConnectFlags,
        reason_code: ReasonCode,
        properties: Properties | None,
    ) -> None:
        if reason_code.is_failure:
            hint = (
                "check the user name and password in the MQTT URL"
                if reason_code.value in _AUTH_REFUSED
                else "retrying"
            )
            self._report(f"MQTT broker {self.broker}: refused: {reason_code}; {hint}")
            return
        with self._lock:
            self._connected = True
            if self._last_error is not None:
                _LOGGER.info("MQTT broker %s: connected", self.broker)
            self._last_error = None
            # QoS 0 like every retained message: queued events must not crowd it out.
            client.publish(self.availability_topic, ONLINE, qos=0, retain=True)
            for topic, payload in self._retained.items():
                client.publish(topic, payload, qos=0, retain=True)

    def _on_connect_fail(self, client: mqtt.Client, userdata: Any) -> None:
        trust = " and its TLS certificate trusted" if self._broker.tls else ""
        self._report(
            f"MQTT broker {self.broker}: cannot connect (is it running and reachable{trust}?); "
            "retrying"
        )

    def _on_disconnect(
        self,
        client: mqtt.Client,
        userdata: Any,
        flags: mqtt.DisconnectFlags,
        reason_code: ReasonCode,
        properties: Properties | None,
    ) -> None:
        with self._lock:
            was_connected, self._connected = self._connected, False
        if was_connected and not self._stopping:
            self._report(
                f"MQTT broker {self.broker}: connection lost ({reason_code}); reconnecting"
            )


__all__ = [
    "CAMERA_ENTITIES",
    "OFFLINE",
    "ONLINE",
    "SEAT_ENTITIES",
    "SITE_ENTITIES",
    "MqttPublisher",
]
