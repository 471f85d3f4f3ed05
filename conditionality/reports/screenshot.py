"""Open a report.html in headless Chromium (Debian's /usr/bin/chromium) and screenshot it.

    python -m conditionality.reports.screenshot reports/sample/report.html docs/images/report.png

Used by the browser test and to regenerate the README's screenshot. Needs the `playwright`
Python package (a test dependency) but none of its downloaded browsers.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

CHROMIUM = os.environ.get("CONDITIONALITY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@contextmanager
def browser_page(width: int = 1280, height: int = 1000) -> Iterator[Any]:
    """A fresh page in a headless Chromium that has no network access."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(
                viewport={"width": width, "height": height},
                offline=True,
                java_script_enabled=True,
            )
            yield context.new_page()
        finally:
            browser.close()


def screenshot(html: Path, png: Path, *, expand_first: bool = True) -> Path:
    """Load the report, open the first flag's evidence and save a screenshot of the top."""
    png.parent.mkdir(parents=True, exist_ok=True)
    with browser_page(height=1400) as page:
        page.goto(html.resolve().as_uri())
        page.wait_for_selector("#flags tbody tr.flag")
        if expand_first:
            page.locator("#flags tbody tr.flag button.toggle").first.click()
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(png), full_page=False)
    return png


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    print(screenshot(Path(args[0]), Path(args[1])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
