/** Queries of the import wizard. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { ClientImport } from '../../api/types';
import { CLIENTS_KEY } from './clientsApi';

const IMPORT_KEY = [...CLIENTS_KEY, 'import'] as const;

export const isFinished = (job: ClientImport | undefined) => job?.status === 'done' || job?.status === 'failed';

export function useImport(id: string | null) {
  return useQuery({
    queryKey: [...IMPORT_KEY, id],
    queryFn: () => unwrap(api().GET('/api/clients/imports/{import_id}', { params: { path: { import_id: id! } } })),
    enabled: Boolean(id),
    // Poll every second while it runs.
    refetchInterval: (query) => (query.state.data?.status === 'running' ? 1000 : false),
    staleTime: 0,
  });
}

export function useUploadImport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return unwrap(api().POST('/api/clients/imports', { body: form as never }));
    },
    onSuccess: (job) => queryClient.setQueryData([...IMPORT_KEY, job.id], job),
  });
}

export function useStartImport(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { mapping: Record<string, string | null>; on_duplicate: 'skip' | 'merge' }) =>
      unwrap(api().POST('/api/clients/imports/{import_id}/start', { params: { path: { import_id: id } }, body })),
    onSuccess: (job) => {
      queryClient.setQueryData([...IMPORT_KEY, job.id], job);
      if (isFinished(job)) void queryClient.invalidateQueries({ queryKey: CLIENTS_KEY });
    },
  });
}

export type ImportOutcome = 'created' | 'merged' | 'skipped' | 'failed';

export function useImportRows(id: string, outcome: ImportOutcome | null, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...IMPORT_KEY, id, 'rows', outcome],
    queryFn: ({ pageParam }) =>
      unwrap(
        api().GET('/api/clients/imports/{import_id}/rows', {
          params: { path: { import_id: id }, query: { outcome: outcome ?? undefined, cursor: pageParam ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
}
