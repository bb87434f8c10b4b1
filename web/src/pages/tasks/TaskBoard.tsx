/** The small board: A fazer / Em andamento (the open tasks of the view) and Concluída (the user's latest done). */
import { Badge, Card, Center, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { Task } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { LoadMoreButton, pageItems } from '../../components/PagedList';
import { QueryBoundary } from '../../components/QueryBoundary';
import { TaskFormModal } from './TaskFormModal';
import { TaskRow } from './TaskRow';
import { useTaskAction, useTasks, type TaskListQuery } from './tasksApi';

const COLUMNS = [
  { key: 'a_fazer', label: 'A fazer' },
  { key: 'em_andamento', label: 'Em andamento' },
  { key: 'concluida', label: 'Concluída' },
] as const;

export function TaskBoard({ query }: { query: TaskListQuery }) {
  const me = useMe();
  const canWrite = hasPermission(me, 'tarefas:write');
  const teamWide = query.view === 'team' || Boolean(query.team);
  const open = useTasks(query);
  // "Concluída" lists the user's latest closed tasks (the API keeps closed tasks per owner); on the team's
  // board only the ones ticked here.
  const done = useTasks({ view: 'done' }, !teamWide);
  const cancel = useTaskAction();
  const [editing, setEditing] = useState<Task | null>(null);
  const openTasks = pageItems(open);
  const doneTasks = pageItems(done);
  // A task ticked on the board moves at once (the cache holds its new status).
  const all = [...openTasks, ...doneTasks.filter((d) => !openTasks.some((t) => t.id === d.id))];
  const showOwner = teamWide;

  return (
    <QueryBoundary query={open}>
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm" data-testid="tasks-board">
        {COLUMNS.map((column) => {
          const tasks = all.filter((task) => task.status === column.key);
          return (
            <Card key={column.key} withBorder radius="md" padding="sm" bg="var(--mantine-color-gray-0)" data-testid={`tasks-column-${column.key}`}>
              <Group justify="space-between" mb="xs">
                <Title order={5}>{column.label}</Title>
                <Badge variant="light" color="gray">
                  {tasks.length}
                </Badge>
              </Group>
              <Stack gap={6}>
                {tasks.length === 0 ? (
                  <Center py="md">
                    <Text size="sm" c="dimmed">
                      Nenhuma tarefa.
                    </Text>
                  </Center>
                ) : (
                  tasks.map((task) => (
                    <TaskRow
                      key={task.id}
                      task={task}
                      canWrite={canWrite}
                      showOwner={showOwner || task.owner_id !== me.user.id}
                      onEdit={setEditing}
                      onCancel={(t) => cancel.mutate({ id: t.id, action: 'cancel' })}
                    />
                  ))
                )}
              </Stack>
            </Card>
          );
        })}
      </SimpleGrid>
      <LoadMoreButton query={open} />
      <TaskFormModal opened={editing !== null} task={editing} onClose={() => setEditing(null)} />
    </QueryBoundary>
  );
}
