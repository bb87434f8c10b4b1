/** A charge's status badge (Pendente / Emitida / Vencida / Paga / Cancelada / Erro); on Erro the reason opens on hover or tap. */
import { Badge } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { Charge } from '../../api/types';
import { ReasonBadge } from '../../components/ReasonBadge';
import { statusColor } from './chargeRules';

export function ChargeStatusBadge({ charge, testId, size = 'sm' }: { charge: Pick<Charge, 'id' | 'status' | 'status_label' | 'error'>; testId?: string; size?: 'sm' | 'md' | 'lg' }) {
  const reason = charge.status === 'erro' ? (charge.error?.message ?? 'A Cora recusou a cobrança.') : null;
  const badge = (
    <Badge
      color={statusColor(charge.status)}
      variant="light"
      size={size}
      leftSection={reason ? <IconAlertCircle size={12} /> : undefined}
      style={{ flexShrink: 0, overflow: 'visible' }}
      data-testid={testId ?? `charge-status-${charge.id}`}
      data-status={charge.status}
    >
      {charge.status_label}
    </Badge>
  );
  return <ReasonBadge badge={badge} reason={reason} width={300} reasonTestId="charge-error-reason" />;
}
