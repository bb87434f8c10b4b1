/**
 * Pure rules of Cobranças: statuses (labels, colours, filters), the installment text, the form values <->
 * the API bodies (single charge, series, settings) and what the series dialog pre-fills from a card/client.
 */
import type { Charge, ChargeCreate, ChargeForm, ChargeSettings, ChargeStatus, SeriesCreate } from '../../api/types';
import { isDayKey } from '../../lib/datetime';
import { brDateToIso, isoToBrDate } from '../../lib/masks';
import { centsToMoneyInput, parseMoneyToCents } from '../../lib/money';

export const STATUS_OPTIONS: { value: ChargeStatus; label: string }[] = [
  { value: 'pendente', label: 'Pendente' },
  { value: 'emitida', label: 'Emitida' },
  { value: 'vencida', label: 'Vencida' },
  { value: 'paga', label: 'Paga' },
  { value: 'cancelada', label: 'Cancelada' },
  { value: 'erro', label: 'Erro' },
];

const STATUS_COLORS: Record<ChargeStatus, string> = {
  pendente: 'gray',
  emitida: 'blue',
  vencida: 'orange',
  paga: 'green',
  cancelada: 'dark',
  erro: 'red',
};

export const FORM_OPTIONS: { value: ChargeForm; label: string }[] = [
  { value: 'boleto', label: 'Boleto' },
  { value: 'pix', label: 'PIX' },
];

export const MAX_INSTALLMENTS = 48;
export const MAX_FINE_PERCENT = 2;
export const MAX_INTEREST_PERCENT = 1;
/** Cora's minimum amount of a charge (R$ 5,00). */
export const MIN_CENTS = 500;

export function isStatus(value: unknown): value is ChargeStatus {
  return typeof value === 'string' && STATUS_OPTIONS.some((option) => option.value === value);
}

export function statusColor(status: ChargeStatus): string {
  return STATUS_COLORS[status] ?? 'gray';
}

export function statusLabel(status: string): string {
  return STATUS_OPTIONS.find((option) => option.value === status)?.label ?? status;
}

/** "parcela 2/3" for a charge of a series; null for a single charge. */
export function installmentShort(charge: Pick<Charge, 'installment' | 'installments'>): string | null {
  return charge.installment && charge.installments ? `parcela ${charge.installment}/${charge.installments}` : null;
}

/** "Parcela 2 de 3" for a charge of a series; null for a single charge. */
export function installmentLong(charge: Pick<Charge, 'installment' | 'installments'>): string | null {
  return charge.installment && charge.installments ? `Parcela ${charge.installment} de ${charge.installments}` : null;
}

/** "Boleto e PIX" / "PIX". */
export function formsLabel(forms: readonly ChargeForm[]): string {
  return FORM_OPTIONS.filter((option) => forms.includes(option.value))
    .map((option) => option.label)
    .join(' e ');
}

// --- percentages ------------------------------------------------------------------------------------

/** A NumberInput's value (number or '') -> the API's percentage (null when empty). */
export function percentOrNull(value: number | string | null | undefined): number | null {
  if (value === '' || value === null || value === undefined) return null;
  const number = typeof value === 'number' ? value : Number(String(value).replace(',', '.'));
  return Number.isFinite(number) ? number : null;
}

/** "A multa vai de 0 a 2%." when out of range; null when empty or fine. */
export function checkPercent(value: number | string | null | undefined, max: number, what: string): string | null {
  const number = percentOrNull(value);
  if (number === null) return null;
  return number < 0 || number > max ? `${what} vai de 0 a ${String(max).replace('.', ',')}%.` : null;
}

// --- a single charge ------------------------------------------------------------------------------

export interface ChargeFormValues {
  client_id: string;
  description: string;
  amount: string;
  due_date: string; // dd/mm/aaaa
  forms: ChargeForm[];
  fine_percent: number | string;
  interest_percent: number | string;
}

export function emptyChargeForm(clientId: string | null, settings?: ChargeSettings | null): ChargeFormValues {
  return {
    client_id: clientId ?? '',
    description: '',
    amount: '',
    due_date: '',
    forms: ['boleto', 'pix'],
    fine_percent: settings?.default_fine_percent ?? '',
    interest_percent: settings?.default_interest_percent ?? '',
  };
}

export function validateAmount(value: string): string | null {
  const cents = parseMoneyToCents(value);
  if (cents === null) return 'Informe o valor.';
  if (cents === undefined) return 'Valor inválido.';
  if (cents < MIN_CENTS) return 'O valor mínimo de uma cobrança é R$ 5,00.';
  return null;
}

/** dd/mm/aaaa not before today; today is "YYYY-MM-DD" (São Paulo). */
export function validateDueDate(value: string, today: string): string | null {
  if (!value.trim()) return 'Informe o vencimento.';
  const iso = brDateToIso(value);
  if (!iso) return 'Data inválida (use dd/mm/aaaa).';
  return iso < today ? 'O vencimento não pode estar no passado.' : null;
}

export function chargeBody(values: ChargeFormValues, extra: { card_id?: string | null } = {}): ChargeCreate {
  return {
    client_id: values.client_id,
    card_id: extra.card_id ?? null,
    description: values.description.trim(),
    amount_cents: parseMoneyToCents(values.amount) ?? 0,
    due_date: brDateToIso(values.due_date) ?? '',
    forms: [...values.forms].sort(),
    fine_percent: percentOrNull(values.fine_percent),
    interest_percent: percentOrNull(values.interest_percent),
  };
}

// --- a series of installments ---------------------------------------------------------------------

export type SeriesMode = 'total' | 'installment';

export interface SeriesFormValues {
  description: string;
  mode: SeriesMode;
  amount: string;
  installments: number | string;
  first_due_date: string; // dd/mm/aaaa
  interval_months: number | string;
  forms: ChargeForm[];
  fine_percent: number | string;
  interest_percent: number | string;
}

/** What the card (or the client's opportunity values) already says about the deal. */
export interface SeriesPrefill {
  value_cents?: number | null;
  installments?: number | null;
  first_due_date?: string | null;
  description?: string | null;
}

/**
 * The dialog's first values: the opportunity's total (split in its installments, up to 48) and its first due
 * date when it is not in the past; the company's default fine and interest.
 */
export function seriesInitialValues(prefill: SeriesPrefill, today: string, settings?: ChargeSettings | null): SeriesFormValues {
  const installments = prefill.installments && prefill.installments >= 1 ? Math.min(prefill.installments, MAX_INSTALLMENTS) : 1;
  const due = prefill.first_due_date && isDayKey(prefill.first_due_date) && prefill.first_due_date >= today ? prefill.first_due_date : null;
  return {
    description: prefill.description ?? '',
    mode: 'total',
    amount: prefill.value_cents && prefill.value_cents > 0 ? centsToMoneyInput(prefill.value_cents) : '',
    installments,
    first_due_date: due ? isoToBrDate(due) : '',
    interval_months: 1,
    forms: ['boleto', 'pix'],
    fine_percent: settings?.default_fine_percent ?? '',
    interest_percent: settings?.default_interest_percent ?? '',
  };
}

function wholeNumber(value: number | string): number | null {
  const number = typeof value === 'number' ? value : Number(value);
  return Number.isInteger(number) ? number : null;
}

/**
 * The request body of a series (preview and creation), or null while the form is not complete enough to ask
 * the API (the preview waits; the API's own 422 messages say the rest).
 */
export function seriesBody(values: SeriesFormValues, clientId: string, cardId?: string | null): SeriesCreate | null {
  const cents = parseMoneyToCents(values.amount);
  const installments = wholeNumber(values.installments);
  const interval = wholeNumber(values.interval_months);
  const firstDue = brDateToIso(values.first_due_date);
  if (!cents || cents <= 0 || !installments || installments < 1 || !interval || !firstDue || values.forms.length === 0) return null;
  return {
    client_id: clientId,
    card_id: cardId ?? null,
    description: values.description.trim() || 'Parcelamento',
    total_cents: values.mode === 'total' ? cents : null,
    installment_cents: values.mode === 'installment' ? cents : null,
    installments,
    first_due_date: firstDue,
    interval_months: interval,
    forms: [...values.forms].sort(),
    fine_percent: percentOrNull(values.fine_percent),
    interest_percent: percentOrNull(values.interest_percent),
  };
}

/** The API's field errors of a series, renamed to the dialog's fields. */
export const SERIES_FIELD_ALIASES = {
  total_cents: 'amount',
  installment_cents: 'amount',
} as const;

// --- settings -------------------------------------------------------------------------------------

export interface SettingsFormValues {
  reminders_enabled: boolean;
  channel: 'whatsapp' | 'email';
  days_before: number | string;
  on_due_date: boolean;
  overdue_every_days: number | string;
  overdue_max: number | string;
  whatsapp_template: string;
  move_card_on_payment: boolean;
  receipt_on_payment: boolean;
  default_fine_percent: number | string;
  default_interest_percent: number | string;
}

export function settingsFormValues(settings: ChargeSettings): SettingsFormValues {
  const r = settings.reminders;
  return {
    reminders_enabled: settings.reminders_enabled ?? false,
    channel: r?.channel ?? 'whatsapp',
    days_before: r?.days_before ?? '',
    on_due_date: r?.on_due_date ?? true,
    overdue_every_days: r?.overdue_every_days ?? '',
    overdue_max: r?.overdue_max ?? 0,
    whatsapp_template: r?.whatsapp_template ?? '',
    move_card_on_payment: settings.move_card_on_payment ?? false,
    receipt_on_payment: settings.receipt_on_payment ?? false,
    default_fine_percent: settings.default_fine_percent ?? '',
    default_interest_percent: settings.default_interest_percent ?? '',
  };
}

const intOrNull = (value: number | string) => (value === '' ? null : wholeNumber(value));

export function settingsBody(values: SettingsFormValues): ChargeSettings {
  return {
    reminders_enabled: values.reminders_enabled,
    reminders: {
      channel: values.channel,
      days_before: intOrNull(values.days_before),
      on_due_date: values.on_due_date,
      overdue_every_days: intOrNull(values.overdue_every_days),
      overdue_max: intOrNull(values.overdue_max) ?? 0,
      whatsapp_template: values.whatsapp_template.trim() || null,
    },
    move_card_on_payment: values.move_card_on_payment,
    receipt_on_payment: values.receipt_on_payment,
    default_fine_percent: percentOrNull(values.default_fine_percent),
    default_interest_percent: percentOrNull(values.default_interest_percent),
  };
}

/** The API's settings fields ("reminders.days_before") -> the form's. */
export const SETTINGS_FIELD_ALIASES: Record<string, keyof SettingsFormValues> = {
  'reminders.channel': 'channel',
  'reminders.days_before': 'days_before',
  'reminders.on_due_date': 'on_due_date',
  'reminders.overdue_every_days': 'overdue_every_days',
  'reminders.overdue_max': 'overdue_max',
  'reminders.whatsapp_template': 'whatsapp_template',
};
