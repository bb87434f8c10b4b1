/** The calendar's pure parts: a month as weeks (Sunday first), items grouped by São Paulo day. */
import { addDays, spDay, type DayKey } from '../../lib/datetime';

/** "YYYY-MM". */
export type MonthKey = string;

export function monthOf(day: DayKey): MonthKey {
  return day.slice(0, 7);
}

export function shiftMonth(month: MonthKey, delta: number): MonthKey {
  const [y, m] = month.split('-').map(Number);
  const date = new Date(Date.UTC(y!, m! - 1 + delta, 1));
  return date.toISOString().slice(0, 7);
}

/** First and last day of the month: the API's date_from/date_to. */
export function monthRange(month: MonthKey): { from: DayKey; to: DayKey } {
  const from = `${month}-01`;
  return { from, to: addDays(`${shiftMonth(month, 1)}-01`, -1) };
}

/** Weeks (Sunday..Saturday) covering the month, with the neighbouring months' days to fill them. */
export function monthGrid(month: MonthKey): DayKey[][] {
  const { from, to } = monthRange(month);
  const [y, m, d] = from.split('-').map(Number);
  const weekday = new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay(); // 0 = Sunday
  let cursor = addDays(from, -weekday);
  const weeks: DayKey[][] = [];
  while (cursor <= to) {
    const week: DayKey[] = [];
    for (let i = 0; i < 7; i += 1) {
      week.push(cursor);
      cursor = addDays(cursor, 1);
    }
    weeks.push(week);
  }
  return weeks;
}

/** Items by their São Paulo day, each day in time order. */
export function groupByDay<T>(items: readonly T[], instant: (item: T) => string): Map<DayKey, T[]> {
  const byDay = new Map<DayKey, T[]>();
  for (const item of items) {
    const day = spDay(instant(item));
    if (!day) continue;
    const list = byDay.get(day);
    if (list) list.push(item);
    else byDay.set(day, [item]);
  }
  for (const list of byDay.values()) {
    list.sort((a, b) => {
      const x = new Date(instant(a)).getTime();
      const y = new Date(instant(b)).getTime();
      return x - y;
    });
  }
  return byDay;
}

const monthFormatter = new Intl.DateTimeFormat('pt-BR', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "Dezembro de 2026". */
export function monthLabel(month: MonthKey): string {
  const [y, m] = month.split('-').map(Number);
  const text = monthFormatter.format(new Date(Date.UTC(y!, m! - 1, 15)));
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export const WEEKDAYS = ['Dom', 'Seg', 'Ter', 'Qua', 'Qui', 'Sex', 'Sáb'] as const;
