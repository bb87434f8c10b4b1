import { ActionIcon, Badge, Button, Center, Group, Text } from '@mantine/core';
import { IconPencil, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Plan } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { formatMoney } from '../../lib/format';
import { moduleLabeler, useModules, usePlans } from './masterApi';
import { PlanFormModal } from './PlanFormModal';

export default function PlansPage() {
  const plans = usePlans();
  const modules = useModules();
  const label = moduleLabeler(modules.data);
  const [formOpened, setFormOpened] = useState(false);
  const [editing, setEditing] = useState<Plan | null>(null);

  const columns: Column<Plan>[] = [
    {
      key: 'name',
      header: 'Plano',
      render: (plan) => (
        <Text size="sm" fw={500}>
          {plan.name}
        </Text>
      ),
    },
    { key: 'price', header: 'Preço mensal', nowrap: true, render: (plan) => formatMoney(plan.monthly_price_cents) },
    { key: 'limit', header: 'Limite de usuários', nowrap: true, render: (plan) => plan.user_limit },
    {
      key: 'modules',
      header: 'Módulos',
      render: (plan) =>
        plan.modules.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nenhum
          </Text>
        ) : (
          <Group gap={4}>
            {plan.modules.map((key) => (
              <Badge key={key} variant="light" size="sm">
                {label(key)}
              </Badge>
            ))}
          </Group>
        ),
    },
  ];

  function open(plan: Plan | null) {
    setEditing(plan);
    setFormOpened(true);
  }

  return (
    <>
      <PageHeader
        title="Planos"
        description="Preço, limite de usuários e módulos de cada plano."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => open(null)} disabled={!modules.data}>
            Novo plano
          </Button>
        }
      />
      <QueryBoundary query={plans}>
        {plans.data?.length === 0 ? (
          <Center py="xl">
            <Text c="dimmed">Nenhum plano cadastrado.</Text>
          </Center>
        ) : (
          <ResponsiveTable
            rows={plans.data ?? []}
            columns={columns}
            rowKey={(plan) => plan.id}
            rowTestId={(plan) => `plan-row-${plan.id}`}
            actions={(plan) => (
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={`Editar plano ${plan.name}`}
                onClick={() => open(plan)}
                disabled={!modules.data}
              >
                <IconPencil size={18} />
              </ActionIcon>
            )}
            testId="plans-table"
          />
        )}
      </QueryBoundary>
      <PlanFormModal opened={formOpened} plan={editing} modules={modules.data ?? []} onClose={() => setFormOpened(false)} />
    </>
  );
}
