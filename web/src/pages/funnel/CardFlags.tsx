import { Badge, Group } from '@mantine/core';
import type { FunnelCard } from '../../api/types';

/** "Sem próximo passo", "Próximo passo vencido", "Parada há N dias". */
export function CardFlags({ card }: { card: FunnelCard }) {
  const { flags } = card;
  if (!flags.no_next_step && !flags.next_step_overdue && !flags.stalled) return null;
  return (
    <Group gap={4}>
      {flags.no_next_step ? (
        <Badge size="xs" variant="light" color="gray">
          Sem próximo passo
        </Badge>
      ) : null}
      {flags.next_step_overdue ? (
        <Badge size="xs" variant="light" color="orange">
          Próximo passo vencido
        </Badge>
      ) : null}
      {flags.stalled ? (
        <Badge size="xs" variant="light" color="red">
          {flags.stalled_days ? `Parada há ${flags.stalled_days} ${flags.stalled_days === 1 ? 'dia' : 'dias'}` : 'Parada'}
        </Badge>
      ) : null}
    </Group>
  );
}
