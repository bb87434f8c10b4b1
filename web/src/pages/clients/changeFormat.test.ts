import { describe, expect, it } from 'vitest';
import { formatChangeValue } from './changeFormat';

describe('timeline change values', () => {
  it('formats what the API stores', () => {
    expect(formatChangeValue('values.opportunity_value_cents', 123456)).toBe('R$ 1.234,56');
    expect(formatChangeValue('values.first_due_date', '2026-03-05')).toBe('05/03/2026');
    expect(formatChangeValue('whatsapp', '+5511987654321')).toBe('(11) 98765-4321');
    expect(formatChangeValue('document', '52998224725')).toBe('529.982.247-25');
    expect(formatChangeValue('address.cep', '01310100')).toBe('01310-100');
    expect(formatChangeValue('origin', 'indicacao')).toBe('Indicação');
    expect(formatChangeValue('stage', 'negociacao')).toBe('Negociação');
    expect(formatChangeValue('consent.whatsapp', { status: 'granted', legal_basis: 'consentimento' })).toBe(
      'Concedido · Consentimento',
    );
    expect(formatChangeValue('tags', ['vip', 'atacado'])).toBe('vip, atacado');
    expect(formatChangeValue('notes', null)).toBe('(vazio)');
    expect(formatChangeValue('owner_id', 'u1', (id) => (id === 'u1' ? 'Gustavo' : undefined))).toBe('Gustavo');
    expect(formatChangeValue('owner_id', 'u2')).toBe('outro usuário');
  });
});
