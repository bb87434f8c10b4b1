/**
 * A searchable select of the company's clients (GET /api/clients?q=): type 2+ characters (name, CPF/CNPJ,
 * phone or e-mail), pick one. `initial` names a client chosen before (pre-filled forms, editing).
 */
import { Loader, Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';

export interface ClientOption {
  id: string;
  name: string;
  whatsapp?: string | null;
  email?: string | null;
}

interface ClientSelectProps extends Omit<SelectProps, 'data' | 'value' | 'onChange'> {
  value: string | null;
  onChange: (client: ClientOption | null) => void;
  initial?: ClientOption | null;
  'data-testid'?: string;
}

export function ClientSelect({ value, onChange, initial, ...rest }: ClientSelectProps) {
  const [search, setSearch] = useState('');
  const [picked, setPicked] = useState<ClientOption | null>(initial ?? null);
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const selected = value ? (picked?.id === value ? picked : initial?.id === value ? initial : null) : null;
  const typing = debounced.length >= 2 && debounced !== selected?.name;
  const results = useQuery({
    queryKey: ['clients', 'list', { q: debounced, limit: 10, picker: true }],
    queryFn: () => unwrap(api().GET('/api/clients', { params: { query: { q: debounced, limit: 10 } } })),
    enabled: typing,
    staleTime: 10_000,
  });
  const found: ClientOption[] = typing
    ? (results.data?.items ?? []).map((c) => ({ id: c.id, name: c.display_name, whatsapp: c.whatsapp, email: c.email }))
    : [];
  const options = [...(selected ? [selected] : []), ...found.filter((c) => c.id !== selected?.id)];
  const byId = new Map(options.map((option) => [option.id, option]));

  return (
    <Select
      searchable
      clearable
      placeholder="Digite ao menos 2 letras para buscar"
      nothingFoundMessage={typing && !results.isFetching ? 'Nenhum cliente encontrado' : undefined}
      rightSection={results.isFetching ? <Loader size="xs" /> : undefined}
      comboboxProps={{ withinPortal: true }}
      {...rest}
      data={options.map((option) => ({ value: option.id, label: option.name }))}
      filter={({ options: all }) => all}
      value={value}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(id) => {
        const option = id ? (byId.get(id) ?? null) : null;
        if (option) setPicked(option);
        onChange(option);
      }}
    />
  );
}
