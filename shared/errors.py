"""Domain errors. Each carries a pt-BR message for the person using the product.

Routes never build HTTP errors by hand: services raise these and the HTTP layer maps them by status.
"""

from __future__ import annotations


class AppError(Exception):
    status_code = 400

    def __init__(self, detail: str, *, field: str | None = None, headers: dict[str, str] | None = None,
                 extra: dict | None = None):
        super().__init__(detail)
        self.detail = detail
        self.field = field
        self.headers = headers or {}
        self.extra = extra or {}  # further machine-readable facts for the body (e.g. existing_client_id)


class Unauthorized(AppError):
    status_code = 401


class Forbidden(AppError):
    status_code = 403


class NotFound(AppError):
    status_code = 404


class Conflict(AppError):
    status_code = 409


class ValidationFailed(AppError):
    status_code = 422


class TooManyRequests(AppError):
    status_code = 429

    def __init__(self, detail: str, *, retry_after: int):
        super().__init__(detail, headers={"Retry-After": str(retry_after)})
        self.retry_after = retry_after


class ProviderError(AppError):
    """An external provider (Cora, Meta, SMTP) refused or failed; the message carries its reason."""

    status_code = 502


class Unavailable(AppError):
    """A service we depend on (AWS) could not take the work now: try again."""

    status_code = 503
