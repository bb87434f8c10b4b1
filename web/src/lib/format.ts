/**
 * pt-BR display formatting. All dates are shown in the company's time zone
 * (America/Sao_Paulo), whatever the browser's own zone is.
 */
export const APP_LOCALE = 'pt-BR';
export const APP_TIME_ZONE = 'America/Sao_Paulo';

const EMPTY = '—';

const moneyFormatter = new Intl.NumberFormat(APP_LOCALE, { style: 'currency', currency: 'BRL' });

const dateFormatter = new Intl.DateTimeFormat(APP_LOCALE, {
  timeZone: APP_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
});

const dateTimeFormatter = new Intl.DateTimeFormat(APP_LOCALE, {
  timeZone: APP_TIME_ZONE,
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/**
 * Formats an amount in cents as Brazilian reais: 123456 -> "R$ 1.234,56".
 * Intl puts a no-break space after "R$"; it is replaced by a plain space so the
 * text is the same everywhere (keep money cells `white-space: nowrap`).
 */
export function formatMoney(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return EMPTY;
  return moneyFormatter.format(cents / 100).replace(/\u00a0/g, ' ');
}

/** Reais typed in a form (e.g. 1234.5) -> integer cents (123450), avoiding float drift. */
export function reaisToCents(reais: number): number {
  return Math.round(reais * 100);
}

/** Integer cents -> reais for a form field (123450 -> 1234.5). */
export function centsToReais(cents: number): number {
  return cents / 100;
}

function toDate(value: string | Date | null | undefined): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

function partsOf(formatter: Intl.DateTimeFormat, date: Date): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(date)) parts[part.type] = part.value;
  return parts;
}

/** ISO timestamp -> "dd/mm/aaaa" in São Paulo time; "—" when missing or invalid. */
export function formatDate(value: string | Date | null | undefined): string {
  // A calendar date ("2026-03-05") has no time zone: show it as is.
  const day = typeof value === 'string' ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value) : null;
  if (day) return `${day[3]}/${day[2]}/${day[1]}`;
  const date = toDate(value);
  if (!date) return EMPTY;
  const p = partsOf(dateFormatter, date);
  return `${p.day}/${p.month}/${p.year}`;
}

/** ISO timestamp -> "dd/mm/aaaa HH:mm" (24 h) in São Paulo time; "—" when missing or invalid. */
export function formatDateTime(value: string | Date | null | undefined): string {
  const date = toDate(value);
  if (!date) return EMPTY;
  const p = partsOf(dateTimeFormatter, date);
  return `${p.day}/${p.month}/${p.year} ${p.hour}:${p.minute}`;
}

/** Seconds from a Retry-After header -> whole minutes to wait (at least 1). */
export function retryAfterMinutes(seconds: number): number {
  return Math.max(1, Math.ceil(seconds / 60));
}

/** "1 minuto" / "5 minutos". */
export function pluralMinutes(minutes: number): string {
  return minutes === 1 ? '1 minuto' : `${minutes} minutos`;
}
