/**
 * The client form's values (what is typed, masked) and their conversion to
 * and from the API's ClientPublic / ClientCreate.
 */
import type { Client, ClientCreate, CustomField } from '../../api/types';
import { addressToValues, blankToNull, orEmpty, valuesToAddress, type AddressValues } from '../../lib/addressForm';
import { formatDocument, formatPhone, isoToBrDate, brDateToIso, isValidCnpj, isValidCpf, phoneToE164, unmaskCep, unmaskDocument } from '../../lib/masks';
import { centsToMoneyInput, parseMoneyToCents } from '../../lib/money';

export interface ConsentValues {
  status: string;
  legal_basis: string | null;
  updated_at: string | null;
}

export interface ClientFormValues {
  type: 'pf' | 'pj';
  first_name: string;
  last_name: string;
  trade_name: string;
  legal_name: string;
  document: string;
  phone: string;
  whatsapp: string;
  email: string;
  address: AddressValues;
  origin: string | null;
  channel: string;
  campaign: string;
  utm_source: string;
  utm_medium: string;
  utm_campaign: string;
  utm_term: string;
  utm_content: string;
  owner_id: string | null;
  contract: { number: string; start_date: string; end_date: string };
  values: { opportunity_value: string; monthly_value: string; installments: string; first_due_date: string };
  tags: string[];
  notes: string;
  consent: { whatsapp: ConsentValues; email: ConsentValues };
  custom_fields: Record<string, string>;
}

const s = orEmpty;
const blankConsent = (): ConsentValues => ({ status: 'unknown', legal_basis: null, updated_at: null });

export function emptyClientValues(): ClientFormValues {
  return clientToValues(null, []);
}

export function clientToValues(client: Client | null, fields: readonly CustomField[]): ClientFormValues {
  const values = client?.values;
  const custom: Record<string, string> = {};
  for (const field of fields) {
    if (!field.key) continue;
    const raw = client?.custom_fields?.[field.key];
    custom[field.key] = raw === null || raw === undefined ? '' : field.type === 'date' ? isoToBrDate(String(raw)) : String(raw);
  }
  const consent = (channel: 'whatsapp' | 'email'): ConsentValues => {
    const current = client?.consent?.[channel];
    return current
      ? { status: current.status ?? 'unknown', legal_basis: current.legal_basis ?? null, updated_at: current.updated_at ?? null }
      : blankConsent();
  };
  return {
    type: client?.type === 'pj' ? 'pj' : 'pf',
    first_name: s(client?.first_name),
    last_name: s(client?.last_name),
    trade_name: s(client?.trade_name),
    legal_name: s(client?.legal_name),
    document: formatDocument(client?.document),
    phone: formatPhone(client?.phone),
    whatsapp: formatPhone(client?.whatsapp),
    email: s(client?.email),
    address: addressToValues(client?.address),
    origin: client?.origin ?? (client ? null : 'cadastro_manual'),
    channel: s(client?.channel),
    campaign: s(client?.campaign),
    utm_source: s(client?.utm_source),
    utm_medium: s(client?.utm_medium),
    utm_campaign: s(client?.utm_campaign),
    utm_term: s(client?.utm_term),
    utm_content: s(client?.utm_content),
    owner_id: client?.owner_id ?? null,
    contract: {
      number: s(client?.contract?.number),
      start_date: isoToBrDate(client?.contract?.start_date),
      end_date: isoToBrDate(client?.contract?.end_date),
    },
    values: {
      opportunity_value: centsToMoneyInput(values?.opportunity_value_cents),
      monthly_value: centsToMoneyInput(values?.monthly_value_cents),
      installments: values?.installments ? String(values.installments) : '',
      first_due_date: isoToBrDate(values?.first_due_date),
    },
    tags: [...(client?.tags ?? [])],
    notes: s(client?.notes),
    consent: { whatsapp: consent('whatsapp'), email: consent('email') },
    custom_fields: custom,
  };
}

const t = blankToNull;
const date = (value: string) => brDateToIso(value) ?? null;

/** Form values -> API body. `includeOwner` is false when the user may not pick the owner. */
export function valuesToBody(v: ClientFormValues, fields: readonly CustomField[], includeOwner: boolean): ClientCreate {
  const pf = v.type === 'pf';
  const contract = { number: t(v.contract.number), start_date: date(v.contract.start_date), end_date: date(v.contract.end_date) };
  const custom: Record<string, string | number | null> = {};
  for (const field of fields) {
    if (!field.key) continue;
    const raw = (v.custom_fields[field.key] ?? '').trim();
    if (raw === '') custom[field.key] = null;
    else if (field.type === 'number') custom[field.key] = Number(raw.replace(/\./g, '').replace(',', '.'));
    else if (field.type === 'date') custom[field.key] = brDateToIso(raw) ?? raw;
    else custom[field.key] = raw;
  }
  const consent = (c: ConsentValues) => ({ status: c.status, legal_basis: c.legal_basis || null });
  const body = {
    type: v.type,
    first_name: t(v.first_name),
    last_name: pf ? t(v.last_name) : null,
    trade_name: t(v.trade_name),
    legal_name: pf ? null : t(v.legal_name),
    document: unmaskDocument(v.document) || null,
    phone: phoneToE164(v.phone),
    whatsapp: phoneToE164(v.whatsapp),
    email: t(v.email)?.toLowerCase() ?? null,
    address: valuesToAddress(v.address),
    ...(v.origin ? { origin: v.origin } : {}),
    channel: t(v.channel),
    campaign: t(v.campaign),
    utm_source: t(v.utm_source),
    utm_medium: t(v.utm_medium),
    utm_campaign: t(v.utm_campaign),
    utm_term: t(v.utm_term),
    utm_content: t(v.utm_content),
    ...(includeOwner && v.owner_id ? { owner_id: v.owner_id } : {}),
    contract: Object.values(contract).some((value) => value !== null) ? contract : null,
    values: {
      opportunity_value_cents: parseMoneyToCents(v.values.opportunity_value) ?? null,
      monthly_value_cents: parseMoneyToCents(v.values.monthly_value) ?? null,
      installments: v.values.installments.trim() ? Number(v.values.installments) : null,
      first_due_date: date(v.values.first_due_date),
    },
    tags: v.tags.map((tag) => tag.trim()).filter(Boolean),
    notes: t(v.notes),
    consent: { whatsapp: consent(v.consent.whatsapp), email: consent(v.consent.email) },
    custom_fields: custom,
  };
  return body as unknown as ClientCreate;
}

const badDate = (value: string) => (brDateToIso(value) === undefined ? 'Data inválida (use dd/mm/aaaa).' : null);
const badPhone = (value: string) => {
  const digits = value.replace(/\D/g, '');
  return digits !== '' && digits.length < 10 ? 'Telefone incompleto.' : null;
};

/** Client-side checks (the API checks again); messages in pt-BR. */
export function clientValidation(fields: readonly CustomField[]) {
  return (v: ClientFormValues): Record<string, string | null> => {
    const errors: Record<string, string | null> = {
      first_name: v.type === 'pf' && !v.first_name.trim() ? 'Informe o nome.' : null,
      legal_name: v.type === 'pj' && !v.legal_name.trim() && !v.trade_name.trim() ? 'Informe a razão social ou o nome comercial.' : null,
      document: (() => {
        const raw = unmaskDocument(v.document);
        if (raw === '') return null;
        if (v.type === 'pf') return isValidCpf(raw) ? null : 'CPF inválido.';
        return isValidCnpj(raw) ? null : 'CNPJ inválido.';
      })(),
      phone: badPhone(v.phone),
      whatsapp: badPhone(v.whatsapp),
      email: v.email.trim() && !/^\S+@\S+\.\S+$/.test(v.email.trim()) ? 'Informe um e-mail válido.' : null,
      'address.cep': v.address.cep && unmaskCep(v.address.cep)?.length !== 8 ? 'CEP incompleto.' : null,
      'contract.start_date': badDate(v.contract.start_date),
      'contract.end_date': badDate(v.contract.end_date),
      'values.first_due_date': badDate(v.values.first_due_date),
      'values.opportunity_value': parseMoneyToCents(v.values.opportunity_value) === undefined ? 'Valor inválido.' : null,
      'values.monthly_value': parseMoneyToCents(v.values.monthly_value) === undefined ? 'Valor inválido.' : null,
    };
    for (const field of fields) {
      if (!field.key) continue;
      const value = (v.custom_fields[field.key] ?? '').trim();
      const path = `custom_fields.${field.key}`;
      if (field.required && value === '') errors[path] = `Informe ${field.label}.`;
      else if (field.type === 'date' && value) errors[path] = badDate(value);
      else if (field.type === 'number' && value && Number.isNaN(Number(value.replace(/\./g, '').replace(',', '.')))) {
        errors[path] = 'Informe um número.';
      }
    }
    return errors;
  };
}

/** API error paths -> form paths (the money fields are typed in reais). */
export function formPathOf(apiPath: string): string {
  return apiPath
    .replace(/^values\.opportunity_value_cents$/, 'values.opportunity_value')
    .replace(/^values\.monthly_value_cents$/, 'values.monthly_value');
}
