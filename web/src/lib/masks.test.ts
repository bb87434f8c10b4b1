import IMask from 'imask';
import { describe, expect, it } from 'vitest';
import {
  TIME_MASK,
  brDateToIso,
  formatCep,
  formatDocument,
  formatPhone,
  isValidCnpj,
  isValidCpf,
  isoToBrDate,
  phoneToE164,
  unmaskCep,
  unmaskDocument,
} from './masks';
import { centsToMoneyInput, parseMoneyToCents } from './money';

describe('documents', () => {
  it('formats CPF and CNPJ (also alphanumeric)', () => {
    expect(formatDocument('52998224725')).toBe('529.982.247-25');
    expect(formatDocument('11222333000181')).toBe('11.222.333/0001-81');
    expect(formatDocument('12abc34501de35')).toBe('12.ABC.345/01DE-35');
    expect(formatDocument('')).toBe('');
  });

  it('unmasks to digits / uppercase alphanumerics', () => {
    expect(unmaskDocument('529.982.247-25')).toBe('52998224725');
    expect(unmaskDocument('12.abc.345/01de-35')).toBe('12ABC34501DE35');
  });

  it('checks CPF digits', () => {
    expect(isValidCpf('529.982.247-25')).toBe(true);
    expect(isValidCpf('529.982.247-26')).toBe(false);
    expect(isValidCpf('111.111.111-11')).toBe(false);
  });

  it('checks numeric and alphanumeric CNPJ digits', () => {
    expect(isValidCnpj('11.222.333/0001-81')).toBe(true);
    expect(isValidCnpj('11.222.333/0001-82')).toBe(false);
    expect(isValidCnpj('12.ABC.345/01DE-35')).toBe(true); // Receita Federal's example
    expect(isValidCnpj('12.ABC.345/01DE-36')).toBe(false);
  });
});

describe('phones', () => {
  it('converts typed numbers to E.164 and back', () => {
    expect(phoneToE164('(11) 98765-4321')).toBe('+5511987654321');
    expect(phoneToE164('(11) 3456-7890')).toBe('+551134567890');
    expect(phoneToE164('')).toBeNull();
    expect(phoneToE164('+351 912 345 678')).toBe('+351912345678');
    expect(formatPhone('+5511987654321')).toBe('(11) 98765-4321');
    expect(formatPhone('+551134567890')).toBe('(11) 3456-7890');
    expect(formatPhone('+351912345678')).toBe('+351912345678');
    expect(formatPhone(null)).toBe('');
  });
});

describe('CEP and dates', () => {
  it('masks CEP', () => {
    expect(formatCep('01310100')).toBe('01310-100');
    expect(unmaskCep('01310-100')).toBe('01310100');
    expect(unmaskCep('')).toBeNull();
  });

  it('converts dd/mm/aaaa <-> ISO', () => {
    expect(isoToBrDate('2026-03-05')).toBe('05/03/2026');
    expect(isoToBrDate(null)).toBe('');
    expect(brDateToIso('05/03/2026')).toBe('2026-03-05');
    expect(brDateToIso('')).toBeNull();
    expect(brDateToIso('31/02/2026')).toBeUndefined();
    expect(brDateToIso('05/03/20')).toBeUndefined();
  });
});

describe('money', () => {
  it('parses pt-BR amounts to cents', () => {
    expect(parseMoneyToCents('R$ 1.234,56')).toBe(123456);
    expect(parseMoneyToCents('1.234,5')).toBe(123450);
    expect(parseMoneyToCents('10')).toBe(1000);
    expect(parseMoneyToCents('1.234')).toBe(123400);
    expect(parseMoneyToCents('10.5')).toBe(1050);
    expect(parseMoneyToCents('0,07')).toBe(7);
    expect(parseMoneyToCents(19.99)).toBe(1999);
    expect(parseMoneyToCents('')).toBeNull();
    expect(parseMoneyToCents(null)).toBeNull();
    expect(parseMoneyToCents('abc')).toBeUndefined();
  });

  it('formats cents for a money input', () => {
    expect(centsToMoneyInput(123456)).toBe('1.234,56');
    expect(centsToMoneyInput(7)).toBe('0,07');
    expect(centsToMoneyInput(100000000)).toBe('1.000.000,00');
    expect(centsToMoneyInput(null)).toBe('');
  });
});

describe('time of day', () => {
  const pipe = (value: string) => IMask.pipe(value, TIME_MASK);
  it('keeps hh:mm in 24 h and rejects impossible hours and minutes', () => {
    expect(pipe('1430')).toBe('14:30');
    expect(pipe('00:00')).toBe('00:00');
    expect(pipe('2359')).toBe('23:59');
    expect(pipe('25')).not.toBe('25');
    expect(pipe('1275')).not.toBe('12:75');
  });
});
