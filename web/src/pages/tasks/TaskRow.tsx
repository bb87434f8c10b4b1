/** One task: the quick-complete box, title, priority, deadline (red when overdue), client, owner, actions. */
import { Anchor, Badge, Checkbox, Group, Menu, Paper, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPencil, IconPlayerPlay, IconRotate, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import { errorMessage } from '../../api/errors';
import type { Task } from '../../api/types';
import { RowActionsMenu } from '../../components/RowActionsMenu';
import { dueLabel, isOpen, priorityInfo, statusInfo } from './taskRules';
import { useTaskAction, type TaskAction } from './tasksApi';

interface TaskRowProps {
  task: Task;
  canWrite: boolean;
  showOwner: boolean;
  /** Hide the client link (on the client's own page). */
  hideClient?: boolean;
  onEdit: (task: Task) => void;
  onCancel: (task: Task) => void;
}

export function TaskRow({ task, canWrite, showOwner, hideClient, onEdit, onCancel }: TaskRowProps) {
  const action = useTaskAction();
  const open = isOpen(task);
  const done = task.status === 'concluida';
  // The box ticks at once (and unticks again if the API refuses).
  const pendingBox = action.isPending && (action.variables?.action === 'complete' || action.variables?.action === 'reopen');
  const ticked = pendingBox ? action.variables?.action === 'complete' : done;
  const priority = priorityInfo(task.priority);
  const run = (kind: TaskAction) =>
    action.mutate(
      { id: task.id, action: kind },
      { onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível alterar a tarefa', message: errorMessage(error) }) },
    );

  return (
    <Paper
      withBorder
      radius="md"
      p="sm"
      data-testid={`task-row-${task.id}`}
      data-status={task.status}
      data-overdue={task.overdue && open ? 'true' : 'false'}
      style={task.overdue && open ? { borderLeft: '4px solid var(--mantine-color-red-6)' } : undefined}
    >
      <Group wrap="nowrap" align="flex-start" gap="sm">
        <Checkbox
          mt={2}
          size="md"
          radius="xl"
          color="green"
          checked={ticked}
          disabled={!canWrite || task.status === 'cancelada'}
          onChange={(event) => {
            if (!action.isPending) run(event.currentTarget.checked ? 'complete' : 'reopen');
          }}
          aria-label={done ? `Reabrir "${task.title}"` : `Concluir "${task.title}"`}
          data-testid={`task-complete-${task.id}`}
        />
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap={6} wrap="wrap">
            <Text
              fw={600}
              size="sm"
              td={done || task.status === 'cancelada' ? 'line-through' : undefined}
              c={done || task.status === 'cancelada' ? 'dimmed' : undefined}
              style={{ overflowWrap: 'anywhere' }}
              data-testid="task-title"
            >
              {task.title}
            </Text>
            <Badge size="sm" variant="light" color={priority.color} data-testid="task-priority">
              {priority.label}
            </Badge>
            {task.status !== 'a_fazer' ? (
              <Badge size="sm" variant="outline" color={statusInfo(task.status).color} data-testid="task-status">
                {statusInfo(task.status).label}
              </Badge>
            ) : null}
          </Group>
          <Group gap={6} wrap="wrap">
            <Text size="xs" c={task.overdue && open ? 'red' : 'dimmed'} fw={task.overdue && open ? 600 : undefined} data-testid="task-due">
              {task.overdue && open ? 'Atrasada · ' : ''}Prazo {dueLabel(task)}
            </Text>
            {task.client_id && !hideClient ? (
              <Anchor component={Link} to={`/clientes/${task.client_id}`} size="xs" data-testid="task-client-link">
                {task.client_name ?? 'Cliente'}
              </Anchor>
            ) : null}
            {showOwner ? (
              <Text size="xs" c="dimmed" data-testid="task-owner-name">
                · {task.owner_name ?? '—'}
              </Text>
            ) : null}
          </Group>
          {task.notes ? (
            <Text size="xs" c="dimmed" lineClamp={2} style={{ whiteSpace: 'pre-wrap' }}>
              {task.notes}
            </Text>
          ) : null}
        </Stack>
        {canWrite ? (
          <RowActionsMenu label={`Ações de ${task.title}`} testId={`task-actions-${task.id}`}>
            {open ? (
              <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onEdit(task)}>
                Editar
              </Menu.Item>
            ) : null}
            {task.status === 'a_fazer' ? (
              <Menu.Item leftSection={<IconPlayerPlay size={16} />} onClick={() => run('start')}>
                Marcar em andamento
              </Menu.Item>
            ) : null}
            {!open ? (
              <Menu.Item leftSection={<IconRotate size={16} />} onClick={() => run('reopen')}>
                Reabrir
              </Menu.Item>
            ) : null}
            {open ? (
              <Menu.Item color="red" leftSection={<IconX size={16} />} onClick={() => onCancel(task)}>
                Cancelar tarefa
              </Menu.Item>
            ) : null}
          </RowActionsMenu>
        ) : null}
      </Group>
    </Paper>
  );
}
