/** Dashboard (/): period, KPIs, daily chart, leads by origin and campaign, current funnel, stalled cards. */
import { Button, Card, Center, Group, Loader, SegmentedControl, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { lazy, Suspense, useState } from 'react';
import { Link } from 'react-router';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import { useMe } from '../../auth/MeContext';
import { canUseModule, hasPermission } from '../../auth/permissions';
import { DateField } from '../../components/MaskedInput';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useUserOptions } from '../clients/clientsApi';
import { canVisit, MODULE_ENTRIES } from '../../layout/menu';
import { brDateToIso, isoToBrDate } from '../../lib/masks';
import { BoardSummary, ChargeKpis, CountBars, KpiGrid, Panel, StalledSummary } from './DashboardSections';
import { PRESETS, presetRange, type Preset, type Range } from './period';

const DailyChart = lazy(() => import('./DailyChart'));
const FUNNEL_ENTRY = MODULE_ENTRIES.find((entry) => entry.key === 'funil')!;
const CHARGES_ENTRY = MODULE_ENTRIES.find((entry) => entry.key === 'cobrancas')!;

export default function DashboardPage() {
  const me = useMe();
  const firstName = me.user.name.trim().split(/\s+/)[0] ?? me.user.name;
  const [preset, setPreset] = useState<Preset>('30d');
  const [custom, setCustom] = useState({ from: isoToBrDate(presetRange('30d').from), to: isoToBrDate(presetRange('30d').to) });
  const customRange = { from: brDateToIso(custom.from), to: brDateToIso(custom.to) };
  const range: Range | null =
    preset !== 'personalizado'
      ? presetRange(preset)
      : customRange.from && customRange.to && customRange.from <= customRange.to
        ? { from: customRange.from, to: customRange.to }
        : null;
  const users = useUserOptions();
  const seesAll = me.data_scope === 'all' && users !== null;
  const [ownerId, setOwnerId] = useState<string | null>(null);
  const owner = seesAll ? ownerId : null;
  const dashboard = useQuery({
    queryKey: ['dashboard', range?.from, range?.to, owner],
    queryFn: () =>
      unwrap(
        api().GET('/api/dashboard', {
          params: { query: { date_from: range!.from, date_to: range!.to, owner_id: owner ?? undefined } },
        }),
      ),
    enabled: range !== null,
  });
  const data = dashboard.data;
  const canFunnel = canVisit(me, FUNNEL_ENTRY);
  const canCreate = hasPermission(me, 'clientes:write') && me.modules.includes('clientes');

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end" gap="sm">
        <div data-testid="dashboard-welcome">
          <Title order={2}>Olá, {firstName}!</Title>
          <Text size="sm" c="dimmed">
            Você acessa o sistema como {me.role_label}
            {me.tenant ? `, na empresa ${me.tenant.name}` : ''}.
          </Text>
        </div>
        <Group gap="xs" align="flex-end">
          {seesAll ? (
            <Select
              aria-label="Responsável"
              placeholder="Todos os responsáveis"
              data={users}
              clearable
              allowDeselect
              searchable
              value={ownerId}
              onChange={setOwnerId}
              w={220}
              data-testid="dashboard-owner"
            />
          ) : null}
          <SegmentedControl visibleFrom="sm" data={PRESETS} value={preset} onChange={(v) => setPreset(v as Preset)} data-testid="dashboard-period" />
          <Select hiddenFrom="sm" aria-label="Período" data={PRESETS} value={preset} onChange={(v) => v && setPreset(v as Preset)} />
        </Group>
      </Group>
      {preset === 'personalizado' ? (
        <Group gap="sm">
          <DateField label="De" value={custom.from} onChange={(from) => setCustom((c) => ({ ...c, from }))} w={150} />
          <DateField label="Até" value={custom.to} onChange={(to) => setCustom((c) => ({ ...c, to }))} w={150} />
          {range === null ? (
            <Text size="sm" c="red" mt="lg">
              Informe datas válidas (dd/mm/aaaa), com o início antes do fim.
            </Text>
          ) : null}
        </Group>
      ) : null}
      {range ? (
        <QueryBoundary query={dashboard}>
          {data ? (
            <Stack gap="md" data-testid="dashboard">
              {data.leads === 0 && data.board.every((row) => row.count === 0) ? (
                <Card withBorder radius="md" padding="md" data-testid="dashboard-empty">
                  <Text fw={600}>Ainda não há clientes para mostrar.</Text>
                  <Text size="sm" c="dimmed" mb={canCreate ? 'sm' : 0}>
                    Cadastre ou importe seus clientes: cada um entra no funil em "Novo contato" e passa a contar aqui.
                  </Text>
                  {canCreate ? (
                    <Group gap="xs">
                      <Button component={Link} to="/clientes/novo" size="xs">
                        Novo cliente
                      </Button>
                      {hasPermission(me, 'clientes:import') ? (
                        <Button component={Link} to="/clientes/importar" size="xs" variant="default">
                          Importar clientes
                        </Button>
                      ) : null}
                    </Group>
                  ) : null}
                </Card>
              ) : null}
              <KpiGrid data={data} showTasks={canUseModule(me, 'tarefas')} />
              {data.charges ? <ChargeKpis charges={data.charges} canOpen={canVisit(me, CHARGES_ENTRY)} /> : null}
              <Panel title="Leads e fechamentos por dia">
                <Suspense fallback={<Center h={260}><Loader size="sm" aria-label="Carregando gráfico" /></Center>}>
                  <DailyChart daily={data.daily} />
                </Suspense>
              </Panel>
              <SimpleGrid cols={{ base: 1, md: 2 }} spacing="md">
                <Panel title="Leads por origem" testId="dashboard-origins">
                  <CountBars rows={data.by_origin} empty="Nenhum lead no período." />
                </Panel>
                <Panel title="Leads por campanha" testId="dashboard-campaigns">
                  <CountBars
                    rows={data.by_campaign.map((row) => ({ key: row.key, label: row.label || row.key || 'Sem campanha', count: row.count }))}
                    empty="Nenhum lead de campanha no período. Informe a campanha no cadastro do cliente."
                  />
                </Panel>
                <Panel title="Funil atual">
                  <BoardSummary board={data.board} />
                </Panel>
                <Panel title="Oportunidades paradas" testId="dashboard-stalled">
                  <StalledSummary stalled={data.stalled} canOpenFunnel={canFunnel} />
                </Panel>
              </SimpleGrid>
            </Stack>
          ) : null}
        </QueryBoundary>
      ) : null}
    </Stack>
  );
}
