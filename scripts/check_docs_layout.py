"""Check the built documentation in a real browser: no code block of the guides scrolls sideways.

Usage: ``python scripts/check_docs_layout.py [docs/_build/html] [--width 1280] [--shots DIR]``.
Each page is copied with a small script appended that lists the ``pre`` blocks wider than their
box, and headless Chromium (``chromium``, Debian's package) prints the page's DOM after running
it. With ``--shots DIR`` a screenshot of each page is written there too. The API pages are not
checked (signatures wrap; long reprs in docstrings are the docstrings' business). Prints one line
per overflowing block and exits 1 if there is any.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

PROBE = """<script>
window.addEventListener("load", () => {
  const wide = [...document.querySelectorAll("article pre")]
    .filter((pre) => pre.scrollWidth > pre.clientWidth + 1)
    .map((pre) => [pre.scrollWidth - pre.clientWidth, pre.textContent.split("\\n")[0].slice(0, 60)]);
  const out = document.createElement("pre");
  out.id = "layout-probe";
  out.textContent = JSON.stringify(wide);
  document.body.appendChild(out);
});
</script>"""


def pages(root: Path) -> list[Path]:
    return sorted(
        p
        for p in root.rglob("*.html")
        if p.relative_to(root).parts[0] not in {"api", "_modules", "_static"}
        and p.name not in {"genindex.html", "search.html", "py-modindex.html"}
    )


def chromium(*args: str) -> str:
    command = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars"]
    done = subprocess.run([*command, *args], capture_output=True, text=True, timeout=120)
    return done.stdout


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", nargs="?", default="docs/_build/html", type=Path)
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--shots", type=Path)
    options = parser.parse_args()
    failures = 0
    with tempfile.TemporaryDirectory() as folder:
        copy = Path(folder) / "html"
        shutil.copytree(options.root, copy)
        for page in pages(copy):
            page.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"))
            size = f"--window-size={options.width},900"
            dom = chromium(size, "--virtual-time-budget=3000", "--dump-dom", page.as_uri())
            found = re.search(r'<pre id="layout-probe">(.*?)</pre>', dom, re.S)
            name = page.relative_to(copy)
            if found is None:
                print(f"{name}: the probe did not run")
                failures += 1
                continue
            for extra, first_line in json.loads(found.group(1).replace("&quot;", '"')):
                print(f"{name}: {extra}px too wide: {first_line}")
                failures += 1
            if options.shots:
                options.shots.mkdir(parents=True, exist_ok=True)
                shot = options.shots / f"{str(name).replace('/', '-')}-{options.width}.png"
                chromium(size, f"--screenshot={shot.resolve()}", page.as_uri())
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
