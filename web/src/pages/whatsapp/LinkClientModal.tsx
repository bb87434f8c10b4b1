/** "Vincular cliente": search the company's clients and link one to the conversation. */
import { Button, Group, Loader, Modal, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatPhone } from './inbox';
import { useClientSearch, useLinkClient } from './whatsappApi';

export function LinkClientModal({ opened, conversationId, onClose }: { opened: boolean; conversationId: string; onClose: () => void }) {
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q, 300);
  const search = useClientSearch(debounced);
  const link = useLinkClient(conversationId);
  const close = () => {
    link.reset();
    setQ('');
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title="Vincular cliente" centered>
      <Stack data-testid="link-client">
        <TextInput
          label="Buscar cliente"
          description="Nome, CPF/CNPJ, telefone ou e-mail (ao menos 2 caracteres)."
          leftSection={<IconSearch size={16} />}
          rightSection={search.isFetching ? <Loader size="xs" /> : null}
          value={q}
          onChange={(event) => setQ(event.currentTarget.value)}
          data-autofocus
        />
        <ErrorAlert error={link.error ?? (search.isError ? search.error : null)} />
        {search.data?.items.length === 0 ? (
          <Text size="sm" c="dimmed">
            Nenhum cliente encontrado.
          </Text>
        ) : null}
        <Stack gap={4}>
          {search.data?.items.map((client) => (
            <UnstyledButton
              key={client.id}
              onClick={() => link.mutate(client.id, { onSuccess: close })}
              disabled={link.isPending}
              p="xs"
              style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 'var(--mantine-radius-sm)' }}
              data-testid={`link-client-${client.id}`}
            >
              <Text size="sm" fw={500}>
                {client.display_name}
              </Text>
              <Text size="xs" c="dimmed">
                {[client.whatsapp ? formatPhone(client.whatsapp) : null, client.email].filter(Boolean).join(' · ') || '—'}
              </Text>
            </UnstyledButton>
          ))}
        </Stack>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            Fechar
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
