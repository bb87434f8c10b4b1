/** Dashboard periods, as calendar dates in São Paulo (YYYY-MM-DD). */
import { APP_TIME_ZONE } from '../../lib/format';

export type Preset = 'hoje' | '7d' | '30d' | 'mes' | 'personalizado';

export const PRESETS: { value: Preset; label: string }[] = [
  { value: 'hoje', label: 'Hoje' },
  { value: '7d', label: '7 dias' },
  { value: '30d', label: '30 dias' },
  { value: 'mes', label: 'Este mês' },
  { value: 'personalizado', label: 'Personalizado' },
];

const dayFormatter = new Intl.DateTimeFormat('en-CA', { timeZone: APP_TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today's date in São Paulo. */
export function todayIso(now: Date = new Date()): string {
  return dayFormatter.format(now); // en-CA formats as YYYY-MM-DD
}

/** "2026-03-05" minus n days (calendar arithmetic, no time zone). */
export function addDays(iso: string, days: number): string {
  const [year, month, day] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(year!, month! - 1, day! + days));
  return date.toISOString().slice(0, 10);
}

export interface Range {
  from: string;
  to: string;
}

/** The preset's range, both ends included ("7 dias" = today and the 6 days before). */
export function presetRange(preset: Exclude<Preset, 'personalizado'>, now: Date = new Date()): Range {
  const today = todayIso(now);
  switch (preset) {
    case 'hoje':
      return { from: today, to: today };
    case '7d':
      return { from: addDays(today, -6), to: today };
    case 'mes':
      return { from: `${today.slice(0, 8)}01`, to: today };
    default:
      return { from: addDays(today, -29), to: today };
  }
}
