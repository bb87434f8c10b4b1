/**
 * /tarefas — views Minhas / Equipe / Hoje / Atrasadas / Por cliente / Concluídas (`?view=`, `?cliente=<id>`),
 * list or board (`?modo=quadro`), "Nova tarefa".
 */
import { Button, Center, Group, SegmentedControl, Switch, Tabs, Text } from '@mantine/core';
import { IconLayoutKanban, IconList, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ClientSelect } from '../../components/ClientSelect';
import { PageHeader } from '../../components/PageHeader';
import { useClient } from '../clients/clientsApi';
import { hasBoard, hasTeamToggle, parseView, taskViews, type PageView } from './taskRules';
import { TaskBoard } from './TaskBoard';
import { TaskFormModal } from './TaskFormModal';
import { TaskList } from './TaskList';

const EMPTY: Record<PageView, string> = {
  mine: 'Nenhuma tarefa pendente. Use "Nova tarefa" para registrar um retorno ou compromisso.',
  team: 'A equipe não tem tarefas pendentes.',
  today: 'Nada vence hoje.',
  overdue: 'Nenhuma tarefa atrasada.',
  client: 'Nenhuma tarefa para este cliente.',
  done: 'Nenhuma tarefa concluída ainda.',
};

export default function TasksPage() {
  const me = useMe();
  const [params, setParams] = useSearchParams();
  const view = parseView(params.get('view'), me);
  const toggle = hasTeamToggle(view, me);
  const team = toggle && params.get('team') === 'true';
  const board = params.get('modo') === 'quadro' && hasBoard(view);
  const clientId = view === 'client' ? (params.get('cliente') ?? undefined) : undefined;
  const client = useClient(clientId).data;
  const [creating, setCreating] = useState(false);

  const set = (changes: Record<string, string | null>) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === null) next.delete(key);
          else next.set(key, value);
        }
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title="Tarefas"
        actions={
          hasPermission(me, 'tarefas:write') ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="tasks-new">
              Nova tarefa
            </Button>
          ) : null
        }
      />
      <div data-testid="tasks-page">
        <Tabs value={view} onChange={(value) => set({ view: value === 'mine' ? null : value, team: null, cliente: null })} keepMounted={false}>
          <Tabs.List mb="sm">
            {taskViews(me).map((option) => (
              <Tabs.Tab key={option.value} value={option.value} data-testid={`tasks-tab-${option.value}`}>
                {option.label}
              </Tabs.Tab>
            ))}
          </Tabs.List>
        </Tabs>
        <Group justify="space-between" mb="md" gap="sm">
          {view === 'client' ? (
            <ClientSelect
              aria-label="Cliente"
              placeholder="Buscar cliente"
              initial={client && client.id === clientId ? { id: client.id, name: client.display_name } : null}
              value={clientId ?? null}
              onChange={(option) => set({ cliente: option?.id ?? null })}
              w={{ base: '100%', sm: 420 }}
              data-testid="tasks-client"
            />
          ) : toggle ? (
            <Switch
              label="Da equipe"
              checked={team}
              onChange={(event) => set({ team: event.currentTarget.checked ? 'true' : null })}
              data-testid="tasks-team-toggle"
            />
          ) : (
            <span />
          )}
          {hasBoard(view) ? (
            <SegmentedControl
              size="xs"
              value={board ? 'quadro' : 'lista'}
              onChange={(value) => set({ modo: value === 'quadro' ? 'quadro' : null })}
              data={[
                { value: 'lista', label: <Group gap={4} wrap="nowrap"><IconList size={14} /> Lista</Group> },
                { value: 'quadro', label: <Group gap={4} wrap="nowrap"><IconLayoutKanban size={14} /> Quadro</Group> },
              ]}
              aria-label="Exibição"
              data-testid="tasks-display"
            />
          ) : null}
        </Group>
        {view === 'client' && !clientId ? (
          <Center py="xl" data-testid="tasks-pick-client">
            <Text c="dimmed" ta="center">
              Escolha um cliente para ver as tarefas dele (abertas e concluídas).
            </Text>
          </Center>
        ) : board ? (
          <TaskBoard key={`${view}-${team}`} query={{ view, team }} />
        ) : (
          <TaskList key={`${view}-${team}-${clientId ?? ''}`} query={{ view, team, clientId }} empty={EMPTY[view]} hideClient={view === 'client'} />
        )}
      </div>
      <TaskFormModal
        opened={creating}
        onClose={() => setCreating(false)}
        prefill={client && client.id === clientId ? { client: { id: client.id, name: client.display_name } } : undefined}
      />
    </>
  );
}
