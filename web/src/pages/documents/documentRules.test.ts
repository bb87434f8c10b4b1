import { describe, expect, it } from 'vitest';
import type { Doc } from '../../api/types';
import {
  addMonths,
  documentBody,
  documentTotals,
  generateInstallmentLines,
  grossCents,
  installmentsProblem,
  lineErrors,
  newLine,
  parseQuantity,
  quantityFromApi,
  quantityToApi,
  splitInstallments,
  statusBadge,
  valuesFromDoc,
  type DocFormValues,
} from './documentRules';

describe('quantities', () => {
  it('reads pt-BR quantities in thousandths', () => {
    expect(parseQuantity('2')).toBe(2000);
    expect(parseQuantity('1,5')).toBe(1500);
    expect(parseQuantity('1.5')).toBe(1500);
    expect(parseQuantity('1.000,25')).toBe(1_000_250);
    expect(parseQuantity('')).toBeNull();
    expect(parseQuantity('0')).toBeUndefined();
    expect(parseQuantity('1,2345')).toBeUndefined();
    expect(parseQuantity('abc')).toBeUndefined();
  });

  it('converts to and from what the API takes', () => {
    expect(quantityToApi(1500)).toBe('1.5');
    expect(quantityToApi(2000)).toBe('2');
    expect(quantityToApi(1250)).toBe('1.25');
    expect(quantityFromApi('1.500')).toBe('1,5');
    expect(quantityFromApi('3')).toBe('3');
  });
});

describe('totals', () => {
  it('rounds quantity × price half up to the centavo, like the API', () => {
    expect(grossCents(1500, 333)).toBe(500); // 499.5 -> 500
    expect(grossCents(1000, 10_000_000_000)).toBe(10_000_000_000);
    expect(grossCents(333, 1)).toBe(0);
  });

  it('adds the lines, less their discounts', () => {
    const lines = [
      newLine({ description: 'Plano', quantity: '2', price: '100,00', discount: '10,00' }),
      newLine({ description: 'Setup', quantity: '1,5', price: '3,33' }),
    ];
    expect(documentTotals(lines)).toEqual({ subtotal: 20_500, discount: 1000, total: 19_500, complete: true });
  });

  it('marks the totals incomplete while a line is missing its price', () => {
    const totals = documentTotals([newLine({ description: 'A', price: '10,00' }), newLine({ description: 'B' })]);
    expect(totals).toMatchObject({ total: 1000, complete: false });
    expect(documentTotals([]).complete).toBe(false);
  });

  it('explains what is wrong with a line', () => {
    expect(lineErrors(newLine({ quantity: '0' }))).toEqual({
      description: 'Descreva o item.',
      quantity: 'Quantidade inválida.',
      price: 'Informe o preço.',
    });
    expect(lineErrors(newLine({ description: 'X', price: '10,00', discount: '11,00' }))).toEqual({
      discount: 'O desconto é maior que o valor do item.',
    });
  });
});

describe('installments', () => {
  it('adds months keeping the day, or the month’s last', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2026-11-15', 3)).toBe('2027-02-15');
    expect(addMonths('2026-03-10', 0)).toBe('2026-03-10');
  });

  it('splits the total in monthly installments that add up exactly', () => {
    const parts = splitInstallments(10_000, 3, '2026-01-31');
    expect(parts).toEqual([
      { due: '2026-01-31', amountCents: 3334 },
      { due: '2026-02-28', amountCents: 3333 },
      { due: '2026-03-31', amountCents: 3333 },
    ]);
    expect(splitInstallments(2, 3, '2026-01-01')).toEqual([]);
  });

  it('checks that the installments are complete, in order and add up to the total', () => {
    const lines = generateInstallmentLines(10_000, 2, '2026-05-10');
    expect(lines.map((l) => l.amount)).toEqual(['50,00', '50,00']);
    expect(installmentsProblem(lines, 10_000)).toBeNull();
    expect(installmentsProblem(lines, 9_000)).toBe('A soma das parcelas deve ser igual ao total do documento.');
    expect(installmentsProblem([lines[1]!, lines[0]!], 10_000)).toBe('As parcelas devem estar em ordem de vencimento.');
    expect(installmentsProblem([{ ...lines[0]!, due: null }], 5_000)).toBe('Informe o vencimento de todas as parcelas.');
    expect(installmentsProblem([], 10_000)).toBeNull();
  });
});

describe('the request', () => {
  it('builds the body: catalog and free lines, validity only for proposals', () => {
    const values: DocFormValues = {
      kind: 'proposta',
      client_id: 'c1',
      card_id: 'k1',
      items: [
        newLine({ catalogId: 'cat1', description: ' Plano Ouro ', quantity: '1,5', price: '1.234,56', discount: '' }),
        newLine({ description: 'Instalação', quantity: '1', price: '100,00', discount: '10,00' }),
      ],
      valid_until: '2026-12-31',
      installments: [],
      notes: '  ',
    };
    expect(documentBody(values)).toEqual({
      kind: 'proposta',
      client_id: 'c1',
      card_id: 'k1',
      items: [
        { catalog_id: 'cat1', description: 'Plano Ouro', quantity: '1.5', unit_price_cents: 123456, discount_cents: 0 },
        { catalog_id: null, description: 'Instalação', quantity: '1', unit_price_cents: 10000, discount_cents: 1000 },
      ],
      valid_until: '2026-12-31',
      installments: [],
      notes: null,
    });
    const contract = documentBody({ ...values, kind: 'contrato', installments: generateInstallmentLines(10_000, 2, '2026-05-10') });
    expect(contract.valid_until).toBeNull();
    expect(contract.installments).toEqual([
      { due_date: '2026-05-10', amount_cents: 5000 },
      { due_date: '2026-06-10', amount_cents: 5000 },
    ]);
  });

  it('refills the form from a stored document', () => {
    const doc = {
      kind: 'contrato',
      client_id: 'c1',
      card_id: null,
      items: [{ catalog_id: 'cat1', description: 'Plano', quantity: '2.000', unit_price_cents: 5000, discount_cents: 0, total_cents: 10000 }],
      valid_until: null,
      installments: [{ number: 1, due_date: '2026-05-10', amount_cents: 10000 }],
      notes: 'Pagamento via Pix',
    } as unknown as Doc;
    const values = valuesFromDoc(doc);
    expect(values.items[0]).toMatchObject({ catalogId: 'cat1', quantity: '2', price: '50,00', discount: '' });
    expect(values.installments[0]).toMatchObject({ due: '2026-05-10', amount: '100,00' });
    expect(values.notes).toBe('Pagamento via Pix');
  });

  it('shows "Gerando…" while processing, and the reason on Erro', () => {
    expect(statusBadge({ status: 'gerado', processing: true, error: null })).toMatchObject({ label: 'Gerando…', reason: null });
    expect(statusBadge({ status: 'erro', processing: false, error: 'SMTP recusou' })).toEqual({ label: 'Erro', color: 'red', reason: 'SMTP recusou' });
    expect(statusBadge({ status: 'enviado', processing: false, error: null })).toMatchObject({ label: 'Enviado', color: 'green' });
  });
});

describe('API errors on the builder', () => {
  it('puts each field error next to its input', async () => {
    const { formFieldOf } = await import('./documentRules');
    expect(formFieldOf('items.0.discount_cents')).toBe('items.0.discount');
    expect(formFieldOf('items.2.unit_price_cents')).toBe('items.2.price');
    expect(formFieldOf('items.1.catalog_id')).toBe('items.1.description');
    expect(formFieldOf('items')).toBe('items');
    expect(formFieldOf('installments.1.amount_cents')).toBe('installments');
    expect(formFieldOf('valid_until')).toBe('valid_until');
    expect(formFieldOf('card_id')).toBe('client_id');
    expect(formFieldOf('something')).toBeNull();
  });
});
