import { Badge, Button, Center, Group, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDownload, IconFileImport, IconFilter, IconPlus, IconSearch, IconSettings } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { api } from '../../api/client';
import { errorMessage, toApiError } from '../../api/errors';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { filenameFromDisposition, saveBlob } from '../../lib/download';
import { ClientFiltersDrawer } from './ClientFiltersDrawer';
import { useClientList, useCustomFields } from './clientsApi';
import { ColumnsMenu } from './ColumnsMenu';
import { loadColumns, saveColumns, visibleColumns } from './columns';
import { CustomFieldsDrawer } from './CustomFieldsDrawer';
import { SORT_OPTIONS, activeFilterCount, queryFromParams, withParam } from './filters';

export default function ClientsListPage() {
  const me = useMe();
  const can = (permission: string) => hasPermission(me, permission);
  const [params, setParams] = useSearchParams();
  const query = useMemo(() => queryFromParams(params), [params]);
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 350);
  const [filtersOpen, setFiltersOpen] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [columns, setColumns] = useState(() => loadColumns(me.user.id));
  const [exporting, setExporting] = useState(false);
  const list = useClientList(query);
  const customFields = useCustomFields();

  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced) setParams((current) => withParam(current, 'q', debounced), { replace: true });
    // Only when the debounced text changes.
  }, [debounced]);

  const clients = list.data?.pages.flatMap((page) => page.items) ?? [];
  const filterCount = activeFilterCount(query);
  const searching = Boolean(query.q) || filterCount > 0;

  async function exportCsv() {
    setExporting(true);
    try {
      const { data, error, response } = await api().GET('/api/clients/export', {
        params: { query: { ...query, cursor: undefined } },
        parseAs: 'blob',
      });
      if (!response.ok || !data) throw toApiError(error, response);
      saveBlob(data as Blob, filenameFromDisposition(response.headers.get('Content-Disposition'), 'clientes.csv'));
    } catch (error) {
      notifications.show({ color: 'red', title: 'Não foi possível exportar', message: errorMessage(error) });
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <PageHeader
        title="Clientes"
        actions={
          <>
            {can('clientes:write') ? (
              <Button component={Link} to="/clientes/novo" leftSection={<IconPlus size={16} />}>
                Novo cliente
              </Button>
            ) : null}
            {can('clientes:import') ? (
              <Button component={Link} to="/clientes/importar" variant="default" leftSection={<IconFileImport size={16} />}>
                Importar
              </Button>
            ) : null}
            {can('clientes:export') ? (
              <Button variant="default" leftSection={<IconDownload size={16} />} loading={exporting} onClick={() => void exportCsv()}>
                Exportar CSV
              </Button>
            ) : null}
            {can('clientes:settings') ? (
              <Button variant="subtle" leftSection={<IconSettings size={16} />} onClick={() => setSettingsOpen(true)}>
                Campos personalizados
              </Button>
            ) : null}
          </>
        }
      />
      <Stack>
        <Group gap="sm" align="flex-end">
          <TextInput
            placeholder="Buscar por nome, CPF/CNPJ, telefone ou e-mail"
            aria-label="Buscar clientes"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            style={{ flex: 1, minWidth: 220 }}
            data-testid="clients-search"
          />
          <Button
            variant="default"
            leftSection={<IconFilter size={16} />}
            rightSection={filterCount ? <Badge size="sm" circle>{filterCount}</Badge> : null}
            onClick={() => setFiltersOpen(true)}
            data-testid="clients-filters-button"
          >
            Filtros
          </Button>
          <Select
            aria-label="Ordenar por"
            data={SORT_OPTIONS}
            value={query.sort ?? 'created_desc'}
            onChange={(value) => setParams((current) => withParam(current, 'sort', value === 'created_desc' ? null : value), { replace: true })}
            w={170}
          />
          <ColumnsMenu
            fields={customFields.data?.items}
            value={columns}
            onChange={(keys) => {
              setColumns(keys);
              saveColumns(me.user.id, keys);
            }}
          />
        </Group>
        <Switch
          label="Mostrar arquivados"
          checked={query.archived === true}
          onChange={(event) =>
            setParams((current) => withParam(current, 'archived', event.currentTarget.checked ? 'true' : null), { replace: true })
          }
        />
        <QueryBoundary query={list}>
          {clients.length === 0 ? (
            <Center py="xl" data-testid="clients-empty">
              <Text c="dimmed" ta="center">
                {query.archived
                  ? 'Nenhum cliente arquivado encontrado.'
                  : searching
                    ? 'Nenhum cliente encontrado. Confira a busca e os filtros.'
                    : 'Nenhum cliente cadastrado ainda. Use "Novo cliente" ou "Importar" para começar.'}
              </Text>
            </Center>
          ) : (
            <ResponsiveTable
              rows={clients}
              columns={visibleColumns(columns, customFields.data?.items)}
              rowKey={(client) => client.id}
              rowTestId={(client) => `client-row-${client.id}`}
              testId="clients-table"
              minWidth={900}
            />
          )}
          {list.hasNextPage ? (
            <Center>
              <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
                Carregar mais
              </Button>
            </Center>
          ) : null}
        </QueryBoundary>
      </Stack>
      <ClientFiltersDrawer opened={filtersOpen} onClose={() => setFiltersOpen(false)} params={params} setParams={setParams} />
      {can('clientes:settings') ? <CustomFieldsDrawer opened={settingsOpen} onClose={() => setSettingsOpen(false)} /> : null}
    </>
  );
}
