/** Catálogo: labels of kinds and recurrences, and the item form <-> what the API takes. */
import type { CatalogItem, CatalogItemCreate, CatalogKind, Recurrence } from '../../api/types';
import { centsToMoneyInput, parseMoneyToCents } from '../../lib/money';

export const KIND_OPTIONS: { value: CatalogKind; label: string }[] = [
  { value: 'plano', label: 'Plano' },
  { value: 'produto', label: 'Produto' },
  { value: 'servico', label: 'Serviço' },
];

export const RECURRENCE_OPTIONS: { value: Recurrence; label: string }[] = [
  { value: 'unica', label: 'Única' },
  { value: 'mensal', label: 'Mensal' },
  { value: 'anual', label: 'Anual' },
];

/** The list's "Situação" filter: the API lists active items or archived ones, one set at a time. */
export const ACTIVE_OPTIONS = [
  { value: 'ativos', label: 'Ativos' },
  { value: 'arquivados', label: 'Arquivados' },
];

export function kindLabel(kind: string | null | undefined): string {
  return KIND_OPTIONS.find((option) => option.value === kind)?.label ?? kind ?? '—';
}

export function recurrenceLabel(recurrence: string | null | undefined): string {
  return RECURRENCE_OPTIONS.find((option) => option.value === recurrence)?.label ?? recurrence ?? '—';
}

/** "R$ 49,90 / mês" for monthly items, "R$ 499,00 / ano" for yearly ones, the price alone otherwise. */
export function priceWithRecurrence(priceDisplay: string, recurrence: Recurrence): string {
  if (recurrence === 'mensal') return `${priceDisplay} / mês`;
  if (recurrence === 'anual') return `${priceDisplay} / ano`;
  return priceDisplay;
}

export const isKind = (value: string | null): value is CatalogKind => KIND_OPTIONS.some((option) => option.value === value);

export interface CatalogFormValues {
  name: string;
  kind: CatalogKind | null;
  price: string;
  recurrence: Recurrence;
  sku: string;
  description: string;
}

export function formValues(item: CatalogItem | null): CatalogFormValues {
  return {
    name: item?.name ?? '',
    kind: item?.kind ?? null,
    price: item ? centsToMoneyInput(item.price_cents) : '',
    recurrence: item?.recurrence ?? 'unica',
    sku: item?.sku ?? '',
    description: item?.description ?? '',
  };
}

export function validatePrice(value: string): string | null {
  const cents = parseMoneyToCents(value);
  if (cents === null) return 'Informe o preço.';
  if (cents === undefined || cents < 0) return 'Preço inválido.';
  return null;
}

/** The body of POST /api/catalog (and of PATCH, which takes the same fields). */
export function itemBody(values: CatalogFormValues, active = true): CatalogItemCreate {
  return {
    name: values.name.trim(),
    kind: values.kind ?? 'produto',
    price_cents: parseMoneyToCents(values.price) ?? 0,
    recurrence: values.recurrence,
    sku: values.sku.trim() || null,
    description: values.description.trim() || null,
    active,
  };
}
