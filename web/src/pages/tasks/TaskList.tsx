/** A task view as a list grouped by deadline (cards on every screen size), with edit and cancel. */
import { Button, Center, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Task, TaskView } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { QueryBoundary } from '../../components/QueryBoundary';
import { groupTasks } from './taskRules';
import { TaskFormModal } from './TaskFormModal';
import { TaskRow } from './TaskRow';
import { useTaskAction, useTasks, type TaskListQuery } from './tasksApi';

interface TaskListProps {
  query: TaskListQuery;
  empty: string;
  hideClient?: boolean;
}

export function TaskList({ query, empty, hideClient }: TaskListProps) {
  const me = useMe();
  const canWrite = hasPermission(me, 'tarefas:write');
  const list = useTasks(query);
  const [editing, setEditing] = useState<Task | null>(null);
  const [cancelling, setCancelling] = useState<Task | null>(null);
  const cancel = useTaskAction();
  const tasks = list.data?.pages.flatMap((page) => page.items) ?? [];
  const groups = groupTasks(tasks, query.view as TaskView);
  const showOwner = query.view === 'team' || Boolean(query.team) || query.view === 'client';

  return (
    <QueryBoundary query={list}>
      {tasks.length === 0 ? (
        <Center py="xl" data-testid="tasks-empty">
          <Text c="dimmed" ta="center">
            {empty}
          </Text>
        </Center>
      ) : (
        <Stack gap="md" data-testid="task-list">
          {groups.map((group) => (
            <Stack key={group.key} gap={6} data-testid={`task-group-${group.key}`}>
              {group.label ? (
                <Title order={5} c={group.overdue ? 'red' : undefined}>
                  {group.label}
                </Title>
              ) : null}
              {group.tasks.map((task) => (
                <TaskRow
                  key={task.id}
                  task={task}
                  canWrite={canWrite}
                  showOwner={showOwner || task.owner_id !== me.user.id}
                  hideClient={hideClient}
                  onEdit={setEditing}
                  onCancel={(t) => (cancel.reset(), setCancelling(t))}
                />
              ))}
            </Stack>
          ))}
        </Stack>
      )}
      {list.hasNextPage ? (
        <Center mt="md">
          <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
            Carregar mais
          </Button>
        </Center>
      ) : null}
      <TaskFormModal opened={editing !== null} task={editing} onClose={() => setEditing(null)} />
      <ConfirmModal
        opened={cancelling !== null}
        title="Cancelar tarefa"
        confirmLabel="Cancelar tarefa"
        cancelLabel="Voltar"
        loading={cancel.isPending}
        error={cancel.error}
        onClose={() => setCancelling(null)}
        onConfirm={() => cancelling && cancel.mutate({ id: cancelling.id, action: 'cancel' }, { onSuccess: () => setCancelling(null) })}
      >
        A tarefa "{cancelling?.title}" sai das listas de pendentes e fica em Concluídas como cancelada.
      </ConfirmModal>
    </QueryBoundary>
  );
}
