"""Documents: amounts in words, items and totals, the placeholder context, the default templates."""

from datetime import date
from decimal import Decimal

import pytest
from pydantic import ValidationError

from shared.clients.models import ClientRecord
from shared.documents import words
from shared.documents.content import Installment, LineItem, SellerInfo, totals
from shared.documents.context import (
    KINDS,
    PLACEHOLDERS,
    build_context,
    catalog,
    document_number,
    sample_company,
    sample_context,
)
from shared.documents.render import default_template, render, validate
from shared.errors import ValidationFailed


def make_client(**overrides) -> ClientRecord:
    """A client as the repository stores it (validated by the same model)."""
    data = {
        "id": "01JCLIENT", "tenant_id": "t1", "card_id": "01JCARD", "type": "pf", "first_name": "João",
        "last_name": "da Silva Araújo", "document": "52998224725", "phone": "+5511987654321",
        "whatsapp": "+5511987654321", "email": "joao@exemplo.com.br", "origin": "whatsapp",
        "address": {"cep": "30130010", "street": "Avenida Afonso Pena", "number": "1500", "complement": "Sala 3",
                    "district": "Centro", "city": "Belo Horizonte", "state": "MG"},
        "contract": {"number": "C-77", "start_date": "2026-01-05", "end_date": "2026-12-31"},
        "values": {"opportunity_value_cents": 1234567, "monthly_value_cents": 99000, "installments": 2,
                   "first_due_date": "2026-02-10"},
        "tags": ["VIP", "Indicação"], "notes": "Cliente antigo", "custom_fields": {"aniversario": "1980-05-17"},
        "consent": {"whatsapp": {"status": "granted", "legal_basis": "consentimento"}},
        "stage": "negociacao", "stage_entered_at": "2026-01-02T12:00:00+00:00",
        "last_activity_at": "2026-01-02T12:00:00+00:00", "expected_close_date": "2026-01-30",
        "created_at": "2025-12-20T15:00:00+00:00", "updated_at": "2026-01-02T12:00:00+00:00",
    }
    return ClientRecord.model_validate({**data, **overrides})


def make_company_client() -> ClientRecord:
    return make_client(type="pj", first_name=None, last_name=None, trade_name="Padaria Pão Quente",
                       legal_name="Pão Quente Alimentos Ltda", document="12ABC34501DE35")


def context_for(client=None, *, items=None, installments=None, seller=None, notes=None, kind="proposta"):
    items = items if items is not None else [
        LineItem(description="Consultoria de marketing", quantity=2, unit_price_cents=61728, discount_cents=0),
        LineItem(description="Landing page", quantity=1, unit_price_cents=1000, discount_cents=0),
    ]
    return build_context(kind=kind, number=document_number(kind, 2026, 1), company=sample_company(),
                         client=client or make_client(), seller=seller, items=items,
                         installments=installments or [], valid_until=date(2026, 12, 15), notes=notes,
                         today=date(2026, 12, 1))


# --- amounts and dates in words ------------------------------------------------------------------

@pytest.mark.parametrize(("cents", "expected"), [
    (100, "um real"),
    (200, "dois reais"),
    (1, "um centavo"),
    (50, "cinquenta centavos"),
    (101, "um real e um centavo"),
    (123456, "mil duzentos e trinta e quatro reais e cinquenta e seis centavos"),
    (100000, "mil reais"),
    (100100, "mil e um reais"),
    (110000, "mil e cem reais"),
    (2_000_000, "vinte mil reais"),
    (100_000_000, "um milhão de reais"),
    (250_000_000, "dois milhões e quinhentos mil reais"),
    (100_000_050, "um milhão de reais e cinquenta centavos"),
    (123_456_789, "um milhão duzentos e trinta e quatro mil quinhentos e sessenta e sete reais "
                  "e oitenta e nove centavos"),
    (1_000_123_400, "dez milhões e mil duzentos e trinta e quatro reais"),
    (300_000_000_000, "três bilhões de reais"),
    (0, "zero reais"),
])
def test_money_in_words(cents, expected):
    assert words.money(cents) == expected


def test_no_commas_in_words_and_dates_in_full():
    assert "," not in words.money(987_654_321_99)
    assert words.long_date(date(2026, 12, 1)) == "1 de dezembro de 2026"
    assert words.long_date(date(2027, 3, 15)) == "15 de março de 2027"


# --- items and totals ------------------------------------------------------------------------------

def test_line_totals_round_half_up_and_sum():
    a = LineItem(description="  Horas  de   suporte ", quantity=Decimal("1.5"), unit_price_cents=333)
    b = LineItem(description="Licença", quantity=3, unit_price_cents=10000, discount_cents=2500)
    assert a.description == "Horas de suporte"
    assert (a.gross_cents, a.total_cents) == (500, 500)  # 499,5 centavos round to 500
    assert b.total_cents == 27500
    t = totals([a, b])
    assert (t.subtotal_cents, t.discount_cents, t.total_cents) == (30500, 2500, 28000)
    assert b.model_dump(mode="json")["total_cents"] == 27500


def test_discount_above_the_line_is_refused_in_portuguese():
    with pytest.raises(ValidationError) as caught:
        LineItem(description="Site", quantity=2, unit_price_cents=1000, discount_cents=2001)
    error = caught.value.errors()[0]
    assert "o desconto (R$ 20,01) é maior que o valor do item (R$ 20,00)" in error["msg"]
    assert error["ctx"]["error"].field == "discount_cents"


@pytest.mark.parametrize("bad", [{"quantity": 0}, {"quantity": -1}, {"unit_price_cents": -1},
                                 {"discount_cents": -5}, {"description": "   "}])
def test_invalid_items_are_refused(bad):
    with pytest.raises(ValidationError):
        LineItem.model_validate({"description": "Site", "quantity": 1, "unit_price_cents": 1000, **bad})


# --- the context -----------------------------------------------------------------------------------

def test_context_formats_the_person_client():
    ctx = context_for()
    c = ctx["cliente"]
    assert c["nome"] == "João da Silva Araújo" and c["razao_social"] == "João da Silva Araújo"
    assert (c["documento"], c["documento_tipo"], c["pessoa_juridica"]) == ("529.982.247-25", "CPF", False)
    assert c["telefone"] == "(11) 98765-4321"
    assert c["endereco"] == "Avenida Afonso Pena, 1500, Sala 3 - Centro, Belo Horizonte/MG, CEP 30130-010"
    assert (c["cep"], c["uf"], c["cidade"]) == ("30130-010", "MG", "Belo Horizonte")
    assert (c["origem"], c["etapa"], c["situacao"]) == ("WhatsApp", "Negociação", "Ativo")
    assert (c["contrato_numero"], c["contrato_inicio"], c["contrato_fim"]) == ("C-77", "05/01/2026", "31/12/2026")
    assert (c["valor_oportunidade"], c["valor_mensal"]) == ("R$ 12.345,67", "R$ 990,00")
    assert (c["numero_parcelas"], c["primeiro_vencimento"]) == ("2", "10/02/2026")
    assert (c["previsao_fechamento"], c["cadastrado_em"]) == ("30/01/2026", "20/12/2025")
    assert c["tags"] == "VIP, Indicação"
    assert c["consentimento_whatsapp"] == "Concedido" and c["consentimento_email"] == "Não informado"
    assert c["campos"] == {"aniversario": "17/05/1980"}


def test_context_formats_the_company_client_with_alphanumeric_cnpj():
    c = context_for(make_company_client())["cliente"]
    assert (c["nome"], c["razao_social"], c["nome_comercial"]) == (
        "Padaria Pão Quente", "Pão Quente Alimentos Ltda", "Padaria Pão Quente")
    assert (c["documento"], c["documento_tipo"], c["tipo"]) == ("12.ABC.345/01DE-35", "CNPJ", "Pessoa jurídica")


def test_context_items_totals_installments_and_dates():
    items = [LineItem(description="Plano anual", quantity=1, unit_price_cents=123456, discount_cents=0),
             LineItem(description="Setup", quantity=Decimal("2.5"), unit_price_cents=1000, discount_cents=500)]
    installments = [Installment(number=1, due_date=date(2027, 1, 10), amount_cents=62228),
                    Installment(number=2, due_date=date(2027, 2, 10), amount_cents=62228)]
    ctx = context_for(items=items, installments=installments)
    assert ctx["itens"][1] == {"numero": 2, "nome": "Setup", "quantidade": "2,5", "preco_unitario": "R$ 10,00",
                               "desconto": "R$ 5,00", "total": "R$ 20,00"}
    assert ctx["totais"] == {"subtotal": "R$ 1.259,56", "desconto": "R$ 5,00", "total": "R$ 1.254,56",
                             "total_extenso": "mil duzentos e cinquenta e quatro reais e cinquenta e seis centavos",
                             "tem_desconto": True}
    assert ctx["parcelas"][1] == {"numero": 2, "vencimento": "10/02/2027", "valor": "R$ 622,28",
                                  "valor_extenso": "seiscentos e vinte e dois reais e vinte e oito centavos"}
    assert (ctx["hoje"], ctx["hoje_extenso"]) == ("01/12/2026", "1 de dezembro de 2026")
    assert ctx["documento"] == {"numero": "PROP-2026-0001", "tipo": "Proposta comercial", "validade": "15/12/2026",
                                "validade_extenso": "15 de dezembro de 2026", "observacoes": ""}
    assert ctx["empresa"]["cnpj"] == "27.182.818/0001-29" and ctx["cidade"] == "São Paulo"


def test_context_without_seller_has_empty_seller_fields_and_notes_keep_their_lines():
    ctx = context_for(notes="Linha 1 <b>\nLinha 2")
    assert ctx["vendedor"] == {"nome": "", "email": "", "telefone": ""}
    assert render("{{ documento.observacoes }}", ctx) == "Linha 1 &lt;b&gt;<br>Linha 2"
    seller = SellerInfo(name="Rafa", email="rafa@exemplo.com.br", phone="+5511912345678")
    assert context_for(seller=seller)["vendedor"]["telefone"] == "(11) 91234-5678"


def test_every_client_field_reaches_a_placeholder():
    """A field added to ClientRecord must be given a placeholder here or be listed as internal."""
    internal = {"id", "tenant_id", "card_id", "owner_id", "merged_into", "stage_entered_at", "last_activity_at",
                "milestones", "version", "updated_at", "created_by"}
    placeholders = {
        "type": "tipo", "first_name": "primeiro_nome", "last_name": "sobrenome", "trade_name": "nome_comercial",
        "legal_name": "razao_social", "document": "documento", "phone": "telefone", "whatsapp": "whatsapp",
        "email": "email", "address": "endereco", "origin": "origem", "channel": "canal", "campaign": "campanha",
        "utm_source": "utm_source", "utm_medium": "utm_medium", "utm_campaign": "utm_campaign",
        "utm_term": "utm_term", "utm_content": "utm_content", "contract": "contrato_numero",
        "values": "valor_oportunidade", "tags": "tags", "notes": "observacoes", "consent": "consentimento_email",
        "custom_fields": "campos", "status": "situacao", "stage": "etapa", "next_step": "proximo_passo",
        "next_step_due": "proximo_passo_data", "expected_close_date": "previsao_fechamento",
        "loss_reason": "motivo_perda", "created_at": "cadastrado_em",
    }
    assert set(ClientRecord.model_fields) == internal | set(placeholders)
    client = context_for()["cliente"]
    assert all(name in client for name in placeholders.values())


def test_the_catalog_covers_every_value_of_the_context_and_each_entry_exists():
    sample = sample_context()
    listed = {p for p, _ in PLACEHOLDERS}

    def leaves(value, prefix):
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from leaves(inner, f"{prefix}.{key}" if prefix else key)
        else:
            yield prefix

    names = set(leaves({k: v for k, v in sample.items() if k not in ("itens", "parcelas")}, ""))
    names |= {f"item.{k}" for k in sample["itens"][0]} | {f"parcela.{k}" for k in sample["parcelas"][0]}
    names = {n if not n.startswith("cliente.campos.") else "cliente.campos.CHAVE" for n in names}
    assert names == listed
    examples = {p: example for p, _, example in catalog()}
    assert examples["cliente.documento"] == "529.982.247-25"
    assert examples["totais.total"] == "R$ 8.850,00"
    assert examples["hoje_extenso"] == "2 de março de 2026"
    dict_methods = set(dir(dict))
    assert not any(part in dict_methods for p in listed for part in p.split("."))  # {{ x.items }} would clash


# --- templates -------------------------------------------------------------------------------------

@pytest.mark.parametrize("kind", list(KINDS))
@pytest.mark.parametrize("client", [make_client(), make_company_client()], ids=["pf", "pj"])
def test_every_default_template_renders_with_a_real_client(kind, client):
    installments = [Installment(number=n, due_date=date(2027, n, 5), amount_cents=62064) for n in (1, 2)]
    seller = SellerInfo(name="Rafael Costa", email="rafael@exemplo.com.br")
    html = render(default_template(kind), context_for(client, installments=installments, seller=seller,
                                                      notes="Entrega em 10 dias úteis.", kind=kind))
    assert client.display_name in html or (client.legal_name or "") in html
    assert "{{" not in html and "{%" not in html
    assert "R$ 1.244,56" in html  # the total (2 × 617,28 + 10,00)
    expected_document = "529.982.247-25" if client.type == "pf" else "12.ABC.345/01DE-35"
    assert expected_document in html
    if kind in ("contrato", "recibo"):
        assert "mil duzentos e quarenta e quatro reais e cinquenta e seis centavos" in html
    if kind == "contrato":
        assert "13.709/2018" in html and "foro da comarca de São Paulo/SP" in html
        assert "05/02/2027" in html and "seiscentos e vinte reais e sessenta e quatro centavos" in html
    if kind == "recibo":
        assert "Recebi(emos) de" in html and "a quantia de <b>R$ 1.244,56</b>" in html


@pytest.mark.parametrize("kind", list(KINDS))
def test_default_templates_pass_the_save_check(kind):
    assert "Mariana Souza Lima" in validate(default_template(kind), kind=kind)


def test_client_data_is_escaped_in_documents():
    client = make_client(first_name="<script>alert(1)</script>", last_name="<img src=x>")
    html = render(default_template("proposta"), context_for(client))
    assert "<script>" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


def test_validate_refuses_unknown_placeholders_with_line_and_choices():
    with pytest.raises(ValidationFailed) as caught:
        validate("<p>Olá</p>\n<p>{{ cliente.cpf }}</p>", field="body")
    assert caught.value.field == "body"
    assert "Variável desconhecida no modelo: cliente.cpf (linha 2)" in caught.value.detail
    assert "{{ cliente.documento }}" in caught.value.detail


@pytest.mark.parametrize(("source", "message"), [
    ('<p><img src="http://169.254.169.254/latest"></p>', "a marcação <img>"),
    ("<script>alert(1)</script>", "a marcação <script>"),
    ('<p><font face="courier">x</font></p>', "o atributo face"),
    ('<p><a href="javascript:alert(1)">x</a></p>', "deve começar com https://"),
    ("<table><tr><td><b>a</b> b</td></tr></table>", "dentro de uma célula de tabela"),
    ("{{ cliente.nome ", "erro de sintaxe na linha 1"),
    ("", "Escreva o modelo"),
])
def test_validate_refuses_what_the_pdf_cannot_print(source, message):
    with pytest.raises(ValidationFailed) as caught:
        validate(source)
    assert message in caught.value.detail


def test_unknown_kind_is_refused():
    with pytest.raises(ValidationFailed):
        default_template("boleto")


def test_an_unknown_field_names_a_few_right_ones_not_all():
    from shared.documents import render as documents_render
    from shared.documents.context import sample_context
    from shared.errors import ValidationFailed
    from shared.templating import MAX_LISTED

    with pytest.raises(ValidationFailed) as caught:
        documents_render.render("<p>Olá</p>\n<p>{{ cliente.apelido }}</p>", sample_context())
    detail = caught.value.detail
    assert "cliente.apelido" in detail and "(linha 2)" in detail
    assert detail.count("{{ cliente.") == MAX_LISTED and "e mais" in detail
