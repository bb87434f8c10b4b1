/** "Unir com outro cliente": pick the other client, then which value to keep per field. */
import { Button, Group, Modal, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useMemo, useState } from 'react';
import type { Client } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDocument } from '../../lib/masks';
import { useClientList, useMergeClients } from './clientsApi';
import { MERGE_FIELDS, defaultChoices, mergeFieldsBody, type MergeChoice } from './mergeFields';

export function MergeModal({ client, opened, onClose }: { client: Client; opened: boolean; onClose: () => void }) {
  const [search, setSearch] = useState('');
  const [debounced] = useDebouncedValue(search.trim(), 300);
  const list = useClientList({ q: debounced || undefined, limit: 20 });
  const [source, setSource] = useState<Client | null>(null);
  const [choices, setChoices] = useState<Record<string, MergeChoice>>({});
  const merge = useMergeClients(client.id);

  useEffect(() => {
    if (!opened) return;
    setSource(null);
    setSearch('');
    merge.reset();
    // Start over each time it opens.
  }, [opened]);

  const candidates = useMemo(
    () => (list.data?.pages.flatMap((page) => page.items) ?? []).filter((other) => other.id !== client.id),
    [list.data, client.id],
  );
  const options = candidates.map((other) => ({
    value: other.id,
    label: `${other.display_name}${other.document ? ` · ${formatDocument(other.document)}` : ''}`,
  }));
  if (source && !options.some((option) => option.value === source.id)) {
    options.unshift({ value: source.id, label: source.display_name });
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Unir com outro cliente" size="xl">
      <Stack data-testid="merge-modal">
        <Text size="sm">
          Os dados serão reunidos em <b>{client.display_name}</b>; o outro cliente será arquivado e seu histórico ficará
          neste cadastro.
        </Text>
        <Select
          label="Outro cliente"
          placeholder="Busque por nome, CPF/CNPJ, telefone ou e-mail"
          searchable
          searchValue={search}
          onSearchChange={setSearch}
          filter={({ options: all }) => all}
          data={options}
          value={source?.id ?? null}
          onChange={(id) => {
            const picked = candidates.find((other) => other.id === id) ?? null;
            setSource(picked);
            if (picked) setChoices(defaultChoices(client, picked));
          }}
          nothingFoundMessage={debounced ? 'Nenhum cliente encontrado' : 'Digite para buscar'}
        />
        {source ? (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing="xs" data-testid="merge-fields">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Campo</Table.Th>
                  <Table.Th>Este cliente</Table.Th>
                  <Table.Th>Outro cliente</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {MERGE_FIELDS.map((field) => {
                  const mine = field.show(client);
                  const theirs = field.show(source);
                  if (mine === '' && theirs === '') return null;
                  return (
                    <Table.Tr key={field.key}>
                      <Table.Td fw={500}>{field.label}</Table.Td>
                      {(['target', 'source'] as const).map((side) => (
                        <Table.Td key={side}>
                          <Radio
                            name={`merge-${field.key}`}
                            label={(side === 'target' ? mine : theirs) || '(vazio)'}
                            checked={choices[field.key] === side}
                            onChange={() => setChoices((current) => ({ ...current, [field.key]: side }))}
                          />
                          {field.key === 'tags' && side === 'source' ? (
                            <Radio
                              mt={6}
                              name="merge-tags"
                              label="Juntar as duas listas"
                              checked={choices.tags === 'both'}
                              onChange={() => setChoices((current) => ({ ...current, tags: 'both' }))}
                            />
                          ) : null}
                        </Table.Td>
                      ))}
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        ) : null}
        <ErrorAlert error={merge.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={merge.isPending}>
            Cancelar
          </Button>
          <Button
            disabled={!source}
            loading={merge.isPending}
            onClick={() =>
              source &&
              merge.mutate(
                { source_id: source.id, fields: mergeFieldsBody(choices) },
                {
                  onSuccess: () => {
                    notifications.show({ color: 'green', message: 'Clientes unidos.' });
                    onClose();
                  },
                },
              )
            }
          >
            Unir clientes
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
