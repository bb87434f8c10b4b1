"""Catalog search: accent-insensitive prefix of any word of the name, or of the SKU.

Terms are small items in one partition per company (sort key `<term>#<item_id>`), written in the same
transaction as the item — the layout of the client search (shared/clients/search.py), with the same
folding (`shared.text.fold`). A term is a word of the folded name, or the SKU with its punctuation
removed ("PLN-001" -> "pln001"). Each term item carries the item's kind, state and all its terms, so
filters and de-duplication need no further read.
"""

from __future__ import annotations

import re

from shared import keys
from shared.catalog.models import CatalogItemRecord
from shared.text import fold

MAX_NAME_TERMS = 20


def tokens(text: str | None) -> list[str]:
    """Folded words (letters and digits only), in order."""
    return re.findall(r"[0-9a-z]+", fold(text or ""))


def compact(text: str | None) -> str:
    return "".join(tokens(text))


def terms(item: CatalogItemRecord) -> list[str]:
    found = list(dict.fromkeys(w[:40] for w in tokens(item.name)))[:MAX_NAME_TERMS]
    if item.sku and (sku := compact(item.sku)[:40]) and sku not in found:
        found.append(sku)
    return sorted(found)


def term_items(item: CatalogItemRecord) -> list[dict]:
    found = terms(item)
    return [{**keys.catalog_search_term(item.tenant_id, term, item.id), "item_id": item.id, "kind": item.kind,
             "active": item.active, "terms": found, "entity": "catalog_search"} for term in found]


def query_prefix(q: str | None) -> str | None:
    """The term prefix to query for `q` (its first word), or None when `q` has no letter or digit."""
    words = tokens(q)
    return words[0][:40] if words else None


def first_match(term_item: dict, prefix: str) -> bool:
    """Whether this term is the item's first (in key order) starting with `prefix`: each item is counted
    once across pages, whichever of its words match."""
    term = term_item["SK"].rsplit("#", 1)[0]
    return term == next((t for t in term_item.get("terms", []) if t.startswith(prefix)), term)


def matches(item: CatalogItemRecord, q: str) -> bool:
    """Every word of `q` starts a word of the name, or `q` (without punctuation) starts the SKU."""
    words = tokens(q)
    if not words:
        return False
    name_words = tokens(item.name)
    if all(any(n.startswith(w) for n in name_words) for w in words):
        return True
    return bool(item.sku) and compact(item.sku).startswith("".join(words))
