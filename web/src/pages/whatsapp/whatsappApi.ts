/** Queries and mutations of the WhatsApp inbox. Lists and threads poll (TanStack refetchInterval). */
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type {
  Conversation,
  ConversationPage,
  InboxFilter,
  MessagePage,
  SandboxInbound,
  SendMessageBody,
  WaMessage,
} from '../../api/types';
import { awaitingStatus, threadMessages } from './inbox';

export const WHATSAPP_KEY = ['whatsapp'] as const;
export const POLL_MS = 5_000;
const FAST_POLL_MS = 1_500;

const conversationKey = (id: string) => [...WHATSAPP_KEY, 'conversation', id] as const;
const messagesKey = (id: string) => [...WHATSAPP_KEY, 'messages', id] as const;

export function useWhatsAppStatus(enabled = true) {
  return useQuery({
    queryKey: [...WHATSAPP_KEY, 'status'],
    queryFn: () => unwrap(api().GET('/api/whatsapp/status')),
    staleTime: 60_000,
    enabled,
  });
}

export function useConversations(filter: InboxFilter) {
  return useInfiniteQuery({
    queryKey: [...WHATSAPP_KEY, 'conversations', filter],
    queryFn: ({ pageParam }) =>
      unwrap(
        api().GET('/api/whatsapp/conversations', {
          params: { query: { filter, cursor: pageParam ?? undefined, limit: 30 } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: POLL_MS,
  });
}

export function useConversation(id: string | null) {
  return useQuery({
    queryKey: conversationKey(id ?? ''),
    queryFn: () =>
      unwrap(api().GET('/api/whatsapp/conversations/{conversation_id}', { params: { path: { conversation_id: id! } } })),
    enabled: Boolean(id),
    refetchInterval: POLL_MS,
  });
}

export function useMessages(id: string) {
  return useInfiniteQuery({
    queryKey: messagesKey(id),
    queryFn: ({ pageParam }) =>
      unwrap(
        api().GET('/api/whatsapp/conversations/{conversation_id}/messages', {
          params: { path: { conversation_id: id }, query: { cursor: pageParam ?? undefined, limit: 50 } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    // While a reply waits for "entregue"/"lida", poll faster.
    refetchInterval: (query) => (awaitingStatus(threadMessages(query.state.data?.pages)) ? FAST_POLL_MS : POLL_MS),
  });
}

/** After a change to one conversation: fresh detail in the cache, lists refetched. */
function useConversationChanged() {
  const queryClient = useQueryClient();
  return (conv: Conversation) => {
    queryClient.setQueryData(conversationKey(conv.id), conv);
    queryClient.setQueriesData<InfiniteData<ConversationPage>>({ queryKey: [...WHATSAPP_KEY, 'conversations'] }, (data) =>
      data
        ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((c) => (c.id === conv.id ? conv : c)) })) }
        : data,
    );
    void queryClient.invalidateQueries({ queryKey: [...WHATSAPP_KEY, 'conversations'] });
  };
}

export function useSendMessage(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SendMessageBody) =>
      unwrap(
        api().POST('/api/whatsapp/conversations/{conversation_id}/messages', {
          params: { path: { conversation_id: id } },
          body,
        }),
      ),
    onSuccess: (message: WaMessage) => {
      queryClient.setQueryData<InfiniteData<MessagePage>>(messagesKey(id), (data) => {
        if (!data || data.pages.length === 0) return data;
        const [first, ...rest] = data.pages;
        return { ...data, pages: [{ ...first!, items: [message, ...first!.items] }, ...rest] };
      });
      void queryClient.invalidateQueries({ queryKey: messagesKey(id) });
      void queryClient.invalidateQueries({ queryKey: [...WHATSAPP_KEY, 'conversations'] });
      void queryClient.invalidateQueries({ queryKey: conversationKey(id) });
    },
  });
}

export function useMarkRead() {
  const changed = useConversationChanged();
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api().POST('/api/whatsapp/conversations/{conversation_id}/read', { params: { path: { conversation_id: id } } })),
    onSuccess: changed,
  });
}

export function useAssign(id: string) {
  const changed = useConversationChanged();
  return useMutation({
    mutationFn: (userId: string | null) =>
      unwrap(
        api().POST('/api/whatsapp/conversations/{conversation_id}/assign', {
          params: { path: { conversation_id: id } },
          body: { user_id: userId },
        }),
      ),
    onSuccess: changed,
  });
}

export function useLinkClient(id: string) {
  const changed = useConversationChanged();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) =>
      unwrap(
        api().POST('/api/whatsapp/conversations/{conversation_id}/link', {
          params: { path: { conversation_id: id } },
          body: { client_id: clientId },
        }),
      ),
    onSuccess: (conv) => {
      changed(conv);
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
  });
}

/** "WhatsApp" on a client's page: the conversation with the client (created the first time). */
export function useStartConversation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (clientId: string) => unwrap(api().POST('/api/whatsapp/conversations', { body: { client_id: clientId } })),
    onSuccess: (conv) => {
      queryClient.setQueryData(conversationKey(conv.id), conv);
      void queryClient.invalidateQueries({ queryKey: [...WHATSAPP_KEY, 'conversations'] });
    },
  });
}

/** Local sandbox: someone writes to the company's number. */
export function useSimulateInbound() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SandboxInbound) => unwrap(api().POST('/api/whatsapp/sandbox/inbound', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: WHATSAPP_KEY });
      void queryClient.invalidateQueries({ queryKey: ['clients'] });
    },
  });
}

/** Client search for "Vincular cliente". */
export function useClientSearch(q: string) {
  return useQuery({
    queryKey: ['clients', 'list', { q, limit: 10, whatsapp: true }],
    queryFn: () => unwrap(api().GET('/api/clients', { params: { query: { q, limit: 10 } } })),
    enabled: q.trim().length >= 2,
    staleTime: 10_000,
  });
}
