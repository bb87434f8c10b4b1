/** Documents as a table (cards on phones) with Abrir, Baixar PDF and Enviar por e-mail / WhatsApp. */
import { Anchor, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBrandWhatsapp, IconDownload, IconFileText, IconMail } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/errors';
import type { Doc, DocChannel } from '../../api/types';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { RowActionsMenu } from '../../components/RowActionsMenu';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { channelLabel } from './documentRules';
import { openDownload } from './documentsApi';
import { DocumentStatusBadge } from './DocumentStatus';
import { SendDialog } from './SendDialog';

function columns(hideClient: boolean): Column<Doc>[] {
  const all: (Column<Doc> | null)[] = [
    {
      key: 'number',
      header: 'Número',
      nowrap: true,
      render: (d) => (
        <Stack gap={0}>
          <Anchor component={Link} to={`/documentos/${d.id}`} fw={600} size="sm" data-testid={`document-link-${d.id}`}>
            {d.number}
          </Anchor>
          <Text size="xs" c="dimmed">
            {d.kind_label}
          </Text>
        </Stack>
      ),
    },
    hideClient
      ? null
      : {
          key: 'client',
          header: 'Cliente',
          render: (d) => (
            <Anchor component={Link} to={`/clientes/${d.client_id}`} size="sm" data-testid="document-client-link">
              {d.client_name ?? 'Cliente'}
            </Anchor>
          ),
        },
    { key: 'total', header: 'Total', nowrap: true, render: (d) => <span data-testid="document-total">{formatMoney(d.total_cents)}</span> },
    {
      key: 'status',
      header: 'Situação',
      render: (d) => (
        <Stack gap={2}>
          <DocumentStatusBadge doc={d} />
          {d.sent && d.status === 'enviado' ? (
            <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
              Por {channelLabel(d.sent.channel)} em {formatDateTime(d.sent.at)}
            </Text>
          ) : null}
        </Stack>
      ),
    },
    { key: 'created', header: 'Criado em', nowrap: true, render: (d) => formatDate(d.created_at) },
  ];
  return all.filter((column): column is Column<Doc> => column !== null);
}

interface DocumentTableProps {
  rows: readonly Doc[];
  canWrite: boolean;
  hideClient?: boolean;
  testId?: string;
}

export function DocumentTable({ rows, canWrite, hideClient = false, testId = 'documents-table' }: DocumentTableProps) {
  const navigate = useNavigate();
  const [sending, setSending] = useState<{ doc: Doc; channel: DocChannel } | null>(null);

  function download(doc: Doc) {
    openDownload(doc.id).catch((error) => notifications.show({ color: 'red', title: 'Não foi possível baixar', message: errorMessage(error) }));
  }

  return (
    <>
      <ResponsiveTable
        rows={rows}
        columns={columns(hideClient)}
        rowKey={(d) => d.id}
        rowTestId={(d) => `document-row-${d.id}`}
        testId={testId}
        minWidth={hideClient ? 600 : 760}
        actions={(d) => (
          <RowActionsMenu label={`Ações de ${d.number}`} testId={`document-actions-${d.id}`}>
            <Menu.Item leftSection={<IconFileText size={16} />} onClick={() => navigate(`/documentos/${d.id}`)}>
              Abrir
            </Menu.Item>
            {d.has_pdf && !d.processing ? (
              <Menu.Item leftSection={<IconDownload size={16} />} onClick={() => download(d)}>
                Baixar PDF
              </Menu.Item>
            ) : null}
            {canWrite && !d.processing ? (
              <>
                <Menu.Item leftSection={<IconMail size={16} />} onClick={() => setSending({ doc: d, channel: 'email' })}>
                  Enviar por e-mail
                </Menu.Item>
                <Menu.Item leftSection={<IconBrandWhatsapp size={16} />} onClick={() => setSending({ doc: d, channel: 'whatsapp' })}>
                  Enviar por WhatsApp
                </Menu.Item>
              </>
            ) : null}
          </RowActionsMenu>
        )}
      />
      <SendDialog doc={sending?.doc ?? null} channel={sending?.channel ?? null} onClose={() => setSending(null)} />
    </>
  );
}
