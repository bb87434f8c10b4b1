/** Queries and mutations of the Funil module; the board lives in the query cache (see boardState). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { notifications } from '@mantine/notifications';
import { api } from '../../api/client';
import { errorMessage, unwrap } from '../../api/errors';
import type { Board, CardMove, CardUpdate, FunnelCard, FunnelSettings } from '../../api/types';
import { appendCards, moveCard, replaceCard } from './boardState';

export const FUNNEL_KEY = ['funnel'] as const;
const boardKey = (ownerId: string | null) => [...FUNNEL_KEY, 'board', ownerId ?? 'all'] as const;

export function useBoard(ownerId: string | null) {
  return useQuery({
    queryKey: boardKey(ownerId),
    queryFn: () => unwrap(api().GET('/api/funnel', { params: { query: { owner_id: ownerId ?? undefined } } })),
  });
}

export function useLoadMore(ownerId: string | null) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ stage, cursor }: { stage: string; cursor: string }) =>
      unwrap(
        api().GET('/api/funnel/stages/{stage}/cards', {
          params: { path: { stage }, query: { owner_id: ownerId ?? undefined, cursor } },
        }),
      ),
    onSuccess: (page, { stage }) =>
      queryClient.setQueryData<Board>(boardKey(ownerId), (board) => (board ? appendCards(board, stage, page) : board)),
    onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
  });
}

function useAfterCardChange() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: [...FUNNEL_KEY, 'stalled'] });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    void queryClient.invalidateQueries({ queryKey: ['clients'] });
  };
}

export interface MoveVars {
  card: FunnelCard;
  body: CardMove;
}

/** Optimistic move: the card jumps at once and goes back (with the API's message) if the move fails. */
export function useMoveCard(ownerId: string | null) {
  const queryClient = useQueryClient();
  const after = useAfterCardChange();
  const key = boardKey(ownerId);
  return useMutation({
    mutationFn: ({ card, body }: MoveVars) =>
      unwrap(api().POST('/api/funnel/cards/{card_id}/move', { params: { path: { card_id: card.id } }, body })),
    onMutate: async ({ card, body }) => {
      await queryClient.cancelQueries({ queryKey: key });
      const snapshot = queryClient.getQueryData<Board>(key);
      const patch: Partial<FunnelCard> = {};
      if (body.value_cents !== undefined && body.value_cents !== null) patch.value_cents = body.value_cents;
      if (body.loss_reason) patch.loss_reason = body.loss_reason;
      if (snapshot) queryClient.setQueryData<Board>(key, moveCard(snapshot, card.id, body.stage, patch));
      return { snapshot };
    },
    onError: (error, _vars, context) => {
      if (context?.snapshot) queryClient.setQueryData(key, context.snapshot);
      notifications.show({ color: 'red', title: 'Não foi possível mover o card', message: errorMessage(error) });
    },
    onSuccess: (card) => {
      queryClient.setQueryData<Board>(key, (board) => (board ? replaceCard(board, card) : board));
      queryClient.setQueryData([...FUNNEL_KEY, 'card', card.id], card);
      after();
    },
  });
}

export function useCard(cardId: string | null) {
  return useQuery({
    queryKey: [...FUNNEL_KEY, 'card', cardId],
    queryFn: () => unwrap(api().GET('/api/funnel/cards/{card_id}', { params: { path: { card_id: cardId! } } })),
    enabled: Boolean(cardId),
  });
}

export function useUpdateCard(ownerId: string | null) {
  const queryClient = useQueryClient();
  const after = useAfterCardChange();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: CardUpdate }) =>
      unwrap(api().PATCH('/api/funnel/cards/{card_id}', { params: { path: { card_id: id } }, body })),
    onSuccess: (card) => {
      queryClient.setQueryData<Board>(boardKey(ownerId), (board) => (board ? replaceCard(board, card) : board));
      queryClient.setQueryData([...FUNNEL_KEY, 'card', card.id], card);
      after();
    },
  });
}

export function useStalled(ownerId: string | null) {
  return useInfiniteQuery({
    queryKey: [...FUNNEL_KEY, 'stalled', ownerId ?? 'all'],
    queryFn: ({ pageParam }) =>
      unwrap(
        api().GET('/api/funnel/stalled', {
          params: { query: { cursor: pageParam ?? undefined, owner_id: ownerId ?? undefined } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useFunnelSettings() {
  return useQuery({
    queryKey: [...FUNNEL_KEY, 'settings'],
    queryFn: () => unwrap(api().GET('/api/funnel/settings')),
    staleTime: 5 * 60_000,
  });
}

export function useSaveFunnelSettings() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: FunnelSettings) => unwrap(api().PUT('/api/funnel/settings', { body })),
    onSuccess: (data) => {
      queryClient.setQueryData([...FUNNEL_KEY, 'settings'], data);
      void queryClient.invalidateQueries({ queryKey: FUNNEL_KEY });
    },
  });
}
