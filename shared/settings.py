"""Runtime settings, read once from the environment.

Local mode (`APP_ENV=local`) runs against the embedded moto server; any other mode is a real AWS
deploy, where development defaults for secrets are refused.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

LOCAL_DEV_SIGNING_KEY = "local-development-signing-key-never-use-in-aws"


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="", case_sensitive=False, extra="ignore")

    app_env: Literal["local", "test", "aws"] = "local"
    stage: str = "local"
    aws_region: str = "us-east-1"

    table_name: str = "impacte-local-data"
    idempotency_table_name: str = "impacte-local-idempotency"
    documents_bucket: str = "impacte-local-documents"
    document_state_machine_arn: str = ("arn:aws:states:us-east-1:123456789012:stateMachine:"
                                       "impacte-local-document-generation")
    charge_series_state_machine_arn: str = ("arn:aws:states:us-east-1:123456789012:stateMachine:"
                                            "impacte-local-charge-series")
    event_bus_name: str = "impacte-local"
    secrets_prefix: str = "impacte/local"
    jwt_secret_id: str = "impacte/local/platform/jwt-signing-key"
    # Only honoured in local/test mode, where the key may also live in the emulator's Secrets Manager.
    local_signing_key: str = LOCAL_DEV_SIGNING_KEY

    access_token_ttl_seconds: int = 15 * 60
    refresh_token_ttl_days: int = 30
    login_max_failures: int = 5
    login_window_seconds: int = 15 * 60
    password_min_length: int = 8

    # Public address of the API, for the webhook URLs shown to companies (API Gateway URL in AWS).
    public_api_url: str = "http://127.0.0.1:8000"
    # Providers' base URLs: the local stack points them at its sandbox fakes.
    whatsapp_graph_url: str = "https://graph.facebook.com"
    whatsapp_api_version: str = "v21.0"
    cora_stage_url: str = "https://matls-clients.api.stage.cora.com.br"
    cora_production_url: str = "https://matls-clients.api.cora.com.br"
    # Sandbox mode (local only): "Simular mensagem recebida" and similar try-it-yourself actions.
    sandbox: bool = False

    @property
    def is_local(self) -> bool:
        return self.app_env in ("local", "test")

    @model_validator(mode="after")
    def _refuse_development_defaults(self) -> Settings:
        if not self.is_local:
            if self.local_signing_key != LOCAL_DEV_SIGNING_KEY:
                raise ValueError("LOCAL_SIGNING_KEY must not be set outside local mode")
            if self.table_name.startswith("impacte-local"):
                raise ValueError("TABLE_NAME must be set outside local mode")
            if self.sandbox:
                raise ValueError("SANDBOX is a local-only mode")
        return self

    def tenant_secret_name(self, tenant_id: str, integration: str) -> str:
        """Secrets Manager name of one company's integration secret (WhatsApp, SMTP, Cora, ...)."""
        return f"{self.secrets_prefix}/tenants/{tenant_id}/{integration}"


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return Settings()
