/** Values of a timeline change ("Campo: antes → depois"), as the API stores them -> pt-BR text. */
import { consentLabel, legalBasisLabel, originLabel, stageLabel } from '../../domain/crm';
import { formatDate, formatMoney } from '../../lib/format';
import { formatCep, formatDocument, formatPhone } from '../../lib/masks';

const EMPTY = '(vazio)';
const STATUS: Record<string, string> = { active: 'Ativo', archived: 'Arquivado', anonymized: 'Anonimizado' };
const TYPES: Record<string, string> = { pf: 'Pessoa física', pj: 'Pessoa jurídica' };

export function formatChangeValue(field: string, value: unknown, userName?: (id: string) => string | undefined): string {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (Array.isArray(value)) return value.length ? value.map((item) => formatChangeValue(field, item, userName)).join(', ') : EMPTY;
  if (typeof value === 'boolean') return value ? 'Sim' : 'Não';
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('status' in record) {
      const basis = record.legal_basis ? ` · ${legalBasisLabel(String(record.legal_basis))}` : '';
      return `${consentLabel(String(record.status))}${basis}`;
    }
    const parts = Object.entries(record)
      .filter(([, inner]) => inner !== null && inner !== undefined && inner !== '')
      .map(([key, inner]) => formatChangeValue(`${field}.${key}`, inner, userName));
    return parts.length ? parts.join(', ') : EMPTY;
  }
  const text = String(value);
  const leaf = field.split('.').pop() ?? field;
  if (leaf.endsWith('_cents') && typeof value === 'number') return formatMoney(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDate(text);
  if (leaf === 'phone' || leaf === 'whatsapp') return formatPhone(text);
  if (leaf === 'document') return formatDocument(text);
  if (leaf === 'cep') return formatCep(text);
  if (leaf === 'origin') return originLabel(text);
  if (leaf === 'stage') return stageLabel(text);
  if (leaf === 'status' && field.startsWith('consent')) return consentLabel(text);
  if (leaf === 'status') return STATUS[text] ?? text;
  if (leaf === 'legal_basis') return legalBasisLabel(text);
  if (leaf === 'type') return TYPES[text] ?? text;
  if (leaf === 'owner_id') return userName?.(text) ?? 'outro usuário';
  return text;
}
