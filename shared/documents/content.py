"""What a document is made of: its items (with discounts), installments, the issuing company and
the seller. The service fills these; `context` turns them into placeholders.

The company is `shared.company.models.CompanyInfo` (filled by `shared.company.service.company_info`);
it is re-exported here so documents code imports its inputs from one place.
"""

from __future__ import annotations

from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, computed_field, model_validator

from shared.br.format import brl
from shared.clients.models import FieldError
from shared.company.models import CompanyInfo
from shared.validation import Email, blank_to_none, optional_text

__all__ = ["CompanyInfo", "Installment", "LineItem", "SellerInfo", "Totals", "totals"]

Cents = Annotated[int, Field(ge=0, le=10_000_000_000)]  # up to R$ 100 milhões
Quantity = Annotated[Decimal, Field(gt=0, le=1_000_000, max_digits=13, decimal_places=3)]


def _strip(value: object) -> object:
    return " ".join(value.split()) if isinstance(value, str) else value


class LineItem(BaseModel):
    """One line: quantity × unit price, less its discount."""

    model_config = ConfigDict(extra="forbid")

    description: Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=300)]
    quantity: Quantity = Decimal(1)
    unit_price_cents: Cents
    discount_cents: Cents = 0

    @property
    def gross_cents(self) -> int:
        """quantity × unit price, rounded to the centavo (half up, as people round money)."""
        return int((self.quantity * self.unit_price_cents).quantize(Decimal(1), rounding=ROUND_HALF_UP))

    @computed_field
    @property
    def total_cents(self) -> int:
        return self.gross_cents - self.discount_cents

    @model_validator(mode="after")
    def _discount_fits(self) -> LineItem:
        if self.discount_cents > self.gross_cents:
            raise FieldError("discount_cents", f"o desconto ({brl(self.discount_cents)}) é maior que o valor "
                                               f"do item ({brl(self.gross_cents)})")
        return self


class Installment(BaseModel):
    model_config = ConfigDict(extra="forbid")

    number: Annotated[int, Field(ge=1, le=360)]
    due_date: date
    amount_cents: Annotated[int, Field(ge=1, le=10_000_000_000)]


class SellerInfo(BaseModel):
    """Who sells (the user issuing the document, or the client's owner)."""

    model_config = ConfigDict(extra="forbid")

    name: Annotated[str, BeforeValidator(_strip), Field(min_length=1, max_length=120)]
    email: Annotated[Email | None, BeforeValidator(blank_to_none)] = None
    phone: optional_text(30) = None  # E.164 or as typed; shown with format_phone


class Totals(BaseModel):
    subtotal_cents: int  # sum of quantity × unit price
    discount_cents: int  # sum of the lines' discounts
    total_cents: int


def totals(items: list[LineItem]) -> Totals:
    subtotal = sum(item.gross_cents for item in items)
    discount = sum(item.discount_cents for item in items)
    return Totals(subtotal_cents=subtotal, discount_cents=discount, total_cents=subtotal - discount)
