/**
 * Pure updates of the funnel board held in the query cache: optimistic moves
 * (counts and totals follow the card), server answers and "Carregar mais".
 */
import type { Board, CardPage, FunnelCard } from '../../api/types';

const valueOf = (card: Pick<FunnelCard, 'value_cents'>) => card.value_cents ?? 0;

export function findCard(board: Board | undefined, cardId: string): FunnelCard | undefined {
  for (const stage of board?.stages ?? []) {
    const card = stage.cards.find((candidate) => candidate.id === cardId);
    if (card) return card;
  }
  return undefined;
}

/**
 * Moves a card to the top of another column (with `patch`, e.g. the value
 * asked when closing). Counts and totals of both columns follow. A card not
 * loaded on the board leaves it unchanged.
 */
export function moveCard(board: Board, cardId: string, toStage: string, patch: Partial<FunnelCard> = {}): Board {
  const card = findCard(board, cardId);
  if (!card || !board.stages.some((stage) => stage.key === toStage)) return board;
  const moved: FunnelCard = { ...card, ...patch, stage: toStage as FunnelCard['stage'] };
  if (card.stage === toStage) return replaceCard(board, moved);
  return {
    ...board,
    stages: board.stages.map((stage) => {
      if (stage.key === card.stage) {
        return {
          ...stage,
          count: Math.max(0, stage.count - 1),
          value_cents: stage.value_cents - valueOf(card),
          cards: stage.cards.filter((candidate) => candidate.id !== cardId),
        };
      }
      if (stage.key === toStage) {
        return { ...stage, count: stage.count + 1, value_cents: stage.value_cents + valueOf(moved), cards: [moved, ...stage.cards] };
      }
      return stage;
    }),
  };
}

/** The server's version of a card: replaces it in place (moving it if its stage changed); totals follow the value. */
export function replaceCard(board: Board, card: FunnelCard): Board {
  const current = findCard(board, card.id);
  if (!current) return board;
  if (current.stage !== card.stage) return moveCard(board, card.id, card.stage, card);
  const delta = valueOf(card) - valueOf(current);
  return {
    ...board,
    stages: board.stages.map((stage) =>
      stage.key === card.stage
        ? {
            ...stage,
            value_cents: stage.value_cents + delta,
            cards: stage.cards.map((candidate) => (candidate.id === card.id ? card : candidate)),
          }
        : stage,
    ),
  };
}

/** Appends the next page of one column (skipping cards already shown, e.g. just moved in). */
export function appendCards(board: Board, stageKey: string, page: CardPage): Board {
  return {
    ...board,
    stages: board.stages.map((stage) => {
      if (stage.key !== stageKey) return stage;
      const known = new Set(stage.cards.map((card) => card.id));
      return { ...stage, cards: [...stage.cards, ...page.items.filter((card) => !known.has(card.id))], next_cursor: page.next_cursor };
    }),
  };
}
