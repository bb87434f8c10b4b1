"""What each integration stores: its settings (shown back), its secrets (write-only), its webhook."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, field_validator

from shared.clients.vocab import ORIGINS
from shared.validation import Email, blank_to_none, optional_text

Kind = Literal["whatsapp", "smtp", "ai", "leads", "cora"]


Opt = optional_text(200)


class _Settings(BaseModel):
    model_config = ConfigDict(extra="forbid")


class WhatsAppTemplate(BaseModel):
    name: str
    language: str = "pt_BR"
    category: str | None = None
    body: str | None = None
    parameters: int = 0
    header: str | None = None  # Meta's header format: TEXT, IMAGE, DOCUMENT, VIDEO (None: no header)


class WhatsAppSettings(_Settings):
    phone_number_id: optional_text(40, r"^\d+$") = None
    waba_id: optional_text(40, r"^\d+$") = None
    display_phone_number: str | None = None  # learned from Testar
    default_owner_id: Opt = None  # who owns leads that arrive by WhatsApp
    auto_move_on_first_reply: bool = False
    templates: list[WhatsAppTemplate] = Field(default_factory=list)  # synced from Meta


class SmtpSettings(_Settings):
    provider: Literal["smtp", "ses"] = "smtp"
    host: Opt = None
    port: int | None = Field(default=None, ge=1, le=65535)
    tls_mode: Literal["starttls", "ssl", "none"] = "starttls"
    username: Opt = None
    from_name: optional_text(120) = None
    from_email: Annotated[Email | None, BeforeValidator(blank_to_none)] = None


class AiSettings(_Settings):
    base_url: optional_text(300, r"^https?://") = None
    model: optional_text(120) = None


class LeadsSettings(_Settings):
    default_origin: str = "site"
    default_campaign: optional_text(120) = None
    default_owner_id: Opt = None
    rate_limit_per_minute: int = Field(default=30, ge=1, le=600)

    @field_validator("default_origin")
    @classmethod
    def _origin(cls, value: str) -> str:
        if value not in ORIGINS:
            raise ValueError(f"origem inválida (use {', '.join(ORIGINS)})")
        return value


class CoraSettings(_Settings):
    client_id: optional_text(120) = None
    environment: Literal["stage", "production"] = "stage"
    endpoint_id: str | None = None  # the payment webhook registered at Cora by Testar


class KindInfo(BaseModel):
    label: str
    settings: type[BaseModel]
    secrets: dict[str, str]  # field -> pt-BR label
    webhook: str | None = None  # path prefix of its webhook route
    testable: bool = True


KINDS: dict[str, KindInfo] = {
    "whatsapp": KindInfo(label="WhatsApp Cloud API", settings=WhatsAppSettings,
                         secrets={"access_token": "Token de acesso", "app_secret": "App secret",
                                  "verify_token": "Token de verificação do webhook"},
                         webhook="/webhooks/whatsapp/"),
    "smtp": KindInfo(label="E-mail (SMTP)", settings=SmtpSettings, secrets={"password": "Senha"}),
    "ai": KindInfo(label="Inteligência artificial", settings=AiSettings, secrets={"api_key": "Chave da API"}),
    "leads": KindInfo(label="Captura de leads (site e campanhas)", settings=LeadsSettings, secrets={},
                      webhook="/webhooks/leads/", testable=False),
    "cora": KindInfo(label="Cora (boleto e PIX)", settings=CoraSettings,
                     secrets={"certificate": "Certificado (PEM)", "private_key": "Chave privada (PEM)"},
                     webhook="/webhooks/cora/"),
}


class SecretState(BaseModel):
    label: str
    set: bool
    updated_at: str | None = None


class TestResult(BaseModel):
    ok: bool
    message: str
    at: str | None = None
    details: dict[str, Any] = Field(default_factory=dict)


class IntegrationPublic(BaseModel):
    kind: str
    label: str
    enabled: bool
    configured: bool
    settings: dict[str, Any]
    secrets: dict[str, SecretState]
    last_test: TestResult | None
    webhook_url: str | None
    updated_at: str | None


class IntegrationList(BaseModel):
    items: list[IntegrationPublic]


class IntegrationUpdate(BaseModel):
    """Salvar: settings replace the old ones; a secret sent (non-empty) replaces it, omitted keeps it,
    `null` removes it."""

    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    settings: dict[str, Any] = Field(default_factory=dict)
    secrets: dict[str, str | None] = Field(default_factory=dict)


class TestEmail(BaseModel):
    to: Email
