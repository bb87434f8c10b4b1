/** Queries and mutations of Tarefas, and the notifications the header's bell polls. */
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Task, TaskCreate, TaskPage, TaskUpdate, TaskView } from '../../api/types';

export const TASKS_KEY = ['tasks'] as const;
export const NOTIFICATIONS_KEY = [...TASKS_KEY, 'notifications'] as const;
export const NOTIFICATIONS_POLL_MS = 60_000;

export interface TaskListQuery {
  view: TaskView;
  team?: boolean;
  clientId?: string;
}

export function useTasks({ view, team = false, clientId }: TaskListQuery, enabled = true) {
  return useInfiniteQuery({
    queryKey: [...TASKS_KEY, 'list', view, team, clientId ?? null],
    queryFn: ({ pageParam }) =>
      unwrap(
        api().GET('/api/tasks', {
          params: { query: { view, team: team || undefined, client_id: clientId, cursor: pageParam ?? undefined, limit: 50 } },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    enabled,
  });
}

export function useTaskNotifications(enabled: boolean) {
  return useQuery({
    queryKey: NOTIFICATIONS_KEY,
    queryFn: () => unwrap(api().GET('/api/tasks/notifications')),
    enabled,
    refetchInterval: NOTIFICATIONS_POLL_MS,
    staleTime: 15_000,
  });
}

/** Everything a task change touches elsewhere: the bell, the Dashboard, the client's timeline, the card. */
function useAfterTaskChange() {
  const queryClient = useQueryClient();
  return (task: Task | null, opts: { refetchLists: boolean; funnel?: boolean }) => {
    if (task) {
      // The changed task shows its new state in every list at once (a completed one stays, ticked, until the
      // list is fetched again).
      queryClient.setQueriesData<InfiniteData<TaskPage>>({ queryKey: [...TASKS_KEY, 'list'] }, (data) =>
        data
          ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((t) => (t.id === task.id ? task : t)) })) }
          : data,
      );
    }
    void queryClient.invalidateQueries({ queryKey: [...TASKS_KEY, 'list'], refetchType: opts.refetchLists ? 'active' : 'none' });
    void queryClient.invalidateQueries({ queryKey: NOTIFICATIONS_KEY });
    void queryClient.invalidateQueries({ queryKey: ['dashboard'] });
    if (task?.client_id) void queryClient.invalidateQueries({ queryKey: ['clients', 'timeline', task.client_id] });
    if (opts.funnel) {
      void queryClient.invalidateQueries({ queryKey: ['funnel'] });
      void queryClient.invalidateQueries({ queryKey: ['clients', 'detail'] });
    }
  };
}

export function useCreateTask() {
  const after = useAfterTaskChange();
  return useMutation({
    mutationFn: (body: TaskCreate) => unwrap(api().POST('/api/tasks', { body })),
    onSuccess: (task, body) => after(task, { refetchLists: true, funnel: body.set_as_next_step }),
  });
}

export function useUpdateTask() {
  const after = useAfterTaskChange();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TaskUpdate }) =>
      unwrap(api().PATCH('/api/tasks/{task_id}', { params: { path: { task_id: id } }, body })),
    onSuccess: (task) => after(task, { refetchLists: true }),
  });
}

export type TaskAction = 'complete' | 'reopen' | 'cancel' | 'start';

export function useTaskAction() {
  const after = useAfterTaskChange();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: TaskAction }) => {
      const params = { params: { path: { task_id: id } } };
      if (action === 'complete') return unwrap(api().POST('/api/tasks/{task_id}/complete', params));
      if (action === 'reopen') return unwrap(api().POST('/api/tasks/{task_id}/reopen', params));
      if (action === 'cancel') return unwrap(api().POST('/api/tasks/{task_id}/cancel', params));
      return unwrap(api().PATCH('/api/tasks/{task_id}', { ...params, body: { status: 'em_andamento' } }));
    },
    // Ticking a box keeps the list as it is (the task stays, ticked); the other views refetch when opened.
    onSuccess: (task, { action }) => after(task, { refetchLists: action === 'cancel' || action === 'start' }),
  });
}
