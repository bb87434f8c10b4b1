/** The client page's "Documentos" tab: the client's documents, newest first, and "Novo documento". */
import { Button, Group, Stack } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Link } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { PagedList } from '../../components/PagedList';
import { useDocuments } from './documentsApi';
import { DocumentTable } from './DocumentTable';

export default function ClientDocuments({ clientId, cardId, canCreate }: { clientId: string; cardId?: string | null; canCreate: boolean }) {
  const me = useMe();
  const canWrite = hasPermission(me, 'documentos:write');
  const list = useDocuments({ client_id: clientId });
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
      <PagedList query={list} emptyTestId="client-documents-empty" emptyPy="lg" loadMoreMt={0} empty="Nenhum documento para este cliente.">
        {(rows) => <DocumentTable rows={rows} canWrite={canWrite} hideClient testId="client-documents-table" />}
      </PagedList>
    </Stack>
  );
}
