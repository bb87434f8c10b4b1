import { describe, expect, it } from 'vitest';
import {
  centsToReais,
  formatDate,
  formatDateTime,
  formatMoney,
  pluralMinutes,
  reaisToCents,
  retryAfterMinutes,
} from './format';

describe('formatMoney', () => {
  it('formats cents as Brazilian reais', () => {
    expect(formatMoney(123456)).toBe('R$ 1.234,56');
    expect(formatMoney(0)).toBe('R$ 0,00');
    expect(formatMoney(5)).toBe('R$ 0,05');
    expect(formatMoney(9990)).toBe('R$ 99,90');
    expect(formatMoney(123456789)).toBe('R$ 1.234.567,89');
  });

  it('uses a plain space, not a no-break space', () => {
    expect(formatMoney(100)).not.toContain('\u00a0');
  });

  it('formats negative amounts', () => {
    expect(formatMoney(-1050)).toBe('-R$ 10,50');
  });

  it('shows a dash when there is no amount', () => {
    expect(formatMoney(null)).toBe('—');
    expect(formatMoney(undefined)).toBe('—');
    expect(formatMoney(Number.NaN)).toBe('—');
  });
});

describe('reais <-> cents', () => {
  it('rounds away float drift', () => {
    expect(reaisToCents(19.99)).toBe(1999);
    expect(reaisToCents(1234.5)).toBe(123450);
    expect(reaisToCents(0.1 + 0.2)).toBe(30);
    expect(centsToReais(123450)).toBe(1234.5);
  });
});

describe('formatDate', () => {
  it('formats as dd/mm/aaaa in São Paulo time', () => {
    expect(formatDate('2025-03-07T15:00:00-03:00')).toBe('07/03/2025');
  });

  it('converts UTC instants to São Paulo local date', () => {
    // 02:30 UTC on 1 Jan is still 31 Dec in São Paulo (UTC-3).
    expect(formatDate('2025-01-01T02:30:00Z')).toBe('31/12/2024');
    expect(formatDate('2025-01-01T03:00:00+00:00')).toBe('01/01/2025');
  });

  it('accepts Date objects', () => {
    expect(formatDate(new Date('2024-02-29T12:00:00Z'))).toBe('29/02/2024');
  });

  it('shows a dash for empty or invalid values', () => {
    expect(formatDate(null)).toBe('—');
    expect(formatDate(undefined)).toBe('—');
    expect(formatDate('')).toBe('—');
    expect(formatDate('not a date')).toBe('—');
  });
});

describe('formatDateTime', () => {
  it('formats as dd/mm/aaaa HH:mm (24 h) in São Paulo time', () => {
    expect(formatDateTime('2025-06-15T17:05:00Z')).toBe('15/06/2025 14:05');
    expect(formatDateTime('2025-06-15T23:59:00-03:00')).toBe('15/06/2025 23:59');
    expect(formatDateTime('2025-06-16T03:00:00Z')).toBe('16/06/2025 00:00');
  });

  it('shows a dash when never set', () => {
    expect(formatDateTime(null)).toBe('—');
  });
});

describe('retry-after helpers', () => {
  it('rounds seconds up to whole minutes', () => {
    expect(retryAfterMinutes(1)).toBe(1);
    expect(retryAfterMinutes(60)).toBe(1);
    expect(retryAfterMinutes(61)).toBe(2);
    expect(retryAfterMinutes(900)).toBe(15);
    expect(retryAfterMinutes(0)).toBe(1);
  });

  it('pluralises minutes in pt-BR', () => {
    expect(pluralMinutes(1)).toBe('1 minuto');
    expect(pluralMinutes(15)).toBe('15 minutos');
  });
});

describe('calendar dates', () => {
  it('shows YYYY-MM-DD as is, whatever the time zone', () => {
    expect(formatDate('2026-03-05')).toBe('05/03/2026');
  });
});
