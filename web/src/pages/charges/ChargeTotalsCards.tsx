/** "A receber", "Vencidas" and "Recebidas" of the charges due in a period (GET /api/charges/totals). */
import { Card, SimpleGrid, Skeleton, Text } from '@mantine/core';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatMoney } from '../../lib/format';
import { useChargeTotals, type TotalsFilters } from './chargesApi';

const plural = (count: number) => (count === 1 ? '1 cobrança' : `${count} cobranças`);

export function MoneyKpi({ label, cents, count, color, testId }: { label: string; cents: number; count: number; color?: string; testId: string }) {
  return (
    <Card withBorder radius="md" padding="sm" data-testid={testId} data-cents={cents} data-count={count}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text fw={700} size="xl" c={color} style={{ whiteSpace: 'nowrap' }} data-testid={`${testId}-value`}>
        {formatMoney(cents)}
      </Text>
      <Text size="xs" c="dimmed" data-testid={`${testId}-count`}>
        {plural(count)}
      </Text>
    </Card>
  );
}

export function ChargeTotalsCards({ filters, testId = 'charges-totals' }: { filters: TotalsFilters; testId?: string }) {
  const totals = useChargeTotals(filters);
  if (totals.isError) return <ErrorAlert error={totals.error} />;
  const data = totals.data;
  return (
    <SimpleGrid cols={{ base: 1, xs: 3 }} spacing="sm" data-testid={testId}>
      {data ? (
        <>
          <MoneyKpi label="A receber" cents={data.pending_cents} count={data.pending_count} testId="charges-total-pending" />
          <MoneyKpi
            label="Vencidas"
            cents={data.overdue_cents}
            count={data.overdue_count}
            color={data.overdue_count > 0 ? 'red' : undefined}
            testId="charges-total-overdue"
          />
          <MoneyKpi label="Recebidas" cents={data.paid_cents} count={data.paid_count} color="green" testId="charges-total-paid" />
        </>
      ) : (
        [0, 1, 2].map((n) => <Skeleton key={n} h={86} radius="md" />)
      )}
    </SimpleGrid>
  );
}
