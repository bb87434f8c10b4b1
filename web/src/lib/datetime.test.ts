import { describe, expect, it } from 'vitest';
import {
  addDays,
  dayLabel,
  endOfDay,
  isDayKey,
  isPastMinute,
  isTime,
  nextWholeHour,
  parseBrDay,
  spDay,
  spOffsetAt,
  spParts,
  spToday,
  toApiDateTime,
} from './datetime';

describe('São Paulo days and times', () => {
  it('reads an instant as the São Paulo day and time, whatever the browser zone', () => {
    expect(spParts('2026-12-02T02:30:00Z')).toEqual({ day: '2026-12-01', time: '23:30' });
    expect(spParts('2026-12-02T13:00:00.000+00:00')).toEqual({ day: '2026-12-02', time: '10:00' });
    expect(spParts('')).toBeNull();
    expect(spParts('não é data')).toBeNull();
    expect(spDay('2026-01-01T02:59:00Z')).toBe('2025-12-31');
    expect(spToday(new Date('2026-12-02T02:00:00Z'))).toBe('2026-12-01');
  });

  it('builds the API timestamp with the offset in force', () => {
    expect(spOffsetAt(new Date('2026-12-02T12:00:00Z'))).toBe('-03:00');
    expect(toApiDateTime('2026-12-02', '10:00')).toBe('2026-12-02T10:00:00-03:00');
    expect(toApiDateTime('2026-12-02', '10:00:59')).toBe('2026-12-02T10:00:00-03:00');
    expect(toApiDateTime('2026-02-30', '10:00')).toBeNull();
    expect(toApiDateTime('2026-12-02', '24:00')).toBeNull();
    expect(toApiDateTime('2026-12-02', '9:5')).toBeNull();
    expect(toApiDateTime(null, '10:00')).toBeNull();
    expect(endOfDay('2026-12-02')).toBe('2026-12-02T23:59:00-03:00');
  });

  it('validates days and times', () => {
    expect(isDayKey('2028-02-29')).toBe(true);
    expect(isDayKey('2026-02-29')).toBe(false);
    expect(isDayKey('02/12/2026')).toBe(false);
    expect(isTime('00:00')).toBe(true);
    expect(isTime('23:59')).toBe(true);
    expect(isTime('23:60')).toBe(false);
    expect(isTime('1:00')).toBe(false);
  });

  it('moves across months and years and converts dd/mm/aaaa', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(dayLabel('2026-12-02')).toBe('02/12/2026');
    expect(parseBrDay('02/12/2026')).toBe('2026-12-02');
    expect(parseBrDay(' 31/04/2026 ')).toBeNull();
    expect(parseBrDay('2/12/2026')).toBeNull();
  });

  it('knows when a minute has passed (seconds do not count)', () => {
    const now = new Date('2026-12-02T13:00:40Z'); // 10:00:40 in São Paulo
    expect(isPastMinute('2026-12-02', '09:59', now)).toBe(true);
    expect(isPastMinute('2026-12-02', '10:00', now)).toBe(false);
    expect(isPastMinute('2026-12-02', '10:01', now)).toBe(false);
  });

  it('suggests the next whole hour, crossing midnight', () => {
    expect(nextWholeHour(new Date('2026-12-02T13:20:00Z'))).toEqual({ day: '2026-12-02', time: '11:00' });
    expect(nextWholeHour(new Date('2026-12-03T02:30:00Z'))).toEqual({ day: '2026-12-03', time: '00:00' });
  });
});
