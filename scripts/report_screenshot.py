"""Regenerates docs/report.png: the top of the utilisation report of the demo's own log.

    python scripts/report_screenshot.py [--db demo.sqlite] [--out docs/report.png]

Runs `seatsense demo --db` (the rendered demo study room, 30 scenario minutes placed at 09:00
today; no camera media) unless `--db` names such a log already, then `seatsense report` on
it (both in Asia/Seoul), and photographs report.html in Debian's chromium through Playwright
(never a downloaded browser): the heading, the seat x hour heatmap, the site's day and the
seats ranked by use.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
VIEWPORT = {"width": 1100, "height": 1300}
ZONE = "Asia/Seoul"
"""The demo's 09:00 and the report's hours in one zone, whatever the machine's."""


def seatsense(*argv: str, cwd: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT), TZ=ZONE)
    subprocess.run([sys.executable, "-m", "seatsense.cli", *argv], cwd=cwd, env=env, check=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db", type=Path, help="a log `seatsense demo --db` wrote (default: run it)"
    )
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="report-screenshot-"))
    log = args.db.resolve() if args.db else work / "demo.sqlite"
    if args.db is None:
        seatsense("demo", "--db", str(log), "--no-progress", cwd=work)
    seatsense("report", "--db", str(log), "-o", str(work / "report"), "--no-progress", cwd=work)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS)
        try:
            page = browser.new_page(viewport=VIEWPORT, device_scale_factor=1)
            page.goto((work / "report" / "report.html").as_uri(), wait_until="load")
            page.screenshot(path=str(args.out))
        finally:
            browser.close()
    print(f"{args.out} from {log}")


if __name__ == "__main__":
    main()
