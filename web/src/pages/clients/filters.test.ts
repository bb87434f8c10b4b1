import { describe, expect, it } from 'vitest';
import { activeFilterCount, queryFromParams, queryToStrings, withParam } from './filters';

describe('client list filters', () => {
  it('keeps known keys and custom fields, drops the rest', () => {
    const params = new URLSearchParams('q=ana&stage=negociacao&cf.segmento=Varejo&evil=1&sort=bogus&archived=true&tag=');
    expect(queryFromParams(params)).toEqual({ q: 'ana', stage: 'negociacao', 'cf.segmento': 'Varejo', archived: true });
  });

  it('counts the filters shown in the drawer', () => {
    expect(activeFilterCount(queryFromParams(new URLSearchParams('q=x&sort=name&origin=site&cf.a=1')))).toBe(2);
  });

  it('sets and clears params', () => {
    const params = withParam(new URLSearchParams('q=a'), 'origin', 'site');
    expect(params.toString()).toBe('q=a&origin=site');
    expect(withParam(params, 'q', '').toString()).toBe('origin=site');
  });

  it('serializes for the export', () => {
    expect(queryToStrings(queryFromParams(new URLSearchParams('q=1&archived=true')))).toEqual({
      q: '1',
      archived: 'true',
    });
  });
});
