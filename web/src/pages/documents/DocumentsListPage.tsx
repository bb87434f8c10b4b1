/**
 * /documentos — proposals, contracts, orders and receipts, newest first. Filters in the address
 * (?tipo=&cliente=&status=&de=&ate=); the list refreshes itself while a PDF is being generated.
 */
import { Button, Grid, Stack } from '@mantine/core';
import { IconPlus, IconTemplate } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ClientPeriodFilterCols, clientPeriodFrom } from '../../components/ClientPeriodFilters';
import { FilterSelect } from '../../components/FilterSelect';
import { PageHeader } from '../../components/PageHeader';
import { PagedList } from '../../components/PagedList';
import { useUrlParams } from '../../lib/useUrlParams';
import { KIND_OPTIONS, STATUS_OPTIONS, isKind, isStatus } from './documentRules';
import { useDocuments } from './documentsApi';
import { DocumentTable } from './DocumentTable';

export default function DocumentsListPage() {
  const me = useMe();
  const canWrite = hasPermission(me, 'documentos:write');
  const canTemplates = hasPermission(me, 'documentos:templates');
  const [params, set] = useUrlParams();
  const kind = isKind(params.get('tipo')) ? (params.get('tipo') as (typeof KIND_OPTIONS)[number]['value']) : undefined;
  const status = isStatus(params.get('status')) ? (params.get('status') as (typeof STATUS_OPTIONS)[number]['value']) : undefined;
  const period = clientPeriodFrom(params);
  const { clientId, from, to } = period;
  const list = useDocuments({ kind, status, client_id: clientId, from, to });
  const filtered = Boolean(kind || status || clientId || from || to);


  return (
    <Stack gap={0} data-testid="documents-page">
      <PageHeader
        title="Documentos"
        description="Propostas, contratos, pedidos e recibos gerados em PDF e enviados por e-mail ou WhatsApp."
        actions={
          <>
            {canTemplates ? (
              <Button component={Link} to="/documentos/modelos" variant="default" leftSection={<IconTemplate size={16} />} data-testid="documents-templates">
                Modelos de documento
              </Button>
            ) : null}
            {canWrite ? (
              <Button component={Link} to="/documentos/novo" leftSection={<IconPlus size={16} />} data-testid="documents-new">
                Novo documento
              </Button>
            ) : null}
          </>
        }
      />
      <Grid gutter="sm" mb="md" data-testid="documents-filters">
        <Grid.Col span={{ base: 6, md: 2 }}>
          <FilterSelect
            label="Tipo"
            placeholder="Todos"
            data={KIND_OPTIONS}
            value={kind ?? null}
            onChange={(value) => set({ tipo: value })}
            data-testid="documents-filter-kind"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <FilterSelect
            label="Situação"
            placeholder="Todas"
            data={STATUS_OPTIONS}
            value={status ?? null}
            onChange={(value) => set({ status: value })}
            data-testid="documents-filter-status"
          />
        </Grid.Col>
        <ClientPeriodFilterCols value={period} set={set} testIdPrefix="documents" />
      </Grid>
      <PagedList
        query={list}
        emptyTestId="documents-empty"
        empty={filtered ? 'Nenhum documento com estes filtros.' : 'Nenhum documento ainda. Use "Novo documento" para montar uma proposta.'}
      >
        {(rows) => <DocumentTable rows={rows} canWrite={canWrite} />}
      </PagedList>
    </Stack>
  );
}
