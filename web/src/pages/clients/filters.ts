/** The Clientes list filters live in the address (?q=&stage=...), so Back and reload keep them. */
import type { ClientQuery } from './clientsApi';

export const FILTER_KEYS = [
  'q',
  'stage',
  'owner_id',
  'origin',
  'campaign',
  'tag',
  'created_from',
  'created_to',
  'sort',
  'archived',
] as const;

export const SORT_OPTIONS = [
  { value: 'created_desc', label: 'Mais recentes' },
  { value: 'created_asc', label: 'Mais antigos' },
  { value: 'name', label: 'Nome' },
];

const SORTS = new Set(SORT_OPTIONS.map((option) => option.value));

/** URL search params -> API query (only known keys and `cf.*`; empty values dropped). */
export function queryFromParams(params: URLSearchParams): ClientQuery {
  const query: Record<string, string | boolean> = {};
  for (const [key, raw] of params) {
    const value = raw.trim();
    if (value === '') continue;
    if (key === 'archived') {
      if (value === 'true') query.archived = true;
    } else if (key === 'sort') {
      if (SORTS.has(value)) query.sort = value;
    } else if ((FILTER_KEYS as readonly string[]).includes(key) || (key.startsWith('cf.') && key.length > 3)) {
      query[key] = value;
    }
  }
  return query as ClientQuery;
}

/** How many filters are set, besides search, sort and "Mostrar arquivados" (for the "Filtros (n)" button). */
export function activeFilterCount(query: ClientQuery): number {
  return Object.keys(query).filter((key) => !['q', 'sort', 'archived', 'cursor', 'limit'].includes(key)).length;
}

/** Returns new params with `key` set (or removed when empty). */
export function withParam(params: URLSearchParams, key: string, value: string | null | undefined): URLSearchParams {
  const next = new URLSearchParams(params);
  if (value === null || value === undefined || value === '') next.delete(key);
  else next.set(key, value);
  return next;
}

/** API query -> plain string record (for the CSV export link / fetch). */
export function queryToStrings(query: ClientQuery): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') result[key] = String(value);
  }
  return result;
}
