"""Charges (cobranças) as stored and as the API shows them, series of installments and the company's
charge rules (reminders, receipt, card move on payment)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from shared import keys
from shared.charges.cora_status import CANCELADA, EMITIDA, ERRO, PAGA, PENDENTE, VENCIDA
from shared.db.records import Record
from shared.validation import optional_text

Status = Literal["pendente", "emitida", "paga", "vencida", "cancelada", "erro"]
Form = Literal["boleto", "pix"]
OPEN_STATUSES = frozenset({PENDENTE, EMITIDA, VENCIDA, ERRO})  # still to be received
STATUS_LABELS = {PENDENTE: "Pendente", EMITIDA: "Emitida", PAGA: "Paga", VENCIDA: "Vencida",
                 CANCELADA: "Cancelada", ERRO: "Erro"}
FORM_LABELS = {"boleto": "Boleto", "pix": "PIX"}
MIN_CENTS = 500  # Cora's minimum invoice amount
MAX_CENTS = 10_000_000_000
MAX_SERIES = 48  # one transaction writes the series: header + charge and guard per installment + counter <= 100
Id = Annotated[str, Field(min_length=1, max_length=40)]
OptionalId = optional_text(40)
Description = Annotated[str, Field(min_length=1, max_length=100)]
# Percentages keep two decimals (what Cora and a person can use; DynamoDB numbers keep 38 digits).
FinePercent = Annotated[float, Field(ge=0, le=2), AfterValidator(lambda v: round(v, 2))]
InterestPercent = Annotated[float, Field(ge=0, le=1), AfterValidator(lambda v: round(v, 2))]


def _strip(value: object) -> object:
    return value.strip() if isinstance(value, str) else value


class ProviderFailure(BaseModel):
    """What Cora answered when it refused (or could not take) an operation."""

    code: str | None = None
    message: str
    at: str


class Penalties(BaseModel):
    """Fine (multa, % once) and interest (juros, % per month) after the due date; Brazilian law caps the
    fine at 2% and interest at 1% a month for consumer debts."""

    model_config = ConfigDict(extra="forbid")

    fine_percent: FinePercent | None = None
    interest_percent: InterestPercent | None = None


class ChargeFields(Penalties):
    client_id: Id
    card_id: OptionalId = None
    contract_id: OptionalId = None  # the contract (a document) this charge collects
    description: Description
    forms: list[Form] = Field(default_factory=lambda: ["boleto", "pix"], min_length=1, max_length=2)

    @field_validator("description", mode="before")
    @classmethod
    def _description(cls, value: object) -> object:
        return _strip(value)

    @field_validator("forms")
    @classmethod
    def _forms(cls, value: list[str]) -> list[str]:
        if len(set(value)) != len(value):
            raise ValueError("forma de pagamento repetida")
        return sorted(value)


class ChargeCreate(ChargeFields):
    amount_cents: Annotated[int, Field(ge=MIN_CENTS, le=MAX_CENTS)]
    due_date: date


class SeriesCreate(ChargeFields):
    """An installment plan: give the total (split with the extra centavos on the first installment) or
    the amount of each installment."""

    total_cents: Annotated[int, Field(ge=MIN_CENTS, le=MAX_CENTS)] | None = None
    installment_cents: Annotated[int, Field(ge=MIN_CENTS, le=MAX_CENTS)] | None = None
    installments: Annotated[int, Field(ge=1, le=MAX_SERIES)]
    first_due_date: date
    interval_months: Annotated[int, Field(ge=1, le=12)] = 1

    @model_validator(mode="after")
    def _one_amount(self) -> SeriesCreate:
        if (self.total_cents is None) == (self.installment_cents is None):
            raise ValueError("informe o valor total ou o valor de cada parcela (apenas um dos dois)")
        return self


class InstallmentPreview(BaseModel):
    installment: int
    due_date: date
    amount_cents: int


class SeriesPreview(BaseModel):
    total_cents: int
    installments: list[InstallmentPreview]


class HistoryEntry(BaseModel):
    at: str
    status: Status
    text: str
    actor_name: str | None = None


class ChargeRecord(Record, Penalties):
    entity = "charge"
    model_config = ConfigDict(extra="ignore")

    id: str
    tenant_id: str
    client_id: str
    client_name: str
    owner_id: str | None = None  # the client's owner when the charge was made (sellers see their own)
    card_id: str | None = None
    contract_id: str | None = None
    description: str
    amount_cents: int
    due_date: date
    forms: list[Form]
    status: Status = "pendente"
    series_id: str | None = None
    installment: int | None = None
    installments: int | None = None
    provider_id: str | None = None  # Cora's invoice id (inv_...)
    issue_generation: int = 1  # part of Cora's Idempotency-Key: a re-issue after erro is a new request
    barcode: str | None = None
    digitable_line: str | None = None
    pdf_url: str | None = None
    pix_emv: str | None = None
    paid_cents: int | None = None
    paid_at: str | None = None
    error: ProviderFailure | None = None
    history: list[HistoryEntry] = Field(default_factory=list)
    created_by: str | None = None
    created_at: str
    updated_at: str
    version: int = 1

    def keys(self) -> dict[str, str]:
        return {**keys.charge(self.tenant_id, self.id),
                **keys.charge_gsis(self.tenant_id, self.id, self.due_date.isoformat(), self.client_id,
                                   open_=self.status in OPEN_STATUSES)}

    def guard_key(self) -> keys.Key:
        return keys.charge_guard(self.tenant_id, self.client_id, self.due_date.isoformat(), self.amount_cents)


class ChargePublic(BaseModel):
    id: str
    client_id: str
    client_name: str
    card_id: str | None
    contract_id: str | None
    description: str
    amount_cents: int
    due_date: date
    forms: list[Form]
    fine_percent: float | None
    interest_percent: float | None
    status: Status
    status_label: str
    series_id: str | None
    installment: int | None
    installments: int | None
    provider_id: str | None
    barcode: str | None
    digitable_line: str | None
    digitable_line_formatted: str | None
    pdf_url: str | None
    pix_emv: str | None
    paid_cents: int | None
    paid_at: str | None
    error: ProviderFailure | None
    history: list[HistoryEntry]
    created_at: str
    updated_at: str
    can_cancel: bool
    can_reissue: bool
    can_simulate_payment: bool  # sandbox/stage only: Cora's test "pay" endpoint


class ChargeTotals(BaseModel):
    """Figures of the filtered period: still to receive (not overdue), overdue, and received."""

    pending_count: int
    pending_cents: int
    overdue_count: int
    overdue_cents: int
    paid_count: int
    paid_cents: int


class SeriesRecord(Record):
    entity = "charge_series"

    id: str
    tenant_id: str
    client_id: str
    charge_ids: list[str]
    total_cents: int
    installments: int
    interval_months: int
    first_due_date: date
    status: Literal["processando", "concluida", "com_erro"] = "processando"
    issued: int = 0
    failed: int = 0
    error: str | None = None
    created_by: str | None = None
    created_at: str
    updated_at: str

    def keys(self) -> dict[str, str]:
        return dict(keys.charge_series(self.tenant_id, self.id))


class SeriesPublic(BaseModel):
    id: str
    client_id: str
    status: Literal["processando", "concluida", "com_erro"]
    total_cents: int
    installments: int
    issued: int
    failed: int
    error: str | None = None
    charges: list[ChargePublic]


class ReminderRules(BaseModel):
    """Notices to the client about a charge, made into scheduled messages when it is issued."""

    model_config = ConfigDict(extra="forbid")

    channel: Literal["whatsapp", "email"] = "whatsapp"
    days_before: Annotated[int, Field(ge=1, le=30)] | None = 3
    on_due_date: bool = True
    overdue_every_days: Annotated[int, Field(ge=1, le=30)] | None = 3
    overdue_max: Annotated[int, Field(ge=0, le=10)] = 3
    whatsapp_template: optional_text(120) = None  # approved template (outside the 24-h window)


class ChargeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reminders_enabled: bool = False
    reminders: ReminderRules = Field(default_factory=ReminderRules)
    move_card_on_payment: bool = False  # a paid charge moves the client's card to Cliente Ativo
    receipt_on_payment: bool = False  # a paid charge makes a receipt (recibo) document
    default_fine_percent: FinePercent | None = 2.0
    default_interest_percent: InterestPercent | None = 1.0
