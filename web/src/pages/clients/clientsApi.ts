/** Queries and mutations of the Clientes module. */
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { ApiError, unwrap } from '../../api/errors';
import type { ClientCreate, ClientListQuery, ClientUpdate, CustomField, MergeRequest } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';

export const CLIENTS_KEY = ['clients'] as const;

/** List filters as query parameters (custom fields as `cf.<key>`). */
export type ClientQuery = ClientListQuery & Record<`cf.${string}`, string>;

export function useClientList(query: ClientQuery) {
  return useInfiniteQuery({
    queryKey: [...CLIENTS_KEY, 'list', query],
    queryFn: ({ pageParam }) =>
      unwrap(api().GET('/api/clients', { params: { query: { ...query, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    placeholderData: keepPreviousData,
  });
}

export function useClient(id: string | undefined) {
  return useQuery({
    queryKey: [...CLIENTS_KEY, 'detail', id],
    queryFn: () => unwrap(api().GET('/api/clients/{client_id}', { params: { path: { client_id: id! } } })),
    enabled: Boolean(id),
  });
}

export function useTimeline(id: string) {
  return useInfiniteQuery({
    queryKey: [...CLIENTS_KEY, 'timeline', id],
    queryFn: ({ pageParam }) =>
      unwrap(
        api().GET('/api/clients/{client_id}/timeline', {
          params: { path: { client_id: id }, query: { cursor: pageParam ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useCustomFields() {
  return useQuery({
    queryKey: [...CLIENTS_KEY, 'custom-fields'],
    queryFn: () => unwrap(api().GET('/api/clients/custom-fields')),
    staleTime: 5 * 60_000,
  });
}

/** Company users for "Responsável"; null when the role may not list users (the API then uses the caller). */
export function useUserOptions() {
  const me = useMe();
  const allowed = hasPermission(me, 'usuarios:read');
  const query = useQuery({
    queryKey: ['users', 'options'],
    queryFn: () => unwrap(api().GET('/api/users', { params: { query: { limit: 100 } } })),
    enabled: allowed,
    staleTime: 5 * 60_000,
  });
  if (!allowed || (query.error instanceof ApiError && query.error.status === 403)) return null;
  return (query.data?.items ?? [])
    .filter((user) => user.status === 'active')
    .map((user) => ({ value: user.id, label: user.name }));
}

function useInvalidateClients() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['funnel'] });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    return queryClient.invalidateQueries({ queryKey: CLIENTS_KEY });
  };
}

export function useCreateClient() {
  const invalidate = useInvalidateClients();
  return useMutation({
    mutationFn: (body: ClientCreate) => unwrap(api().POST('/api/clients', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateClient(id: string) {
  const invalidate = useInvalidateClients();
  return useMutation({
    mutationFn: (body: ClientUpdate) =>
      unwrap(api().PATCH('/api/clients/{client_id}', { params: { path: { client_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useClientAction(id: string) {
  const invalidate = useInvalidateClients();
  return useMutation({
    mutationFn: (action: 'archive' | 'restore' | 'anonymize') => {
      const params = { params: { path: { client_id: id } } };
      if (action === 'archive') return unwrap(api().DELETE('/api/clients/{client_id}', params));
      if (action === 'restore') return unwrap(api().POST('/api/clients/{client_id}/restore', params));
      return unwrap(api().POST('/api/clients/{client_id}/anonymize', params));
    },
    onSuccess: invalidate,
  });
}

export function useMergeClients(id: string) {
  const invalidate = useInvalidateClients();
  return useMutation({
    mutationFn: (body: MergeRequest) =>
      unwrap(api().POST('/api/clients/{client_id}/merge', { params: { path: { client_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useAddNote(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      unwrap(api().POST('/api/clients/{client_id}/notes', { params: { path: { client_id: id } }, body: { text } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...CLIENTS_KEY, 'timeline', id] }),
  });
}

export function useSaveCustomFields() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (items: CustomField[]) => unwrap(api().PUT('/api/clients/custom-fields', { body: { items } })),
    onSuccess: (data) => queryClient.setQueryData([...CLIENTS_KEY, 'custom-fields'], data),
  });
}
