/** Queries and mutations of Cobranças: charges, their totals, series of installments and the settings. */
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import type { Charge, ChargeCreate, ChargePage, ChargeQuery, ChargeSettings, SeriesCreate } from '../../api/types';

export const CHARGES_KEY = ['charges'] as const;
const SETTINGS_KEY = [...CHARGES_KEY, 'settings'] as const;
/** A series is read this often until it is no longer "processando". */
export const SERIES_POLL_MS = 1000;
/** Lists and a charge are read again this often while a charge is still being issued (pendente). */
const PENDING_POLL_MS = 3000;

export type ChargeFilters = Pick<ChargeQuery, 'client_id' | 'status' | 'due_from' | 'due_to'>;
export type TotalsFilters = Pick<ChargeQuery, 'client_id' | 'due_from' | 'due_to'>;

const anyPending = (data: InfiniteData<ChargePage> | undefined) =>
  data?.pages.some((page) => page.items.some((c) => c.status === 'pendente')) ?? false;

export function useCharges(filters: ChargeFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...CHARGES_KEY, 'list', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api().GET('/api/charges', { params: { query: { ...filters, cursor: pageParam ?? undefined, limit: 50 } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: (query) => (anyPending(query.state.data) ? PENDING_POLL_MS : false),
    enabled,
  });
}

export function useChargeTotals(filters: TotalsFilters) {
  return useQuery({
    queryKey: [...CHARGES_KEY, 'totals', filters],
    queryFn: () => unwrap(api().GET('/api/charges/totals', { params: { query: filters } })),
  });
}

export function useCharge(id: string | undefined) {
  return useQuery({
    queryKey: [...CHARGES_KEY, 'detail', id],
    queryFn: () => unwrap(api().GET('/api/charges/{charge_id}', { params: { path: { charge_id: id! } } })),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.status === 'pendente' ? PENDING_POLL_MS : false),
  });
}

export function useChargeSettings(enabled = true) {
  return useQuery({
    queryKey: SETTINGS_KEY,
    queryFn: () => unwrap(api().GET('/api/charges/settings')),
    staleTime: 60_000,
    enabled,
  });
}

/** After any change: the charge itself, every list and total, the client's timeline and the dashboard. */
function useAfterChange() {
  const queryClient = useQueryClient();
  return (charge?: Charge) => {
    if (charge) queryClient.setQueryData([...CHARGES_KEY, 'detail', charge.id], charge);
    void queryClient.invalidateQueries({ queryKey: [...CHARGES_KEY, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...CHARGES_KEY, 'totals'] });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    if (charge) void queryClient.invalidateQueries({ queryKey: ['clients', 'timeline', charge.client_id] });
  };
}

export function useCreateCharge() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: (body: ChargeCreate) => unwrap(api().POST('/api/charges', { body })),
    onSuccess: after,
  });
}

export type ChargeAction = 'cancel' | 'reissue' | 'sync' | 'simulate-payment';

export function useChargeAction() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: ChargeAction }) => {
      const path = { params: { path: { charge_id: id } } };
      switch (action) {
        case 'cancel':
          return unwrap(api().POST('/api/charges/{charge_id}/cancel', path));
        case 'reissue':
          return unwrap(api().POST('/api/charges/{charge_id}/reissue', path));
        case 'sync':
          return unwrap(api().POST('/api/charges/{charge_id}/sync', path));
        case 'simulate-payment':
          return unwrap(api().POST('/api/charges/{charge_id}/simulate-payment', path));
      }
    },
    onSuccess: after,
  });
}

export function useSaveChargeSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: ChargeSettings) => unwrap(api().PUT('/api/charges/settings', { body })),
    onSuccess: (saved) => queryClient.setQueryData(SETTINGS_KEY, saved),
  });
}

/** The installments a series would have (debounced by the caller; null body = nothing to ask yet). */
export function useSeriesPreview(body: SeriesCreate | null) {
  return useQuery({
    queryKey: [...CHARGES_KEY, 'series-preview', body],
    queryFn: () => unwrap(api().POST('/api/charges/series/preview', { body: body! })),
    enabled: body !== null,
    retry: false,
    staleTime: 60_000,
  });
}

export function useCreateSeries() {
  return useMutation({
    mutationFn: (body: SeriesCreate) => unwrap(api().POST('/api/charges/series', { body })),
  });
}

/**
 * A series being issued: read every second until it is no longer "processando". Right after the 202 the
 * series may not be written yet (404): that reads as null and the polling goes on.
 */
export function useSeries(id: string | null) {
  const after = useAfterChange();
  return useQuery({
    queryKey: [...CHARGES_KEY, 'series', id],
    queryFn: async () => {
      try {
        const series = await unwrap(api().GET('/api/charges/series/{series_id}', { params: { path: { series_id: id! } } }));
        if (series.status !== 'processando') after();
        return series;
      } catch (error) {
        if (error instanceof ApiError && error.status === 404) return null;
        throw error;
      }
    },
    enabled: Boolean(id),
    refetchInterval: (query) => {
      const data = query.state.data;
      return data === undefined || data === null || data.status === 'processando' ? SERIES_POLL_MS : false;
    },
    retry: 3,
  });
}
