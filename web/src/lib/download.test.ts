import { describe, expect, it } from 'vitest';
import { filenameFromDisposition } from './download';

describe('Content-Disposition file names', () => {
  it('reads plain and RFC 5987 names', () => {
    expect(filenameFromDisposition('attachment; filename="clientes-2026-03-05.csv"', 'x.csv')).toBe('clientes-2026-03-05.csv');
    expect(filenameFromDisposition("attachment; filename*=UTF-8''clientes%20s%C3%A3o.csv", 'x.csv')).toBe('clientes são.csv');
    expect(filenameFromDisposition('attachment; filename=clientes.csv', 'x.csv')).toBe('clientes.csv');
    expect(filenameFromDisposition(null, 'clientes.csv')).toBe('clientes.csv');
  });
});
