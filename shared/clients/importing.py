"""CSV import of clients: upload and preview, start, the background job and its per-row report.

Items: the import `T#<tid>#IMPORT#<id>` / `IMPORT` (status, mapping, counters, worker lease) and one
item per processed row under the same partition (`ROW#<line>`), both expiring after 90 days; the
file itself in the documents bucket (`tenants/<tid>/imports/<id>.csv`, tagged for expiry).

The job validates each row with the same models and service as the API, as the importing user
(rebuilt from the stored user id, so permissions and data scope are theirs). It records every row
right after writing it and checkpoints the counters every few rows; a re-invocation takes the lease,
adds up the rows recorded since the last checkpoint and continues after the last recorded line.
"""

from __future__ import annotations

import time
from typing import Any, Literal

from pydantic import BaseModel, Field, ValidationError

from shared import clock, jobs, keys
from shared.auth.access import check
from shared.auth.principal import Principal, build_principal, load_account
from shared.aws import client
from shared.clients import csv_io, custom_fields, merging, service
from shared.clients.models import ClientCreate, FieldError
from shared.clients.repository import DuplicateClient
from shared.db.cursor import decode_cursor, encode_cursor
from shared.db.records import Record
from shared.db.table import ConditionFailed, Table, TransactionFailed
from shared.errors import AppError, Conflict, NotFound, ValidationFailed
from shared.http.errors import validation_payload
from shared.ids import is_valid_id, new_id
from shared.observability import logger
from shared.settings import get_settings

JOB = "clients.import"
MAX_BYTES = 4 * 1024 * 1024  # a 4 MB file still fits Lambda's 6 MB request once base64-encoded
CHECKPOINT_EVERY = 25
TIME_MARGIN = 5.0  # seconds kept free before an invocation's timeout
KEEP_DAYS = 90
NOT_FOUND = "Importação não encontrada."
BUSY = "Não foi possível gravar esta linha agora (muitas alterações ao mesmo tempo). Importe-a de novo."
UNEXPECTED = "A importação parou por um erro inesperado. Inicie de novo para continuar de onde parou."
Outcome = Literal["created", "merged", "skipped", "failed"]


class FileTooLarge(AppError):
    status_code = 413


class ImportState(BaseModel):
    """What the API shows of an import."""

    id: str
    status: Literal["preview", "running", "done", "failed"] = "preview"
    file_name: str
    encoding: str
    delimiter: str
    columns: list[str]
    preview_rows: list[list[str]]
    suggested_mapping: dict[str, str | None]
    on_duplicate: Literal["skip", "merge"] | None = None
    total: int
    processed: int = 0
    created: int = 0
    merged: int = 0
    skipped: int = 0
    failed: int = 0
    error: str | None = None
    created_at: str
    finished_at: str | None = None


class ImportField(BaseModel):
    key: str
    label: str


class ImportPublic(ImportState):
    fields: list[ImportField]

    @classmethod
    def of(cls, record: ImportRecord, defs: list[custom_fields.CustomField]) -> ImportPublic:
        data = record.model_dump(include=set(ImportState.model_fields))
        data["suggested_mapping"] = {c: record.suggested_mapping.get(c) for c in record.columns}
        return cls(**data, fields=csv_io.fields(defs))


class ImportRecord(Record, ImportState):
    entity = "client_import"

    tenant_id: str
    created_by: str
    mapping: dict[str, str] | None = None
    last_line: int = 1  # the last spreadsheet line processed (1: the header)
    started_at: str | None = None
    lease_id: str | None = None
    lease_until: int | None = None
    expires_at: int

    def keys(self) -> dict[str, str]:
        return dict(keys.client_import(self.tenant_id, self.id))

    def count(self, row: ImportRow) -> None:
        self.processed += 1
        self.last_line = max(self.last_line, row.line)
        setattr(self, row.outcome, getattr(self, row.outcome) + 1)


class ImportStart(BaseModel):
    mapping: dict[str, str | None] = Field(max_length=csv_io.MAX_COLUMNS)
    on_duplicate: Literal["skip", "merge"] = "skip"


class ImportRow(BaseModel):
    line: int
    outcome: Outcome
    client_id: str | None = None
    field: str | None = None
    message: str | None = None


COUNTERS = ("processed", "last_line", "created", "merged", "skipped", "failed")


def _file_key(record: ImportRecord) -> str:
    return f"tenants/{record.tenant_id}/imports/{record.id}.csv"


# --- requests ------------------------------------------------------------------------------------

def upload(principal: Principal, file_name: str | None, raw: bytes) -> ImportPublic:
    if len(raw) > MAX_BYTES:
        raise FileTooLarge(f"O arquivo passa de {MAX_BYTES // 2**20} MB. Divida-o em arquivos menores.",
                           field="file")
    parsed = csv_io.read(raw)
    tenant = principal.tenant_id or ""
    defs = custom_fields.definitions(tenant)
    width = len(parsed.columns)
    record = ImportRecord(
        id=new_id(), tenant_id=tenant, created_by=principal.user_id, file_name=(file_name or "clientes.csv")[:200],
        encoding=parsed.encoding, delimiter=parsed.delimiter, columns=parsed.columns,
        preview_rows=[[c[:80] for c in (cells + [""] * width)[:width]] for _, cells in
                      parsed.rows[:csv_io.PREVIEW_ROWS]],
        suggested_mapping=csv_io.suggest_mapping(parsed.columns, defs), total=len(parsed.rows),
        created_at=clock.now_iso(), expires_at=clock.epoch_seconds() + KEEP_DAYS * 86_400)
    client("s3").put_object(Bucket=get_settings().documents_bucket, Key=_file_key(record), Body=raw,
                            ContentType="text/csv", Tagging="purpose=client-import")
    Table().put(record.to_item(), condition="attribute_not_exists(PK)")
    return ImportPublic.of(record, defs)


def get(principal: Principal, import_id: str) -> ImportRecord:
    tenant = principal.tenant_id or ""
    item = Table().get(keys.client_import(tenant, import_id), consistent=True) if is_valid_id(import_id) else None
    record = ImportRecord.from_item(item) if item else None
    if record is None or not (service.sees_all(principal) or record.created_by == principal.user_id):
        raise NotFound(NOT_FOUND)
    return record


def public(principal: Principal, import_id: str) -> ImportPublic:
    return ImportPublic.of(get(principal, import_id), custom_fields.definitions(principal.tenant_id or ""))


def start(principal: Principal, import_id: str, body: ImportStart) -> ImportPublic:
    """Queues the import. One that failed, or whose worker died, continues where it stopped, with the
    mapping it had (a running worker holds a lease; two workers never share an import)."""
    record = get(principal, import_id)
    defs = custom_fields.definitions(record.tenant_id)
    if record.status == "done" or (record.status == "running" and (record.lease_until or 0) > clock.epoch_seconds()):
        raise Conflict("Esta importação já foi iniciada.")
    if record.status == "running":
        jobs.run_async(JOB, {"tenant_id": record.tenant_id, "import_id": record.id})
        return ImportPublic.of(record, defs)
    if record.status == "failed" and record.mapping:
        mapping, on_duplicate = record.mapping, record.on_duplicate or body.on_duplicate
    else:
        mapping, on_duplicate = csv_io.check_mapping(body.mapping, record.columns, defs), body.on_duplicate
    now = clock.now_iso()
    try:
        Table().update(keys.client_import(record.tenant_id, record.id),
                       "SET #status = :running, mapping = :mapping, on_duplicate = :dup, started_at = :now "
                       "REMOVE #error, finished_at", condition="#status = :was",
                       names={"#status": "status", "#error": "error"}, return_new=False,
                       values={":running": "running", ":mapping": mapping, ":dup": on_duplicate, ":now": now,
                               ":was": record.status})
    except ConditionFailed:
        raise Conflict("Esta importação já foi iniciada.") from None
    record = record.model_copy(update={"status": "running", "mapping": mapping, "on_duplicate": on_duplicate,
                                       "started_at": now, "error": None, "finished_at": None})
    answer = ImportPublic.of(record, defs)
    jobs.run_async(JOB, {"tenant_id": record.tenant_id, "import_id": record.id})
    return answer


def rows(principal: Principal, import_id: str, *, outcome: str | None, cursor: str | None,
         limit: int) -> tuple[list[ImportRow], str | None]:
    record = get(principal, import_id)
    tenant, start_key = record.tenant_id, decode_cursor(cursor, record.tenant_id)
    if outcome:
        page = Table().query(keys.client_import_rows_pk(tenant, record.id, outcome), index="GSI1", limit=limit,
                             start_key=start_key)
    else:
        page = Table().query(keys.client_import(tenant, record.id).pk, sk_prefix="ROW#", limit=limit,
                             start_key=start_key)
    return [ImportRow.model_validate(i) for i in page.items], encode_cursor(page.last_key, tenant)


# --- the job -------------------------------------------------------------------------------------

@jobs.job(JOB)
def run(payload: dict[str, Any], time_left) -> bool:
    tenant, import_id = str(payload.get("tenant_id", "")), str(payload.get("import_id", ""))
    item = Table().get(keys.client_import(tenant, import_id), consistent=True) \
        if is_valid_id(tenant) and is_valid_id(import_id) else None
    if not item:
        raise NotFound(NOT_FOUND)
    claimed = jobs.claim(keys.client_import(tenant, import_id), time_left, condition="#status = :running",
                         names={"#status": "status"}, values={":running": "running"})
    if claimed is None:
        return True  # not running, or another invocation holds it
    lease, item = claimed
    record = ImportRecord.from_item(item)
    try:
        return _work(record, lease, time_left)
    except jobs.LeaseLost:
        return True
    except AppError as exc:
        _save(_resume(record), lease, status="failed", error=exc.detail)
    except Exception:
        logger.exception("client import failed", extra={"import_id": record.id})
        _save(_resume(record), lease, status="failed", error=UNEXPECTED)
    return True


def _work(record: ImportRecord, lease: str, time_left) -> bool:
    principal = _principal(record)
    defs = custom_fields.definitions(record.tenant_id)
    record = _resume(record)
    progress_at_start = record.processed
    body = client("s3").get_object(Bucket=get_settings().documents_bucket, Key=_file_key(record))["Body"].read()
    for line, cells in csv_io.read(body).rows:
        if line <= record.last_line:
            continue
        if time_left() < TIME_MARGIN:
            if record.processed == progress_at_start:  # no progress possible: never requeue forever
                raise ValidationFailed("A importação não teve tempo de processar nenhuma linha.")
            _save(record, lease, release=True)
            return False
        for attempt in range(3):  # a transaction cancelled by concurrent writes (counters) applied nothing
            try:
                row = _import_row(principal, record, defs, line, cells)
                break
            except TransactionFailed:
                time.sleep(0.2 * (attempt + 1))
        else:
            row = ImportRow(line=line, outcome="failed", message=BUSY)
        Table().put({**keys.client_import_row(record.tenant_id, record.id, line), **row.model_dump(),
                     **keys.client_import_rows_gsi1(record.tenant_id, record.id, row.outcome, line),
                     "entity": "client_import_row", "tenant_id": record.tenant_id, "import_id": record.id,
                     "expires_at": record.expires_at})
        record.count(row)
        if record.processed % CHECKPOINT_EVERY == 0:
            _save(record, lease)
    _save(record, lease, status="done")
    return True


def _principal(record: ImportRecord) -> Principal:
    user, tenant, roles, _ = load_account(record.tenant_id, record.created_by)
    if user is None:
        raise ValidationFailed("O usuário que iniciou a importação não existe mais.")
    principal = build_principal(user, tenant, roles, f"import:{record.id}")
    check(principal, "clientes:import")
    return principal


def _resume(record: ImportRecord) -> ImportRecord:
    """The last checkpoint plus the rows recorded after it (a worker may have stopped in between)."""
    record = record.model_copy()
    after = keys.client_import_row(record.tenant_id, record.id, record.last_line + 1).sk
    for item in Table().query_all(keys.client_import(record.tenant_id, record.id).pk, sk_between=(after, "ROW#~")):
        record.count(ImportRow.model_validate(item))
    return record


def _save(record: ImportRecord, lease: str, *, status: str | None = None, error: str | None = None,
          release: bool = False) -> None:
    """Checkpoint the counters (renewing the lease), or end this invocation: release, or finish."""
    fields: dict[str, Any] = {name: getattr(record, name) for name in COUNTERS}
    if status:
        fields.update({"status": status, "finished_at": clock.now_iso(), **({"error": error} if error else {})})
    jobs.save_claimed(keys.client_import(record.tenant_id, record.id), lease, fields, release=release or bool(status))


# --- one row -------------------------------------------------------------------------------------

def _import_row(principal: Principal, record: ImportRecord, defs: list[custom_fields.CustomField], line: int,
                cells: list[str]) -> ImportRow:
    columns = {f: c for c, f in (record.mapping or {}).items()}
    labels = {**csv_io.LABELS, **{f"custom_fields.{d.key}": d.label for d in defs}}

    def failed(field: str | None, message: str) -> ImportRow:
        column = columns.get(field or "") or (columns.get("full_name") if field in (*csv_io.NAME_FIELDS,
                                                                                    "last_name") else None)
        where = f"{labels.get(field or '', field)}" + (f" (coluna “{column}”)" if column else "")
        return ImportRow(line=line, outcome="failed", field=field,
                         message=f"{where}: {message.rstrip('.')}." if field else message)

    try:
        data = csv_io.row_values(record.mapping or {}, record.columns, cells, defs)
        new = ClientCreate.model_validate(csv_io.for_create(data))
        try:
            created = service.create(principal, new, event_kind="imported",
                                     event_data={"import_id": record.id, "line": line})
            return ImportRow(line=line, outcome="created", client_id=created.id)
        except DuplicateClient as dup:
            if record.on_duplicate != "merge":
                return ImportRow(line=line, outcome="skipped", client_id=dup.existing_client_id, field=dup.field,
                                 message=dup.detail)
            try:
                merged = merging.absorb(principal, dup.existing_client_id, data)
            except NotFound:
                return ImportRow(line=line, outcome="failed", field=dup.field,
                                 message=f"{dup.detail} Ele é de outro responsável e não foi atualizado.")
            return ImportRow(line=line, outcome="merged", client_id=merged.id)
    except FieldError as exc:
        return failed(exc.field, str(exc))
    except ValidationError as exc:  # the API's own wording of the same rules
        first = validation_payload(list(exc.errors()))["errors"][0]
        return failed(first["field"] or None, first["message"])
    except AppError as exc:
        return ImportRow(line=line, outcome="failed", field=exc.field, message=exc.detail)
