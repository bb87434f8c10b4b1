"""Fixed vocabularies of the client record, with their pt-BR labels."""

from __future__ import annotations

ORIGINS: dict[str, str] = {
    "site": "Site",
    "whatsapp": "WhatsApp",
    "campanha": "Campanha",
    "indicacao": "Indicação",
    "cadastro_manual": "Cadastro manual",
    "importacao": "Importação",
    "outro": "Outro",
}

LEGAL_BASES: dict[str, str] = {
    "consentimento": "Consentimento",
    "execucao_contrato": "Execução de contrato",
    "legitimo_interesse": "Legítimo interesse",
    "obrigacao_legal": "Obrigação legal",
}

CONSENT_STATUSES: dict[str, str] = {"granted": "Concedido", "revoked": "Revogado", "unknown": "Não informado"}

# Field -> pt-BR label: timeline change entries, CSV headers, import mapping, error messages.
FIELD_LABELS: dict[str, str] = {
    "type": "Tipo",
    "first_name": "Nome",
    "last_name": "Sobrenome",
    "trade_name": "Nome comercial",
    "legal_name": "Razão social",
    "document": "CPF/CNPJ",
    "phone": "Telefone",
    "whatsapp": "WhatsApp",
    "email": "E-mail",
    "address": "Endereço",
    "address.cep": "CEP",
    "address.street": "Rua",
    "address.number": "Número",
    "address.complement": "Complemento",
    "address.district": "Bairro",
    "address.city": "Cidade",
    "address.state": "UF",
    "origin": "Origem",
    "channel": "Canal",
    "campaign": "Campanha",
    "utm_source": "UTM source",
    "utm_medium": "UTM medium",
    "utm_campaign": "UTM campaign",
    "utm_term": "UTM term",
    "utm_content": "UTM content",
    "owner_id": "Responsável",
    "contract": "Contrato",
    "contract.number": "Nº do contrato",
    "contract.start_date": "Início do contrato",
    "contract.end_date": "Fim do contrato",
    "values": "Valores",
    "values.opportunity_value_cents": "Valor da oportunidade",
    "values.monthly_value_cents": "Valor mensal",
    "values.installments": "Nº de parcelas",
    "values.first_due_date": "1º vencimento",
    "tags": "Tags",
    "notes": "Observações",
    "consent": "Consentimento",
    "consent.whatsapp": "Consentimento WhatsApp",
    "consent.email": "Consentimento e-mail",
    "custom_fields": "Campos personalizados",
    "stage": "Etapa",
    "next_step": "Próximo passo",
    "next_step_due": "Data do próximo passo",
    "expected_close_date": "Previsão de fechamento",
    "loss_reason": "Motivo da perda",
    "status": "Situação",
}
