/**
 * /agendamentos — scheduled WhatsApp and e-mail messages: list (filters in the address: status, canal,
 * periodo, de, ate), calendar (?visao=calendario) and the message templates (?visao=modelos).
 */
import { Button, Group, Select, SimpleGrid, Stack, Tabs } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCalendarMonth, IconList, IconPlus, IconTemplate } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import type { Channel, Schedule, ScheduleStatus } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { DayInput } from '../../components/DayTimeInputs';
import { FilterSelect } from '../../components/FilterSelect';
import { PageHeader } from '../../components/PageHeader';
import { PagedList } from '../../components/PagedList';
import { isDayKey, spToday } from '../../lib/datetime';
import { formatDateTime } from '../../lib/format';
import { useUrlParams } from '../../lib/useUrlParams';
import { MessageTemplates } from './MessageTemplates';
import { ScheduleCalendar } from './ScheduleCalendar';
import { ScheduleFormModal } from './ScheduleFormModal';
import { CHANNEL_OPTIONS, PERIOD_OPTIONS, STATUS_OPTIONS, parsePeriod, periodRange, targetLabel } from './scheduleRules';
import { useScheduleAction, useSchedules } from './schedulesApi';
import { ScheduleTable } from './ScheduleTable';

type Visao = 'lista' | 'calendario' | 'modelos';

const pick = <T extends string>(raw: string | null, options: readonly { value: T }[]): T | undefined =>
  options.find((option) => option.value === raw)?.value;

function ScheduleList({ filters, handlers }: { filters: Parameters<typeof useSchedules>[0]; handlers: Omit<Parameters<typeof ScheduleTable>[0], 'rows'> }) {
  const list = useSchedules(filters);
  return (
    <PagedList query={list} emptyTestId="schedules-empty" empty='Nenhum agendamento encontrado. Confira os filtros ou use "Agendar mensagem".'>
      {(rows) => <ScheduleTable rows={rows} {...handlers} />}
    </PagedList>
  );
}

export default function SchedulesPage() {
  const me = useMe();
  const canWrite = hasPermission(me, 'agendamentos:write');
  const [params, set] = useUrlParams();
  const visao: Visao = params.get('visao') === 'calendario' ? 'calendario' : params.get('visao') === 'modelos' ? 'modelos' : 'lista';
  const status = pick<ScheduleStatus>(params.get('status'), STATUS_OPTIONS);
  const channel = pick<Channel>(params.get('canal'), CHANNEL_OPTIONS);
  const period = parsePeriod(params.get('periodo'));
  const custom = { from: isDayKey(params.get('de')) ? params.get('de') : null, to: isDayKey(params.get('ate')) ? params.get('ate') : null };
  const range = periodRange(period, spToday(), custom);
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<Schedule | null>(null);
  const [cancelling, setCancelling] = useState<Schedule | null>(null);
  const action = useScheduleAction();


  const handlers = {
    canWrite,
    onEdit: setEditing,
    onCancel: (s: Schedule) => (action.reset(), setCancelling(s)),
    onRetry: (s: Schedule) =>
      action.mutate(
        { id: s.id, action: 'retry' },
        {
          onSuccess: () => notifications.show({ color: 'green', message: 'O envio será tentado de novo em instantes.' }),
          onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível tentar de novo', message: errorMessage(error) }),
        },
      ),
  };

  return (
    <>
      <PageHeader
        title="Agendamentos"
        description="Mensagens de WhatsApp e e-mail enviadas automaticamente na data e hora escolhidas."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="schedules-new">
              Agendar mensagem
            </Button>
          ) : null
        }
      />
      <Tabs value={visao} onChange={(value) => set({ visao: value === 'lista' ? null : value })} keepMounted={false}>
        <Tabs.List mb="md">
          <Tabs.Tab value="lista" leftSection={<IconList size={16} />} data-testid="schedules-tab-lista">
            Lista
          </Tabs.Tab>
          <Tabs.Tab value="calendario" leftSection={<IconCalendarMonth size={16} />} data-testid="schedules-tab-calendario">
            Calendário
          </Tabs.Tab>
          <Tabs.Tab value="modelos" leftSection={<IconTemplate size={16} />} data-testid="schedules-tab-modelos">
            Modelos de mensagem
          </Tabs.Tab>
        </Tabs.List>
        {visao !== 'modelos' ? (
          <Stack gap="xs" mb="md">
            <SimpleGrid cols={{ base: 1, xs: 2, md: visao === 'lista' ? 3 : 2 }} spacing="sm" data-testid="schedules-filters">
              <FilterSelect
                label="Situação"
                placeholder="Todas"
                data={STATUS_OPTIONS}
                value={status ?? null}
                onChange={(value) => set({ status: value })}
                data-testid="schedules-filter-status"
              />
              <FilterSelect
                label="Canal"
                placeholder="Todos"
                data={CHANNEL_OPTIONS.map((o) => (o.value === 'both' ? { ...o, label: 'WhatsApp e e-mail' } : o))}
                value={channel ?? null}
                onChange={(value) => set({ canal: value })}
                data-testid="schedules-filter-channel"
              />
              {visao === 'lista' ? (
                <Select
                  label="Período"
                  data={PERIOD_OPTIONS}
                  value={period}
                  onChange={(value) => set({ periodo: value === 'proximos' ? null : value, ...(value !== 'personalizado' ? { de: null, ate: null } : {}) })}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="schedules-filter-period"
                />
              ) : null}
            </SimpleGrid>
            {visao === 'lista' && period === 'personalizado' ? (
              <Group gap="sm" grow preventGrowOverflow={false}>
                <DayInput label="De" clearable value={custom.from} onChange={(value) => set({ de: value })} maw={200} data-testid="schedules-filter-from" />
                <DayInput label="Até" clearable value={custom.to} onChange={(value) => set({ ate: value })} maw={200} data-testid="schedules-filter-to" />
              </Group>
            ) : null}
          </Stack>
        ) : null}
        <Tabs.Panel value="lista">
          <ScheduleList filters={{ status, channel, ...range }} handlers={handlers} />
        </Tabs.Panel>
        <Tabs.Panel value="calendario">
          <ScheduleCalendar filters={{ status, channel }} {...handlers} />
        </Tabs.Panel>
        <Tabs.Panel value="modelos">
          <MessageTemplates canWrite={canWrite} />
        </Tabs.Panel>
      </Tabs>
      <ScheduleFormModal opened={creating || editing !== null} schedule={editing} onClose={() => (setCreating(false), setEditing(null))} />
      <ConfirmModal
        opened={cancelling !== null}
        title="Cancelar envio"
        confirmLabel="Cancelar envio"
        cancelLabel="Voltar"
        loading={action.isPending}
        error={action.error}
        onClose={() => setCancelling(null)}
        onConfirm={() =>
          cancelling &&
          action.mutate(
            { id: cancelling.id, action: 'cancel' },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: 'Envio cancelado.' });
                setCancelling(null);
              },
            },
          )
        }
      >
        A mensagem para {cancelling ? targetLabel(cancelling) : ''} de {cancelling ? formatDateTime(cancelling.send_at) : ''} não será enviada
        {cancelling?.repeat ? ', nem as próximas repetições' : ''}.
      </ConfirmModal>
    </>
  );
}
