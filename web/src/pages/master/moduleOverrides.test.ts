import { describe, expect, it } from 'vitest';
import { effectiveEnabled, overridesPatch, sameOverrides } from './moduleOverrides';

describe('module overrides', () => {
  const plan = ['clientes', 'funil'];

  it('follows the plan unless overridden', () => {
    expect(effectiveEnabled('clientes', plan, {})).toBe(true);
    expect(effectiveEnabled('ia', plan, {})).toBe(false);
    expect(effectiveEnabled('clientes', plan, { clientes: false })).toBe(false);
    expect(effectiveEnabled('ia', plan, { ia: true })).toBe(true);
  });

  it('sends null for overrides moved back to the plan default', () => {
    expect(overridesPatch({ ia: true, funil: false }, { funil: true })).toEqual({ ia: null, funil: true });
    expect(overridesPatch({}, { whatsapp: true })).toEqual({ whatsapp: true });
  });

  it('compares drafts', () => {
    expect(sameOverrides({ ia: true }, { ia: true })).toBe(true);
    expect(sameOverrides({ ia: true }, { ia: false })).toBe(false);
    expect(sameOverrides({ ia: true }, {})).toBe(false);
  });
});
