/** The client page's "Documentos" tab: the client's documents, newest first, and "Novo documento". */
import { Button, Center, Group, Stack, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useDocuments } from './documentsApi';
import { DocumentTable } from './DocumentTable';

export default function ClientDocuments({ clientId, cardId, canCreate }: { clientId: string; cardId?: string | null; canCreate: boolean }) {
  const me = useMe();
  const canWrite = hasPermission(me, 'documentos:write');
  const list = useDocuments({ client_id: clientId });
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  const newLink = `/documentos/novo?cliente=${clientId}${cardId ? `&card=${cardId}` : ''}`;
  return (
    <Stack gap="sm" data-testid="client-documents">
      {canWrite && canCreate ? (
        <Group justify="flex-end">
          <Button component={Link} to={newLink} leftSection={<IconPlus size={16} />} data-testid="client-new-document">
            Novo documento
          </Button>
        </Group>
      ) : null}
      <QueryBoundary query={list}>
        {rows.length === 0 ? (
          <Center py="lg" data-testid="client-documents-empty">
            <Text c="dimmed">Nenhum documento para este cliente.</Text>
          </Center>
        ) : (
          <DocumentTable rows={rows} canWrite={canWrite} hideClient testId="client-documents-table" />
        )}
        {list.hasNextPage ? (
          <Group justify="center">
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Carregar mais
            </Button>
          </Group>
        ) : null}
      </QueryBoundary>
    </Stack>
  );
}
