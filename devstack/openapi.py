"""Writes the OpenAPI schema of all functions (the web app's typed client is generated from it).

Usage: python -m devstack.openapi web/openapi.json
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from devstack.app import build_api


def main() -> None:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else "web/openapi.json")
    schema = build_api().openapi()
    target.write_text(json.dumps(schema, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"OpenAPI: {len(schema['paths'])} paths -> {target}")


if __name__ == "__main__":
    main()
