"""Counter updates that ride in the same transaction as the change they count.

- board stats (one item): current count and value per stage, for the funnel columns and the value
  in negotiation;
- day stats (one item per company and São Paulo calendar day): leads in, milestones reached, value
  closed, leads per origin and campaign.
Each counter also exists per owner (`<name>@<user_id>`), so a seller's own figures cost the same.

Callers guard the transaction with the client's version, so a retried write counts once.
"""

from __future__ import annotations

from collections import defaultdict

from shared import clock, keys
from shared.db.table import TransactOp


def today() -> str:
    return clock.to_local(clock.now()).date().isoformat()


def _suffixes(owner_id: str | None) -> tuple[str, ...]:
    """Every counter exists company-wide and per owner (sellers see their own figures)."""
    return ("", f"@{owner_id}") if owner_id else ("",)


def campaign_key(campaign: str) -> str:
    return " ".join(campaign.split())[:80].replace("@", " ")


class CounterDelta:
    """Accumulates additions to the board and day counters, then renders at most two operations."""

    def __init__(self, tenant_id: str):
        self.tenant_id = tenant_id
        self.board: dict[str, int] = defaultdict(int)
        self.day: dict[str, int] = defaultdict(int)

    def card(self, stage: str, value_cents: int, sign: int, owner_id: str | None) -> CounterDelta:
        """A card enters (+1) or leaves (-1) a stage with its value."""
        for suffix in _suffixes(owner_id):
            self.board[f"count_{stage}{suffix}"] += sign
            self.board[f"value_{stage}{suffix}"] += sign * value_cents
        return self

    def lead(self, origin: str, campaign: str | None, owner_id: str | None) -> CounterDelta:
        for suffix in _suffixes(owner_id):
            self.day[f"leads{suffix}"] += 1
            self.day[f"origin:{origin}{suffix}"] += 1
            if campaign:
                self.day[f"campaign:{campaign_key(campaign)}{suffix}"] += 1
        return self

    def milestone(self, name: str, value_cents: int, owner_id: str | None) -> CounterDelta:
        for suffix in _suffixes(owner_id):
            self.day[f"{name}{suffix}"] += 1
            if name == "closed":
                self.day[f"value_closed_cents{suffix}"] += value_cents
        return self

    def payment(self, amount_cents: int) -> CounterDelta:
        """A charge paid (company-wide: charges are the finance team's figures)."""
        self.day["received_count"] += 1
        self.day["received_cents"] += amount_cents
        return self

    def ops(self) -> list[TransactOp]:
        found = []
        for key, delta in ((keys.board_stats(self.tenant_id), self.board),
                           (keys.day_stats(self.tenant_id, today()), self.day)):
            changes = {k: v for k, v in delta.items() if v}
            if not changes:
                continue
            names = {f"#c{i}": k for i, k in enumerate(changes)}
            values = {f":c{i}": v for i, v in enumerate(changes.values())}
            expression = "ADD " + ", ".join(f"#c{i} :c{i}" for i in range(len(changes)))
            found.append(TransactOp("Update", key=key, update=expression, names=names, values=values))
        return found
