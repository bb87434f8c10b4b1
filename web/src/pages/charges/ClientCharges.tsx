/** The client page's "Financeiro" tab: the client's charges with their totals, "Nova cobrança" and "Parcelar". */
import { Button, Group, Stack } from '@mantine/core';
import { IconCalendarRepeat, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Client } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { PagedList } from '../../components/PagedList';
import { ChargeFormModal } from './ChargeFormModal';
import { useCharges } from './chargesApi';
import { ChargeTable } from './ChargeTable';
import { ChargeTotalsCards } from './ChargeTotalsCards';
import { SeriesModal } from './SeriesModal';

export default function ClientCharges({ client, canCreate }: { client: Client; canCreate: boolean }) {
  const me = useMe();
  const canWrite = hasPermission(me, 'cobrancas:write') && canCreate;
  const list = useCharges({ client_id: client.id });
  const [dialog, setDialog] = useState<'charge' | 'series' | null>(null);
  const option = { id: client.id, name: client.display_name, whatsapp: client.whatsapp, email: client.email };
  const values = client.values;

  return (
    <Stack gap="md" data-testid="client-charges">
      {canWrite ? (
        <Group justify="flex-end" gap="xs">
          <Button variant="light" leftSection={<IconCalendarRepeat size={16} />} onClick={() => setDialog('series')} data-testid="client-new-series">
            Parcelar
          </Button>
          <Button leftSection={<IconPlus size={16} />} onClick={() => setDialog('charge')} data-testid="client-new-charge">
            Nova cobrança
          </Button>
        </Group>
      ) : null}
      <ChargeTotalsCards filters={{ client_id: client.id }} testId="client-charges-totals" />
      <PagedList query={list} emptyTestId="client-charges-empty" emptyPy="lg" loadMoreMt={0} empty="Nenhuma cobrança para este cliente.">
        {(rows) => <ChargeTable rows={rows} hideClient testId="client-charges-table" />}
      </PagedList>
      {canWrite ? (
        <>
          <ChargeFormModal opened={dialog === 'charge'} onClose={() => setDialog(null)} client={option} cardId={client.card_id} />
          <SeriesModal
            opened={dialog === 'series'}
            onClose={() => setDialog(null)}
            client={option}
            cardId={client.card_id}
            title="Parcelar"
            prefill={{
              value_cents: values?.opportunity_value_cents,
              installments: values?.installments,
              first_due_date: values?.first_due_date,
            }}
          />
        </>
      ) : null}
    </Stack>
  );
}
