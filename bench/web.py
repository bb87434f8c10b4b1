"""Size of the built web app, as browsers download it (gzip)."""

from __future__ import annotations

import gzip

from devstack.template import ROOT

DIST = ROOT / "web" / "dist"


def report() -> None:
    files = sorted(p for p in DIST.rglob("*") if p.is_file() and p.suffix in (".js", ".css", ".html"))
    if not files:
        print("\nWeb bundle: web/dist is missing (run `make web`).")
        return
    raw = sum(p.stat().st_size for p in files)
    zipped = sum(len(gzip.compress(p.read_bytes(), 9)) for p in files)
    print(f"\nWeb bundle: {len(files)} files, {raw / 1024:.0f} KiB raw, {zipped / 1024:.0f} KiB gzip")
    for p in sorted(files, key=lambda p: -p.stat().st_size)[:8]:
        size = len(gzip.compress(p.read_bytes(), 9))
        print(f"  {p.relative_to(DIST)!s:<48}{size / 1024:>8.1f} KiB gzip")
