/**
 * Documentos: labels, the builder's lines and totals (the same arithmetic as the API: quantity × unit
 * price rounded half up to the centavo, less the line's discount), installments and the request body.
 */
import type { Doc, DocCreate, DocKind, DocStatus } from '../../api/types';
import { centsToMoneyInput, parseMoneyToCents } from '../../lib/money';

export const KIND_OPTIONS: { value: DocKind; label: string }[] = [
  { value: 'proposta', label: 'Proposta comercial' },
  { value: 'contrato', label: 'Contrato' },
  { value: 'pedido', label: 'Pedido' },
  { value: 'recibo', label: 'Recibo' },
];

export const STATUS_OPTIONS: { value: DocStatus; label: string }[] = [
  { value: 'rascunho', label: 'Rascunho' },
  { value: 'gerado', label: 'Gerado' },
  { value: 'enviado', label: 'Enviado' },
  { value: 'erro', label: 'Erro' },
];

const STATUS_COLORS: Record<DocStatus, string> = { rascunho: 'gray', gerado: 'blue', enviado: 'green', erro: 'red' };

export const isKind = (value: string | null | undefined): value is DocKind => KIND_OPTIONS.some((o) => o.value === value);
export const isStatus = (value: string | null | undefined): value is DocStatus => STATUS_OPTIONS.some((o) => o.value === value);

export function kindLabel(kind: string): string {
  return KIND_OPTIONS.find((option) => option.value === kind)?.label ?? kind;
}

/** The badge of a document: "Gerando…" while the PDF is being made, else its status (with the reason on Erro). */
export function statusBadge(doc: Pick<Doc, 'status' | 'processing' | 'error'>): { label: string; color: string; reason: string | null } {
  if (doc.processing) return { label: 'Gerando…', color: 'orange', reason: null };
  const label = STATUS_OPTIONS.find((option) => option.value === doc.status)?.label ?? doc.status;
  return { label, color: STATUS_COLORS[doc.status] ?? 'gray', reason: doc.status === 'erro' ? (doc.error ?? 'Falha ao gerar o documento.') : null };
}

export function channelLabel(channel: string): string {
  return channel === 'whatsapp' ? 'WhatsApp' : 'e-mail';
}

// --- lines and totals ------------------------------------------------------------------------------

export interface ItemLine {
  key: string;
  catalogId: string | null;
  description: string;
  /** As typed, pt-BR: "2", "1,5". */
  quantity: string;
  /** Money input text: "1.234,56". */
  price: string;
  discount: string;
}

let lineSeq = 0;
export const newKey = (prefix = 'l') => `${prefix}${Date.now().toString(36)}${(lineSeq += 1)}`;

export function newLine(init: Partial<Omit<ItemLine, 'key'>> = {}): ItemLine {
  return { key: newKey(), catalogId: null, description: '', quantity: '1', price: '', discount: '', ...init };
}

/** "1,5" / "1.5" / "2" -> thousandths (1500, 2000); null when empty; undefined when invalid, zero or > 3 decimals. */
export function parseQuantity(text: string): number | null | undefined {
  const raw = text.trim().replace(/\s/g, '');
  if (raw === '') return null;
  const normalized = raw.includes(',') ? raw.replace(/\./g, '').replace(',', '.') : raw;
  const match = /^(\d+)(?:\.(\d{1,3}))?$/.exec(normalized);
  if (!match) return undefined;
  const milli = Number(match[1]) * 1000 + Number((match[2] ?? '').padEnd(3, '0'));
  return milli > 0 && milli <= 1_000_000_000 ? milli : undefined;
}

/** Thousandths -> what the API takes ("1.5", "2"). */
export function quantityToApi(milli: number): string {
  const whole = Math.floor(milli / 1000);
  const fraction = String(milli % 1000).padStart(3, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : String(whole);
}

/** What the API stores ("1.500", "2") -> the field's text ("1,5", "2"). */
export function quantityFromApi(value: string | number): string {
  const milli = parseQuantity(String(value));
  if (!milli) return String(value);
  return quantityToApi(milli).replace('.', ',');
}

/** quantity × unit price, rounded half up to the centavo (BigInt: no float drift on large amounts). */
export function grossCents(quantityMilli: number, unitCents: number): number {
  return Number((BigInt(quantityMilli) * BigInt(unitCents) + 500n) / 1000n);
}

export interface LineTotals {
  gross: number;
  discount: number;
  total: number;
}

/** A line's amounts, or null while something is missing or invalid. */
export function lineTotals(line: ItemLine): LineTotals | null {
  const quantity = parseQuantity(line.quantity);
  const price = parseMoneyToCents(line.price);
  const discount = parseMoneyToCents(line.discount) ?? 0;
  if (!quantity || price === null || price === undefined || discount === undefined) return null;
  const gross = grossCents(quantity, price);
  return { gross, discount, total: gross - discount };
}

export interface DocTotals {
  subtotal: number;
  discount: number;
  total: number;
  complete: boolean;
}

export function documentTotals(lines: readonly ItemLine[]): DocTotals {
  let subtotal = 0;
  let discount = 0;
  let complete = lines.length > 0;
  for (const line of lines) {
    const sums = lineTotals(line);
    if (!sums) {
      complete = false;
      continue;
    }
    subtotal += sums.gross;
    discount += sums.discount;
  }
  return { subtotal, discount, total: subtotal - discount, complete };
}

/** The problems of one line, by field (shown next to its inputs). */
export function lineErrors(line: ItemLine): Partial<Record<'description' | 'quantity' | 'price' | 'discount', string>> {
  const errors: Partial<Record<'description' | 'quantity' | 'price' | 'discount', string>> = {};
  if (line.description.trim() === '') errors.description = 'Descreva o item.';
  const quantity = parseQuantity(line.quantity);
  if (!quantity) errors.quantity = 'Quantidade inválida.';
  const price = parseMoneyToCents(line.price);
  if (price === null || price === undefined) errors.price = 'Informe o preço.';
  if (parseMoneyToCents(line.discount) === undefined) errors.discount = 'Desconto inválido.';
  const sums = lineTotals(line);
  if (sums && sums.discount > sums.gross) errors.discount = 'O desconto é maior que o valor do item.';
  return errors;
}

// --- installments ----------------------------------------------------------------------------------

export interface InstallmentLine {
  key: string;
  /** "YYYY-MM-DD" or null. */
  due: string | null;
  amount: string;
}

/** "2026-01-31" + 1 month -> "2026-02-28" (the same day, or the month's last). */
export function addMonths(day: string, months: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(index / 12);
  const targetMonth = (index % 12) + 1;
  const lastDay = new Date(Date.UTC(targetYear, targetMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${targetYear}-${pad(targetMonth)}-${pad(Math.min(date, lastDay))}`;
}

/** N monthly installments from the first due date that add up to the total (the odd centavos go first). */
export function splitInstallments(totalCents: number, count: number, firstDue: string): { due: string; amountCents: number }[] {
  if (count < 1 || totalCents < count) return [];
  const base = Math.floor(totalCents / count);
  const rest = totalCents - base * count;
  return Array.from({ length: count }, (_, i) => ({ due: addMonths(firstDue, i), amountCents: base + (i < rest ? 1 : 0) }));
}

export function generateInstallmentLines(totalCents: number, count: number, firstDue: string): InstallmentLine[] {
  return splitInstallments(totalCents, count, firstDue).map((p) => ({ key: newKey('p'), due: p.due, amount: centsToMoneyInput(p.amountCents) }));
}

export function installmentsSum(lines: readonly InstallmentLine[]): number {
  return lines.reduce((sum, line) => sum + (parseMoneyToCents(line.amount) ?? 0), 0);
}

/** Why the installments cannot be sent as they are, or null. */
export function installmentsProblem(lines: readonly InstallmentLine[], totalCents: number): string | null {
  if (lines.length === 0) return null;
  if (lines.some((line) => !line.due)) return 'Informe o vencimento de todas as parcelas.';
  if (lines.some((line) => !parseMoneyToCents(line.amount))) return 'Informe o valor de todas as parcelas.';
  const dues = lines.map((line) => line.due!);
  if (dues.some((due, i) => i > 0 && due < dues[i - 1]!)) return 'As parcelas devem estar em ordem de vencimento.';
  if (installmentsSum(lines) !== totalCents) return 'A soma das parcelas deve ser igual ao total do documento.';
  return null;
}

// --- the form ----------------------------------------------------------------------------------------

export interface DocFormValues {
  kind: DocKind;
  client_id: string | null;
  card_id: string | null;
  items: ItemLine[];
  valid_until: string | null;
  installments: InstallmentLine[];
  notes: string;
}

/** Which optional sections a kind shows: validity (proposals), installments (contracts). */
export const showsValidity = (kind: DocKind) => kind === 'proposta';
export const showsInstallments = (kind: DocKind, current: readonly InstallmentLine[] = []) => kind === 'contrato' || current.length > 0;

export function valuesFromDoc(doc: Doc): DocFormValues {
  return {
    kind: doc.kind,
    client_id: doc.client_id,
    card_id: doc.card_id,
    items: doc.items.map((item) =>
      newLine({
        catalogId: item.catalog_id ?? null,
        description: item.description,
        quantity: quantityFromApi(item.quantity),
        price: centsToMoneyInput(item.unit_price_cents),
        discount: item.discount_cents ? centsToMoneyInput(item.discount_cents) : '',
      }),
    ),
    valid_until: doc.valid_until,
    installments: doc.installments.map((p) => ({ key: newKey('p'), due: p.due_date, amount: centsToMoneyInput(p.amount_cents) })),
    notes: doc.notes ?? '',
  };
}

/** Form values -> the body of POST /api/documents and PUT /api/documents/{id} (lines checked before). */
export function documentBody(values: DocFormValues): DocCreate {
  return {
    kind: values.kind,
    client_id: values.client_id ?? '',
    card_id: values.card_id,
    items: values.items.map((line) => ({
      catalog_id: line.catalogId,
      description: line.description.trim(),
      quantity: quantityToApi(parseQuantity(line.quantity) ?? 1000),
      unit_price_cents: parseMoneyToCents(line.price) ?? 0,
      discount_cents: parseMoneyToCents(line.discount) ?? 0,
    })),
    valid_until: showsValidity(values.kind) ? values.valid_until : null,
    installments: showsInstallments(values.kind, values.installments)
      ? values.installments.map((p) => ({ due_date: p.due ?? '', amount_cents: parseMoneyToCents(p.amount) ?? 0 }))
      : [],
    notes: values.notes.trim() || null,
  };
}

const ITEM_FIELDS: Record<string, keyof ItemLine> = {
  description: 'description',
  catalog_id: 'description',
  quantity: 'quantity',
  unit_price_cents: 'price',
  discount_cents: 'discount',
};

/** An API error's field path ("items.0.discount_cents", "installments.1.amount_cents") -> the builder's field. */
export function formFieldOf(path: string): string | null {
  const item = /^items\.(\d+)\.(\w+)/.exec(path);
  if (item) return `items.${item[1]}.${ITEM_FIELDS[item[2]!] ?? 'description'}`;
  if (path === 'items' || path.startsWith('items.')) return 'items';
  if (path.startsWith('installments')) return 'installments';
  const top = path.split('.')[0]!;
  return ['kind', 'client_id', 'valid_until', 'notes', 'card_id'].includes(top) ? (top === 'card_id' ? 'client_id' : top) : null;
}
