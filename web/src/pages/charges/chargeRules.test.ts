import { describe, expect, it } from 'vitest';
import type { ChargeSettings } from '../../api/types';
import {
  chargeBody,
  checkPercent,
  emptyChargeForm,
  formsLabel,
  installmentLong,
  installmentShort,
  isStatus,
  percentOrNull,
  seriesBody,
  seriesInitialValues,
  settingsBody,
  settingsFormValues,
  statusColor,
  validateAmount,
  validateDueDate,
} from './chargeRules';

const SETTINGS: ChargeSettings = {
  reminders_enabled: true,
  reminders: { channel: 'email', days_before: 5, on_due_date: false, overdue_every_days: null, overdue_max: 2, whatsapp_template: null },
  move_card_on_payment: true,
  receipt_on_payment: false,
  default_fine_percent: 2,
  default_interest_percent: 0.5,
};

describe('statuses', () => {
  it('knows the API statuses and colours them', () => {
    expect(isStatus('vencida')).toBe(true);
    expect(isStatus('paid')).toBe(false);
    expect(isStatus(null)).toBe(false);
    expect(statusColor('paga')).toBe('green');
    expect(statusColor('erro')).toBe('red');
    expect(statusColor('vencida')).toBe('orange');
  });
});

describe('installment texts', () => {
  it('names the installment of a series and nothing for a single charge', () => {
    expect(installmentShort({ installment: 2, installments: 3 })).toBe('parcela 2/3');
    expect(installmentLong({ installment: 2, installments: 3 })).toBe('Parcela 2 de 3');
    expect(installmentShort({ installment: null, installments: null })).toBeNull();
    expect(installmentLong({ installment: null, installments: null })).toBeNull();
  });

  it('lists the payment forms in pt-BR', () => {
    expect(formsLabel(['boleto', 'pix'])).toBe('Boleto e PIX');
    expect(formsLabel(['pix'])).toBe('PIX');
  });
});

describe('percentages', () => {
  it('reads an empty input as null and checks the legal caps', () => {
    expect(percentOrNull('')).toBeNull();
    expect(percentOrNull(1.5)).toBe(1.5);
    expect(percentOrNull('0,5')).toBe(0.5);
    expect(checkPercent('', 2, 'A multa')).toBeNull();
    expect(checkPercent(2, 2, 'A multa')).toBeNull();
    expect(checkPercent(2.5, 2, 'A multa')).toBe('A multa vai de 0 a 2%.');
  });
});

describe('a single charge', () => {
  it('validates amount (Cora minimum R$ 5,00) and due date', () => {
    expect(validateAmount('')).toBe('Informe o valor.');
    expect(validateAmount('4,99')).toBe('O valor mínimo de uma cobrança é R$ 5,00.');
    expect(validateAmount('1.234,56')).toBeNull();
    expect(validateDueDate('', '2026-03-10')).toBe('Informe o vencimento.');
    expect(validateDueDate('31/02/2026', '2026-03-10')).toBe('Data inválida (use dd/mm/aaaa).');
    expect(validateDueDate('09/03/2026', '2026-03-10')).toBe('O vencimento não pode estar no passado.');
    expect(validateDueDate('10/03/2026', '2026-03-10')).toBeNull();
  });

  it('builds the request body in centavos and ISO dates', () => {
    const values = { ...emptyChargeForm('c1', SETTINGS), description: '  Mensalidade ', amount: '1.234,56', due_date: '15/03/2026' };
    expect(values.fine_percent).toBe(2);
    expect(chargeBody({ ...values, forms: ['pix', 'boleto'], interest_percent: '' }, { card_id: 'k1' })).toEqual({
      client_id: 'c1',
      card_id: 'k1',
      description: 'Mensalidade',
      amount_cents: 123456,
      due_date: '2026-03-15',
      forms: ['boleto', 'pix'],
      fine_percent: 2,
      interest_percent: null,
    });
  });
});

describe('a series', () => {
  it('pre-fills from the opportunity, skipping a first due date in the past', () => {
    const values = seriesInitialValues({ value_cents: 30000, installments: 3, first_due_date: '2026-03-20' }, '2026-03-10', SETTINGS);
    expect(values).toMatchObject({ mode: 'total', amount: '300,00', installments: 3, first_due_date: '20/03/2026', interval_months: 1 });
    expect(values.fine_percent).toBe(2);
    expect(values.interest_percent).toBe(0.5);
    const past = seriesInitialValues({ value_cents: 0, installments: 60, first_due_date: '2026-03-01' }, '2026-03-10');
    expect(past).toMatchObject({ amount: '', installments: 48, first_due_date: '', fine_percent: '' });
    expect(seriesInitialValues({}, '2026-03-10').installments).toBe(1);
  });

  it('asks the API only when the form is complete, with the total or the installment amount', () => {
    const values = seriesInitialValues({ value_cents: 30000, installments: 3, first_due_date: '2026-03-20' }, '2026-03-10');
    expect(seriesBody(values, 'c1', 'k1')).toEqual({
      client_id: 'c1',
      card_id: 'k1',
      description: 'Parcelamento',
      total_cents: 30000,
      installment_cents: null,
      installments: 3,
      first_due_date: '2026-03-20',
      interval_months: 1,
      forms: ['boleto', 'pix'],
      fine_percent: null,
      interest_percent: null,
    });
    const perInstallment = seriesBody({ ...values, mode: 'installment', description: 'Plano' }, 'c1');
    expect(perInstallment).toMatchObject({ description: 'Plano', total_cents: null, installment_cents: 30000, card_id: null });
    expect(seriesBody({ ...values, amount: '' }, 'c1')).toBeNull();
    expect(seriesBody({ ...values, installments: '' }, 'c1')).toBeNull();
    expect(seriesBody({ ...values, first_due_date: '20/03' }, 'c1')).toBeNull();
    expect(seriesBody({ ...values, forms: [] }, 'c1')).toBeNull();
  });
});

describe('settings', () => {
  it('round-trips the API settings through the form', () => {
    const values = settingsFormValues(SETTINGS);
    expect(values).toMatchObject({ channel: 'email', days_before: 5, overdue_every_days: '', whatsapp_template: '' });
    expect(settingsBody(values)).toEqual(SETTINGS);
    expect(settingsBody({ ...values, days_before: '', whatsapp_template: ' aviso_cobranca ' }).reminders).toMatchObject({
      days_before: null,
      whatsapp_template: 'aviso_cobranca',
    });
  });
});
