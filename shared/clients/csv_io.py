"""Client spreadsheets people upload, read without I/O: CSV bytes -> columns, rows -> client fields.

The encoding (UTF-8 with or without BOM, UTF-16 from Excel's "Unicode text", else Windows-1252 /
Latin-1), the delimiter (`;` or `,`), unique column names, the non-blank rows numbered as the
spreadsheet shows them (the header is line 1); the columns -> fields mapping (suggested from the
header names, checked when chosen) and each cell as its field's value (pt-BR money, numbers, dates,
tags, person type, origin). Writing CSV is `exporting.write`.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import re
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from shared.br.documents import clean
from shared.clients.custom_fields import CustomField
from shared.clients.models import FieldError
from shared.clients.vocab import FIELD_LABELS, ORIGINS
from shared.errors import ValidationFailed
from shared.text import fold

MAX_ROWS = 20_000
MAX_COLUMNS = 100
PREVIEW_ROWS = 10
DELIMITERS = (";", ",")

# Mappable fields, in the order the mapping screen lists them (custom fields follow).
FIELD_KEYS = (
    "full_name", "first_name", "last_name", "trade_name", "legal_name", "type", "document", "phone", "whatsapp",
    "email", "address.cep", "address.street", "address.number", "address.complement", "address.district",
    "address.city", "address.state", "origin", "channel", "campaign", "utm_source", "utm_medium", "utm_campaign",
    "utm_term", "utm_content", "tags", "notes", "values.opportunity_value_cents", "values.monthly_value_cents",
    "values.installments", "contract.number",
)
LABELS = {**FIELD_LABELS, "full_name": "Nome completo (separa nome e sobrenome)"}
NAME_FIELDS = ("full_name", "first_name", "trade_name", "legal_name")
# Header names people use, folded; checked before the field labels and keys.
ALIASES = {
    "full_name": ("nome", "nome completo", "cliente", "nome do cliente", "contato", "nome do contato", "lead"),
    "first_name": ("primeiro nome",), "last_name": ("sobrenome", "ultimo nome"),
    "trade_name": ("nome fantasia", "fantasia", "empresa", "nome da empresa"),
    "type": ("tipo", "tipo de pessoa", "pessoa", "pf/pj"),
    "document": ("cpf", "cnpj", "cpf/cnpj", "cnpj/cpf", "cpf ou cnpj", "documento"),
    "phone": ("telefone", "fone", "tel", "telefone fixo"),
    "whatsapp": ("whatsapp", "whats", "zap", "celular", "cel", "telefone celular"),
    "email": ("e-mail", "email", "e mail"), "address.street": ("rua", "logradouro", "endereco"),
    "address.number": ("numero", "no", "n"), "address.city": ("cidade", "municipio"),
    "address.state": ("uf", "estado"), "origin": ("origem", "fonte"),
    "tags": ("tags", "tag", "etiquetas", "marcadores"),
    "notes": ("observacoes", "observacao", "obs", "notas", "anotacoes"),
    "values.opportunity_value_cents": ("valor", "valor da oportunidade", "valor estimado"),
    "values.monthly_value_cents": ("valor mensal", "mensalidade"),
    "values.installments": ("parcelas", "numero de parcelas", "no de parcelas"),
    "contract.number": ("contrato", "numero do contrato", "no do contrato"),
}
_PF = {"pf", "f", "fisica", "pessoa fisica", "cpf"}
_PJ = {"pj", "j", "juridica", "pessoa juridica", "cnpj", "empresa"}


@dataclass
class CsvFile:
    encoding: str  # shown to people: "UTF-8", "UTF-16" or "Latin-1"
    delimiter: str
    columns: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet line, cells) of every non-blank data row


def _refuse(message: str) -> ValidationFailed:
    return ValidationFailed(message, field="file")


def decode(raw: bytes) -> tuple[str, str]:
    if raw[:4] == b"PK\x03\x04" or raw[:4] == b"\xd0\xcf\x11\xe0":
        raise _refuse("Este arquivo é uma planilha do Excel, não um CSV. No Excel, use Arquivo › Salvar como › "
                      "CSV e envie o arquivo .csv.")
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace"), "UTF-8"
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace"), "UTF-16"
    if b"\x00" in raw:
        raise _refuse("O arquivo não é um texto CSV. Envie a planilha salva como CSV.")
    for codec, label in (("utf-8", "UTF-8"), ("cp1252", "Latin-1")):
        with contextlib.suppress(UnicodeDecodeError):
            return raw.decode(codec), label
    return raw.decode("latin-1"), "Latin-1"  # every byte is a character


def sniff_delimiter(text: str) -> str:
    """`;` or `,`: the one that splits the first lines into the most, and most consistent, columns."""
    sample = text[:20_000].splitlines()[:20]
    best, best_score = DELIMITERS[0], (False, 0, 0)
    for delimiter in DELIMITERS:
        try:
            rows = [r for r in csv.reader(sample, delimiter=delimiter) if any(c.strip() for c in r)]
        except csv.Error:
            continue
        width = len(rows[0]) if rows else 0
        score = (width > 1, sum(len(r) == width for r in rows), width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def unique_columns(header: list[str]) -> list[str]:
    columns: list[str] = []
    for index, name in enumerate(header):
        name = " ".join(name.split())[:100] or f"Coluna {index + 1}"
        candidate, n = name, 2
        while candidate in columns:
            candidate, n = f"{name} ({n})", n + 1
        columns.append(candidate)
    return columns


def read(raw: bytes) -> CsvFile:
    """The whole file, checked: refuses (422, field `file`) what cannot be imported."""
    if not raw.strip():
        raise _refuse("O arquivo está vazio.")
    text, encoding = decode(raw)
    delimiter = sniff_delimiter(text)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 0
    try:
        for line, cells in enumerate(reader, start=1):
            if header is None:
                if any(c.strip() for c in cells):
                    header = cells
                continue
            if any(c.strip() for c in cells):
                rows.append((line, [c.strip() for c in cells]))
                if len(rows) > MAX_ROWS:
                    raise _refuse(f"O arquivo tem mais de {MAX_ROWS:,} linhas. Divida-o em arquivos menores."
                                  .replace(",", "."))
    except csv.Error:
        raise _refuse(f"Não foi possível ler a linha {line + 1} do arquivo: confira as aspas e o separador.") \
            from None
    if header is None:
        raise _refuse("O arquivo está vazio.")
    if len(header) > MAX_COLUMNS:
        raise _refuse(f"O arquivo tem mais de {MAX_COLUMNS} colunas. Deixe só as colunas dos clientes.")
    if not rows:
        raise _refuse("O arquivo só tem o cabeçalho: não há clientes para importar.")
    return CsvFile(encoding, delimiter, unique_columns(header), rows)


# --- columns -> fields -------------------------------------------------------------------------

def fields(defs: list[CustomField]) -> list[dict[str, str]]:
    return [{"key": k, "label": LABELS[k]} for k in FIELD_KEYS] + \
        [{"key": f"custom_fields.{d.key}", "label": d.label} for d in defs]


def _header_key(name: str) -> str:
    return fold(name).strip(" :*")


def suggest_mapping(columns: list[str], defs: list[CustomField]) -> dict[str, str | None]:
    guesses: dict[str, str] = {}
    for field, names in ALIASES.items():
        guesses.update({n: field for n in names if n not in guesses})
    for field in FIELD_KEYS:
        for name in (LABELS[field], field, field.split(".")[-1]):
            guesses.setdefault(_header_key(name), field)
    for d in defs:
        for name in (d.label, d.key or ""):
            guesses.setdefault(_header_key(name), f"custom_fields.{d.key}")
    mapping: dict[str, str | None] = {}
    for column in columns:
        field = guesses.get(_header_key(column))
        mapping[column] = field if field and field not in mapping.values() else None
    used = set(mapping.values())
    if "full_name" in used and "last_name" in used and "first_name" not in used:
        mapping = {c: "first_name" if f == "full_name" else f for c, f in mapping.items()}  # "Nome" + "Sobrenome"
    return mapping


def check_mapping(mapping: dict[str, str | None], columns: list[str], defs: list[CustomField]) -> dict[str, str]:
    """The columns that are imported, each to a distinct known field; refuses (422) anything else."""
    known = {f["key"] for f in fields(defs)}
    chosen: dict[str, str] = {}
    for column, field in mapping.items():
        where = f"mapping.{column}"
        if column not in columns:
            raise ValidationFailed(f"A coluna “{column}” não existe no arquivo.", field=where)
        if not field:
            continue
        if field not in known:
            raise ValidationFailed(f"Campo desconhecido para a coluna “{column}”: {field}.", field=where)
        if field in chosen.values():
            other = next(c for c, f in chosen.items() if f == field)
            raise ValidationFailed(f"{LABELS.get(field, field)}: escolhido para “{other}” e para “{column}”. "
                                   "Associe cada campo a uma coluna só.", field=where)
        chosen[column] = field
    if "full_name" in chosen.values() and {"first_name", "last_name"} & set(chosen.values()):
        column = next(c for c, f in chosen.items() if f == "full_name")
        raise ValidationFailed("Use Nome completo ou Nome e Sobrenome, não os dois.", field=f"mapping.{column}")
    if not set(NAME_FIELDS) & set(chosen.values()):
        raise ValidationFailed("Associe uma coluna ao nome do cliente (Nome completo, Nome, Nome comercial ou "
                               "Razão social).", field="mapping")
    return chosen


# --- cells -> values ---------------------------------------------------------------------------

def number(text: str) -> Decimal:
    """`1.234,56`, `1234,56`, `1234.56`, `1.234` (pt-BR thousands), with or without `R$`."""
    value = re.sub(r"[R$\s\u00a0]", "", text)
    if not re.fullmatch(r"\d[\d.,]*", value):
        raise ValueError(text)
    if "," in value and "." in value:
        decimal = "," if value.rfind(",") > value.rfind(".") else "."
    elif "," in value:
        decimal = ","
    else:
        decimal = "." if value.count(".") == 1 and len(value.rsplit(".", 1)[1]) != 3 else ""
    thousands = {",": ".", ".": ",", "": "."}[decimal]
    value = value.replace(thousands, "").replace(decimal or "\0", ".")
    try:
        return Decimal(value)
    except InvalidOperation:
        raise ValueError(text) from None


def _cents(field: str, text: str) -> int:
    try:
        return int((number(text) * 100).to_integral_value())
    except ValueError:
        raise FieldError(field, "informe um valor em reais, por exemplo 1.234,56") from None


def _integer(field: str, text: str) -> int:
    if not re.fullmatch(r"\d{1,6}", text):
        raise FieldError(field, "informe um número inteiro")
    return int(text)


def _person_type(text: str) -> str:
    key = fold(text)
    if key in _PF or key in _PJ:
        return "pf" if key in _PF else "pj"
    raise FieldError("type", "use PF (pessoa física) ou PJ (pessoa jurídica)")


def _origin(text: str) -> str:
    key = fold(text)
    for origin, label in ORIGINS.items():
        if key in (origin, fold(label)):
            return origin
    raise FieldError("origin", f"use uma destas: {', '.join(ORIGINS.values())}")


def _custom(field: CustomField, text: str) -> Any:
    if field.type == "date" and re.fullmatch(r"\d{1,2}/\d{1,2}/\d{4}", text):
        try:
            return datetime.strptime(text, "%d/%m/%Y").date().isoformat()
        except ValueError:
            raise FieldError(f"custom_fields.{field.key}", "data inválida (use dd/mm/aaaa)") from None
    if field.type == "number":
        try:
            return str(number(text))
        except ValueError:
            raise FieldError(f"custom_fields.{field.key}", "informe um número") from None
    return text


def _value(field: str, text: str, defs: dict[str, CustomField]) -> Any:
    if field == "tags":
        return [t for t in re.split(r"[,|;]", text) if t.strip()]
    if field == "type":
        return _person_type(text)
    if field == "origin":
        return _origin(text)
    if field in ("values.opportunity_value_cents", "values.monthly_value_cents"):
        return _cents(field, text)
    if field == "values.installments":
        return _integer(field, text)
    if field.startswith("custom_fields."):
        definition = defs.get(field.split(".", 1)[1])
        if definition is None:
            raise FieldError(field, "este campo personalizado não existe mais")
        return _custom(definition, text)
    return text


def row_values(mapping: dict[str, str], columns: list[str], cells: list[str],
               defs: list[CustomField]) -> dict[str, Any]:
    """The non-empty mapped cells of one row as (nested) client fields; raises FieldError."""
    by_key = {d.key or "": d for d in defs}
    data: dict[str, Any] = {}
    for index, column in enumerate(columns):
        field = mapping.get(column)
        text = cells[index].strip() if index < len(cells) else ""
        if not field or not text:
            continue
        value = _value(field, text, by_key)
        group, _, sub = field.partition(".")
        if sub:
            data.setdefault(group, {})[sub] = value
        else:
            data[field] = value
    return data


def named(data: dict[str, Any], person_type: str) -> dict[str, Any]:
    """`full_name` becomes first + last name (a person) or the trade name (a company)."""
    data = dict(data)
    full = data.pop("full_name", None)
    if full and person_type == "pj":
        data.setdefault("trade_name", full)
    elif full:
        first, _, last = full.partition(" ")
        data["first_name"], data["last_name"] = first, last.strip() or None
    return data


def for_create(data: dict[str, Any]) -> dict[str, Any]:
    """A new client from a row: the type from the document when not given; origin "importacao"."""
    person_type = data.get("type") or ("pj" if len(clean(data.get("document") or "")) == 14 else "pf")
    return {"origin": "importacao", **named(data, person_type), "type": person_type}
