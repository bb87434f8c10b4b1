import { describe, expect, it } from 'vitest';
import { addDays, presetRange, todayIso } from './period';

// 02:30 UTC on 1 March is still 28 February in São Paulo (UTC-3).
const NOW = new Date('2026-03-01T02:30:00Z');

describe('dashboard periods', () => {
  it('uses São Paulo dates', () => {
    expect(todayIso(NOW)).toBe('2026-02-28');
  });

  it('computes the presets, both ends included', () => {
    expect(presetRange('hoje', NOW)).toEqual({ from: '2026-02-28', to: '2026-02-28' });
    expect(presetRange('7d', NOW)).toEqual({ from: '2026-02-22', to: '2026-02-28' });
    expect(presetRange('30d', NOW)).toEqual({ from: '2026-01-30', to: '2026-02-28' });
    expect(presetRange('mes', NOW)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
  });

  it('adds days across months and years', () => {
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
  });
});
