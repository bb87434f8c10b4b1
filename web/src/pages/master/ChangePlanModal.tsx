import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Plan, Tenant } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../lib/format';
import { useUpdateTenant } from './masterApi';

export function ChangePlanModal({ tenant, plans, onClose }: { tenant: Tenant | null; plans: Plan[]; onClose: () => void }) {
  const [planId, setPlanId] = useState<string | null>(null);
  const mutation = useUpdateTenant();

  useEffect(() => {
    if (!tenant) return;
    setPlanId(tenant.plan_id);
    mutation.reset();
    // Deliberately only when it opens (not on every form change).
  }, [tenant]);

  return (
    <Modal opened={tenant !== null} onClose={onClose} title="Alterar plano" centered>
      <Stack>
        <Text size="sm">
          Empresa: <b>{tenant?.name}</b>
        </Text>
        <ErrorAlert error={mutation.error} />
        <Select
          label="Plano"
          data={plans.map((plan) => ({
            value: plan.id,
            label: `${plan.name} — ${formatMoney(plan.monthly_price_cents)}/mês, até ${plan.user_limit} usuários`,
          }))}
          value={planId}
          onChange={setPlanId}
          comboboxProps={{ withinPortal: true }}
        />
        <Text size="xs" c="dimmed">
          Os módulos passam a seguir o novo plano, exceto os que foram personalizados para esta empresa.
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            Cancelar
          </Button>
          <Button
            loading={mutation.isPending}
            disabled={!planId || planId === tenant?.plan_id}
            onClick={() => {
              if (!tenant || !planId) return;
              mutation.mutate(
                { id: tenant.id, body: { plan_id: planId } },
                {
                  onSuccess: (updated) => {
                    notifications.show({ color: 'green', message: `${updated.name} agora está no plano ${updated.plan_name}.` });
                    onClose();
                  },
                },
              );
            }}
          >
            Alterar plano
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
