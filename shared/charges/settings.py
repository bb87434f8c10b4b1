"""The company's charge rules (Cobranças > Configurações): reminders, receipt and card move on payment,
default fine and interest."""

from __future__ import annotations

from shared import clock, keys
from shared.charges.models import ChargeSettings
from shared.db.table import Table


def load_settings(tenant_id: str) -> ChargeSettings:
    item = Table().get(keys.charge_settings(tenant_id)) or {}
    return ChargeSettings.model_validate(item.get("settings") or {})


def save_settings(tenant_id: str, data: ChargeSettings) -> ChargeSettings:
    Table().put({**keys.charge_settings(tenant_id), "settings": data.model_dump(mode="json"),
                 "updated_at": clock.now_iso(), "tenant_id": tenant_id})
    return data
