/**
 * "Adicionar do catálogo": search the company's active plans, products and services by name or SKU (the
 * first ones show before typing); picking one adds a line with its name and price.
 */
import { Loader, Select } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { CatalogItem } from '../../api/types';
import { priceWithRecurrence } from '../catalog/catalogRules';

export function catalogOptionLabel(item: CatalogItem): string {
  return `${item.name} — ${priceWithRecurrence(item.price_display, item.recurrence)}`;
}

export function CatalogPicker({ onPick, disabled }: { onPick: (item: CatalogItem) => void; disabled?: boolean }) {
  const [search, setSearch] = useState('');
  const [focused, setFocused] = useState(false);
  const [debounced] = useDebouncedValue(search.trim(), 250);
  const results = useQuery({
    queryKey: ['catalog', 'picker', debounced],
    queryFn: () => unwrap(api().GET('/api/catalog', { params: { query: { q: debounced || undefined, active: true, limit: 20 } } })),
    enabled: focused,
    staleTime: 15_000,
  });
  const items = results.data?.items ?? [];
  const byId = new Map(items.map((item) => [item.id, item]));

  return (
    <Select
      label="Adicionar do catálogo"
      placeholder="Busque um plano, produto ou serviço"
      searchable
      disabled={disabled}
      data={items.map((item) => ({ value: item.id, label: catalogOptionLabel(item) }))}
      filter={({ options }) => options}
      value={null}
      searchValue={search}
      onSearchChange={setSearch}
      onFocus={() => setFocused(true)}
      onChange={(id) => {
        const item = id ? byId.get(id) : undefined;
        if (item) onPick(item);
        setSearch('');
      }}
      nothingFoundMessage={results.isFetching ? 'Buscando…' : debounced ? 'Nenhum item encontrado' : 'O catálogo está vazio'}
      rightSection={results.isFetching ? <Loader size="xs" /> : undefined}
      comboboxProps={{ withinPortal: true }}
      data-testid="catalog-picker"
    />
  );
}
