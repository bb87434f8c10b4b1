/**
 * The Integrações forms as data: which settings each integration has, how the API's answer becomes
 * form values and how the form becomes `PUT /api/integrations/{kind}`. Secrets are write-only: the
 * form only ever holds what the user types to replace one (or the wish to remove it).
 */
import type { Integration, IntegrationUpdate, SecretState } from '../../api/types';
import { ORIGINS } from '../../domain/crm';
import { formatDateTime } from '../../lib/format';

export type Kind = 'whatsapp' | 'smtp' | 'ai' | 'leads' | 'cora';
export const KINDS: readonly Kind[] = ['whatsapp', 'smtp', 'ai', 'leads', 'cora'];

export type SettingValue = string | number | boolean;

export interface SettingField {
  name: string;
  label: string;
  type: 'text' | 'number' | 'select' | 'switch' | 'owner';
  options?: { value: string; label: string }[];
  description?: string;
  placeholder?: string;
  inputMode?: 'numeric' | 'email' | 'url';
}

export const SETTINGS_FIELDS: Record<Kind, SettingField[]> = {
  whatsapp: [
    { name: 'phone_number_id', label: 'Phone number ID', type: 'text', inputMode: 'numeric',
      description: 'Identificador do número no WhatsApp Manager da Meta (só dígitos).' },
    { name: 'waba_id', label: 'WhatsApp Business Account ID', type: 'text', inputMode: 'numeric',
      description: 'Usado para sincronizar os modelos de mensagem aprovados.' },
    { name: 'default_owner_id', label: 'Responsável pelos novos contatos', type: 'owner',
      description: 'Quem recebe os leads que chegam pelo WhatsApp.' },
    { name: 'auto_move_on_first_reply', label: 'Mover para "Contato com resposta" na primeira resposta da equipe',
      type: 'switch' },
  ],
  smtp: [
    { name: 'provider', label: 'Provedor', type: 'select', options: [
      { value: 'smtp', label: 'Servidor SMTP' }, { value: 'ses', label: 'Amazon SES' }] },
    { name: 'host', label: 'Servidor', type: 'text', placeholder: 'smtp.seudominio.com.br' },
    { name: 'port', label: 'Porta', type: 'number', placeholder: '587' },
    { name: 'tls_mode', label: 'Segurança', type: 'select', options: [
      { value: 'starttls', label: 'STARTTLS (porta 587)' }, { value: 'ssl', label: 'SSL/TLS (porta 465)' },
      { value: 'none', label: 'Nenhuma' }] },
    { name: 'username', label: 'Usuário', type: 'text' },
    { name: 'from_name', label: 'Nome do remetente', type: 'text' },
    { name: 'from_email', label: 'E-mail do remetente', type: 'text', inputMode: 'email' },
  ],
  ai: [
    { name: 'base_url', label: 'Endereço da API', type: 'text', inputMode: 'url', placeholder: 'https://api.exemplo.com/v1' },
    { name: 'model', label: 'Modelo', type: 'text' },
  ],
  leads: [
    { name: 'default_origin', label: 'Origem padrão', type: 'select', options: ORIGINS },
    { name: 'default_campaign', label: 'Campanha padrão', type: 'text' },
    { name: 'default_owner_id', label: 'Responsável pelos novos leads', type: 'owner' },
    { name: 'rate_limit_per_minute', label: 'Limite de leads por minuto', type: 'number' },
  ],
  cora: [
    { name: 'client_id', label: 'Client ID', type: 'text', placeholder: 'int-...' },
    { name: 'environment', label: 'Ambiente', type: 'select', options: [
      { value: 'stage', label: 'Testes (stage)' }, { value: 'production', label: 'Produção' }] },
  ],
};

/** Secrets typed as multi-line text (PEM files) instead of a password field. */
export const MULTILINE_SECRETS = new Set(['certificate', 'private_key']);

/** Integrations without a "Testar" (nothing to call). */
export const UNTESTABLE = new Set<string>(['leads']);

export interface IntegrationFormValues {
  enabled: boolean;
  settings: Record<string, SettingValue>;
  /** What the user typed to replace each secret ('' = keep the current one). */
  secrets: Record<string, string>;
  /** Secrets marked "remover". */
  remove: Record<string, boolean>;
}

export function isKind(kind: string): kind is Kind {
  return (KINDS as readonly string[]).includes(kind);
}

/** The API's integration -> form values (secrets always start empty). */
export function toFormValues(integration: Integration): IntegrationFormValues {
  const fields = isKind(integration.kind) ? SETTINGS_FIELDS[integration.kind] : [];
  const settings: Record<string, SettingValue> = {};
  for (const field of fields) {
    const value = integration.settings[field.name];
    if (field.type === 'switch') settings[field.name] = value === true;
    else if (typeof value === 'number' || typeof value === 'string') settings[field.name] = value;
    else settings[field.name] = '';
  }
  const secrets: Record<string, string> = {};
  const remove: Record<string, boolean> = {};
  for (const name of Object.keys(integration.secrets)) {
    secrets[name] = '';
    remove[name] = false;
  }
  return { enabled: integration.enabled, settings, secrets, remove };
}

/**
 * Form -> `PUT` body. Settings replace the stored ones, so every field is sent, except empty ones
 * (left out = not set). A secret goes only when typed (replace) or marked "remover" (null).
 */
export function toPayload(kind: Kind, values: IntegrationFormValues): IntegrationUpdate {
  const settings: Record<string, unknown> = {};
  for (const field of SETTINGS_FIELDS[kind]) {
    const value = values.settings[field.name];
    if (field.type === 'switch') {
      settings[field.name] = value === true;
    } else if (field.type === 'number') {
      const text = String(value ?? '').trim();
      if (text !== '') settings[field.name] = Number.isFinite(Number(text)) ? Number(text) : text;
    } else {
      const text = typeof value === 'string' ? value.trim() : value;
      if (text !== '' && text !== undefined && text !== null) settings[field.name] = text;
    }
  }
  const secrets: Record<string, string | null> = {};
  for (const [name, typed] of Object.entries(values.secrets)) {
    if (values.remove[name]) secrets[name] = null;
    else if (typed.trim() !== '') secrets[name] = typed.trim();
  }
  return { enabled: values.enabled, settings, secrets };
}

const MASK = '••••••••';

/** "•••••••• alterado em 01/12/2026 14:30" for a stored secret; "Não definido" otherwise. */
export function secretStateText(state: Pick<SecretState, 'set' | 'updated_at'>): string {
  if (!state.set) return 'Não definido';
  return state.updated_at ? `${MASK} alterado em ${formatDateTime(state.updated_at)}` : MASK;
}

/**
 * The API names fields by path ("settings.port", "secrets.password"): those the form has go next to
 * their inputs; `unplaced` tells whether some message has no input to sit by.
 */
export function placeFieldErrors(
  fieldPaths: Record<string, string>,
  formPaths: ReadonlySet<string>,
): { placed: Record<string, string>; unplaced: boolean } {
  const placed: Record<string, string> = {};
  let unplaced = false;
  for (const [path, message] of Object.entries(fieldPaths)) {
    if (formPaths.has(path)) placed[path] = message.charAt(0).toUpperCase() + message.slice(1);
    else unplaced = true;
  }
  return { placed, unplaced };
}

export function formPaths(values: IntegrationFormValues): Set<string> {
  return new Set([
    ...Object.keys(values.settings).map((name) => `settings.${name}`),
    ...Object.keys(values.secrets).map((name) => `secrets.${name}`),
  ]);
}

/** The lead-capture examples shown beside the webhook address. */
export function leadExamples(url: string): { curl: string; html: string } {
  const curl = [
    `curl -X POST '${url}' \\`,
    `  -H 'Content-Type: application/json' \\`,
    `  -d '{"name": "Maria Souza", "phone": "+55 11 98765-4321", "email": "maria@exemplo.com.br", ` +
      `"message": "Quero um orçamento", "campaign": "Black Friday", "utm_source": "instagram"}'`,
  ].join('\n');
  const html = [
    `<form method="post" action="${url}">`,
    '  <input name="name" placeholder="Nome" required>',
    '  <input name="phone" placeholder="WhatsApp">',
    '  <input name="email" type="email" placeholder="E-mail">',
    '  <textarea name="message" placeholder="Mensagem"></textarea>',
    '  <input type="hidden" name="campaign" value="Site">',
    '  <button type="submit">Enviar</button>',
    '</form>',
  ].join('\n');
  return { curl, html };
}
