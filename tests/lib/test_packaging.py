"""The container image and the Home Assistant add-on, checked without Docker."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
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
