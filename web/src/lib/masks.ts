/**
 * Input masks (imask options, shared by the form inputs and by display
 * formatting) and the conversions between what a person types and what the
 * API stores: documents unmasked, phones in E.164, dates ISO, money in cents.
 */
import IMask, { type FactoryArg } from 'imask';

/** CPF: 000.000.000-00. */
export const CPF_MASK = { mask: '000.000.000-00' } satisfies FactoryArg;

/**
 * CNPJ: 00.000.000/0000-00. Since 2026 the first 12 positions may also be
 * letters (alphanumeric CNPJ); the two check digits stay numeric.
 */
export const CNPJ_MASK = {
  mask: '##.###.###/####-00',
  definitions: { '#': /[0-9A-Z]/ },
  prepareChar: (value: string) => value.toUpperCase(),
} satisfies FactoryArg;

/** BR phone, landline or mobile: (11) 3456-7890 / (11) 98765-4321. */
export const PHONE_MASK = {
  mask: [{ mask: '(00) 0000-0000' }, { mask: '(00) 00000-0000' }],
} satisfies FactoryArg;

export const CEP_MASK = { mask: '00000-000' } satisfies FactoryArg;

/** dd/mm/aaaa. */
export const DATE_MASK = { mask: '00/00/0000' } satisfies FactoryArg;

/** Time of day, 24 h: hh:mm (00:00 to 23:59). */
export const TIME_MASK = {
  mask: 'HH:MM',
  blocks: {
    HH: { mask: IMask.MaskedRange, from: 0, to: 23, maxLength: 2 },
    MM: { mask: IMask.MaskedRange, from: 0, to: 59, maxLength: 2 },
  },
} satisfies FactoryArg;

/** Money without the "R$" (shown as the input's left section): 1.234,56. */
export const MONEY_MASK = {
  mask: Number,
  scale: 2,
  thousandsSeparator: '.',
  radix: ',',
  mapToRadix: ['.'],
  padFractionalZeros: true,
  normalizeZeros: true,
  min: 0,
  max: 999_999_999_999,
} satisfies FactoryArg;

function pipe(value: string, mask: FactoryArg): string {
  return IMask.pipe(value, mask);
}

/** Unmasked document (digits, or uppercase letters and digits for a CNPJ). */
export function unmaskDocument(value: string | null | undefined): string {
  return (value ?? '').toUpperCase().replace(/[^0-9A-Z]/g, '');
}

/** "52998224725" -> "529.982.247-25"; 14 characters -> CNPJ; anything else as is. */
export function formatDocument(value: string | null | undefined): string {
  const raw = unmaskDocument(value);
  if (raw.length === 11 && /^\d+$/.test(raw)) return pipe(raw, CPF_MASK);
  if (raw.length === 14) return pipe(raw, CNPJ_MASK);
  return value ?? '';
}

export function isValidCpf(value: string): boolean {
  const digits = value.replace(/\D/g, '');
  if (digits.length !== 11 || /^(\d)\1{10}$/.test(digits)) return false;
  const check = (length: number) => {
    let sum = 0;
    for (let i = 0; i < length; i += 1) sum += Number(digits[i]) * (length + 1 - i);
    const rest = (sum * 10) % 11;
    return rest === 10 ? 0 : rest;
  };
  return check(9) === Number(digits[9]) && check(10) === Number(digits[10]);
}

/** Numeric or alphanumeric CNPJ: each character is worth its ASCII code minus 48. */
export function isValidCnpj(value: string): boolean {
  const raw = unmaskDocument(value);
  if (!/^[0-9A-Z]{12}\d{2}$/.test(raw) || /^(\d)\1{13}$/.test(raw)) return false;
  const check = (length: number) => {
    let sum = 0;
    let weight = length - 7;
    for (let i = 0; i < length; i += 1) {
      sum += (raw.charCodeAt(i) - 48) * weight;
      weight = weight === 2 ? 9 : weight - 1;
    }
    const rest = sum % 11;
    return rest < 2 ? 0 : 11 - rest;
  };
  return check(12) === Number(raw[12]) && check(13) === Number(raw[13]);
}

/** "(11) 98765-4321" -> "+5511987654321"; empty -> null; other countries' "+..." kept. */
export function phoneToE164(value: string | null | undefined): string | null {
  const text = (value ?? '').trim();
  if (text === '') return null;
  const digits = text.replace(/\D/g, '');
  if (text.startsWith('+')) return `+${digits}`;
  return digits.length === 10 || digits.length === 11 ? `+55${digits}` : `+${digits}`;
}

/** "+5511987654321" -> "(11) 98765-4321" (foreign numbers as stored). */
export function formatPhone(value: string | null | undefined): string {
  if (!value) return '';
  const digits = value.replace(/\D/g, '');
  const national = value.startsWith('+55') ? digits.slice(2) : !value.startsWith('+') ? digits : null;
  if (national && (national.length === 10 || national.length === 11)) return pipe(national, PHONE_MASK);
  return value;
}

export function formatCep(value: string | null | undefined): string {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits.length === 8 ? pipe(digits, CEP_MASK) : (value ?? '');
}

export function unmaskCep(value: string | null | undefined): string | null {
  const digits = (value ?? '').replace(/\D/g, '');
  return digits === '' ? null : digits;
}

/** "2026-03-05" -> "05/03/2026"; "" for empty. */
export function isoToBrDate(value: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(value ?? '');
  return match ? `${match[3]}/${match[2]}/${match[1]}` : '';
}

/** "05/03/2026" -> "2026-03-05"; null when empty; undefined when incomplete or not a real date. */
export function brDateToIso(value: string | null | undefined): string | null | undefined {
  const text = (value ?? '').trim();
  if (text === '') return null;
  const match = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(text);
  if (!match) return undefined;
  const [, day, month, year] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  if (date.getUTCDate() !== Number(day) || date.getUTCMonth() !== Number(month) - 1) return undefined;
  return `${year}-${month}-${day}`;
}
