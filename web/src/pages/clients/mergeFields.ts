/** The fields compared when merging two clients, shown side by side. */
import type { Client } from '../../api/types';
import { originLabel } from '../../domain/crm';
import { formatDate, formatMoney } from '../../lib/format';
import { formatCep, formatDocument, formatPhone } from '../../lib/masks';

export interface MergeField {
  key: string;
  label: string;
  show: (client: Client) => string;
}

const text = (value: string | null | undefined) => value ?? '';

export const MERGE_FIELDS: readonly MergeField[] = [
  { key: 'first_name', label: 'Nome', show: (c) => text(c.first_name) },
  { key: 'last_name', label: 'Sobrenome', show: (c) => text(c.last_name) },
  { key: 'trade_name', label: 'Nome comercial', show: (c) => text(c.trade_name) },
  { key: 'legal_name', label: 'Razão social', show: (c) => text(c.legal_name) },
  { key: 'document', label: 'CPF/CNPJ', show: (c) => formatDocument(c.document) },
  { key: 'phone', label: 'Telefone', show: (c) => formatPhone(c.phone) },
  { key: 'whatsapp', label: 'WhatsApp', show: (c) => formatPhone(c.whatsapp) },
  { key: 'email', label: 'E-mail', show: (c) => text(c.email) },
  {
    key: 'address',
    label: 'Endereço',
    show: (c) =>
      c.address
        ? [c.address.street, c.address.number, c.address.district, c.address.city, c.address.state, formatCep(c.address.cep)]
            .filter(Boolean)
            .join(', ')
        : '',
  },
  { key: 'origin', label: 'Origem', show: (c) => (c.origin ? originLabel(c.origin) : '') },
  { key: 'campaign', label: 'Campanha', show: (c) => text(c.campaign) },
  { key: 'owner_id', label: 'Responsável', show: (c) => text(c.owner_name) },
  {
    key: 'contract',
    label: 'Contrato',
    show: (c) => (c.contract?.number ? `${c.contract.number} (${formatDate(c.contract.start_date)} a ${formatDate(c.contract.end_date)})` : ''),
  },
  {
    key: 'values',
    label: 'Valores',
    show: (c) =>
      c.values?.opportunity_value_cents || c.values?.monthly_value_cents
        ? `${formatMoney(c.values.opportunity_value_cents)} · mensal ${formatMoney(c.values.monthly_value_cents)}`
        : '',
  },
  { key: 'tags', label: 'Tags', show: (c) => c.tags.join(', ') },
  { key: 'notes', label: 'Observações', show: (c) => text(c.notes) },
];

export type MergeChoice = 'target' | 'source' | 'both';

/**
 * Default choice per field: keep this client's value unless only the other one has something;
 * tags default to both lists joined (what the API does when `tags` is not sent).
 */
export function defaultChoices(target: Client, source: Client): Record<string, MergeChoice> {
  const choices: Record<string, MergeChoice> = {};
  for (const field of MERGE_FIELDS) {
    if (field.key === 'tags') choices.tags = 'both';
    else choices[field.key] = field.show(target) === '' && field.show(source) !== '' ? 'source' : 'target';
  }
  return choices;
}

/** The request's `fields`: "both" is the API's default for tags, so it is left out. */
export function mergeFieldsBody(choices: Record<string, MergeChoice>): Record<string, 'target' | 'source'> {
  const body: Record<string, 'target' | 'source'> = {};
  for (const [key, choice] of Object.entries(choices)) if (choice !== 'both') body[key] = choice;
  return body;
}
