/** Money typed in a form ("1.234,56", "R$ 10", "10.5") <-> integer centavos. */

/** "R$ 1.234,56" -> 123456; "" -> null; undefined when it is not a number. */
export function parseMoneyToCents(value: string | number | null | undefined): number | null | undefined {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? Math.round(value * 100) : undefined;
  let text = value.replace(/R\$|\s|\u00a0/g, '');
  if (text === '') return null;
  if (text.includes(',')) {
    // pt-BR: dots group thousands, the comma is the decimal separator.
    text = text.replace(/\./g, '').replace(',', '.');
  } else if (/^\d{1,3}(\.\d{3})+$/.test(text)) {
    text = text.replace(/\./g, ''); // "1.234" is a thousand, not 1,234
  }
  if (!/^-?\d+(\.\d+)?$/.test(text)) return undefined;
  const [whole, fraction = ''] = text.split('.');
  if (fraction.length > 2) return Math.round(Number(text) * 100);
  const sign = whole!.startsWith('-') ? -1 : 1;
  return sign * (Math.abs(Number(whole)) * 100 + Number(fraction.padEnd(2, '0')));
}

/** 123456 -> "1.234,56" (the value of a money input, without "R$"); null -> "". */
export function centsToMoneyInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return '';
  const negative = cents < 0;
  const abs = Math.abs(Math.round(cents));
  const whole = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return `${negative ? '-' : ''}${whole},${String(abs % 100).padStart(2, '0')}`;
}
