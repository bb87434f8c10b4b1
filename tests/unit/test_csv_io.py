"""Reading uploaded client spreadsheets and writing the export: encodings, delimiters, mapping, cells."""

from __future__ import annotations

import codecs

import pytest

from shared.clients import csv_io
from shared.clients.custom_fields import CustomField
from shared.clients.exporting import day, money, write
from shared.clients.models import FieldError
from shared.errors import ValidationFailed

SEGMENT = CustomField(key="segmento", label="Segmento", type="choice", options=["Varejo"])
SINCE = CustomField(key="cliente_desde", label="Cliente desde", type="date")


def test_latin1_with_semicolons():
    raw = "Nome;Cidade;Observações\nJoão Açaí;São Paulo;ótimo\n".encode("cp1252")
    parsed = csv_io.read(raw)
    assert (parsed.encoding, parsed.delimiter) == ("Latin-1", ";")
    assert parsed.columns == ["Nome", "Cidade", "Observações"]
    assert parsed.rows == [(2, ["João Açaí", "São Paulo", "ótimo"])]


def test_utf8_bom_with_commas_quotes_and_blank_lines():
    raw = codecs.BOM_UTF8 + b'Nome,E-mail,Obs\r\n"Silva, Ana",ana@x.com,"linha 1\nlinha 2"\r\n,,\r\nBia,,\r\n'
    parsed = csv_io.read(raw)
    assert (parsed.encoding, parsed.delimiter) == ("UTF-8", ",")
    assert parsed.columns == ["Nome", "E-mail", "Obs"]
    assert parsed.rows == [(2, ["Silva, Ana", "ana@x.com", "linha 1\nlinha 2"]), (4, ["Bia", "", ""])]


def test_utf16_from_excel_unicode_text():
    parsed = csv_io.read("Nome;CPF\nAna;529.982.247-25\n".encode("utf-16"))
    assert parsed.encoding == "UTF-16" and parsed.rows == [(2, ["Ana", "529.982.247-25"])]


def test_duplicate_and_empty_headers_get_unique_names():
    assert csv_io.unique_columns(["Telefone", "", "Telefone", " Nome  completo "]) == \
        ["Telefone", "Coluna 2", "Telefone (2)", "Nome completo"]


@pytest.mark.parametrize(("raw", "words"), [
    (b"", "vazio"),
    (b"  \n\n", "vazio"),
    (b"Nome;CPF\n", "cabeçalho"),
    (b"PK\x03\x04rest-of-a-zip", "Excel"),
    (b"Nome\x00;CPF\nA;B", "CSV"),
    (("Nome\n" + "Ana\n" * (csv_io.MAX_ROWS + 1)).encode(), "20.000"),
    ((";".join(f"c{i}" for i in range(csv_io.MAX_COLUMNS + 1)) + "\nA").encode(), "colunas"),
])
def test_files_that_cannot_be_imported_are_422_on_the_file(raw, words):
    with pytest.raises(ValidationFailed) as exc:
        csv_io.read(raw)
    assert exc.value.field == "file" and words in exc.value.detail


def test_suggested_mapping_from_header_names():
    columns = ["Nome", "CPF/CNPJ", "Celular", "WhatsApp", "E-mail", "CEP", "Cidade", "UF", "Origem", "Campanha",
               "Tags", "Observações", "Valor", "Segmento", "Cor favorita"]
    mapping = csv_io.suggest_mapping(columns, [SEGMENT])
    assert mapping == {
        "Nome": "full_name", "CPF/CNPJ": "document", "Celular": "whatsapp", "WhatsApp": None, "E-mail": "email",
        "CEP": "address.cep", "Cidade": "address.city", "UF": "address.state", "Origem": "origin",
        "Campanha": "campaign", "Tags": "tags", "Observações": "notes", "Valor": "values.opportunity_value_cents",
        "Segmento": "custom_fields.segmento", "Cor favorita": None,
    }
    assert csv_io.suggest_mapping(["Nome", "Sobrenome", "Telefone", "Email"], []) == {
        "Nome": "first_name", "Sobrenome": "last_name", "Telefone": "phone", "Email": "email"}


@pytest.mark.parametrize(("mapping", "field", "words"), [
    ({"Nome": "first_name", "Outra": "email"}, "mapping.Outra", "não existe"),
    ({"Nome": "salario"}, "mapping.Nome", "desconhecido"),
    ({"Nome": "full_name", "CPF": "full_name"}, "mapping.CPF", "uma coluna só"),
    ({"Nome": "full_name", "CPF": "last_name"}, "mapping.Nome", "não os dois"),
    ({"Nome": None, "CPF": "document"}, "mapping", "nome do cliente"),
])
def test_bad_mappings_name_the_column(mapping, field, words):
    with pytest.raises(ValidationFailed) as exc:
        csv_io.check_mapping(mapping, ["Nome", "CPF"], [])
    assert exc.value.field == field and words in exc.value.detail


def test_custom_field_keys_are_mappable():
    assert csv_io.check_mapping({"Seg": "custom_fields.segmento"} | {"N": "full_name"}, ["N", "Seg"], [SEGMENT]) \
        == {"Seg": "custom_fields.segmento", "N": "full_name"}
    assert {"key": "custom_fields.segmento", "label": "Segmento"} in csv_io.fields([SEGMENT])


@pytest.mark.parametrize(("text", "cents"), [
    ("R$ 1.234,56", 123456), ("1234,56", 123456), ("1234.56", 123456), ("1.234", 123400), ("1,234.5", 123450),
    ("12.5", 1250), ("R$\u00a0900", 90000), ("1.234.567", 123456700), ("0,99", 99),
])
def test_money_in_the_forms_people_write_it(text, cents):
    assert csv_io.row_values({"V": "values.opportunity_value_cents"}, ["V"], [text], []) == \
        {"values": {"opportunity_value_cents": cents}}


def test_row_values_convert_each_cell():
    columns = ["Nome", "Tipo", "Tags", "Origem", "Parcelas", "Desde", "CEP", "Vazio"]
    mapping = {"Nome": "full_name", "Tipo": "type", "Tags": "tags", "Origem": "origin",
               "Parcelas": "values.installments", "Desde": "custom_fields.cliente_desde", "CEP": "address.cep",
               "Vazio": "email"}
    cells = ["Ana Maria Souza", "Pessoa Física", "vip| frio ,novo", "Indicação", "12", "05/03/2024", "01310-100", ""]
    data = csv_io.row_values(mapping, columns, cells, [SINCE])
    assert data == {"full_name": "Ana Maria Souza", "type": "pf", "tags": ["vip", " frio ", "novo"],
                    "origin": "indicacao", "values": {"installments": 12},
                    "custom_fields": {"cliente_desde": "2024-03-05"}, "address": {"cep": "01310-100"}}
    assert csv_io.for_create(data)["first_name"] == "Ana" and csv_io.for_create(data)["last_name"] == "Maria Souza"


def test_type_comes_from_the_document_and_names_follow_it():
    company = csv_io.for_create({"full_name": "Padaria Sol", "document": "11.222.333/0001-81"})
    assert company == {"origin": "importacao", "type": "pj", "trade_name": "Padaria Sol",
                       "document": "11.222.333/0001-81"}
    person = csv_io.for_create({"full_name": "Cher", "document": "529.982.247-25", "origin": "site"})
    assert person == {"origin": "site", "type": "pf", "first_name": "Cher", "last_name": None,
                      "document": "529.982.247-25"}


@pytest.mark.parametrize(("field", "text", "words"), [
    ("values.opportunity_value_cents", "mil reais", "reais"),
    ("values.installments", "doze", "inteiro"),
    ("type", "ONG", "PF"),
    ("origin", "rádio", "Indicação"),
    ("custom_fields.cliente_desde", "31/02/2024", "dd/mm/aaaa"),
])
def test_cells_that_cannot_be_read_name_their_field(field, text, words):
    with pytest.raises(FieldError) as exc:
        csv_io.row_values({"X": field}, ["X"], [text], [SINCE])
    assert exc.value.field == field and words in str(exc.value)


def test_export_writes_excel_ptbr_csv_without_formulas():
    raw = write(["Nome", "Valor"], [["=1+1", money(123456)], ["+55 11 98765-4321", money(5)], ["-", money(None)],
                                    ["@SOMA(A1)", money(10**10)]])
    assert raw.startswith(codecs.BOM_UTF8)
    assert raw.decode("utf-8-sig").splitlines() == [
        "Nome;Valor", "'=1+1;1.234,56", "+55 11 98765-4321;0,05", "-;", "'@SOMA(A1);100.000.000,00"]
    assert day("2026-01-01T02:00:00.000+00:00") == "31/12/2025"  # São Paulo calendar day
