import { describe, expect, it } from 'vitest';
import type { CatalogItem } from '../../api/types';
import { formValues, itemBody, kindLabel, priceWithRecurrence, recurrenceLabel, validatePrice } from './catalogRules';

const item = {
  id: 'i1',
  name: 'Plano Ouro',
  description: null,
  kind: 'plano',
  kind_label: 'Plano',
  price_cents: 123456,
  price_display: 'R$ 1.234,56',
  recurrence: 'mensal',
  recurrence_label: 'Mensal',
  active: true,
  sku: 'OURO-1',
  created_at: '2026-01-01T00:00:00Z',
  updated_at: '2026-01-01T00:00:00Z',
} as CatalogItem;

describe('catalog rules', () => {
  it('labels kinds and recurrences in pt-BR', () => {
    expect(kindLabel('servico')).toBe('Serviço');
    expect(recurrenceLabel('unica')).toBe('Única');
    expect(priceWithRecurrence('R$ 49,90', 'mensal')).toBe('R$ 49,90 / mês');
    expect(priceWithRecurrence('R$ 499,00', 'anual')).toBe('R$ 499,00 / ano');
    expect(priceWithRecurrence('R$ 10,00', 'unica')).toBe('R$ 10,00');
  });

  it('fills the form from an item and sends it back in cents', () => {
    const values = formValues(item);
    expect(values.price).toBe('1.234,56');
    expect(itemBody(values)).toEqual({
      name: 'Plano Ouro',
      kind: 'plano',
      price_cents: 123456,
      recurrence: 'mensal',
      sku: 'OURO-1',
      description: null,
      active: true,
    });
  });

  it('trims text and sends empty optional fields as null', () => {
    const body = itemBody({ name: '  Consultoria ', kind: 'servico', price: '0,00', recurrence: 'unica', sku: ' ', description: '' });
    expect(body).toMatchObject({ name: 'Consultoria', price_cents: 0, sku: null, description: null });
  });

  it('requires a valid price (zero is allowed)', () => {
    expect(validatePrice('')).toBe('Informe o preço.');
    expect(validatePrice('abc')).toBe('Preço inválido.');
    expect(validatePrice('0,00')).toBeNull();
    expect(validatePrice('1.500,00')).toBeNull();
  });
});
