/** The header's bell: the user's tasks overdue (red) and due in the next 24 h, polled every 60 s. */
import { ActionIcon, Anchor, Divider, Group, Indicator, Popover, ScrollArea, Stack, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconBell } from '@tabler/icons-react';
import { Link, useNavigate } from 'react-router';
import type { Task } from '../api/types';
import { useMe } from '../auth/MeContext';
import { canUseModule } from '../auth/permissions';
import { dueLabel } from '../pages/tasks/taskRules';
import { useTaskNotifications } from '../pages/tasks/tasksApi';

function Item({ task, overdue, onOpen }: { task: Task; overdue: boolean; onOpen: (to: string) => void }) {
  return (
    <UnstyledButton
      onClick={() => onOpen(overdue ? '/tarefas?view=overdue' : '/tarefas')}
      p={6}
      style={{ borderRadius: 'var(--mantine-radius-sm)', borderLeft: `3px solid var(--mantine-color-${overdue ? 'red' : 'blue'}-6)` }}
      data-testid={`notification-task-${task.id}`}
      data-overdue={overdue ? 'true' : 'false'}
    >
      <Text size="sm" fw={500} lineClamp={2}>
        {task.title}
      </Text>
      <Text size="xs" c={overdue ? 'red' : 'dimmed'}>
        {overdue ? 'Atrasada · ' : ''}Prazo {dueLabel(task)}
        {task.client_name ? ` · ${task.client_name}` : ''}
      </Text>
    </UnstyledButton>
  );
}

export function NotificationBell() {
  const me = useMe();
  const enabled = !me.is_master && canUseModule(me, 'tarefas');
  const navigate = useNavigate();
  const [opened, { toggle, close }] = useDisclosure(false);
  const query = useTaskNotifications(enabled);
  if (!enabled) return null;
  const data = query.data;
  const count = data?.count ?? 0;
  const open = (to: string) => {
    close();
    navigate(to);
  };

  return (
    <Popover opened={opened} onChange={(value) => {
      if (!value) close();
    }} position="bottom-end" width={320} shadow="md" withinPortal>
      <Popover.Target>
        <Indicator
          label={count > 99 ? '99+' : count}
          size={18}
          color={data && data.overdue.length > 0 ? 'red' : 'blue'}
          disabled={count === 0}
          offset={4}
          data-testid="notifications-count"
          data-count={count}
        >
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={toggle}
            aria-label={count > 0 ? `Notificações: ${count} tarefa(s) vencendo ou atrasadas` : 'Notificações'}
            data-testid="notifications-bell"
          >
            <IconBell size={20} />
          </ActionIcon>
        </Indicator>
      </Popover.Target>
      <Popover.Dropdown p="xs" data-testid="notifications-panel">
        <Group justify="space-between" mb={6} px={4}>
          <Text fw={600} size="sm">
            Tarefas
          </Text>
          <Anchor component={Link} to="/tarefas" size="xs" onClick={close}>
            Ver todas
          </Anchor>
        </Group>
        {!data || count === 0 ? (
          <Text size="sm" c="dimmed" px={4} py="sm" data-testid="notifications-empty">
            {query.isError ? 'Não foi possível carregar as notificações.' : 'Nenhuma tarefa atrasada ou vencendo nas próximas 24 horas.'}
          </Text>
        ) : (
          <ScrollArea.Autosize mah={360} type="auto">
            <Stack gap={6}>
              {data.overdue.length > 0 ? (
                <Text size="xs" fw={600} c="red" px={4}>
                  Atrasadas ({data.overdue.length})
                </Text>
              ) : null}
              {data.overdue.map((task) => (
                <Item key={task.id} task={task} overdue onOpen={open} />
              ))}
              {data.overdue.length > 0 && data.due_soon.length > 0 ? <Divider /> : null}
              {data.due_soon.length > 0 ? (
                <Text size="xs" fw={600} c="dimmed" px={4}>
                  Nas próximas 24 horas ({data.due_soon.length})
                </Text>
              ) : null}
              {data.due_soon.map((task) => (
                <Item key={task.id} task={task} overdue={false} onOpen={open} />
              ))}
            </Stack>
          </ScrollArea.Autosize>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}
