"""Integrações: read (secrets masked), save, test and webhook routes of one company's providers."""

from __future__ import annotations

import secrets as pysecrets
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from shared import clock, keys
from shared.auth.principal import Principal
from shared.db.table import ConditionFailed, Table, TransactionFailed, TransactOp
from shared.errors import NotFound, ValidationFailed
from shared.http.errors import validation_payload
from shared.ids import is_valid_id, new_id
from shared.integrations import secret_store
from shared.integrations.models import (
    KINDS,
    IntegrationList,
    IntegrationPublic,
    IntegrationUpdate,
    SecretState,
    TestResult,
)
from shared.settings import get_settings

READ_ONLY_SETTINGS = {"whatsapp": ("display_phone_number", "templates"), "cora": ("endpoint_id",)}
OWNER_FIELDS = ("default_owner_id",)
_after_save: list[Callable[[IntegrationConfig], None]] = []


@dataclass
class IntegrationConfig:
    """One company's integration as the code that talks to the provider needs it."""

    tenant_id: str
    kind: str
    enabled: bool
    settings: Any
    hook_id: str | None = None
    secret_updated: dict[str, str] = field(default_factory=dict)
    secrets_version: str | None = None  # changes on every write of the secret (the cache key)
    last_test: dict | None = None
    updated_at: str | None = None

    def secret(self, name: str) -> str | None:
        if name not in self.secret_updated:
            return None
        return secret_store.read(self.tenant_id, self.kind, self.secrets_version).get(name)

    @property
    def configured(self) -> bool:
        """Saved at least once (an integration whose settings equal the defaults is still set up)."""
        return bool(self.updated_at)

    @property
    def webhook_url(self) -> str | None:
        return self.webhook_url_at(None)

    def webhook_url_at(self, request_base_url: str | None) -> str | None:
        """The webhook address: on PUBLIC_API_URL when set, else where the request arrived."""
        prefix = KINDS[self.kind].webhook
        base = get_settings().public_api_url or request_base_url
        if not prefix or not self.hook_id or not base:
            return None
        return base.rstrip("/") + prefix + self.hook_id


def on_saved(callback: Callable[[IntegrationConfig], None]) -> None:
    """Called after a company saves an integration (the local sandbox registers webhooks with it)."""
    _after_save.append(callback)


def _kind(kind: str) -> None:
    if kind not in KINDS:
        raise NotFound("Integração não encontrada.")


def _config(tenant_id: str, kind: str, item: dict | None) -> IntegrationConfig:
    item = item or {}
    return IntegrationConfig(
        tenant_id=tenant_id, kind=kind, enabled=item.get("enabled", True),
        settings=KINDS[kind].settings.model_validate(item.get("settings") or {}),
        hook_id=item.get("hook_id"), secret_updated=item.get("secret_updated") or {},
        secrets_version=item.get("secrets_version"), last_test=item.get("last_test"), updated_at=item.get("updated_at"))


def get_config(tenant_id: str, kind: str) -> IntegrationConfig:
    _kind(kind)
    return _config(tenant_id, kind, Table().get(keys.integration(tenant_id, kind)))


def public(config: IntegrationConfig, base_url: str | None = None) -> IntegrationPublic:
    info = KINDS[config.kind]
    return IntegrationPublic(
        kind=config.kind, label=info.label, enabled=config.enabled, configured=config.configured,
        settings=config.settings.model_dump(mode="json"),
        secrets={name: SecretState(label=label, set=name in config.secret_updated,
                                   updated_at=config.secret_updated.get(name))
                 for name, label in info.secrets.items()},
        last_test=TestResult.model_validate(config.last_test) if config.last_test else None,
        webhook_url=config.webhook_url_at(base_url), updated_at=config.updated_at)


def list_integrations(principal: Principal, base_url: str | None = None) -> IntegrationList:
    tenant = principal.tenant_id or ""
    items = Table().batch_get([keys.integration(tenant, kind) for kind in KINDS])
    configs = [_config(tenant, kind, item) for kind, item in zip(KINDS, items, strict=True)]
    configs = [ensure_hook(c) if KINDS[c.kind].webhook else c for c in configs]
    return IntegrationList(items=[public(c, base_url) for c in configs])


def get(principal: Principal, kind: str, base_url: str | None = None) -> IntegrationPublic:
    config = get_config(principal.tenant_id or "", kind)
    return public(ensure_hook(config) if KINDS[kind].webhook else config, base_url)


# --- webhook routes ------------------------------------------------------------------------------

def ensure_hook(config: IntegrationConfig) -> IntegrationConfig:
    """Gives the integration its opaque webhook route id the first time it is needed."""
    if config.hook_id:
        return config
    hook_id = pysecrets.token_urlsafe(24)
    try:
        Table().transact([
            TransactOp("Put", item={**keys.webhook_route(hook_id), "tenant_id": config.tenant_id, "kind": config.kind},
                       condition="attribute_not_exists(PK)"),
            TransactOp("Update", key=keys.integration(config.tenant_id, config.kind),
                       update="SET hook_id = :h, kind = :k", condition="attribute_not_exists(hook_id)",
                       values={":h": hook_id, ":k": config.kind}),
        ])
    except TransactionFailed:
        return get_config(config.tenant_id, config.kind)  # another request created it meanwhile
    config.hook_id = hook_id
    return config


def rotate_hook(principal: Principal, kind: str, base_url: str | None = None) -> IntegrationPublic:
    """A new route id; the old one stops working at once."""
    config = ensure_hook(get_config(principal.tenant_id or "", kind))
    if not KINDS[kind].webhook:
        raise NotFound("Esta integração não tem webhook.")
    new_id = pysecrets.token_urlsafe(24)
    Table().transact([
        TransactOp("Delete", key=keys.webhook_route(config.hook_id or "")),
        TransactOp("Put", item={**keys.webhook_route(new_id), "tenant_id": config.tenant_id, "kind": kind},
                   condition="attribute_not_exists(PK)"),
        TransactOp("Update", key=keys.integration(config.tenant_id, kind), update="SET hook_id = :h",
                   condition="hook_id = :old", values={":h": new_id, ":old": config.hook_id}),
    ])
    config.hook_id = new_id
    return public(config, base_url)


def tenant_for_hook(hook_id: str, kind: str) -> str | None:
    """The company behind a webhook route, or None (unknown, rotated away, or another integration's)."""
    if not hook_id or len(hook_id) > 100:
        return None
    item = Table().get(keys.webhook_route(hook_id))
    if not item or item.get("kind") != kind:
        return None
    return item["tenant_id"]


# --- saving ----------------------------------------------------------------------------------------

def _validated_settings(kind: str, raw: dict[str, Any], old: IntegrationConfig) -> BaseModel:
    model = KINDS[kind].settings
    data = {k: v for k, v in raw.items() if k not in READ_ONLY_SETTINGS.get(kind, ())}
    for name in READ_ONLY_SETTINGS.get(kind, ()):
        data[name] = getattr(old.settings, name)
    try:
        settings = model.model_validate(data)
    except ValidationError as exc:
        payload = validation_payload([{**e, "loc": ("settings", *e["loc"])} for e in exc.errors()])
        raise ValidationFailed(payload["detail"], field=payload["errors"][0]["field"]) from None
    for name in OWNER_FIELDS:
        owner = getattr(settings, name, None)
        if owner and not (is_valid_id(owner) and _active_user(old.tenant_id, owner)):
            raise ValidationFailed("Responsável não encontrado ou desativado.", field=f"settings.{name}")
    return settings


def _active_user(tenant_id: str, user_id: str) -> bool:
    item = Table().get(keys.user(tenant_id, user_id))
    return bool(item and item.get("status") == "active")


def save(principal: Principal, kind: str, data: IntegrationUpdate, base_url: str | None = None) -> IntegrationPublic:
    return public(configure(principal.tenant_id or "", kind, data), base_url)


def configure(tenant_id: str, kind: str, data: IntegrationUpdate) -> IntegrationConfig:
    """Validates and stores settings and secrets (also used by the local stack's demo set-up)."""
    old = get_config(tenant_id, kind)
    settings = _validated_settings(kind, data.settings, old)
    allowed = KINDS[kind].secrets
    unknown = sorted(set(data.secrets) - set(allowed))
    if unknown:
        raise ValidationFailed(f"Segredo desconhecido: {', '.join(unknown)}.", field=f"secrets.{unknown[0]}")
    changes = {k: v.strip() if isinstance(v, str) else None for k, v in data.secrets.items()
               if v is None or (isinstance(v, str) and v.strip())}
    secret_updated = dict(old.secret_updated)
    secrets_version = old.secrets_version
    if changes:
        values = dict(secret_store.read(tenant_id, kind, old.secrets_version))
        now = clock.now_iso()
        for name, value in changes.items():
            if value is None:
                values.pop(name, None)
                secret_updated.pop(name, None)
            else:
                values[name] = value
                secret_updated[name] = now
        secret_store.write(tenant_id, kind, values)
        secrets_version = new_id()
    now = clock.now_iso()
    update = "SET #s = :s, enabled = :e, secret_updated = :su, secrets_version = :sv, updated_at = :now, kind = :k"
    try:
        Table().update(keys.integration(tenant_id, kind), update,
                       condition="attribute_not_exists(updated_at) OR updated_at = :prev",
                       names={"#s": "settings"},
                       values={":s": settings.model_dump(mode="json"), ":e": data.enabled, ":su": secret_updated,
                               ":sv": secrets_version, ":now": now, ":k": kind, ":prev": old.updated_at or ""},
                       return_new=False)
    except ConditionFailed:
        from shared.errors import Conflict

        raise Conflict("Esta integração foi alterada por outra pessoa. Recarregue e tente de novo.") from None
    config = get_config(tenant_id, kind)
    for callback in _after_save:
        callback(config)
    return config


def record_test(config: IntegrationConfig, result: TestResult, settings_update: dict | None = None) -> TestResult:
    """Stores the outcome of Testar (and what the test learned, e.g. the display phone number)."""
    result = result.model_copy(update={"at": clock.now_iso()})
    expression, values, names = "SET last_test = :t", {":t": result.model_dump()}, {}
    for i, (name, value) in enumerate((settings_update or {}).items()):
        expression += f", #s.#f{i} = :f{i}"
        names["#s"], names[f"#f{i}"], values[f":f{i}"] = "settings", name, value
    if settings_update and not Table().get(keys.integration(config.tenant_id, config.kind)):
        Table().put({**keys.integration(config.tenant_id, config.kind), "kind": config.kind, "settings": {}})
    Table().update(keys.integration(config.tenant_id, config.kind), expression, names=names or None, values=values,
                   return_new=False)
    return result
