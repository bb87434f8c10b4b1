"""Base for entities stored in the single table: each entity owns its key and its item shape."""

from __future__ import annotations

from typing import Any, ClassVar, Self

from pydantic import BaseModel, ConfigDict

KEY_ATTRIBUTES = ("PK", "SK", "GSI1PK", "GSI1SK", "GSI2PK", "GSI2SK", "GSI3PK", "GSI3SK")


class Record(BaseModel):
    # defer_build: a record's validator is built on its first use, not at import (cold start).
    model_config = ConfigDict(extra="ignore", defer_build=True)

    entity: ClassVar[str] = ""

    def keys(self) -> dict[str, str]:  # pragma: no cover - every entity overrides it
        raise NotImplementedError

    def to_item(self) -> dict[str, Any]:
        return {**self.model_dump(mode="json", exclude_none=True), **self.keys(), "entity": self.entity}

    @classmethod
    def from_item(cls, item: dict[str, Any]) -> Self:
        return cls.model_validate({k: v for k, v in item.items() if k not in KEY_ATTRIBUTES})
