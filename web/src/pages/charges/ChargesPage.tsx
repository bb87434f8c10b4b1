/**
 * /cobrancas — charges issued through the company's Cora account: totals of the due period, filters in the
 * address (?status=&cliente=&de=&ate=), the list (a row opens the charge), "Nova cobrança" and, for
 * cobrancas:write, the Configurações tab (?aba=configuracoes).
 */
import { Button, Grid, Stack, Tabs } from '@mantine/core';
import { IconList, IconPlus, IconSettings } from '@tabler/icons-react';
import { useState } from 'react';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ClientPeriodFilterCols, clientPeriodFrom } from '../../components/ClientPeriodFilters';
import { FilterSelect } from '../../components/FilterSelect';
import { PageHeader } from '../../components/PageHeader';
import { PagedList } from '../../components/PagedList';
import { useUrlParams } from '../../lib/useUrlParams';
import { ChargeFormModal } from './ChargeFormModal';
import { STATUS_OPTIONS, isStatus } from './chargeRules';
import { useCharges } from './chargesApi';
import { ChargeSettingsForm } from './ChargeSettingsForm';
import { ChargeTable } from './ChargeTable';
import { ChargeTotalsCards } from './ChargeTotalsCards';

export default function ChargesPage() {
  const me = useMe();
  const canWrite = hasPermission(me, 'cobrancas:write');
  const [params, set] = useUrlParams();
  const tab = canWrite && params.get('aba') === 'configuracoes' ? 'settings' : 'list';
  const statusParam = params.get('status');
  const status = isStatus(statusParam) ? statusParam : undefined;
  const period = clientPeriodFrom(params);
  const { clientId, from, to } = period;
  const list = useCharges({ status, client_id: clientId, due_from: from, due_to: to }, tab === 'list');
  const filtered = Boolean(status || clientId || from || to);
  const [creating, setCreating] = useState(false);

  return (
    <Stack gap={0} data-testid="charges-page">
      <PageHeader
        title="Cobranças"
        description="Boletos e PIX emitidos pela sua conta na Cora, com lembretes e baixa automática do pagamento."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="charges-new">
              Nova cobrança
            </Button>
          ) : null
        }
      />
      <Tabs value={tab} onChange={(value) => set({ aba: value === 'settings' ? 'configuracoes' : null })} keepMounted={false}>
        {canWrite ? (
          <Tabs.List mb="md">
            <Tabs.Tab value="list" leftSection={<IconList size={16} />} data-testid="charges-tab-lista">
              Cobranças
            </Tabs.Tab>
            <Tabs.Tab value="settings" leftSection={<IconSettings size={16} />} data-testid="charges-tab-configuracoes">
              Configurações
            </Tabs.Tab>
          </Tabs.List>
        ) : null}
        <Tabs.Panel value="list">
          <Grid gutter="sm" mb="md" data-testid="charges-filters">
            <Grid.Col span={{ base: 12, xs: 6, md: 3 }}>
              <FilterSelect
                label="Situação"
                placeholder="Todas"
                data={STATUS_OPTIONS}
                value={status ?? null}
                onChange={(value) => set({ status: value })}
                data-testid="charges-filter-status"
              />
            </Grid.Col>
            <ClientPeriodFilterCols
              value={period}
              set={set}
              testIdPrefix="charges"
              fromLabel="Vencimento de"
              toLabel="Vencimento até"
              clientSpan={5}
            />
          </Grid>
          <Stack gap="md">
            <ChargeTotalsCards filters={{ client_id: clientId, due_from: from, due_to: to }} />
            <PagedList
              query={list}
              emptyTestId="charges-empty"
              empty={
                filtered
                  ? 'Nenhuma cobrança com estes filtros.'
                  : 'Nenhuma cobrança ainda. Use "Nova cobrança", ou "Gerar cobranças" no card do funil, para cobrar um cliente.'
              }
            >
              {(rows) => <ChargeTable rows={rows} />}
            </PagedList>
          </Stack>
        </Tabs.Panel>
        {canWrite ? (
          <Tabs.Panel value="settings">
            <ChargeSettingsForm />
          </Tabs.Panel>
        ) : null}
      </Tabs>
      <ChargeFormModal opened={creating} onClose={() => setCreating(false)} />
    </Stack>
  );
}
