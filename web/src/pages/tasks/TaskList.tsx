/** A task view as a list grouped by deadline (cards on every screen size), with edit and cancel. */
import { Stack, Title } from '@mantine/core';
import { useState } from 'react';
import type { Task, TaskView } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PagedList, pageItems } from '../../components/PagedList';
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
  const tasks = pageItems(list);
  const groups = groupTasks(tasks, query.view as TaskView);
  const showOwner = query.view === 'team' || Boolean(query.team) || query.view === 'client';

  return (
    <PagedList
      query={list}
      emptyTestId="tasks-empty"
      empty={empty}
      after={
        <>
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
        </>
      }
    >
      {() => (
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
    </PagedList>
  );
}
