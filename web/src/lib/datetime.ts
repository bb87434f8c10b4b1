/**
 * Calendar days and wall-clock times in the company's zone (America/Sao_Paulo), whatever zone the
 * browser is in: a form's "02/12/2026 10:00" becomes "2026-12-02T10:00:00-03:00" for the API, and an
 * API timestamp goes back to the São Paulo day ("2026-12-02") and time ("10:00").
 */
import { APP_TIME_ZONE } from './format';

/** "YYYY-MM-DD". */
export type DayKey = string;

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: APP_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const offsetFormatter = new Intl.DateTimeFormat('en-US', { timeZone: APP_TIME_ZONE, timeZoneName: 'longOffset' });

function toDate(value: string | Date): Date | null {
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The São Paulo day and time of an instant: { day: "2026-12-02", time: "10:00" }; null when invalid. */
export function spParts(value: string | Date | null | undefined): { day: DayKey; time: string } | null {
  if (value === null || value === undefined || value === '') return null;
  const date = toDate(value);
  if (!date) return null;
  const p: Record<string, string> = {};
  for (const part of partsFormatter.formatToParts(date)) p[part.type] = part.value;
  return { day: `${p.year}-${p.month}-${p.day}`, time: `${p.hour}:${p.minute}` };
}

/** The São Paulo calendar day of an instant ("2026-12-02"); '' when invalid. */
export function spDay(value: string | Date | null | undefined): DayKey {
  return spParts(value)?.day ?? '';
}

/** Today in São Paulo. */
export function spToday(now: Date = new Date()): DayKey {
  return spDay(now);
}

/** UTC offset of São Paulo at that instant: "-03:00" (no DST since 2019, but asked, not assumed). */
export function spOffsetAt(instant: Date): string {
  const name = offsetFormatter.formatToParts(instant).find((part) => part.type === 'timeZoneName')?.value ?? '';
  const match = /GMT([+-])(\d{1,2})(?::(\d{2}))?/.exec(name);
  if (!match) return '+00:00';
  return `${match[1]}${match[2]!.padStart(2, '0')}:${match[3] ?? '00'}`;
}

export function isDayKey(value: unknown): value is DayKey {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1, d!));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m! - 1 && date.getUTCDate() === d;
}

export function isTime(value: unknown): value is string {
  return typeof value === 'string' && /^([01]\d|2[0-3]):[0-5]\d$/.test(value);
}

/**
 * A São Paulo wall-clock day + "HH:mm" -> ISO 8601 with the offset: "2026-12-02T10:00:00-03:00".
 * Null when the day or time is not valid.
 */
export function toApiDateTime(day: DayKey | null | undefined, time: string | null | undefined): string | null {
  if (!isDayKey(day)) return null;
  const hhmm = (time ?? '').slice(0, 5);
  if (!isTime(hhmm)) return null;
  // The offset in force at that wall-clock time (guess with -03:00, then ask the zone).
  const guess = new Date(`${day}T${hhmm}:00-03:00`);
  return `${day}T${hhmm}:00${spOffsetAt(guess)}`;
}

/** A deadline without a time: that day at 23:59 in São Paulo. */
export function endOfDay(day: DayKey | null | undefined): string | null {
  return toApiDateTime(day, '23:59');
}

/** "2026-12-02" + n days (negative goes back). */
export function addDays(day: DayKey, days: number): DayKey {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** "2026-12-02" -> "02/12/2026". */
export function dayLabel(day: DayKey): string {
  return isDayKey(day) ? `${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}` : '';
}

/** "02/12/2026" -> "2026-12-02"; null when incomplete or not a real date. */
export function parseBrDay(text: string): DayKey | null {
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text.trim());
  if (!match) return null;
  const day = `${match[3]}-${match[2]}-${match[1]}`;
  return isDayKey(day) ? day : null;
}

/** True when the São Paulo day + time is before the current minute. */
export function isPastMinute(day: DayKey, time: string, now: Date = new Date()): boolean {
  const iso = toApiDateTime(day, time);
  if (!iso) return false;
  const minute = new Date(now.getTime());
  minute.setUTCSeconds(0, 0);
  return new Date(iso).getTime() < minute.getTime();
}

/** The next whole hour from now, in São Paulo: a sensible default for "when to send". */
export function nextWholeHour(now: Date = new Date()): { day: DayKey; time: string } {
  const next = new Date(now.getTime() + 60 * 60_000);
  next.setUTCMinutes(0, 0, 0); // São Paulo's offset is whole hours
  return spParts(next)!;
}
