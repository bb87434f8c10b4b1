import { describe, expect, it } from 'vitest';
import type { Board, FunnelCard } from '../../api/types';
import { appendCards, findCard, moveCard, replaceCard } from './boardState';

function card(id: string, stage: string, value: number | null): FunnelCard {
  return {
    id,
    client_id: `c-${id}`,
    stage,
    display_name: id,
    value_cents: value,
    flags: { no_next_step: true, next_step_overdue: false, stalled: false, stalled_days: null },
  } as FunnelCard;
}

function board(): Board {
  return {
    stages: [
      { key: 'novo_contato', label: 'Novo contato', count: 12, value_cents: 30000, cards: [card('a', 'novo_contato', 10000), card('b', 'novo_contato', null)], next_cursor: 'x' },
      { key: 'contato_com_resposta', label: 'Contato com resposta', count: 1, value_cents: 5000, cards: [card('c', 'contato_com_resposta', 5000)], next_cursor: null },
      { key: 'fechado', label: 'Fechado', count: 0, value_cents: 0, cards: [], next_cursor: null },
    ],
  } as Board;
}

const column = (b: Board, key: string) => b.stages.find((stage) => stage.key === key)!;

describe('board reducer', () => {
  it('moves a card with its count and value', () => {
    const before = board();
    const after = moveCard(before, 'a', 'contato_com_resposta');
    expect(column(after, 'novo_contato')).toMatchObject({ count: 11, value_cents: 20000 });
    expect(column(after, 'novo_contato').cards.map((c) => c.id)).toEqual(['b']);
    expect(column(after, 'contato_com_resposta')).toMatchObject({ count: 2, value_cents: 15000 });
    expect(column(after, 'contato_com_resposta').cards[0]).toMatchObject({ id: 'a', stage: 'contato_com_resposta' });
    expect(column(before, 'novo_contato').count).toBe(12); // the snapshot for rollback is untouched
  });

  it('applies the value given when closing', () => {
    const after = moveCard(board(), 'b', 'fechado', { value_cents: 99900 });
    expect(column(after, 'fechado')).toMatchObject({ count: 1, value_cents: 99900 });
    expect(column(after, 'novo_contato')).toMatchObject({ count: 11, value_cents: 30000 });
  });

  it('ignores unknown cards and stages', () => {
    const before = board();
    expect(moveCard(before, 'zz', 'fechado')).toBe(before);
    expect(moveCard(before, 'a', 'nowhere')).toBe(before);
  });

  it('replaces a card with the server answer, adjusting the total', () => {
    const after = replaceCard(board(), { ...card('a', 'novo_contato', 25000), next_step: 'Ligar' });
    expect(column(after, 'novo_contato').value_cents).toBe(45000);
    expect(findCard(after, 'a')?.next_step).toBe('Ligar');
  });

  it('moves a card when the server says its stage changed', () => {
    const after = replaceCard(board(), card('c', 'fechado', 5000));
    expect(column(after, 'contato_com_resposta').count).toBe(0);
    expect(column(after, 'fechado').cards.map((c) => c.id)).toEqual(['c']);
  });

  it('appends a page without duplicates', () => {
    const after = appendCards(board(), 'novo_contato', { items: [card('b', 'novo_contato', null), card('d', 'novo_contato', 1)], next_cursor: null });
    expect(column(after, 'novo_contato').cards.map((c) => c.id)).toEqual(['a', 'b', 'd']);
    expect(column(after, 'novo_contato').next_cursor).toBeNull();
  });
});
