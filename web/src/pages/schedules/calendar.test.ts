import { describe, expect, it } from 'vitest';
import { groupByDay, monthGrid, monthLabel, monthOf, monthRange, shiftMonth } from './calendar';

describe('calendar', () => {
  it('shifts months across years', () => {
    expect(monthOf('2026-12-02')).toBe('2026-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-05', 0)).toBe('2026-05');
  });

  it('gives the first and last day (leap years too)', () => {
    expect(monthRange('2026-12')).toEqual({ from: '2026-12-01', to: '2026-12-31' });
    expect(monthRange('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(monthRange('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('covers the month in whole weeks starting on Sunday', () => {
    const weeks = monthGrid('2026-12'); // 1 December 2026 is a Tuesday
    expect(weeks).toHaveLength(5);
    expect(weeks[0]).toEqual(['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05']);
    expect(weeks[4]![6]).toBe('2027-01-02');
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    // February 2026 starts on a Sunday and fits 4 weeks exactly
    expect(monthGrid('2026-02')).toHaveLength(4);
    expect(monthGrid('2026-02')[0]![0]).toBe('2026-02-01');
  });

  it('groups by São Paulo day, each day in time order', () => {
    const items = [
      { id: 'late', at: '2026-12-02T20:00:00Z' },
      { id: 'night', at: '2026-12-03T02:30:00Z' }, // 23:30 on the 2nd in São Paulo
      { id: 'early', at: '2026-12-02T11:00:00Z' },
      { id: 'bad', at: 'x' },
    ];
    const byDay = groupByDay(items, (item) => item.at);
    expect([...byDay.keys()]).toEqual(['2026-12-02']);
    expect(byDay.get('2026-12-02')!.map((item) => item.id)).toEqual(['early', 'late', 'night']);
  });

  it('names the month in Portuguese', () => {
    expect(monthLabel('2026-12')).toBe('Dezembro de 2026');
    expect(monthLabel('2027-03')).toBe('Março de 2027');
  });
});
