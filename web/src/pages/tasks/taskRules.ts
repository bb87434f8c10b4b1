/** Tarefas' pure rules: views a user may open, labels and colours, grouping by deadline, the form's body. */
import type { Me, Task, TaskCreate, TaskPriority, TaskStatus, TaskView } from '../../api/types';
import { hasPermission } from '../../auth/permissions';
import { APP_TIME_ZONE, formatDate, formatDateTime } from '../../lib/format';
import { addDays, endOfDay, spDay, spToday, toApiDateTime, type DayKey } from '../../lib/datetime';

export const PRIORITIES: { value: TaskPriority; label: string; color: string }[] = [
  { value: 'baixa', label: 'Baixa', color: 'gray' },
  { value: 'media', label: 'Média', color: 'blue' },
  { value: 'alta', label: 'Alta', color: 'orange' },
  { value: 'urgente', label: 'Urgente', color: 'red' },
];

export const STATUSES: { value: TaskStatus; label: string; color: string }[] = [
  { value: 'a_fazer', label: 'A fazer', color: 'gray' },
  { value: 'em_andamento', label: 'Em andamento', color: 'blue' },
  { value: 'concluida', label: 'Concluída', color: 'green' },
  { value: 'cancelada', label: 'Cancelada', color: 'gray' },
];

export function priorityInfo(priority: string) {
  return PRIORITIES.find((p) => p.value === priority) ?? { value: priority, label: priority, color: 'gray' };
}

export function statusInfo(status: string) {
  return STATUSES.find((s) => s.value === status) ?? { value: status, label: status, color: 'gray' };
}

export function isOpen(task: Pick<Task, 'status'>): boolean {
  return task.status === 'a_fazer' || task.status === 'em_andamento';
}

/** Whether the user sees the team's tasks (the API's rule: data scope "all" or `tarefas:team`). */
export function seesTeam(me: Me): boolean {
  return me.data_scope === 'all' || hasPermission(me, 'tarefas:team');
}

export type PageView = TaskView;

const VIEW_LABELS: Record<PageView, string> = {
  mine: 'Minhas',
  team: 'Equipe',
  today: 'Hoje',
  overdue: 'Atrasadas',
  client: 'Por cliente',
  done: 'Concluídas',
};

/** The tabs of /tarefas: "Equipe" only for who sees the team's tasks (Gerente, Administrador...). */
export function taskViews(me: Me): { value: PageView; label: string }[] {
  const views: PageView[] = seesTeam(me)
    ? ['mine', 'team', 'today', 'overdue', 'client', 'done']
    : ['mine', 'today', 'overdue', 'client', 'done'];
  return views.map((value) => ({ value, label: VIEW_LABELS[value] }));
}

/** The board (A fazer / Em andamento / Concluída) exists for the views of open tasks. */
export function hasBoard(view: PageView): boolean {
  return view !== 'done' && view !== 'client';
}

/** `?view=` -> a view the user may open (Minhas otherwise). */
export function parseView(raw: string | null, me: Me): PageView {
  return taskViews(me).find((view) => view.value === raw)?.value ?? 'mine';
}

/** "Hoje"/"Atrasadas" may widen to the team's ("da equipe"). */
export function hasTeamToggle(view: PageView, me: Me): boolean {
  return (view === 'today' || view === 'overdue') && seesTeam(me);
}

/** "03/12/2026 14:30", or "03/12/2026" when the deadline has no time. */
export function dueLabel(task: Pick<Task, 'due_at' | 'due_has_time'>): string {
  return task.due_has_time ? formatDateTime(task.due_at) : formatDate(task.due_at);
}

const weekday = new Intl.DateTimeFormat('pt-BR', { timeZone: APP_TIME_ZONE, weekday: 'long' });

function dayHeading(day: DayKey, today: DayKey): string {
  if (day === today) return 'Hoje';
  if (day === addDays(today, 1)) return 'Amanhã';
  if (day === addDays(today, -1)) return 'Ontem';
  const date = new Date(`${day}T12:00:00-03:00`);
  const name = weekday.format(date);
  return `${name.charAt(0).toUpperCase()}${name.slice(1)}, ${formatDate(day)}`;
}

export interface TaskGroup {
  key: string;
  label: string | null;
  overdue: boolean;
  tasks: Task[];
}

/**
 * Open tasks grouped by deadline: "Atrasadas" first, then one group per São Paulo day ("Hoje", "Amanhã",
 * "Quinta-feira, 03/12/2026"), each sorted by deadline. Closed tasks (Concluídas) stay one flat list.
 */
export function groupTasks(tasks: readonly Task[], view: TaskView, now: Date = new Date()): TaskGroup[] {
  if (tasks.length === 0) return [];
  if (view === 'done') return [{ key: 'done', label: null, overdue: false, tasks: [...tasks] }];
  const today = spToday(now);
  const sorted = [...tasks].sort((a, b) => (a.due_at < b.due_at ? -1 : a.due_at > b.due_at ? 1 : 0));
  const groups: TaskGroup[] = [];
  const overdue = sorted.filter((task) => task.overdue && isOpen(task));
  if (overdue.length > 0) groups.push({ key: 'overdue', label: 'Atrasadas', overdue: true, tasks: overdue });
  for (const task of sorted) {
    if (task.overdue && isOpen(task)) continue;
    const day = spDay(task.due_at);
    let group = groups.find((g) => g.key === day);
    if (!group) {
      group = { key: day, label: dayHeading(day, today), overdue: false, tasks: [] };
      groups.push(group);
    }
    group.tasks.push(task);
  }
  return groups;
}

export interface TaskFormValues {
  title: string;
  notes: string;
  owner_id: string | null;
  day: string | null;
  time: string;
  priority: TaskPriority;
  client_id: string | null;
  set_as_next_step: boolean;
}

/** The deadline: with a time -> that minute; without -> the day at 23:59 (due_has_time false). */
export function deadline(day: string | null, time: string): { due_at: string; due_has_time: boolean } | null {
  const hasTime = time.trim() !== '';
  const due = hasTime ? toApiDateTime(day, time) : endOfDay(day);
  return due ? { due_at: due, due_has_time: hasTime } : null;
}

/** The card goes along only with the client it belongs to (otherwise the API derives it from the client). */
export function taskBody(values: TaskFormValues, link: { client_id?: string | null; card_id?: string | null }): TaskCreate {
  const due = deadline(values.day, values.time);
  if (!due) throw new Error('invalid deadline');
  return {
    title: values.title.trim(),
    notes: values.notes.trim() || null,
    owner_id: values.owner_id,
    ...due,
    priority: values.priority,
    client_id: values.client_id,
    card_id: values.client_id && values.client_id === link.client_id ? (link.card_id ?? null) : null,
    set_as_next_step: Boolean(values.client_id) && values.set_as_next_step,
  };
}
