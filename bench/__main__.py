"""Prints every benchmark figure with its budget; exits 1 if a budget is exceeded."""

from __future__ import annotations

import sys

from bench import dispatch, documents, imports, requests, scale, web


def main() -> int:
    over = False
    for _name, calls, _items, budget in requests.report():
        over |= budget is not None and calls > budget
    for _name, _small, _large, ratio in scale.report():
        over |= ratio > scale.BUDGET_RATIO
    for _name, _seconds, _ratio, ok in imports.report():
        over |= not ok
    over |= not dispatch.report()[2]
    documents.report()
    web.report()
    print("\nBudgets:", "EXCEEDED" if over else "all within budget")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
