/** "Oportunidades paradas": cards without activity for longer than their stage allows. */
import { Button, Center, Text } from '@mantine/core';
import type { FunnelCard } from '../../api/types';
import { QueryBoundary } from '../../components/QueryBoundary';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { stageLabel } from '../../domain/crm';
import { formatDate, formatMoney } from '../../lib/format';
import { useStalled } from './funnelApi';

export function stalledColumns(onOpen: (card: FunnelCard) => void): Column<FunnelCard>[] {
  return [
    {
      key: 'name',
      header: 'Cliente',
      render: (card) => (
        <Button variant="subtle" size="compact-sm" px={0} onClick={() => onOpen(card)}>
          {card.display_name}
        </Button>
      ),
    },
    { key: 'stage', header: 'Etapa', render: (card) => stageLabel(card.stage) },
    {
      key: 'days',
      header: 'Dias sem atividade',
      nowrap: true,
      render: (card) => (card.flags.stalled_days ?? '—').toString(),
    },
    { key: 'value', header: 'Valor', nowrap: true, render: (card) => formatMoney(card.value_cents) },
    { key: 'owner', header: 'Responsável', render: (card) => card.owner_name ?? '—' },
    { key: 'last', header: 'Última atividade', nowrap: true, render: (card) => formatDate(card.last_activity_at) },
  ];
}

export function StalledList({ onOpen, ownerId }: { onOpen: (card: FunnelCard) => void; ownerId: string | null }) {
  const stalled = useStalled(ownerId);
  const cards = stalled.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <QueryBoundary query={stalled}>
      {cards.length === 0 ? (
        <Center py="xl">
          <Text c="dimmed" ta="center">
            Nenhuma oportunidade parada. Ótimo trabalho! Os prazos por etapa ficam nas configurações do funil.
          </Text>
        </Center>
      ) : (
        <ResponsiveTable
          rows={cards}
          columns={stalledColumns(onOpen)}
          rowKey={(card) => card.id}
          rowTestId={(card) => `stalled-row-${card.id}`}
          testId="stalled-table"
        />
      )}
      {stalled.hasNextPage ? (
        <Center mt="md">
          <Button variant="default" onClick={() => void stalled.fetchNextPage()} loading={stalled.isFetchingNextPage}>
            Carregar mais
          </Button>
        </Center>
      ) : null}
    </QueryBoundary>
  );
}
