"""Errors of client validation, apart from the models so light modules can raise them without building the
client models (imported at cold start by the functions that only validate their own requests)."""

from __future__ import annotations


class FieldError(ValueError):
    """A cross-field rule that belongs to one field (the HTTP layer reports that field)."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
