"""Login throttling: after N failures for an e-mail within the window, refuse until it passes.

Every attempt is reserved *before* the password is checked (an optimistic-locked write), so a burst
of parallel guesses cannot get past the limit; a successful login clears the record.
The record is kept per e-mail whether or not an account exists, so the answer never tells them apart.
"""

from __future__ import annotations

import math

from shared import clock, keys
from shared.db.table import ConditionFailed, Table
from shared.errors import TooManyRequests
from shared.settings import get_settings


def _recent(failures: list[int], now_ms: int) -> list[int]:
    window_ms = get_settings().login_window_seconds * 1000
    return sorted(f for f in failures if now_ms - f < window_ms)


def _refuse(recent: list[int], now_ms: int) -> None:
    settings = get_settings()
    if len(recent) >= settings.login_max_failures:
        oldest_counted = recent[-settings.login_max_failures]
        wait_s = max(1, math.ceil((oldest_counted + settings.login_window_seconds * 1000 - now_ms) / 1000))
        minutes = max(1, math.ceil(wait_s / 60))
        raise TooManyRequests(
            f"Muitas tentativas de login sem sucesso. Por segurança, aguarde {minutes} minuto(s) "
            "e tente novamente.",
            retry_after=wait_s,
        )


def reserve_attempt(email: str, item: dict | None) -> None:
    """Count this attempt as a failure up front (a successful login deletes the record)."""
    table = Table()
    key = keys.login_attempts(email)
    for _ in range(8):
        now_ms = int(clock.now().timestamp() * 1000)
        old = list((item or {}).get("failures", []))
        recent = _recent(old, now_ms)
        _refuse(recent, now_ms)
        ttl = clock.epoch_seconds() + get_settings().login_window_seconds + 60
        try:
            if item is None:
                table.put({**key, "failures": [now_ms], "expires_at": ttl}, condition="attribute_not_exists(PK)")
            else:
                table.update(key, "SET failures = :new, expires_at = :ttl", condition="failures = :old",
                             values={":new": [*recent, now_ms], ":old": old, ":ttl": ttl}, return_new=False)
            return
        except ConditionFailed:
            item = table.get(key, consistent=True)
    _refuse([0] * get_settings().login_max_failures, 0)  # persistent contention: treat as locked
    raise AssertionError("unreachable")


def clear_attempts(email: str) -> None:
    Table().delete(keys.login_attempts(email))
