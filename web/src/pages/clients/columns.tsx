/** Columns of the Clientes list; which ones show is saved per user in localStorage. */
import { Anchor, Badge, Group, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { Client, CustomField } from '../../api/types';
import type { Column } from '../../components/ResponsiveTable';
import { originLabel, stageColor, stageLabel } from '../../domain/crm';
import { formatDate, formatMoney } from '../../lib/format';
import { formatDocument, formatPhone } from '../../lib/masks';

export const CLIENT_COLUMNS: readonly Column<Client>[] = [
  {
    key: 'name',
    header: 'Nome',
    render: (client) => (
      <div>
        <Group gap={6} wrap="nowrap">
          <Anchor component={Link} to={`/clientes/${client.id}`} fw={600} data-testid={`client-link-${client.id}`}>
            {client.display_name}
          </Anchor>
          {client.status !== 'active' ? (
            <Badge size="xs" color="gray" variant="light">
              {client.status === 'archived' ? 'Arquivado' : 'Anonimizado'}
            </Badge>
          ) : null}
        </Group>
        {client.trade_name && client.trade_name !== client.display_name ? (
          <Text size="xs" c="dimmed">
            {client.trade_name}
          </Text>
        ) : null}
      </div>
    ),
  },
  { key: 'document', header: 'CPF/CNPJ', nowrap: true, render: (c) => formatDocument(c.document) || '—' },
  { key: 'phone', header: 'Telefone', nowrap: true, render: (c) => formatPhone(c.phone) || '—' },
  { key: 'whatsapp', header: 'WhatsApp', nowrap: true, render: (c) => formatPhone(c.whatsapp) || '—' },
  { key: 'email', header: 'E-mail', render: (c) => c.email || '—' },
  {
    key: 'stage',
    header: 'Etapa',
    nowrap: true,
    render: (c) => (
      <Badge variant="light" color={stageColor(c.stage)}>
        {stageLabel(c.stage)}
      </Badge>
    ),
  },
  { key: 'owner', header: 'Responsável', render: (c) => c.owner_name || '—' },
  { key: 'origin', header: 'Origem', render: (c) => (c.origin ? originLabel(c.origin) : '—') },
  { key: 'campaign', header: 'Campanha', render: (c) => c.campaign || '—' },
  {
    key: 'city',
    header: 'Cidade/UF',
    render: (c) => [c.address?.city, c.address?.state].filter(Boolean).join('/') || '—',
  },
  { key: 'tags', header: 'Tags', render: (c) => (c.tags.length ? c.tags.join(', ') : '—') },
  {
    key: 'value',
    header: 'Valor da oportunidade',
    nowrap: true,
    render: (c) => formatMoney(c.values?.opportunity_value_cents),
  },
  { key: 'created', header: 'Cadastro', nowrap: true, render: (c) => formatDate(c.created_at) },
];

export const DEFAULT_COLUMNS = ['name', 'document', 'whatsapp', 'email', 'stage', 'owner', 'created'];

const storageKey = (userId: string) => `impacte.clients.columns.${userId}`;

/** The company's custom fields as list columns (key `cf.<field key>`), formatted by type. */
export function customFieldColumns(fields: readonly CustomField[] | undefined): Column<Client>[] {
  return (fields ?? []).map((field) => ({
    key: `cf.${field.key}`,
    header: field.label,
    render: (client: Client) => {
      const value = client.custom_fields?.[field.key ?? ''];
      if (value === null || value === undefined || value === '') return '—';
      if (field.type === 'date') return formatDate(String(value));
      if (field.type === 'number') return Number(value).toLocaleString('pt-BR');
      return String(value);
    },
  }));
}

/** Every column the list can show: the fixed ones, then the company's custom fields. */
export function allColumns(fields: readonly CustomField[] | undefined): Column<Client>[] {
  return [...CLIENT_COLUMNS, ...customFieldColumns(fields)];
}

export function loadColumns(userId: string): string[] {
  try {
    const raw = localStorage.getItem(storageKey(userId));
    const parsed: unknown = raw ? JSON.parse(raw) : null;
    if (Array.isArray(parsed)) {
      // Custom-field keys are kept even before the definitions load; unknown ones simply never match.
      const known = parsed.filter(
        (key): key is string =>
          typeof key === 'string' && (key.startsWith('cf.') || CLIENT_COLUMNS.some((column) => column.key === key)),
      );
      if (known.length > 0) return known.includes('name') ? known : ['name', ...known];
    }
  } catch {
    /* unreadable: defaults */
  }
  return DEFAULT_COLUMNS;
}

export function saveColumns(userId: string, keys: string[]): void {
  try {
    localStorage.setItem(storageKey(userId), JSON.stringify(keys));
  } catch {
    /* private mode: not persisted */
  }
}

export function visibleColumns(keys: readonly string[], fields?: readonly CustomField[]): Column<Client>[] {
  return allColumns(fields).filter((column) => column.key === 'name' || keys.includes(column.key));
}
