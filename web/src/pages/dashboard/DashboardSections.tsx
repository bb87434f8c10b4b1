/** Blocks of the Dashboard: KPI cards, breakdowns, current funnel and stalled cards. */
import { Anchor, Card, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { ChargeFigures, Dashboard } from '../../api/types';
import { stageColor, stageLabel } from '../../domain/crm';
import { formatMoney } from '../../lib/format';

export function Panel({ title, children, action, testId }: { title: string; children: ReactNode; action?: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Group justify="space-between" mb="sm" wrap="nowrap">
        <Title order={4}>{title}</Title>
        {action}
      </Group>
      {children}
    </Card>
  );
}

/** "Tarefas atrasadas": opens Tarefas > Atrasadas. */
function OverdueTasksKpi({ count }: { count: number }) {
  return (
    <Card withBorder radius="md" padding="sm" component={Link} to="/tarefas?view=overdue" data-testid="kpi-tasks-overdue">
      <Text size="xs" c="dimmed">
        Tarefas atrasadas
      </Text>
      <Text fw={700} size="xl" c={count > 0 ? 'red' : undefined} style={{ whiteSpace: 'nowrap' }}>
        {count}
      </Text>
    </Card>
  );
}

export function KpiGrid({ data, showTasks = false }: { data: Dashboard; showTasks?: boolean }) {
  const kpis = [
    { key: 'leads', label: 'Leads que entraram', value: String(data.leads) },
    { key: 'replied', label: 'Responderam', value: String(data.replied) },
    { key: 'proposals', label: 'Receberam proposta', value: String(data.proposals) },
    { key: 'closed', label: 'Fecharam', value: String(data.closed) },
    { key: 'activated', label: 'Ativos', value: String(data.activated) },
    { key: 'lost', label: 'Perdidos', value: String(data.lost) },
    { key: 'negotiation', label: 'Valor em negociação', value: formatMoney(data.value_in_negotiation_cents) },
    { key: 'closed-value', label: 'Valor fechado', value: formatMoney(data.value_closed_cents) },
  ];
  return (
    <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="sm">
      {kpis.map((kpi) => (
        <Card key={kpi.key} withBorder radius="md" padding="sm" data-testid={`kpi-${kpi.key}`}>
          <Text size="xs" c="dimmed">
            {kpi.label}
          </Text>
          <Text fw={700} size="xl" style={{ whiteSpace: 'nowrap' }}>
            {kpi.value}
          </Text>
        </Card>
      ))}
      {showTasks ? <OverdueTasksKpi count={data.tasks_overdue} /> : null}
    </SimpleGrid>
  );
}

const chargeCount = (count: number) => (count === 1 ? '1 cobrança' : `${count} cobranças`);

/** Cobranças: "A receber" (not yet due), "Vencidas" (now) and "Recebido no período"; each opens Cobranças. */
export function ChargeKpis({ charges, canOpen }: { charges: ChargeFigures; canOpen: boolean }) {
  const kpis = [
    { key: 'pending', label: 'A receber', cents: charges.pending_cents, count: charges.pending_count, to: '/cobrancas?status=emitida' },
    { key: 'overdue', label: 'Vencidas', cents: charges.overdue_cents, count: charges.overdue_count, to: '/cobrancas?status=vencida' },
    { key: 'received', label: 'Recebido no período', cents: charges.received_cents, count: charges.received_count, to: '/cobrancas?status=paga' },
  ];
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" data-testid="dashboard-charges">
      {kpis.map((kpi) => {
        const body = (
          <>
            <Text size="xs" c="dimmed">
              {kpi.label}
            </Text>
            <Text
              fw={700}
              size="xl"
              c={kpi.key === 'overdue' && kpi.count > 0 ? 'red' : kpi.key === 'received' ? 'green' : undefined}
              style={{ whiteSpace: 'nowrap' }}
              data-testid={`kpi-charges-${kpi.key}-value`}
            >
              {formatMoney(kpi.cents)}
            </Text>
            <Text size="xs" c="dimmed" data-testid={`kpi-charges-${kpi.key}-count`}>
              {chargeCount(kpi.count)}
            </Text>
          </>
        );
        const attrs = { 'data-testid': `kpi-charges-${kpi.key}`, 'data-cents': kpi.cents, 'data-count': kpi.count };
        return canOpen ? (
          <Card key={kpi.key} withBorder radius="md" padding="sm" component={Link} to={kpi.to} {...attrs}>
            {body}
          </Card>
        ) : (
          <Card key={kpi.key} withBorder radius="md" padding="sm" {...attrs}>
            {body}
          </Card>
        );
      })}
    </SimpleGrid>
  );
}

/** Counts as horizontal bars (label, bar, number). */
export function CountBars({ rows, empty }: { rows: { key: string; label: string; count: number }[]; empty: string }) {
  if (rows.length === 0 || rows.every((row) => row.count === 0)) {
    return (
      <Text size="sm" c="dimmed">
        {empty}
      </Text>
    );
  }
  const max = Math.max(...rows.map((row) => row.count), 1);
  return (
    <Stack gap={6}>
      {rows.map((row) => (
        <div key={row.key}>
          <Group justify="space-between" gap="xs" wrap="nowrap">
            <Text size="sm" truncate>
              {row.label}
            </Text>
            <Text size="sm" fw={600}>
              {row.count}
            </Text>
          </Group>
          <Progress value={(row.count / max) * 100} size="sm" aria-hidden />
        </div>
      ))}
    </Stack>
  );
}

export function BoardSummary({ board }: { board: Dashboard['board'] }) {
  return (
    <Table verticalSpacing={6} data-testid="dashboard-board">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Etapa</Table.Th>
          <Table.Th ta="right">Cards</Table.Th>
          <Table.Th ta="right">Valor</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {board.map((row) => (
          <Table.Tr key={row.stage}>
            <Table.Td>
              <Group gap={6} wrap="nowrap">
                <span
                  style={{ width: 8, height: 8, borderRadius: 4, background: `var(--mantine-color-${stageColor(row.stage)}-6)` }}
                  aria-hidden
                />
                <Text size="sm">{row.label || stageLabel(row.stage)}</Text>
              </Group>
            </Table.Td>
            <Table.Td ta="right">{row.count}</Table.Td>
            <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
              {formatMoney(row.value_cents)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function StalledSummary({ stalled, canOpenFunnel }: { stalled: Dashboard['stalled']; canOpenFunnel: boolean }) {
  if (stalled.count === 0) {
    return (
      <Text size="sm" c="dimmed">
        Nenhuma oportunidade parada. Mantenha os próximos passos em dia no funil.
      </Text>
    );
  }
  return (
    <Stack gap="xs">
      {stalled.items.slice(0, 5).map((card) => (
        <Group key={card.id} justify="space-between" wrap="nowrap" gap="xs">
          <div style={{ minWidth: 0 }}>
            <Anchor component={Link} to={`/clientes/${card.client_id}`} size="sm" truncate display="block">
              {card.display_name}
            </Anchor>
            <Text size="xs" c="dimmed">
              {stageLabel(card.stage)}
              {card.flags.stalled_days ? ` · ${card.flags.stalled_days} dias sem atividade` : ''}
            </Text>
          </div>
          <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
            {formatMoney(card.value_cents)}
          </Text>
        </Group>
      ))}
      {canOpenFunnel ? (
        <Anchor component={Link} to="/funil?aba=paradas" size="sm" data-testid="dashboard-stalled-all">
          Ver todas ({stalled.count})
        </Anchor>
      ) : null}
    </Stack>
  );
}
