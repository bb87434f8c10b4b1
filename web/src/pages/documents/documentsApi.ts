/** Queries and mutations of Documentos: documents, their PDFs (preview, generation, sending) and templates. */
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Doc, DocCreate, DocKind, DocPage, DocQuery, DocSendRequest } from '../../api/types';

export const DOCUMENTS_KEY = ['documents'] as const;
const TEMPLATES_KEY = [...DOCUMENTS_KEY, 'templates'] as const;
/** While a PDF is being generated (or sent) the document is read again this often. */
export const PROCESSING_POLL_MS = 1000;
const LIST_POLL_MS = 3000;

export type DocFilters = Pick<DocQuery, 'kind' | 'client_id' | 'status' | 'from' | 'to'>;

const anyProcessing = (data: InfiniteData<DocPage> | undefined) => data?.pages.some((page) => page.items.some((d) => d.processing)) ?? false;

export function useDocuments(filters: DocFilters, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...DOCUMENTS_KEY, 'list', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api().GET('/api/documents', { params: { query: { ...filters, cursor: pageParam ?? undefined, limit: 50 } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: (query) => (anyProcessing(query.state.data) ? LIST_POLL_MS : false),
    enabled,
  });
}

export function useDocument(id: string | undefined) {
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'detail', id],
    queryFn: () => unwrap(api().GET('/api/documents/{document_id}', { params: { path: { document_id: id! } } })),
    enabled: Boolean(id),
    refetchInterval: (query) => (query.state.data?.processing ? PROCESSING_POLL_MS : false),
  });
}

/** The PDF as it would be generated now (rendered by the API, not stored), as a Blob for an <iframe>. */
export function useDocumentPreview(doc: Pick<Doc, 'id' | 'updated_at'> | undefined) {
  return useQuery({
    queryKey: [...DOCUMENTS_KEY, 'preview', doc?.id, doc?.updated_at],
    queryFn: async () =>
      (await unwrap(
        api().GET('/api/documents/{document_id}/preview', { params: { path: { document_id: doc!.id } }, parseAs: 'blob' }),
      )) as unknown as Blob,
    enabled: Boolean(doc),
    staleTime: 60_000,
    retry: false,
  });
}

/** After a change: the document everywhere (detail, lists, the client's tab), the client's timeline and the funnel. */
function useAfterChange() {
  const queryClient = useQueryClient();
  return (doc: Doc) => {
    queryClient.setQueryData([...DOCUMENTS_KEY, 'detail', doc.id], doc);
    void queryClient.invalidateQueries({ queryKey: [...DOCUMENTS_KEY, 'list'] });
    void queryClient.invalidateQueries({ queryKey: ['clients', 'timeline', doc.client_id] });
  };
}

export function useSaveDocument() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: DocCreate }) =>
      id
        ? unwrap(api().PUT('/api/documents/{document_id}', { params: { path: { document_id: id } }, body }))
        : unwrap(api().POST('/api/documents', { body })),
    onSuccess: after,
  });
}

export function useGenerateDocument() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: (id: string) => unwrap(api().POST('/api/documents/{document_id}/generate', { params: { path: { document_id: id } } })),
    onSuccess: after,
  });
}

export function useSendDocument() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: DocSendRequest }) =>
      unwrap(api().POST('/api/documents/{document_id}/send', { params: { path: { document_id: id } }, body })),
    onSuccess: after,
  });
}

/** A short-lived link to the stored PDF, opened in a new tab. */
export async function openDownload(id: string): Promise<void> {
  // The tab opens now (inside the click), so pop-up blockers let it through; the link arrives after.
  const tab = window.open('', '_blank');
  try {
    const link = await unwrap(api().GET('/api/documents/{document_id}/download', { params: { path: { document_id: id } } }));
    if (tab) {
      tab.opener = null;
      tab.location.href = link.url;
    }
    else window.location.assign(link.url);
  } catch (error) {
    tab?.close();
    throw error;
  }
}

/** "Mover para Fechado" after a contract: the funnel's move, with the contract's total as the sale's value. */
export function useMoveCardAfterDocument() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ doc, stage }: { doc: Doc; stage: string }) =>
      unwrap(
        api().POST('/api/funnel/cards/{card_id}/move', {
          params: { path: { card_id: doc.card_id! } },
          body: { stage, value_cents: doc.total_cents },
        }),
      ),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['funnel'] });
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
      void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    },
  });
}

// --- templates ---------------------------------------------------------------------------------------

export function useDocumentTemplates() {
  return useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: () => unwrap(api().GET('/api/documents/templates')),
    staleTime: 60_000,
  });
}

export function useSaveDocumentTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ kind, body }: { kind: DocKind; body: string }) =>
      unwrap(api().PUT('/api/documents/templates/{kind}', { params: { path: { kind } }, body: { body } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY }),
  });
}

export function useResetDocumentTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (kind: DocKind) => unwrap(api().DELETE('/api/documents/templates/{kind}', { params: { path: { kind } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY }),
  });
}

export function useTemplatePreview() {
  return useMutation({
    mutationFn: async ({ kind, body }: { kind: DocKind; body: string }) =>
      (await unwrap(
        api().POST('/api/documents/templates/{kind}/preview', { params: { path: { kind } }, body: { body }, parseAs: 'blob' }),
      )) as unknown as Blob,
  });
}
