/**
 * /documentos — proposals, contracts, orders and receipts, newest first. Filters in the address
 * (?tipo=&cliente=&status=&de=&ate=); the list refreshes itself while a PDF is being generated.
 */
import { Button, Grid, Stack } from '@mantine/core';
import { IconPlus, IconTemplate } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ClientSelect } from '../../components/ClientSelect';
import { DayInput } from '../../components/DayTimeInputs';
import { FilterSelect } from '../../components/FilterSelect';
import { PageHeader } from '../../components/PageHeader';
import { PagedList } from '../../components/PagedList';
import { isDayKey } from '../../lib/datetime';
import { useUrlParams } from '../../lib/useUrlParams';
import { useClient } from '../clients/clientsApi';
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
  const clientId = params.get('cliente') || undefined;
  const from = isDayKey(params.get('de')) ? params.get('de')! : undefined;
  const to = isDayKey(params.get('ate')) ? params.get('ate')! : undefined;
  const client = useClient(clientId);
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
        <Grid.Col span={{ base: 12, md: 4 }}>
          <ClientSelect
            label="Cliente"
            value={clientId ?? null}
            initial={clientId && client.data ? { id: clientId, name: client.data.display_name } : null}
            onChange={(picked) => set({ cliente: picked?.id })}
            data-testid="documents-filter-client"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <DayInput label="De" clearable value={from ?? null} onChange={(value) => set({ de: value })} data-testid="documents-filter-from" />
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 2 }}>
          <DayInput label="Até" clearable value={to ?? null} onChange={(value) => set({ ate: value })} data-testid="documents-filter-to" />
        </Grid.Col>
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
