"""The placeholders a document template can use ({{ cliente.nome }}, {{ totais.total }}, ...): every
value already written for people (R$ 1.234,56, dd/mm/aaaa, masked CPF/CNPJ, amounts in words).

`build_context` fills them for one document; `sample_context` fills them with realistic fake data
(the editor's preview and `render.validate`); `catalog` lists them for the editor, with examples.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from markupsafe import Markup, escape

from shared.br.address import mask_cep
from shared.br.documents import mask_cnpj, mask_document
from shared.br.format import brl, day
from shared.br.phones import format_phone
from shared.clients.models import Address, ClientRecord
from shared.clients.vocab import CONSENT_STATUSES, ORIGINS
from shared.company.models import one_line_address
from shared.documents import words
from shared.documents.content import CompanyInfo, Installment, LineItem, SellerInfo, totals
from shared.funnel.stages import STAGES

Kind = Literal["proposta", "contrato", "pedido", "recibo"]
KINDS: dict[str, str] = {"proposta": "Proposta comercial", "contrato": "Contrato", "pedido": "Pedido",
                         "recibo": "Recibo"}
PREFIXES: dict[str, str] = {"proposta": "PROP", "contrato": "CONT", "pedido": "PED", "recibo": "REC"}
STATUSES = {"active": "Ativo", "archived": "Arquivado", "anonymized": "Anonimizado"}


def document_number(kind: str, year: int, sequence: int) -> str:
    """("proposta", 2026, 1) -> "PROP-2026-0001"."""
    return f"{PREFIXES[kind]}-{year}-{sequence:04d}"


def _quantity(value: Decimal | int) -> str:
    """2 -> "2", 1.5 -> "1,5", 1000 -> "1.000"."""
    value = Decimal(value).normalize()
    whole, _, fraction = f"{value:,f}".partition(".")
    return whole.replace(",", ".") + (f",{fraction}" if fraction else "")


def _lines(text: str | None) -> Markup:
    """Text typed with line breaks, escaped, with <br> where the lines were."""
    return Markup("<br>").join(escape(line) for line in (text or "").strip().splitlines())


def _address(address: Address | None) -> dict[str, str]:
    a = address or Address()
    return {"endereco": one_line_address(address), "logradouro": a.street or "", "numero": a.number or "",
            "complemento": a.complement or "", "bairro": a.district or "", "cidade": a.city or "",
            "uf": a.state or "", "cep": mask_cep(a.cep) or ""}


def _custom(value: Any) -> str:
    if isinstance(value, bool):
        return "Sim" if value else "Não"
    if isinstance(value, int | float | Decimal):
        return _quantity(Decimal(str(value)))
    if isinstance(value, list):
        return ", ".join(_custom(v) for v in value)
    if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return day(value)
    return "" if value is None else str(value)


def company_placeholders(company: CompanyInfo) -> dict[str, Any]:
    """The `empresa.*` placeholders."""
    return {"nome": company.name, "razao_social": company.legal_name,
            "cnpj": mask_cnpj(company.cnpj) if company.cnpj else "",
            "inscricao_estadual": company.state_registration or "",
            "inscricao_municipal": company.municipal_registration or "",
            **_address(company.address), "telefone": format_phone(company.phone) or "",
            "email": company.email or "", "site": company.website or ""}


def _client(client: ClientRecord) -> dict[str, Any]:
    pj = client.type == "pj"
    contract, values = client.contract, client.values
    full_name = " ".join(p for p in (client.first_name, client.last_name) if p)
    return {
        "nome": client.display_name, "tipo": "Pessoa jurídica" if pj else "Pessoa física", "pessoa_juridica": pj,
        "primeiro_nome": client.first_name or "", "sobrenome": client.last_name or "",
        "nome_comercial": client.trade_name or "",
        "razao_social": (client.legal_name or client.display_name) if pj else (full_name or client.display_name),
        "documento": mask_document(client.document) or "", "documento_tipo": "CNPJ" if pj else "CPF",
        "telefone": format_phone(client.phone) or "", "whatsapp": format_phone(client.whatsapp) or "",
        "email": client.email or "", **_address(client.address),
        "origem": ORIGINS.get(client.origin, client.origin), "canal": client.channel or "",
        "campanha": client.campaign or "", "utm_source": client.utm_source or "",
        "utm_medium": client.utm_medium or "", "utm_campaign": client.utm_campaign or "",
        "utm_term": client.utm_term or "", "utm_content": client.utm_content or "",
        "contrato_numero": (contract.number or "") if contract else "",
        "contrato_inicio": day(contract.start_date) if contract else "",
        "contrato_fim": day(contract.end_date) if contract else "",
        "valor_oportunidade": brl(values.opportunity_value_cents), "valor_mensal": brl(values.monthly_value_cents),
        "numero_parcelas": str(values.installments or ""), "primeiro_vencimento": day(values.first_due_date),
        "tags": ", ".join(client.tags), "observacoes": _lines(client.notes),
        "consentimento_whatsapp": CONSENT_STATUSES[client.consent.whatsapp.status],
        "consentimento_email": CONSENT_STATUSES[client.consent.email.status],
        "etapa": STAGES.get(client.stage, client.stage), "proximo_passo": client.next_step or "",
        "proximo_passo_data": day(client.next_step_due), "previsao_fechamento": day(client.expected_close_date),
        "motivo_perda": client.loss_reason or "", "situacao": STATUSES.get(client.status, client.status),
        "cadastrado_em": day(client.created_at),
        "campos": {key: _custom(value) for key, value in sorted(client.custom_fields.items())},
    }


def build_context(*, kind: Kind, number: str, company: CompanyInfo, client: ClientRecord,
                  seller: SellerInfo | None, items: list[LineItem], installments: list[Installment],
                  valid_until: date | None, notes: str | None, today: date) -> dict[str, Any]:
    """Every placeholder of one document, formatted. `today` is the São Paulo calendar day."""
    total = totals(items)
    return {
        "documento": {"numero": number, "tipo": KINDS[kind], "validade": day(valid_until),
                      "validade_extenso": words.long_date(valid_until) if valid_until else "",
                      "observacoes": _lines(notes)},
        "empresa": company_placeholders(company),
        "cliente": _client(client),
        "vendedor": {"nome": seller.name if seller else "", "email": (seller.email or "") if seller else "",
                     "telefone": (format_phone(seller.phone) or "") if seller else ""},
        "itens": [{"numero": n, "nome": item.description, "quantidade": _quantity(item.quantity),
                   "preco_unitario": brl(item.unit_price_cents), "desconto": brl(item.discount_cents),
                   "total": brl(item.total_cents)} for n, item in enumerate(items, start=1)],
        "totais": {"subtotal": brl(total.subtotal_cents), "desconto": brl(total.discount_cents),
                   "total": brl(total.total_cents), "total_extenso": words.money(total.total_cents),
                   "tem_desconto": total.discount_cents > 0},
        "parcelas": [{"numero": p.number, "vencimento": day(p.due_date), "valor": brl(p.amount_cents),
                      "valor_extenso": words.money(p.amount_cents)} for p in installments],
        "hoje": day(today),
        "hoje_extenso": words.long_date(today),
        "cidade": company.city or (company.address.city if company.address else None) or "",
    }


# --- the editor's list and preview ----------------------------------------------------------------

_ADDRESS = (("endereco", "Endereço completo"), ("logradouro", "Rua / avenida"), ("numero", "Número do endereço"),
            ("complemento", "Complemento"), ("bairro", "Bairro"), ("cidade", "Cidade"), ("uf", "UF"), ("cep", "CEP"))

PLACEHOLDERS: tuple[tuple[str, str], ...] = (
    ("documento.numero", "Número do documento"),
    ("documento.tipo", "Tipo do documento"),
    ("documento.validade", "Validade (dd/mm/aaaa)"),
    ("documento.validade_extenso", "Validade por extenso"),
    ("documento.observacoes", "Observações / condições escritas ao emitir"),
    ("hoje", "Data de emissão (dd/mm/aaaa)"),
    ("hoje_extenso", "Data de emissão por extenso"),
    ("cidade", "Cidade da empresa (local da assinatura)"),
    ("empresa.nome", "Nome fantasia da empresa"),
    ("empresa.razao_social", "Razão social da empresa"),
    ("empresa.cnpj", "CNPJ da empresa"),
    ("empresa.inscricao_estadual", "Inscrição estadual"),
    ("empresa.inscricao_municipal", "Inscrição municipal"),
    *((f"empresa.{k}", f"{d} da empresa") for k, d in _ADDRESS),
    ("empresa.telefone", "Telefone da empresa"),
    ("empresa.email", "E-mail da empresa"),
    ("empresa.site", "Site da empresa"),
    ("cliente.nome", "Nome do cliente (nome comercial para empresas)"),
    ("cliente.tipo", "Pessoa física ou Pessoa jurídica"),
    ("cliente.pessoa_juridica", "Verdadeiro para empresas (use em {% if %})"),
    ("cliente.primeiro_nome", "Primeiro nome"),
    ("cliente.sobrenome", "Sobrenome"),
    ("cliente.nome_comercial", "Nome comercial"),
    ("cliente.razao_social", "Razão social (ou nome completo, para pessoas)"),
    ("cliente.documento", "CPF ou CNPJ do cliente"),
    ("cliente.documento_tipo", "CPF ou CNPJ (o nome do documento)"),
    ("cliente.telefone", "Telefone do cliente"),
    ("cliente.whatsapp", "WhatsApp do cliente"),
    ("cliente.email", "E-mail do cliente"),
    *((f"cliente.{k}", f"{d} do cliente") for k, d in _ADDRESS),
    ("cliente.origem", "Origem do cliente"),
    ("cliente.canal", "Canal"),
    ("cliente.campanha", "Campanha"),
    *((f"cliente.utm_{k}", f"UTM {k}") for k in ("source", "medium", "campaign", "term", "content")),
    ("cliente.contrato_numero", "Nº do contrato do cliente"),
    ("cliente.contrato_inicio", "Início do contrato"),
    ("cliente.contrato_fim", "Fim do contrato"),
    ("cliente.valor_oportunidade", "Valor da oportunidade"),
    ("cliente.valor_mensal", "Valor mensal"),
    ("cliente.numero_parcelas", "Nº de parcelas do cadastro"),
    ("cliente.primeiro_vencimento", "1º vencimento do cadastro"),
    ("cliente.tags", "Tags"),
    ("cliente.observacoes", "Observações do cadastro do cliente"),
    ("cliente.consentimento_whatsapp", "Consentimento LGPD para WhatsApp"),
    ("cliente.consentimento_email", "Consentimento LGPD para e-mail"),
    ("cliente.etapa", "Etapa do funil"),
    ("cliente.proximo_passo", "Próximo passo"),
    ("cliente.proximo_passo_data", "Data do próximo passo"),
    ("cliente.previsao_fechamento", "Previsão de fechamento"),
    ("cliente.motivo_perda", "Motivo da perda"),
    ("cliente.situacao", "Situação do cadastro"),
    ("cliente.cadastrado_em", "Data do cadastro"),
    ("cliente.campos.CHAVE", "Campo personalizado (troque CHAVE pela chave do campo)"),
    ("vendedor.nome", "Nome do vendedor"),
    ("vendedor.email", "E-mail do vendedor"),
    ("vendedor.telefone", "Telefone do vendedor"),
    ("item.numero", "Nº do item (dentro de {% for item in itens %})"),
    ("item.nome", "Descrição do item"),
    ("item.quantidade", "Quantidade"),
    ("item.preco_unitario", "Preço unitário"),
    ("item.desconto", "Desconto do item"),
    ("item.total", "Total do item"),
    ("totais.subtotal", "Soma dos itens sem desconto"),
    ("totais.desconto", "Soma dos descontos"),
    ("totais.total", "Valor total"),
    ("totais.total_extenso", "Valor total por extenso"),
    ("totais.tem_desconto", "Verdadeiro se há desconto (use em {% if %})"),
    ("parcela.numero", "Nº da parcela (dentro de {% for parcela in parcelas %})"),
    ("parcela.vencimento", "Vencimento da parcela"),
    ("parcela.valor", "Valor da parcela"),
    ("parcela.valor_extenso", "Valor da parcela por extenso"),
)


def _lookup(context: dict[str, Any], placeholder: str) -> Any:
    head, *rest = placeholder.split(".")
    value: Any = {"item": (context["itens"] or [{}])[0], "parcela": (context["parcelas"] or [{}])[0]}.get(
        head, context.get(head))
    for part in rest:
        if part == "CHAVE":
            part = next(iter(value), "")
        value = value.get(part, "") if isinstance(value, dict) else ""
    return value


@cache
def catalog() -> tuple[tuple[str, str, str], ...]:
    """(placeholder, description, example) for the editor's list; examples come from the sample."""
    sample = sample_context()
    out = []
    for placeholder, description in PLACEHOLDERS:
        example = _lookup(sample, placeholder)
        text = "Sim" if example is True else "Não" if example is False else str(example)
        if isinstance(example, Markup):  # text typed with line breaks: shown plain in the list
            text = example.replace(Markup("<br>"), " / ").unescape()
        out.append((placeholder, description, text))
    return tuple(out)


def sample_company() -> CompanyInfo:
    address = Address(cep="01310100", street="Avenida Paulista", number="1000", complement="Conjunto 101",
                      district="Bela Vista", city="São Paulo", state="SP")
    return CompanyInfo(
        tenant_id="exemplo", name="Exemplo Marketing", legal_name="Exemplo Marketing Digital Ltda",
        cnpj="27182818000129", cnpj_display="27.182.818/0001-29", state_registration="Isento",
        municipal_registration="1.234.567-8", address=address, address_line=one_line_address(address),
        city="São Paulo", phone="+551134567890", phone_display="(11) 3456-7890", email="contato@exemplo.com.br",
        website="www.exemplo.com.br", configured=True)


def sample_context(kind: Kind = "proposta", *, today: date | None = None) -> dict[str, Any]:
    """Realistic fake data: the editor's preview and the check run when a template is saved."""
    today = today or date(2026, 3, 2)
    company = sample_company()
    client = ClientRecord(
        id="c1", tenant_id="exemplo", card_id="k1", type="pf", first_name="Mariana", last_name="Souza Lima",
        document="52998224725", phone="+5511987654321", whatsapp="+5511987654321",
        email="mariana.lima@email.com.br", origin="indicacao", campaign="Indique um amigo",
        address=Address(cep="04538132", street="Rua Funchal", number="263", complement="Apto 52",
                        district="Vila Olímpia", city="São Paulo", state="SP"),
        values={"opportunity_value_cents": 900000, "monthly_value_cents": 180000, "installments": 3,
                "first_due_date": date(2026, 4, 10)},
        contract={"number": "2026/014", "start_date": date(2026, 4, 1), "end_date": date(2027, 3, 31)},
        tags=["Indicação", "Prioridade"], stage="proposta_enviada", stage_entered_at="2026-02-27T12:00:00+00:00",
        last_activity_at="2026-02-27T12:00:00+00:00", next_step="Ligar para tirar dúvidas",
        next_step_due=date(2026, 3, 5), expected_close_date=date(2026, 3, 20),
        custom_fields={"segmento": "Clínica odontológica"}, notes="Prefere contato pela manhã.",
        created_at="2026-02-10T13:00:00+00:00", updated_at="2026-02-27T12:00:00+00:00")
    items = [LineItem(description="Gestão de redes sociais (3 meses)", quantity=3, unit_price_cents=180000),
             LineItem(description="Criação de identidade visual", quantity=1, unit_price_cents=250000,
                      discount_cents=25000),
             LineItem(description="Campanha de anúncios pagos: configuração", quantity=1, unit_price_cents=120000)]
    total = totals(items).total_cents
    installments = [Installment(number=n, due_date=date(2026, 3 + n, 10),
                                amount_cents=total // 3 + (total % 3 if n == 1 else 0)) for n in (1, 2, 3)]
    return build_context(
        kind=kind, number=document_number(kind, today.year, 7), company=company, client=client,
        seller=SellerInfo(name="Rafael Costa", email="rafael@exemplo.com.br", phone="+5511912345678"),
        items=items, installments=installments, valid_until=date(2026, 3, 17),
        notes="Pagamento por boleto ou PIX.\nValores válidos para contratação até a data de validade.", today=today)
