/** Schedules as a table (cards on phones), with Editar / Cancelar while waiting and "Tentar novamente" on erro. */
import { Anchor, Menu, Stack, Text } from '@mantine/core';
import { IconPencil, IconRefresh, IconX } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { Schedule } from '../../api/types';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { RowActionsMenu } from '../../components/RowActionsMenu';
import { formatDateTime } from '../../lib/format';
import { channelLabel, purposeLabel, repeatLabel, targetLabel } from './scheduleRules';
import { ChannelOutcomes, ScheduleStatusBadge } from './ScheduleStatus';

export interface ScheduleHandlers {
  canWrite: boolean;
  onEdit: (schedule: Schedule) => void;
  onCancel: (schedule: Schedule) => void;
  onRetry: (schedule: Schedule) => void;
}

function messageSummary(schedule: Schedule): string {
  if (schedule.whatsapp_template && schedule.channel === 'whatsapp') return `Modelo aprovado: ${schedule.whatsapp_template.name}`;
  const text = schedule.subject ? `${schedule.subject} — ${schedule.body ?? ''}` : (schedule.body ?? '');
  return text.trim() || (schedule.template_id ? 'Modelo de mensagem' : '—');
}

const COLUMNS: Column<Schedule>[] = [
  {
    key: 'send_at',
    header: 'Envio',
    nowrap: true,
    render: (s) => (
      <Stack gap={0}>
        <Text size="sm" fw={600} data-testid="schedule-send-at">
          {formatDateTime(s.send_at)}
        </Text>
        {s.repeat ? (
          <Text size="xs" c="dimmed">
            {repeatLabel(s.repeat)}
          </Text>
        ) : null}
      </Stack>
    ),
  },
  {
    key: 'target',
    header: 'Destino',
    render: (s) =>
      s.client_id ? (
        <Anchor component={Link} to={`/clientes/${s.client_id}`} size="sm" data-testid="schedule-client-link">
          {targetLabel(s)}
        </Anchor>
      ) : (
        <Text size="sm">{targetLabel(s)}</Text>
      ),
  },
  { key: 'channel', header: 'Canal', nowrap: true, render: (s) => channelLabel(s.channel) },
  { key: 'purpose', header: 'Finalidade', render: (s) => purposeLabel(s.purpose) },
  {
    key: 'message',
    header: 'Mensagem',
    render: (s) => (
      <Text size="sm" lineClamp={2} maw={320} style={{ overflowWrap: 'anywhere' }}>
        {messageSummary(s)}
      </Text>
    ),
  },
  {
    key: 'status',
    header: 'Situação',
    render: (s) => (
      <Stack gap={2} miw={104}>
        <ScheduleStatusBadge schedule={s} />
        <ChannelOutcomes schedule={s} />
      </Stack>
    ),
  },
];

export function ScheduleActions({ schedule, canWrite, onEdit, onCancel, onRetry }: ScheduleHandlers & { schedule: Schedule }) {
  if (!canWrite || (schedule.status !== 'agendado' && schedule.status !== 'erro')) return null;
  return (
    <RowActionsMenu label={`Ações do agendamento para ${targetLabel(schedule)}`} testId={`schedule-actions-${schedule.id}`}>
      {schedule.status === 'agendado' ? (
        <>
          <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => onEdit(schedule)}>
            Editar
          </Menu.Item>
          <Menu.Item color="red" leftSection={<IconX size={16} />} onClick={() => onCancel(schedule)}>
            Cancelar envio
          </Menu.Item>
        </>
      ) : (
        <Menu.Item leftSection={<IconRefresh size={16} />} onClick={() => onRetry(schedule)}>
          Tentar novamente
        </Menu.Item>
      )}
    </RowActionsMenu>
  );
}

export function ScheduleTable({ rows, testId = 'schedules-table', ...handlers }: ScheduleHandlers & { rows: readonly Schedule[]; testId?: string }) {
  return (
    <ResponsiveTable
      rows={rows}
      columns={COLUMNS}
      rowKey={(s) => s.id}
      rowTestId={(s) => `schedule-row-${s.id}`}
      actions={(s) => <ScheduleActions schedule={s} {...handlers} />}
      minWidth={960}
      testId={testId}
    />
  );
}
