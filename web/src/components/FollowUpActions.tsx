/**
 * "Criar retorno" (a task linked to the client/card, optionally the card's next step) and "Agendar
 * mensagem" (the schedule form with the client), on the client page and in the funnel card drawer.
 * The forms are lazy chunks, loaded on the first click.
 */
import { Button } from '@mantine/core';
import { IconCalendarPlus, IconChecklist } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { useMe } from '../auth/MeContext';
import { canUseModule, hasPermission } from '../auth/permissions';
import type { ClientOption } from './ClientSelect';

const TaskFormModal = lazy(() => import('../pages/tasks/TaskFormModal'));
const ScheduleFormModal = lazy(() => import('../pages/schedules/ScheduleFormModal'));

interface FollowUpActionsProps {
  client: ClientOption;
  cardId?: string | null;
  size?: 'xs' | 'sm';
}

export function FollowUpActions({ client, cardId, size = 'sm' }: FollowUpActionsProps) {
  const me = useMe();
  const [open, setOpen] = useState<'task' | 'schedule' | null>(null);
  const [loaded, setLoaded] = useState({ task: false, schedule: false });
  const canTask = canUseModule(me, 'tarefas') && hasPermission(me, 'tarefas:write');
  const canSchedule = canUseModule(me, 'agendamentos') && hasPermission(me, 'agendamentos:write');
  if (!canTask && !canSchedule) return null;
  const show = (which: 'task' | 'schedule') => {
    setLoaded((current) => ({ ...current, [which]: true }));
    setOpen(which);
  };

  return (
    <>
      {canTask ? (
        <Button variant="light" size={size} leftSection={<IconChecklist size={16} />} onClick={() => show('task')} data-testid="create-followup">
          Criar retorno
        </Button>
      ) : null}
      {canSchedule ? (
        <Button variant="light" size={size} leftSection={<IconCalendarPlus size={16} />} onClick={() => show('schedule')} data-testid="schedule-message">
          Agendar mensagem
        </Button>
      ) : null}
      <Suspense fallback={null}>
        {loaded.task ? (
          <TaskFormModal opened={open === 'task'} onClose={() => setOpen(null)} title="Criar retorno" prefill={{ client, cardId }} />
        ) : null}
        {loaded.schedule ? (
          <ScheduleFormModal opened={open === 'schedule'} onClose={() => setOpen(null)} prefill={{ client, cardId }} />
        ) : null}
      </Suspense>
    </>
  );
}
