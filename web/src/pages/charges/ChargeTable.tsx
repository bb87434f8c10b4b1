/** Charges as a table (cards on phones): client, description ("parcela k/n"), due date, amount, status; a row opens the charge. */
import { Anchor, Stack, Text } from '@mantine/core';
import { Link, useNavigate } from 'react-router';
import type { Charge } from '../../api/types';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { formatDate, formatMoney } from '../../lib/format';
import { installmentShort } from './chargeRules';
import { ChargeStatusBadge } from './ChargeStatus';

function columns(hideClient: boolean): Column<Charge>[] {
  const all: (Column<Charge> | null)[] = [
    {
      key: 'description',
      header: 'Descrição',
      render: (c) => (
        <Stack gap={0} maw={360}>
          <Anchor component={Link} to={`/cobrancas/${c.id}`} fw={600} size="sm" style={{ overflowWrap: 'anywhere' }} data-testid={`charge-link-${c.id}`}>
            {c.description}
          </Anchor>
          {installmentShort(c) ? (
            <Text size="xs" c="dimmed" data-testid="charge-installment">
              {installmentShort(c)}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    hideClient
      ? null
      : {
          key: 'client',
          header: 'Cliente',
          render: (c) => (
            <Anchor component={Link} to={`/clientes/${c.client_id}`} size="sm" data-testid="charge-client-link">
              {c.client_name}
            </Anchor>
          ),
        },
    { key: 'due', header: 'Vencimento', nowrap: true, render: (c) => <span data-testid="charge-due">{formatDate(c.due_date)}</span> },
    { key: 'amount', header: 'Valor', nowrap: true, render: (c) => <span data-testid="charge-amount">{formatMoney(c.amount_cents)}</span> },
    { key: 'status', header: 'Situação', render: (c) => <ChargeStatusBadge charge={c} /> },
  ];
  return all.filter((column): column is Column<Charge> => column !== null);
}

interface ChargeTableProps {
  rows: readonly Charge[];
  hideClient?: boolean;
  testId?: string;
}

export function ChargeTable({ rows, hideClient = false, testId = 'charges-table' }: ChargeTableProps) {
  const navigate = useNavigate();
  return (
    <ResponsiveTable
      rows={rows}
      columns={columns(hideClient)}
      rowKey={(c) => c.id}
      rowTestId={(c) => `charge-row-${c.id}`}
      onRowClick={(c) => navigate(`/cobrancas/${c.id}`)}
      testId={testId}
      minWidth={hideClient ? 560 : 720}
    />
  );
}
