"""Releases: the workflows (linted and read), scripts/release.py (tag check, notes, HACS zip),
CHANGELOG.md, hacs.json and the README's install section, and the repository's top level."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

from tests.conftest import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"
ZIZMOR_CONFIG = ROOT / ".github" / "zizmor.yml"
INTEGRATION = ROOT / "custom_components" / "seatsense"
RELEASE_SCRIPT = ROOT / "scripts" / "release.py"
TOP_LEVEL = {
    "custom_components", "seatsense", "tests", "hacs.json", "pyproject.toml", "README.md",
    "scripts", "benchmarks", "blueprints", "docs", "LICENSE", "CHANGELOG.md",
}  # fmt: skip
"""What the repository's top level may hold besides dot-files (.ci/, .github/, .gitignore)."""
CHANGE_KINDS = {"Added", "Changed", "Deprecated", "Removed", "Fixed", "Security"}
"""Keep a Changelog's subsection names."""


def _release() -> ModuleType:
    """scripts/release.py as a module, for calling its functions on a scratch tree."""
    spec = importlib.util.spec_from_file_location("release_script", RELEASE_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


release = _release()


def _tool(name: str) -> str:
    """A console script of this environment (the dev extra installs the workflow linters)."""
    beside = Path(sys.executable).with_name(name)
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is not installed: pip install -e '.[dev]'"
    return found


def _lint(workflows: list[Path]) -> list[tuple[str, subprocess.CompletedProcess[str]]]:
    """Both linters on `workflows`: GitHub's workflow schema, then zizmor's audits (offline)."""
    schema = [_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows"]
    zizmor = [_tool("zizmor"), "--offline", "--config", str(ZIZMOR_CONFIG)]
    paths = [str(path) for path in workflows]
    return [
        (name, subprocess.run([*command, *paths], capture_output=True, text=True, check=False))
        for name, command in (("check-jsonschema", schema), ("zizmor", zizmor))
    ]


def _workflow(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text())
    assert isinstance(data, dict)
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def _steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    steps = job.get("steps", [])
    assert isinstance(steps, list)
    return steps


def _uses(job: dict[str, Any]) -> list[str]:
    return [str(step["uses"]).split("@")[0] for step in _steps(job) if "uses" in step]


def _runs(job: dict[str, Any]) -> str:
    return "\n".join(str(step["run"]) for step in _steps(job) if "run" in step)


# -- workflows ---------------------------------------------------------------------------------


def test_workflows_pass_the_schema_and_zizmor() -> None:
    workflows = sorted(WORKFLOWS.glob("*.yml"))
    assert {path.name for path in workflows} == {"tests.yml", "validate.yml", "release.yml"}
    for name, result in _lint(workflows):
        assert result.returncode == 0, f"{name}:\n{result.stdout}{result.stderr}"


def test_the_linters_reject_a_broken_and_an_unsafe_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  test:\n    steps:\n      - rnu: scripts/test\n")
    unsafe = tmp_path / "unsafe.yml"
    unsafe.write_text(
        "on: pull_request_target\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-24.04\n"
        '    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n'
    )
    schema, _ = _lint([broken])
    assert schema[1].returncode != 0 and "broken.yml" in schema[1].stdout + schema[1].stderr
    _, zizmor = _lint([unsafe])
    assert zizmor[1].returncode != 0 and "template-injection" in zizmor[1].stdout


def test_tests_workflow_runs_scripts_test_on_push_and_pull_request() -> None:
    workflow = _workflow("tests.yml")
    assert {"push", "pull_request", "workflow_call"} <= set(workflow["on"])
    (job,) = workflow["jobs"].values()
    setup = next(step for step in _steps(job) if "setup-python" in str(step.get("uses")))
    assert setup["with"]["python-version"] == "3.13"
    commands = _runs(job).splitlines()
    assert commands == ["sudo scripts/setup-services", "scripts/test"]
    assert (ROOT / "scripts" / "setup-services").is_file()


def test_validate_workflow_runs_hassfest_and_the_hacs_action() -> None:
    workflow = _workflow("validate.yml")
    assert {"push", "pull_request", "schedule"} <= set(workflow["on"])
    jobs = workflow["jobs"]
    assert "home-assistant/actions/hassfest" in _uses(jobs["hassfest"])
    (hacs,) = [s for s in _steps(jobs["hacs"]) if str(s.get("uses")).startswith("hacs/action@")]
    assert hacs["with"]["category"] == "integration"


def test_validate_workflow_skips_the_brands_check_exactly_while_brands_is_todo() -> None:
    rules = yaml.safe_load((INTEGRATION / "quality_scale.yaml").read_text())["rules"]
    brands = rules["brands"]["status"] if isinstance(rules["brands"], dict) else rules["brands"]
    has_images = (INTEGRATION / "brand" / "icon.png").is_file()
    assert (brands == "done") == has_images, "brands is done exactly when brand/icon.png exists"
    jobs = _workflow("validate.yml")["jobs"]
    hacs = next(s for s in _steps(jobs["hacs"]) if str(s.get("uses")).startswith("hacs/action@"))
    assert ("brands" in str(hacs["with"].get("ignore", ""))) == (brands != "done")


def test_release_workflow_publishes_a_tag_with_trusted_publishing() -> None:
    text = (WORKFLOWS / "release.yml").read_text()
    workflow = _workflow("release.yml")
    assert workflow["on"] == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["tests"]["uses"] == "./.github/workflows/tests.yml"
    assert (jobs["build"]["needs"], jobs["pypi"]["needs"]) == ("tests", "build")
    assert jobs["github-release"]["needs"] == "pypi"  # the zip's requirement is on PyPI first
    build = _runs(jobs["build"])
    for command in ("release.py check", "python -m build", "release.py zip", "release.py notes"):
        assert command in build, f"the build job does not run {command}"
    assert build.index("release.py check") < build.index("python -m build")
    pypi = jobs["pypi"]
    assert pypi["permissions"] == {"id-token": "write"}
    (publish,) = [s for s in _steps(pypi) if "gh-action-pypi-publish" in str(s.get("uses"))]
    assert not {"password", "user"} & set(publish.get("with") or {})
    assert "secrets." not in text, "trusted publishing needs no stored secret"
    others = [job for name, job in jobs.items() if name != "pypi"]
    assert all("id-token" not in (job.get("permissions") or {}) for job in others)
    notes = _runs(jobs["github-release"])
    assert "gh release create" in notes and "--notes-file release-notes.md" in notes
    assert "hacs/*.zip" in notes


# -- scripts/release.py ------------------------------------------------------------------------

PREPARED_CHANGELOG = """# Changelog

## [Unreleased]

## [{version}] - 2026-12-04

### Added
- Something users can see.

## [0.0.1] - 2026-01-01

### Added
- The first thing.
"""


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A copy of the files the release check reads, with a changelog ready for release."""
    for name in ("pyproject.toml", "hacs.json", "custom_components/seatsense/manifest.json"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, tmp_path / name)
    version = release.project_version(ROOT)
    (tmp_path / "CHANGELOG.md").write_text(PREPARED_CHANGELOG.format(version=version))
    return tmp_path


def _edit_manifest(root: Path, **changes: Any) -> None:
    path = root / "custom_components" / "seatsense" / "manifest.json"
    path.write_text(json.dumps({**json.loads(path.read_text()), **changes}))


def test_release_check_accepts_the_tag_of_a_prepared_release(scratch: Path) -> None:
    version = release.project_version(scratch)
    assert release.tag_problems(f"v{version}", scratch) == []
    assert release.release_notes(version, scratch) == "### Added\n- Something users can see."


def test_release_check_names_every_disagreement(scratch: Path) -> None:
    version = release.project_version(scratch)
    assert release.tag_problems(version, scratch) == [
        f"tag '{version}' is not v{version} (pyproject)"
    ]
    _edit_manifest(scratch, version="9.9.9", requirements=["seatsense==9.9.8", "other==1"])
    problems = release.tag_problems(f"v{version}", scratch)
    assert any("manifest.json version '9.9.9'" in p for p in problems), problems
    assert any("['seatsense==9.9.8']" in p for p in problems), problems
    changelog = scratch / "CHANGELOG.md"
    changelog.write_text(
        changelog.read_text().replace("## [Unreleased]\n", "## [Unreleased]\n- x\n")
    )
    assert any("move the [Unreleased] changes" in p for p in release.tag_problems("v0", scratch))
    changelog.write_text(changelog.read_text().replace(f"[{version}] - 2026-12-04", f"[{version}]"))
    assert any("has no date" in p for p in release.tag_problems(f"v{version}", scratch))
    changelog.write_text("# Changelog\n\n## [Unreleased]\n")
    assert any("no section" in p for p in release.tag_problems(f"v{version}", scratch))


def test_release_notes_command_prints_the_changelog_section() -> None:
    version = release.project_version()
    result = subprocess.run(
        [sys.executable, str(RELEASE_SCRIPT), "notes", version],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    sections = release.changelog_sections((ROOT / "CHANGELOG.md").read_text())
    assert result.stdout.strip() == sections[version][1]
    assert not re.search(r"^## ", result.stdout, flags=re.MULTILINE)  # GitHub shows the title
    assert sections["Unreleased"][1] not in result.stdout
    bad = subprocess.run(
        [sys.executable, str(RELEASE_SCRIPT), "notes", "0.0.0"], capture_output=True, text=True
    )
    assert bad.returncode == 1 and "no section" in bad.stderr


def test_hacs_zip_holds_the_integration_folder_at_its_root(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(RELEASE_SCRIPT), "zip", str(tmp_path)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    hacs = json.loads((ROOT / "hacs.json").read_text())
    made = Path(result.stdout.strip())
    assert made == tmp_path / hacs["filename"]
    caches = {"__pycache__", "node_modules", ".DS_Store"}  # never shipped, wherever they lie
    expected = {
        path.relative_to(INTEGRATION).as_posix()
        for path in INTEGRATION.rglob("*")
        if path.is_file() and not caches & set(path.parts) and path.suffix != ".pyc"
    }
    with zipfile.ZipFile(made) as archive:
        assert set(archive.namelist()) == expected  # the frontend bundle too, once it exists
        manifest = json.loads(archive.read("manifest.json"))
    assert manifest["version"] == release.project_version()


def test_hacs_zip_leaves_out_caches_and_build_tools(tmp_path: Path) -> None:
    root = tmp_path / "tree"
    shutil.copytree(INTEGRATION, root / "custom_components" / "seatsense")
    shutil.copy2(ROOT / "hacs.json", root / "hacs.json")
    junk = ["__pycache__/const.cpython-313.pyc", "frontend/node_modules/lit/index.js", "x.pyc"]
    bundle = "frontend/seatsense-panel.js"
    for name in [*junk, bundle]:
        path = root / "custom_components" / "seatsense" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("// made by the test\n")
    with zipfile.ZipFile(release.write_hacs_zip(tmp_path / "out", root)) as archive:
        names = set(archive.namelist())
    assert bundle in names and "manifest.json" in names
    assert not set(junk) & names


# -- CHANGELOG.md, hacs.json, README -----------------------------------------------------------


def test_changelog_keeps_a_changelog_form() -> None:
    text = (ROOT / "CHANGELOG.md").read_text()
    assert text.startswith("# Changelog\n")
    sections = release.changelog_sections(text)
    names = list(sections)
    assert names[0] == "Unreleased" and sections["Unreleased"][0] is None
    versions = [tuple(int(part) for part in name.split(".")) for name in names[1:]]
    assert versions == sorted(versions, reverse=True), "newest version first"
    dates = [sections[name][0] for name in names[1:]]
    assert None not in dates and dates == sorted(dates, reverse=True)
    assert release.project_version() in sections, "the current version has its section"
    for name, (_, body) in sections.items():
        kinds = set(re.findall(r"^### (.+)$", body, flags=re.MULTILINE))
        assert kinds <= CHANGE_KINDS, f"[{name}]: {sorted(kinds - CHANGE_KINDS)}"


def test_hacs_json_matches_the_release_and_the_tested_home_assistant() -> None:
    hacs = json.loads((ROOT / "hacs.json").read_text())
    assert hacs["zip_release"] is True and hacs["filename"] == "seatsense.zip"
    assert hacs["content_in_root"] is False
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    (pin,) = [r for r in dev["dev"] if r.startswith("homeassistant==")]
    tested = pin.removeprefix("homeassistant==")
    assert hacs["homeassistant"] == tested
    assert f"ha_version={tested}\n" in (ROOT / "scripts" / "setup").read_text()


def test_readme_install_section_says_what_the_release_provides() -> None:
    readme = (ROOT / "README.md").read_text()
    install = readme.split("\n## Install\n", 1)[1].split("\n## ", 1)[0]
    hacs = json.loads((ROOT / "hacs.json").read_text())
    assert f"Home Assistant {hacs['homeassistant']} or newer" in install
    assert f"`{hacs['filename']}`" in install
    assert "seatsense==" in install  # the library comes from PyPI at the integration's version


# -- the repository's top level ----------------------------------------------------------------


def test_top_level_holds_only_what_the_project_allows() -> None:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    listing = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    tops = {name.split("/")[0] for name in listing if (ROOT / name).exists()}
    assert {".github", ".ci", "CHANGELOG.md"} <= tops
    unexpected = {name for name in tops if not name.startswith(".")} - TOP_LEVEL
    assert not unexpected, f"not allowed at the top level: {sorted(unexpected)}"
