/**
 * /financeiro/catalogo — the company's plans, products and services (what documents are made of).
 * Filters in the address (?q=&tipo=&situacao=arquivados); `financeiro:write` creates, edits, archives.
 */
import { Badge, Button, Grid, Menu, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconArchive, IconPencil, IconPlus, IconRestore, IconSearch } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/errors';
import type { CatalogItem } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { FilterSelect } from '../../components/FilterSelect';
import { PageHeader } from '../../components/PageHeader';
import { PagedList } from '../../components/PagedList';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { RowActionsMenu } from '../../components/RowActionsMenu';
import { useUrlParams } from '../../lib/useUrlParams';
import { useArchiveCatalogItem, useCatalog } from './catalogApi';
import { CatalogFormModal } from './CatalogFormModal';
import { ACTIVE_OPTIONS, KIND_OPTIONS, isKind, priceWithRecurrence } from './catalogRules';

const COLUMNS: Column<CatalogItem>[] = [
  {
    key: 'name',
    header: 'Nome',
    render: (item) => (
      <Stack gap={0} maw={360}>
        <Text size="sm" fw={600} style={{ overflowWrap: 'anywhere' }} data-testid="catalog-item-name">
          {item.name}
        </Text>
        {item.description ? (
          <Text size="xs" c="dimmed" lineClamp={2}>
            {item.description}
          </Text>
        ) : null}
      </Stack>
    ),
  },
  { key: 'kind', header: 'Tipo', nowrap: true, render: (item) => item.kind_label },
  {
    key: 'price',
    header: 'Preço',
    nowrap: true,
    render: (item) => <span data-testid="catalog-item-price">{priceWithRecurrence(item.price_display, item.recurrence)}</span>,
  },
  { key: 'sku', header: 'SKU', nowrap: true, render: (item) => item.sku ?? '—' },
  {
    key: 'active',
    header: 'Situação',
    nowrap: true,
    render: (item) =>
      item.active ? (
        <Badge variant="light" color="green">
          Ativo
        </Badge>
      ) : (
        <Badge variant="light" color="gray">
          Arquivado
        </Badge>
      ),
  },
];

export default function CatalogPage() {
  const me = useMe();
  const canWrite = hasPermission(me, 'financeiro:write');
  const [params, set] = useUrlParams();
  const [search, setSearch] = useState(params.get('q') ?? '');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const kindParam = params.get('tipo');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const archived = params.get('situacao') === 'arquivados';
  const list = useCatalog({ q: debounced || undefined, kind, active: !archived });
  const archive = useArchiveCatalogItem();
  const [editing, setEditing] = useState<CatalogItem | null>(null);
  const [creating, setCreating] = useState(false);
  const [archiving, setArchiving] = useState<CatalogItem | null>(null);


  useEffect(() => {
    if ((params.get('q') ?? '') !== debounced) set({ q: debounced || null });
  }, [debounced]);

  function unarchive(item: CatalogItem) {
    archive.mutate(
      { id: item.id, archive: false },
      {
        onSuccess: () => notifications.show({ color: 'green', message: `"${item.name}" voltou ao catálogo.` }),
        onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível reativar', message: errorMessage(error) }),
      },
    );
  }

  return (
    <Stack gap={0} data-testid="catalog-page">
      <PageHeader
        title="Catálogo"
        description="Planos, produtos e serviços que a sua empresa vende. Eles entram nas propostas, contratos e pedidos."
        actions={
          canWrite ? (
            <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="catalog-new">
              Novo item
            </Button>
          ) : null
        }
      />
      <Grid gutter="sm" mb="md">
        <Grid.Col span={{ base: 12, sm: 6 }}>
          <TextInput
            label="Buscar"
            placeholder="Nome ou SKU"
            leftSection={<IconSearch size={16} />}
            value={search}
            onChange={(event) => setSearch(event.currentTarget.value)}
            data-testid="catalog-search"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <FilterSelect
            label="Tipo"
            placeholder="Todos"
            data={KIND_OPTIONS}
            value={kind ?? null}
            onChange={(value) => set({ tipo: value })}
            data-testid="catalog-filter-kind"
          />
        </Grid.Col>
        <Grid.Col span={{ base: 6, sm: 3 }}>
          <Select
            label="Situação"
            data={ACTIVE_OPTIONS}
            value={archived ? 'arquivados' : 'ativos'}
            onChange={(value) => set({ situacao: value === 'arquivados' ? value : null })}
            comboboxProps={{ withinPortal: true }}
            data-testid="catalog-filter-active"
          />
        </Grid.Col>
      </Grid>
      <PagedList
        query={list}
        emptyTestId="catalog-empty"
        empty={
          debounced || kind
            ? 'Nenhum item encontrado com estes filtros.'
            : archived
              ? 'Nenhum item arquivado.'
              : canWrite
                ? 'O catálogo está vazio. Use "Novo item" para cadastrar planos, produtos e serviços.'
                : 'O catálogo está vazio.'
        }
      >
        {(rows) => (
          <ResponsiveTable
            rows={rows}
            columns={COLUMNS}
            rowKey={(item) => item.id}
            rowTestId={(item) => `catalog-row-${item.id}`}
            testId="catalog-table"
            minWidth={760}
            actions={
              canWrite
                ? (item) => (
                    <RowActionsMenu label={`Ações de ${item.name}`} testId={`catalog-actions-${item.id}`}>
                      <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(item)}>
                        Editar
                      </Menu.Item>
                      {item.active ? (
                        <Menu.Item color="red" leftSection={<IconArchive size={16} />} onClick={() => (archive.reset(), setArchiving(item))}>
                          Arquivar
                        </Menu.Item>
                      ) : (
                        <Menu.Item leftSection={<IconRestore size={16} />} onClick={() => unarchive(item)}>
                          Reativar
                        </Menu.Item>
                      )}
                    </RowActionsMenu>
                  )
                : undefined
            }
          />
        )}
      </PagedList>
      <CatalogFormModal
        opened={creating || editing !== null}
        item={editing}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
      />
      <ConfirmModal
        opened={archiving !== null}
        title="Arquivar item"
        confirmLabel="Arquivar"
        loading={archive.isPending}
        error={archive.error}
        onClose={() => setArchiving(null)}
        onConfirm={() =>
          archiving &&
          archive.mutate(
            { id: archiving.id, archive: true },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: `"${archiving.name}" arquivado.` });
                setArchiving(null);
              },
            },
          )
        }
      >
        "{archiving?.name}" sai do catálogo e não poderá ser escolhido em novos documentos. Os documentos já emitidos não mudam, e você
        pode reativá-lo em "Arquivados".
      </ConfirmModal>
    </Stack>
  );
}
