/**
 * The inbox's pure rules: the 24-hour window and why a reply box is closed, status ticks, how each
 * message type reads, message pages in display order, and short time labels.
 */
import type { Conversation, MessagePage, WaMessage, WhatsAppTemplate } from '../../api/types';
import { APP_TIME_ZONE, formatDate } from '../../lib/format';

export const OPTED_OUT_REASON =
  'O cliente pediu para não receber mensagens pelo WhatsApp (consentimento revogado). Nenhuma mensagem pode ser enviada.';
export const WINDOW_CLOSED_REASON =
  'A janela de 24 horas está fechada: o cliente não escreve há mais de 24 horas (ou ainda não escreveu). ' +
  'Para retomar a conversa, envie um modelo aprovado.';
export const NOT_CONFIGURED_REASON =
  'O WhatsApp da empresa ainda não está configurado. Peça ao administrador para configurá-lo em Integrações.';

export type ReplyMode = 'text' | 'template' | 'blocked';

export interface ReplyState {
  mode: ReplyMode;
  /** Why free text is not possible (null when it is). */
  reason: string | null;
  /** "Janela aberta por mais 3 h 12 min" while open. */
  remaining: string | null;
}

type WindowFields = Pick<Conversation, 'window_open' | 'window_expires_at' | 'opted_out'>;

/** What the reply box allows now. The window also closes on the client's clock, between polls. */
export function replyState(conv: WindowFields, now: Date, configured = true): ReplyState {
  if (!configured) return { mode: 'blocked', reason: NOT_CONFIGURED_REASON, remaining: null };
  if (conv.opted_out) return { mode: 'blocked', reason: OPTED_OUT_REASON, remaining: null };
  const expires = conv.window_expires_at ? new Date(conv.window_expires_at) : null;
  const open = conv.window_open && (!expires || Number.isNaN(expires.getTime()) || expires.getTime() > now.getTime());
  if (!open) return { mode: 'template', reason: WINDOW_CLOSED_REASON, remaining: null };
  return { mode: 'text', reason: null, remaining: expires ? remainingLabel(expires, now) : null };
}

export function remainingLabel(expires: Date, now: Date): string {
  const minutes = Math.max(0, Math.floor((expires.getTime() - now.getTime()) / 60_000));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `Janela aberta por mais ${rest} min`;
  return `Janela aberta por mais ${hours} h${rest ? ` ${rest} min` : ''}`;
}

export type Tick = 'clock' | 'single' | 'double' | 'double-read' | 'failed' | 'none';

export interface StatusInfo {
  label: string;
  tick: Tick;
}

const STATUS: Record<string, StatusInfo> = {
  sending: { label: 'Enviando', tick: 'clock' },
  sent: { label: 'Enviada', tick: 'single' },
  delivered: { label: 'Entregue', tick: 'double' },
  read: { label: 'Lida', tick: 'double-read' },
  failed: { label: 'Falhou', tick: 'failed' },
  received: { label: 'Recebida', tick: 'none' },
};

export function statusInfo(status: string): StatusInfo {
  return STATUS[status] ?? { label: status, tick: 'none' };
}

/** "Falhou: (131047) Re-engagement message — Mais de 24 horas..." for the tooltip of a failed message. */
export function failureText(message: Pick<WaMessage, 'error'>): string {
  const error = message.error;
  if (!error) return 'Falhou.';
  const parts = [error.title, error.message].filter((part, i, all) => part && all.indexOf(part) === i);
  const code = error.code ? `(${error.code}) ` : '';
  return `Falhou: ${code}${parts.join(' — ') || 'erro desconhecido'}`;
}

const MEDIA_LABELS: Record<string, string> = {
  image: 'Imagem',
  video: 'Vídeo',
  audio: 'Áudio',
  voice: 'Áudio',
  document: 'Documento',
  sticker: 'Figurinha',
  location: 'Localização',
  contacts: 'Contato',
  reaction: 'Reação',
  interactive: 'Resposta',
  button: 'Resposta',
};

/** How a message reads in its bubble: media become "[Imagem] legenda". */
export function messageText(message: Pick<WaMessage, 'type' | 'text' | 'caption' | 'template'>): string {
  if (message.type === 'text' || message.type === 'template') {
    return message.text ?? (message.template ? `[Modelo ${message.template.name}]` : '');
  }
  const label = MEDIA_LABELS[message.type];
  if (!label) return message.text ?? '[Mensagem não suportada]';
  const extra = message.caption ?? message.text;
  return extra ? `[${label}] ${extra}` : `[${label}]`;
}

/** Pages arrive newest first; the thread shows them oldest first, each message once. */
export function threadMessages(pages: readonly MessagePage[] | undefined): WaMessage[] {
  const seen = new Set<string>();
  const ordered: WaMessage[] = [];
  for (const page of pages ?? []) {
    for (const message of page.items) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      ordered.push(message);
    }
  }
  return ordered.sort((a, b) => (a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : 0));
}

/** Whether some outgoing message still waits for Meta's statuses (the thread then polls faster). */
export function awaitingStatus(messages: readonly WaMessage[]): boolean {
  return messages.some((m) => m.direction === 'out' && (m.status === 'sending' || m.status === 'sent'));
}

const timeFormatter = new Intl.DateTimeFormat('pt-BR', {
  timeZone: APP_TIME_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const dayFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: APP_TIME_ZONE });

/** "14:05" today, "ontem", else "dd/mm/aaaa" (São Paulo time). */
export function shortTime(value: string | null | undefined, now: Date): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return '';
  const day = dayFormatter.format(date);
  if (day === dayFormatter.format(now)) return timeFormatter.format(date);
  if (day === dayFormatter.format(new Date(now.getTime() - 86_400_000))) return 'ontem';
  return formatDate(date);
}

export function timeOfDay(value: string): string {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? '' : timeFormatter.format(date);
}

/** "+5511987654321" -> "+55 11 98765-4321" (other countries as they come). */
export function formatPhone(phone: string): string {
  const br = /^\+?55(\d{2})(\d{4,5})(\d{4})$/.exec(phone.replace(/[^\d+]/g, ''));
  return br ? `+55 ${br[1]} ${br[2]}-${br[3]}` : phone;
}

export function conversationTitle(conv: Pick<Conversation, 'client_name' | 'contact_name' | 'phone'>): string {
  return conv.client_name ?? conv.contact_name ?? formatPhone(conv.phone);
}

/** The template's body with the parameters typed so far ({{1}} stays until filled). */
export function fillTemplate(template: Pick<WhatsAppTemplate, 'body'>, parameters: readonly string[]): string {
  return (template.body ?? '').replace(/\{\{\s*(\d+)\s*\}\}/g, (match, index: string) => {
    const value = parameters[Number(index) - 1];
    return value && value.trim() ? value : match;
  });
}

export function templateKey(template: Pick<WhatsAppTemplate, 'name' | 'language'>): string {
  return `${template.name}|${template.language}`;
}
