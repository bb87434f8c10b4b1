/**
 * A schedule's status badge. On "Erro" the reason shows on hover (mouse) and on tap (phones); "atrasado"
 * when it went out late; for "Ambos", each channel's outcome.
 */
import { Badge, Group, Stack, Text, Tooltip } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { Schedule } from '../../api/types';
import { ReasonBadge } from '../../components/ReasonBadge';
import { channelOutcomes, statusBadge } from './scheduleRules';

export function ScheduleStatusBadge({ schedule }: { schedule: Schedule }) {
  const badge = statusBadge(schedule);
  const label = (
    <Badge
      color={badge.color}
      variant={schedule.status === 'cancelado' ? 'outline' : 'light'}
      leftSection={badge.reason ? <IconAlertCircle size={12} /> : undefined}
      style={{ flexShrink: 0, overflow: 'visible' }}
      data-testid={`schedule-status-${schedule.id}`}
      data-status={schedule.status}
    >
      {badge.label}
    </Badge>
  );
  return (
    <Group gap={4} wrap="wrap">
      <ReasonBadge badge={label} reason={badge.reason} width={280} reasonTestId="schedule-error" />
      {badge.late ? (
        <Tooltip label="Saiu mais de 2 minutos depois do horário agendado" withArrow events={{ hover: true, focus: true, touch: true }}>
          <Badge color="orange" variant="outline" size="sm" data-testid="schedule-late">
            atrasado
          </Badge>
        </Tooltip>
      ) : null}
    </Group>
  );
}

/** "WhatsApp: Enviado · E-mail: Erro" for messages sent on both channels. */
export function ChannelOutcomes({ schedule }: { schedule: Schedule }) {
  if (schedule.channel !== 'both' || Object.keys(schedule.outcomes ?? {}).length === 0) return null;
  return (
    <Stack gap={0}>
      {channelOutcomes(schedule).map((outcome) => (
        <Text
          key={outcome.channel}
          size="xs"
          c={outcome.status === 'erro' ? 'red' : outcome.status === 'enviado' ? 'green' : 'dimmed'}
          data-testid={`schedule-outcome-${outcome.channel}`}
          data-status={outcome.status}
          title={outcome.error ?? undefined}
        >
          {outcome.label}: {outcome.status === 'enviado' ? 'enviado' : outcome.status === 'erro' ? 'erro' : 'pendente'}
        </Text>
      ))}
    </Stack>
  );
}
