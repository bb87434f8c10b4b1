import { describe, expect, it } from 'vitest';
import type { Me, Task } from '../../api/types';
import {
  deadline,
  dueLabel,
  groupTasks,
  hasBoard,
  hasTeamToggle,
  parseView,
  priorityInfo,
  seesTeam,
  statusInfo,
  taskBody,
  taskViews,
  type TaskFormValues,
} from './taskRules';

function me(overrides: Partial<Me> = {}): Me {
  return {
    user: { id: 'u1', name: 'Vitor', email: 'v@x.com', role: 'vendedor', role_label: 'Vendedor', status: 'active' },
    permissions: ['tarefas:read', 'tarefas:write'],
    data_scope: 'own',
    modules: ['tarefas'],
    is_master: false,
    ...overrides,
  } as Me;
}

const gerente = me({ data_scope: 'all' });

function task(overrides: Partial<Task>): Task {
  return {
    id: 't1',
    title: 'Ligar',
    notes: null,
    owner_id: 'u1',
    owner_name: 'Vitor',
    due_at: '2026-12-02T13:00:00.000+00:00',
    due_has_time: true,
    status: 'a_fazer',
    priority: 'media',
    client_id: null,
    client_name: null,
    card_id: null,
    overdue: false,
    created_by: 'u1',
    created_at: '2026-12-01T12:00:00.000+00:00',
    updated_at: '2026-12-01T12:00:00.000+00:00',
    completed_at: null,
    ...overrides,
  } as Task;
}

describe('views', () => {
  it('shows "Equipe" only to who sees the team (scope all or tarefas:team)', () => {
    expect(taskViews(me()).map((v) => v.label)).toEqual(['Minhas', 'Hoje', 'Atrasadas', 'Por cliente', 'Concluídas']);
    expect(taskViews(gerente).map((v) => v.value)).toEqual(['mine', 'team', 'today', 'overdue', 'client', 'done']);
    expect(seesTeam(me({ permissions: ['tarefas:read', 'tarefas:team'] }))).toBe(true);
  });

  it('reads ?view= and falls back to Minhas', () => {
    expect(parseView('overdue', me())).toBe('overdue');
    expect(parseView('team', me())).toBe('mine');
    expect(parseView('team', gerente)).toBe('team');
    expect(parseView(null, me())).toBe('mine');
    expect(parseView('qualquer', gerente)).toBe('mine');
  });

  it('offers "da equipe" on Hoje/Atrasadas and the board on the open views', () => {
    expect(hasTeamToggle('today', gerente)).toBe(true);
    expect(hasTeamToggle('today', me())).toBe(false);
    expect(hasTeamToggle('mine', gerente)).toBe(false);
    expect(hasBoard('mine')).toBe(true);
    expect(hasBoard('done')).toBe(false);
    expect(hasBoard('client')).toBe(false);
  });
});

describe('labels', () => {
  it('shows the deadline with or without the time', () => {
    expect(dueLabel(task({ due_at: '2026-12-02T13:30:00.000+00:00', due_has_time: true }))).toBe('02/12/2026 10:30');
    expect(dueLabel(task({ due_at: '2026-12-03T02:59:00.000+00:00', due_has_time: false }))).toBe('02/12/2026');
  });

  it('has pt-BR labels for priorities and statuses', () => {
    expect(priorityInfo('urgente')).toMatchObject({ label: 'Urgente', color: 'red' });
    expect(statusInfo('concluida').label).toBe('Concluída');
    expect(statusInfo('desconhecido').label).toBe('desconhecido');
  });
});

describe('groupTasks', () => {
  const now = new Date('2026-12-02T15:00:00Z'); // 12:00 in São Paulo, a Wednesday

  it('puts the overdue first, then one group per São Paulo day in deadline order', () => {
    const groups = groupTasks(
      [
        task({ id: 'c', due_at: '2026-12-04T12:00:00.000+00:00' }),
        task({ id: 'a', due_at: '2026-12-02T11:00:00.000+00:00', overdue: true }),
        task({ id: 'b2', due_at: '2026-12-03T02:59:00.000+00:00', due_has_time: false }), // today 23:59
        task({ id: 'b1', due_at: '2026-12-02T18:00:00.000+00:00' }),
        task({ id: 'd', due_at: '2026-12-03T12:00:00.000+00:00' }),
      ],
      'mine',
      now,
    );
    expect(groups.map((g) => [g.label, g.tasks.map((t) => t.id)])).toEqual([
      ['Atrasadas', ['a']],
      ['Hoje', ['b1', 'b2']],
      ['Amanhã', ['d']],
      ['Sexta-feira, 04/12/2026', ['c']],
    ]);
    expect(groups[0]!.overdue).toBe(true);
  });

  it('keeps a ticked task in its day (not among the overdue) and lists Concluídas flat', () => {
    const done = task({ id: 'x', status: 'concluida', overdue: false, due_at: '2026-12-01T12:00:00.000+00:00' });
    expect(groupTasks([done], 'overdue', now).map((g) => g.label)).toEqual(['Ontem']);
    expect(groupTasks([done], 'done', now)).toEqual([{ key: 'done', label: null, overdue: false, tasks: [done] }]);
    expect(groupTasks([], 'mine', now)).toEqual([]);
  });
});

describe('the form', () => {
  const values: TaskFormValues = {
    title: '  Retornar proposta ',
    notes: ' ',
    owner_id: 'u1',
    day: '2026-12-02',
    time: '',
    priority: 'alta',
    client_id: 'c1',
    set_as_next_step: true,
  };

  it('sends a deadline without time as 23:59 of that day', () => {
    expect(deadline('2026-12-02', '')).toEqual({ due_at: '2026-12-02T23:59:00-03:00', due_has_time: false });
    expect(deadline('2026-12-02', '09:30')).toEqual({ due_at: '2026-12-02T09:30:00-03:00', due_has_time: true });
    expect(deadline('2026-12-02', '9:3')).toBeNull();
    expect(deadline(null, '')).toBeNull();
  });

  it('builds the body with the card only for the client it belongs to', () => {
    expect(taskBody(values, { client_id: 'c1', card_id: 'k1' })).toEqual({
      title: 'Retornar proposta',
      notes: null,
      owner_id: 'u1',
      due_at: '2026-12-02T23:59:00-03:00',
      due_has_time: false,
      priority: 'alta',
      client_id: 'c1',
      card_id: 'k1',
      set_as_next_step: true,
    });
    const other = taskBody({ ...values, client_id: 'c2' }, { client_id: 'c1', card_id: 'k1' });
    expect(other.card_id).toBeNull();
    const none = taskBody({ ...values, client_id: null }, {});
    expect(none).toMatchObject({ client_id: null, card_id: null, set_as_next_step: false });
  });

  it('refuses an invalid deadline', () => {
    expect(() => taskBody({ ...values, day: null }, {})).toThrow();
  });
});
