#!/usr/bin/env python3
"""What the release workflow does besides building: check, notes and the HACS zip.

    python scripts/release.py check v0.2.0     # the tag, the version pins and the changelog agree
    python scripts/release.py notes 0.2.0      # that version's CHANGELOG.md section
    python scripts/release.py zip [OUT_DIR]    # the integration folder as HACS downloads it

Only the standard library, so the workflow runs it before installing anything. The tests run
the same commands (tests/test_release.py).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
INTEGRATION = ROOT / "custom_components" / "seatsense"
LEFT_OUT = {"__pycache__", "node_modules", ".DS_Store"}
"""Folder and file names that never go into the HACS zip (caches, a frontend's build tools)."""
ZIP_TIME = (2020, 1, 1, 0, 0, 0)
"""One timestamp for every zip entry: the same tree gives the same zip."""


def project_version(root: Path = ROOT) -> str:
    """The one written version: `project.version` in pyproject.toml."""
    version: str = tomllib.loads((root / "pyproject.toml").read_text())["project"]["version"]
    return version


def manifest(root: Path = ROOT) -> dict[str, object]:
    """The integration's manifest.json."""
    data: dict[str, object] = json.loads(
        (root / "custom_components" / "seatsense" / "manifest.json").read_text()
    )
    return data


def version_pin_problems(root: Path = ROOT) -> list[str]:
    """Where the manifest disagrees with pyproject's version (empty when they agree)."""
    version = project_version(root)
    data = manifest(root)
    problems = []
    if data.get("version") != version:
        problems.append(f"manifest.json version {data.get('version')!r}, pyproject {version!r}")
    requirements = data.get("requirements")
    listed = requirements if isinstance(requirements, list) else []
    pins = [r for r in listed if isinstance(r, str) and r.startswith("seatsense")]
    if pins != [f"seatsense=={version}"]:
        problems.append(f"manifest.json requirements pin {pins}, expected ['seatsense=={version}']")
    return problems


_HEADING = re.compile(r"^## \[(?P<name>[^\]]+)\](?: - (?P<date>\d{4}-\d{2}-\d{2}))?\s*$")


def changelog_sections(text: str) -> dict[str, tuple[str | None, str]]:
    """CHANGELOG.md's sections: name ('Unreleased', '0.1.0') -> (date or None, body)."""
    sections: dict[str, tuple[str | None, str]] = {}
    name: str | None = None
    date: str | None = None
    body: list[str] = []
    for line in [*text.splitlines(), "## [end]"]:
        heading = _HEADING.match(line)
        if heading is None and line.startswith("## "):
            raise ValueError(f"CHANGELOG.md: heading {line!r} is not '## [VERSION] - YYYY-MM-DD'")
        if heading is None:
            if name is not None and not re.match(r"^\[[^\]]+\]: ", line):  # link definitions
                body.append(line)
            continue
        if name is not None:
            sections[name] = (date, "\n".join(body).strip())
        name, date, body = heading["name"], heading["date"], []
    return sections


def release_notes(version: str, root: Path = ROOT) -> str:
    """The body of `version`'s dated CHANGELOG.md section; ValueError when there is none."""
    sections = changelog_sections((root / "CHANGELOG.md").read_text())
    if version not in sections:
        raise ValueError(f"CHANGELOG.md has no section '## [{version}] - YYYY-MM-DD'")
    date, body = sections[version]
    if date is None:
        raise ValueError(f"CHANGELOG.md: the section of {version} has no date")
    if not body:
        raise ValueError(f"CHANGELOG.md: the section of {version} is empty")
    return body


def tag_problems(tag: str, root: Path = ROOT) -> list[str]:
    """Why `tag` may not be released (empty when it may)."""
    version = project_version(root)
    problems = [] if tag == f"v{version}" else [f"tag {tag!r} is not v{version} (pyproject)"]
    problems += version_pin_problems(root)
    try:
        release_notes(version, root)
    except ValueError as error:
        problems.append(str(error))
    unreleased = changelog_sections((root / "CHANGELOG.md").read_text()).get("Unreleased")
    if unreleased is not None and unreleased[1]:
        # The tag would ship those changes under notes that do not mention them.
        problems.append(f"CHANGELOG.md: move the [Unreleased] changes into [{version}]")
    return problems


def zip_name(root: Path = ROOT) -> str:
    """The asset name HACS downloads: hacs.json's `filename`."""
    name: str = json.loads((root / "hacs.json").read_text())["filename"]
    return name


def write_hacs_zip(out_dir: Path, root: Path = ROOT) -> Path:
    """Zip the integration folder's contents at the zip's root, as HACS unpacks them."""
    folder = root / "custom_components" / "seatsense"
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / zip_name(root)
    files = sorted(
        path
        for path in folder.rglob("*")
        if path.is_file()
        and not LEFT_OUT.intersection(path.relative_to(folder).parts)
        and path.suffix != ".pyc"
    )
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in files:
            entry = zipfile.ZipInfo(path.relative_to(folder).as_posix(), ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, path.read_bytes())
    return target


def main(argv: list[str] | None = None) -> int:
    """Command line: check, notes, zip."""
    parser = argparse.ArgumentParser(prog="scripts/release.py", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    commands.add_parser("check", help="may this tag be released?").add_argument("tag")
    commands.add_parser("notes", help="print a version's changelog section").add_argument("version")
    zipping = commands.add_parser("zip", help="write the HACS zip; prints its path")
    zipping.add_argument("out_dir", nargs="?", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    if args.command == "check":
        problems = tag_problems(args.tag)
        for problem in problems:
            print(f"release: {problem}", file=sys.stderr)
        return 1 if problems else 0
    if args.command == "notes":
        try:
            print(release_notes(args.version))
        except ValueError as error:
            print(f"release: {error}", file=sys.stderr)
            return 1
        return 0
    print(write_hacs_zip(args.out_dir))
    return 0


if __name__ == "__main__":
    sys.exit(main())
