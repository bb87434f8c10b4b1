/**
 * Agendamentos' pure rules: status badges, channels, purposes, repetition, list periods, inserting a
 * variable at the cursor, the form's body for the API and where each API field error goes.
 */
import type { Channel, Purpose, Schedule, ScheduleBody, ScheduleStatus } from '../../api/types';
import { addDays, toApiDateTime, type DayKey } from '../../lib/datetime';
import { formatPhone, phoneToE164 } from '../../lib/masks';

export interface StatusBadge {
  label: string;
  color: string;
  /** Why it failed (erro), shown on hover/tap. */
  reason: string | null;
  /** Sent more than 2 minutes after the scheduled time. */
  late: boolean;
}

const STATUS: Record<ScheduleStatus, { label: string; color: string }> = {
  agendado: { label: 'Agendado', color: 'blue' },
  enviando: { label: 'Enviando', color: 'yellow' },
  enviado: { label: 'Enviado', color: 'green' },
  erro: { label: 'Erro', color: 'red' },
  cancelado: { label: 'Cancelado', color: 'gray' },
};

export const STATUS_OPTIONS = (Object.keys(STATUS) as ScheduleStatus[]).map((value) => ({ value, label: STATUS[value].label }));

export function statusBadge(schedule: Pick<Schedule, 'status' | 'error' | 'late'>): StatusBadge {
  const info = STATUS[schedule.status] ?? { label: schedule.status, color: 'gray' };
  return {
    ...info,
    reason: schedule.status === 'erro' ? (schedule.error ?? 'Falha no envio.') : null,
    late: schedule.late && (schedule.status === 'enviado' || schedule.status === 'erro'),
  };
}

/** Something waiting for its minute (already come, or within the next 2 minutes) or being sent: the list
 * then polls, since the dispatcher runs every minute. */
export function awaitingDispatch(items: readonly Pick<Schedule, 'status' | 'send_at'>[], now: number = Date.now()): boolean {
  return items.some(
    (item) => item.status === 'enviando' || (item.status === 'agendado' && new Date(item.send_at).getTime() <= now + 120_000),
  );
}

export const CHANNEL_OPTIONS: { value: Channel; label: string }[] = [
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'email', label: 'E-mail' },
  { value: 'both', label: 'Ambos' },
];

export function channelLabel(channel: Channel): string {
  return channel === 'both' ? 'WhatsApp e e-mail' : channel === 'email' ? 'E-mail' : 'WhatsApp';
}

/** A client without WhatsApp but with an e-mail gets e-mail; everyone else WhatsApp. */
export function defaultChannel(client: { whatsapp?: string | null; email?: string | null } | null | undefined): Channel {
  return client && !client.whatsapp && client.email ? 'email' : 'whatsapp';
}

/** "WhatsApp (11) 98765-4321 · sem e-mail": where a client's messages would go. */
export function contactHint(client: { whatsapp?: string | null; email?: string | null }): string {
  return [
    client.whatsapp ? `WhatsApp ${formatPhone(client.whatsapp)}` : 'sem WhatsApp',
    client.email ? `e-mail ${client.email}` : 'sem e-mail',
  ].join(' · ');
}

export const usesWhatsApp = (channel: Channel) => channel === 'whatsapp' || channel === 'both';
export const usesEmail = (channel: Channel) => channel === 'email' || channel === 'both';

export const PURPOSE_OPTIONS: { value: Purpose; label: string }[] = [
  { value: 'retorno_proposta', label: 'Retorno de proposta' },
  { value: 'lembrete_reuniao', label: 'Lembrete de reunião' },
  { value: 'aviso_vencimento', label: 'Aviso de vencimento' },
  { value: 'pos_venda', label: 'Pós-venda' },
  { value: 'reativacao', label: 'Reativação' },
  { value: 'outro', label: 'Outro' },
];

export function purposeLabel(purpose: string): string {
  return PURPOSE_OPTIONS.find((option) => option.value === purpose)?.label ?? purpose;
}

export type RepeatChoice = 'none' | 'daily' | 'weekly' | 'monthly';

export const REPEAT_OPTIONS: { value: RepeatChoice; label: string }[] = [
  { value: 'none', label: 'Não repete' },
  { value: 'daily', label: 'Diariamente' },
  { value: 'weekly', label: 'Semanalmente' },
  { value: 'monthly', label: 'Mensalmente' },
];

export function repeatLabel(repeat: Schedule['repeat']): string | null {
  if (!repeat) return null;
  const label = REPEAT_OPTIONS.find((option) => option.value === repeat.every)?.label ?? repeat.every;
  return repeat.until ? `${label} até ${repeat.until.slice(8, 10)}/${repeat.until.slice(5, 7)}/${repeat.until.slice(0, 4)}` : label;
}

export interface ChannelOutcomeView {
  channel: 'whatsapp' | 'email';
  label: string;
  status: 'enviado' | 'erro' | 'pendente';
  error: string | null;
}

/** Each channel's result (for "Ambos" both lines; pending until the dispatcher tries it). */
export function channelOutcomes(schedule: Pick<Schedule, 'channel' | 'outcomes'>): ChannelOutcomeView[] {
  const channels: ('whatsapp' | 'email')[] = schedule.channel === 'both' ? ['whatsapp', 'email'] : [schedule.channel];
  return channels.map((channel) => {
    const outcome = schedule.outcomes?.[channel];
    return {
      channel,
      label: channel === 'whatsapp' ? 'WhatsApp' : 'E-mail',
      status: outcome?.status ?? 'pendente',
      error: outcome?.error ?? null,
    };
  });
}

/** Who receives it: the client's name, or the loose phone / e-mail. */
export function targetLabel(schedule: Pick<Schedule, 'client_name' | 'client_id' | 'to_phone' | 'to_email'>): string {
  if (schedule.client_id) return schedule.client_name ?? 'Cliente';
  return [schedule.to_phone ? formatPhone(schedule.to_phone) : null, schedule.to_email].filter(Boolean).join(' · ') || '—';
}

/** Inserts "{{ key }}" where the cursor is (replacing a selection); returns the text and the new cursor. */
export function insertVariable(text: string, key: string, start?: number | null, end?: number | null): { text: string; cursor: number } {
  const token = `{{ ${key} }}`;
  const from = start === null || start === undefined ? text.length : Math.max(0, Math.min(start, text.length));
  const to = end === null || end === undefined ? from : Math.max(from, Math.min(end, text.length));
  const before = text.slice(0, from);
  const after = text.slice(to);
  // Keep words apart: "Olá{{ nome }}" reads badly.
  const lead = before !== '' && !/\s$/.test(before) ? ' ' : '';
  const inserted = `${lead}${token}`;
  return { text: `${before}${inserted}${after}`, cursor: before.length + inserted.length };
}

// --- list periods --------------------------------------------------------------------------------

export type PeriodPreset = 'proximos' | 'hoje' | 'semana' | 'ultimos7' | 'ultimos30' | 'todos' | 'personalizado';

export const PERIOD_OPTIONS: { value: PeriodPreset; label: string }[] = [
  { value: 'proximos', label: 'De hoje em diante' },
  { value: 'hoje', label: 'Hoje' },
  { value: 'semana', label: 'Próximos 7 dias' },
  { value: 'ultimos7', label: 'Últimos 7 dias' },
  { value: 'ultimos30', label: 'Últimos 30 dias' },
  { value: 'todos', label: 'Todo o período' },
  { value: 'personalizado', label: 'Personalizado' },
];

export function parsePeriod(raw: string | null): PeriodPreset {
  return PERIOD_OPTIONS.find((option) => option.value === raw)?.value ?? 'proximos';
}

/** The preset as the API's date_from/date_to (São Paulo days, both inclusive). */
export function periodRange(
  preset: PeriodPreset,
  today: DayKey,
  custom: { from?: string | null; to?: string | null } = {},
): { date_from?: DayKey; date_to?: DayKey } {
  switch (preset) {
    case 'proximos':
      return { date_from: today };
    case 'hoje':
      return { date_from: today, date_to: today };
    case 'semana':
      return { date_from: today, date_to: addDays(today, 6) };
    case 'ultimos7':
      return { date_from: addDays(today, -6), date_to: today };
    case 'ultimos30':
      return { date_from: addDays(today, -29), date_to: today };
    case 'personalizado':
      return { ...(custom.from ? { date_from: custom.from } : {}), ...(custom.to ? { date_to: custom.to } : {}) };
    default:
      return {};
  }
}

// --- the form ------------------------------------------------------------------------------------

export type Target = 'client' | 'avulso';

export interface ScheduleFormValues {
  target: Target;
  client_id: string | null;
  phone: string;
  email: string;
  channel: Channel;
  use_wa_template: boolean;
  /** "name|language" of the approved WhatsApp template. */
  wa_template: string | null;
  wa_params: string[];
  subject: string;
  body: string;
  day: string | null;
  time: string;
  purpose: Purpose;
  repeat: RepeatChoice;
  until: string | null;
}

export interface ScheduleExtras {
  card_id?: string | null;
  charge_id?: string | null;
  /** Kept when editing a message that came from a company template and has no text of its own. */
  template_id?: string | null;
}

/** Whether the message text is needed (not when WhatsApp alone goes with an approved template). */
export function needsBody(values: Pick<ScheduleFormValues, 'channel' | 'use_wa_template'>): boolean {
  return !(values.channel === 'whatsapp' && values.use_wa_template);
}

export function scheduleBody(values: ScheduleFormValues, extras: ScheduleExtras = {}): ScheduleBody {
  const send_at = toApiDateTime(values.day, values.time);
  if (!send_at) throw new Error('invalid send date');
  const avulso = values.target === 'avulso';
  const wa = usesWhatsApp(values.channel);
  const email = usesEmail(values.channel);
  const [name, language] = (values.wa_template ?? '').split('|');
  const template = wa && values.use_wa_template && name ? { name, language: language || 'pt_BR', parameters: values.wa_params.map((p) => p.trim()) } : null;
  return {
    channel: values.channel,
    client_id: avulso ? null : values.client_id,
    to_phone: avulso && wa ? phoneToE164(values.phone) : null,
    to_email: avulso && email ? values.email.trim() || null : null,
    subject: email ? values.subject.trim() || null : null,
    body: needsBody(values) ? values.body.trim() || null : null,
    template_id: extras.template_id ?? null,
    whatsapp_template: template,
    send_at,
    purpose: values.purpose,
    repeat: values.repeat !== 'none' ? { every: values.repeat, until: values.until || null } : null,
    card_id: avulso ? null : (extras.card_id ?? null),
    charge_id: extras.charge_id ?? null,
  };
}

/** API field path -> the form field that shows it (null: above the form). */
export function formFieldFor(path: string): keyof ScheduleFormValues | null {
  if (path === 'send_at') return 'time';
  if (path === 'to_phone') return 'phone';
  if (path === 'to_email') return 'email';
  if (path.startsWith('repeat')) return path === 'repeat.until' ? 'until' : 'repeat';
  if (path.startsWith('whatsapp_template')) return 'wa_template';
  if (path === 'template_id') return 'body';
  const direct: (keyof ScheduleFormValues)[] = ['client_id', 'subject', 'body', 'channel', 'purpose'];
  return (direct as string[]).includes(path) ? (path as keyof ScheduleFormValues) : null;
}
