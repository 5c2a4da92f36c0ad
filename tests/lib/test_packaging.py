"""What we ship: the container image and the Home Assistant add-on (checked without Docker),
one version everywhere, and the wheel (built, listed, installed and run)."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

CONTAINER = ROOT / "scripts" / "container"
ADDON = CONTAINER / "addon" / "seatsense"
ADDON_KEYS = {"name", "version", "slug", "description", "arch"}
"""What the Supervisor requires of every add-on's config.yaml."""
DOCKERFILES = {
    "image": (CONTAINER / "Dockerfile", ROOT),  # built from the repository root
    "add-on": (ADDON / "Dockerfile", ADDON),  # built by the Supervisor from its folder
}


def _instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined."""
    logical = dockerfile.read_text().replace("\\\n", " ")
    out = []
    for line in logical.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            word, _, rest = line.partition(" ")
            out.append((word.upper(), rest.strip()))
    return out


def _load(path: Path) -> dict[str, Any]:
    data = yaml.safe_load(path.read_text())
    assert isinstance(data, dict), f"{path}: not a mapping"
    return data


def _project_version() -> str:
    version: str = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    return version


def test_addon_config_has_what_the_supervisor_needs() -> None:
    config = _load(ADDON / "config.yaml")
    assert config.keys() >= ADDON_KEYS
    assert config["slug"] == ADDON.name == "seatsense"
    assert config["version"] == _project_version()
    assert set(config["arch"]) == {"amd64", "aarch64"}
    assert config["ports"] == {"8765/tcp": 8765}
    assert {"type": "addon_config", "read_only": False} in config["map"]
    schema = config["schema"]
    assert isinstance(schema, dict) and schema["mqtt_url"] == "str?"
    assert set(config["options"]) <= set(schema)


def test_addon_builds_on_debian_bases_for_every_arch() -> None:
    config = _load(ADDON / "config.yaml")
    build = _load(ADDON / "build.yaml")
    bases = build["build_from"]
    assert isinstance(bases, dict)
    assert set(bases) == set(config["arch"])
    for arch, image in bases.items():
        assert image == f"ghcr.io/home-assistant/{arch}-base-debian:bookworm"


def test_addon_installs_its_own_version() -> None:
    args = [rest for word, rest in _instructions(ADDON / "Dockerfile") if word == "ARG"]
    assert f"SEATSENSE_VERSION={_project_version()}" in args


def test_addon_translations_name_every_option_and_port() -> None:
    config = _load(ADDON / "config.yaml")
    english = _load(ADDON / "translations" / "en.yaml")
    assert set(english["configuration"]) == set(config["schema"])
    for option in english["configuration"].values():
        assert option["name"] and option["description"]
    assert set(english["network"]) == set(config["ports"])
    assert (ADDON / "DOCS.md").read_text().strip()


@pytest.mark.parametrize("name", DOCKERFILES)
def test_every_copy_source_exists(name: str) -> None:
    dockerfile, context = DOCKERFILES[name]
    copies = [rest for word, rest in _instructions(dockerfile) if word == "COPY"]
    assert copies, f"{dockerfile}: no COPY"
    for arguments in copies:
        words = [w for w in shlex.split(arguments) if not w.startswith("--")]
        for source in words[:-1]:
            assert (context / source).exists(), f"{dockerfile}: COPY {source}: not in {context}"


def test_image_runs_the_server_as_a_non_root_user() -> None:
    instructions = _instructions(CONTAINER / "Dockerfile")
    assert instructions[0] == ("FROM", "python:3.13-slim-bookworm")
    users = [rest for word, rest in instructions if word == "USER"]
    assert users and users[-1] not in ("root", "0")
    assert ("EXPOSE", "8765") in instructions and ("VOLUME", "/data") in instructions
    assert any(
        word == "RUN" and 'pip install ".[detect,mqtt]"' in rest for word, rest in instructions
    )
    entrypoint = json.loads(next(rest for word, rest in instructions if word == "ENTRYPOINT"))
    assert entrypoint[:3] == ["seatsense", "serve", "/data/site.yaml"]


def _serve_help() -> str:
    seatsense = Path(sys.executable).with_name("seatsense")
    command = [str(seatsense)] if seatsense.exists() else [sys.executable, "-m", "seatsense.cli"]
    result = subprocess.run(
        [*command, "serve", "--help"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, f"seatsense serve --help failed: {result.stderr}"
    return result.stdout


def test_entrypoint_and_run_sh_use_real_serve_options() -> None:
    usage = _serve_help()
    entrypoint = json.loads(
        next(rest for word, rest in _instructions(CONTAINER / "Dockerfile") if word == "ENTRYPOINT")
    )
    run_sh = (ADDON / "run.sh").read_text()
    used = {w for w in entrypoint if w.startswith("--")}
    used |= set(re.findall(r"(?<![\w-])--[a-z][a-z-]*", run_sh))
    assert used >= {"--host", "--data-dir", "--mqtt"}
    for option in used:
        assert option in usage, f"seatsense serve has no {option}"


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_run_sh_is_valid_bash() -> None:
    result = subprocess.run(
        ["bash", "-n", str(ADDON / "run.sh")], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert (ADDON / "run.sh").stat().st_mode & 0o111, "run.sh is not executable"


# -- one version -------------------------------------------------------------------------------


def test_manifest_version_and_requirement_pin_follow_pyproject() -> None:
    """pyproject.toml writes the version once; the integration's manifest must agree."""
    version = _project_version()
    manifest = json.loads((ROOT / "custom_components" / "seatsense" / "manifest.json").read_text())
    assert manifest["version"] == version
    pins = [r for r in manifest["requirements"] if r.startswith("seatsense")]
    assert pins == [f"seatsense=={version}"]


def test_package_version_comes_from_the_installed_metadata() -> None:
    import seatsense

    assert seatsense.__version__ == importlib.metadata.version("seatsense") == _project_version()


# -- the wheel ---------------------------------------------------------------------------------

DEV_ONLY = {"seatsense/benchmark.py", "seatsense/rtsp_test_server.py"}
"""Tools for developers that the cli work moves out of the package: never in the wheel."""
USER_DATA = ("seatsense/models/", "seatsense/demo/assets/", "seatsense/py.typed")
"""What users need besides the code: the bundled model, the demo's pictures, the type marker."""


def _source_files() -> list[str]:
    """The files a clean clone would hold: tracked ones and new ones git does not ignore."""
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("the wheel is built from git's file list; this is not a git checkout")
    listing = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"],
        cwd=ROOT,
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [name for name in listing.split("\0") if name and (ROOT / name).is_file()]


def _shipped_sources() -> set[str]:
    """The package's files as they should appear in the wheel: all of seatsense/ but DEV_ONLY."""
    return {name for name in _source_files() if name.startswith("seatsense/")} - DEV_ONLY


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel as the release workflow builds it: `python -m build` (sdist, then the wheel
    from the sdist) on a clean copy, so nothing left in build/ or *.egg-info/ can leak in.
    No build isolation: setuptools comes from the dev extra instead of a download."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"
    for name in _source_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    build = [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(work / "dist")]
    result = subprocess.run(
        [*build, str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    (built,) = (work / "dist").glob("seatsense-*.whl")
    assert built.name == f"seatsense-{_project_version()}-py3-none-any.whl"
    return built


def _wheel_files(wheel: Path) -> set[str]:
    with zipfile.ZipFile(wheel) as archive:
        return {name for name in archive.namelist() if not name.endswith("/")}


@pytest.mark.slow
def test_wheel_carries_the_package_model_and_demo_assets(wheel: Path) -> None:
    files = _wheel_files(wheel)
    missing = _shipped_sources() - files
    assert not missing, f"in the source but not in the wheel: {sorted(missing)}"
    package = {name for name in files if name.startswith("seatsense/")}
    for data in USER_DATA:
        assert any(name.startswith(data) for name in package), f"{data} is not in the wheel"
    assert any(name.endswith(".onnx") for name in package), "the bundled model is missing"
    info = f"seatsense-{_project_version()}.dist-info/"
    assert {f"{info}METADATA", f"{info}licenses/LICENSE", f"{info}entry_points.txt"} <= files
    with zipfile.ZipFile(wheel) as archive:
        entry_points = archive.read(f"{info}entry_points.txt").decode()
    assert "seatsense = seatsense.cli:main" in entry_points


@pytest.mark.slow
def test_wheel_carries_nothing_users_do_not_need(wheel: Path) -> None:
    """No tests, benchmarks, developer tools or caches; the integration ships in the HACS
    zip (scripts/release.py zip), and with it the frontend bundle, never in the wheel."""
    files = _wheel_files(wheel)
    tops = {name.split("/")[0] for name in files}
    assert tops == {"seatsense", f"seatsense-{_project_version()}.dist-info"}
    assert not DEV_ONLY & files, f"developer tools in the wheel: {sorted(DEV_ONLY & files)}"
    extra = {name for name in files if name.startswith("seatsense/")} - _shipped_sources()
    assert not extra, f"in the wheel but not a shipped source file: {sorted(extra)}"


@pytest.mark.slow
def test_wheel_runs_the_demo_in_a_fresh_virtual_environment(wheel: Path, tmp_path: Path) -> None:
    """The wheel alone, installed without its dependencies, runs `seatsense demo`.

    Dependencies come from this environment's site-packages through a plain path line in a
    .pth file: that adds the folder to sys.path after the fresh venv's own site-packages, and
    (unlike a site folder) never runs the .pth files in it, so the editable install of the
    checkout stays out. Installing them from the registry would download the detection
    libraries on every run."""
    fresh = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(fresh)], check=True)
    python = fresh / "bin" / "python"
    fresh_site = Path(_run([str(python), "-c", _PURELIB], tmp_path).strip())
    (fresh_site / "seatsense-dev-dependencies.pth").write_text(
        _run([sys.executable, "-c", _PURELIB], tmp_path)
    )
    _run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet",
         "--no-deps", "--no-index", str(wheel)],
        tmp_path,
    )  # fmt: skip
    where = json.loads(_run([str(python), "-c", _WHERE], tmp_path))
    assert Path(where["file"]).is_relative_to(fresh_site), where
    assert where["version"] == where["metadata"] == _project_version()

    # 20-75 s of the default timeline: B2 sits down at 30 s, B3 at 60 s (as in test_cli_demo).
    window = ["--start", "20", "--end", "75", "--interval", "5", "--json"]
    summary = json.loads(_run([str(fresh / "bin" / "seatsense"), "demo", *window], tmp_path))
    assert summary["ok"] is True, summary
    got = [(e["seat_id"], e["type"], e["time_s"]) for e in summary["event_log"]]
    assert got == [("B2", "person_enter", 30.0), ("B3", "person_enter", 60.0)]


_PURELIB = "import sysconfig; print(sysconfig.get_paths()['purelib'])"
_WHERE = (
    "import importlib.metadata, json, seatsense; print(json.dumps({'file': seatsense.__file__,"
    " 'version': seatsense.__version__, 'metadata': importlib.metadata.version('seatsense')}))"
)


def _run(command: list[str], cwd: Path) -> str:
    """Run outside the checkout, without PYTHONPATH (which would put the checkout first)."""
    env = {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, f"{command}: exit {result.returncode}\n{result.stderr[-3000:]}"
    return result.stdout
