/** Queries and mutations of the Catálogo (plans, products and services). */
import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { CatalogItemCreate, CatalogKind } from '../../api/types';

export const CATALOG_KEY = ['catalog'] as const;

export interface CatalogFilters {
  q?: string;
  kind?: CatalogKind;
  active: boolean;
}

export function useCatalog(filters: CatalogFilters) {
  return useInfiniteQuery({
    queryKey: [...CATALOG_KEY, 'list', filters],
    queryFn: ({ pageParam }) =>
      unwrap(
        api().GET('/api/catalog', {
          params: { query: { q: filters.q || undefined, kind: filters.kind, active: filters.active, cursor: pageParam ?? undefined, limit: 50 } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useSaveCatalogItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: CatalogItemCreate }) =>
      id
        ? unwrap(api().PATCH('/api/catalog/{item_id}', { params: { path: { item_id: id } }, body }))
        : unwrap(api().POST('/api/catalog', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CATALOG_KEY }),
  });
}

export function useArchiveCatalogItem() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, archive }: { id: string; archive: boolean }) => {
      const params = { params: { path: { item_id: id } } };
      return archive
        ? unwrap(api().POST('/api/catalog/{item_id}/archive', params))
        : unwrap(api().POST('/api/catalog/{item_id}/unarchive', params));
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: CATALOG_KEY }),
  });
}
