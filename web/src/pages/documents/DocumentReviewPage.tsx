/**
 * /documentos/:id — the review step: the client's name and CPF/CNPJ, totals and dates beside the PDF as it
 * would come out now; then Gerar PDF / Enviar por e-mail / Enviar por WhatsApp (the API answers 202 and the
 * page polls while `processing`), Baixar PDF, and after a contract "Mover card para Fechado".
 */
import { Alert, Anchor, Button, Grid, Group, Loader, Progress, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { IconAlertCircle, IconArrowLeft, IconBrandWhatsapp, IconCircleCheck, IconDownload, IconFileTypePdf, IconMail, IconPencil } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import type { Doc, DocChannel } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { canUseModule, hasPermission } from '../../auth/permissions';
import { QueryBoundary } from '../../components/QueryBoundary';
import { stageLabel } from '../../domain/crm';
import { formatDateTime } from '../../lib/format';
import { useClient } from '../clients/clientsApi';
import { channelLabel } from './documentRules';
import { openDownload, useDocument, useDocumentPreview, useGenerateDocument, useMoveCardAfterDocument } from './documentsApi';
import { DocumentStatusBadge } from './DocumentStatus';
import { DocumentSteps, stepOf } from './DocumentSteps';
import { PdfFrame } from './PdfFrame';
import { ReviewSummary } from './ReviewSummary';
import { SendDialog } from './SendDialog';

/**
 * When a generation started here ends: a notification (PDF ready, sent, or failed), and what it changed
 * elsewhere is read again (a sent proposal moves the card; the timeline gets the event).
 */
function useOutcomeNotice(doc: Doc | undefined) {
  const queryClient = useQueryClient();
  const wasProcessing = useRef(false);
  useEffect(() => {
    if (!doc) return;
    if (wasProcessing.current && !doc.processing) {
      for (const key of [['documents', 'list'], ['funnel'], ['clients'], ['dashboard']]) void queryClient.invalidateQueries({ queryKey: key });
      if (doc.status === 'erro') notifications.show({ color: 'red', title: 'Falha ao gerar', message: doc.error ?? 'Tente de novo.' });
      else if (doc.status === 'enviado' && doc.sent)
        notifications.show({ color: 'green', message: `${doc.number} enviado por ${channelLabel(doc.sent.channel)} para ${doc.sent.to}.` });
      else notifications.show({ color: 'green', message: `PDF de ${doc.number} gerado.` });
    }
    wasProcessing.current = doc.processing;
  }, [doc?.processing, doc?.status]);
}

function StageSuggestion({ doc }: { doc: Doc }) {
  const me = useMe();
  const move = useMoveCardAfterDocument();
  const [moved, setMoved] = useState(false);
  if (!doc.suggested_stage || !doc.card_id || !canUseModule(me, 'funil') || !hasPermission(me, 'funil:write')) return null;
  const stage = stageLabel(doc.suggested_stage);
  if (moved) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} data-testid="doc-stage-moved">
        Card movido para {stage}.{' '}
        <Anchor component={Link} to={`/funil?card=${doc.card_id}`} inherit>
          Abrir no funil
        </Anchor>
      </Alert>
    );
  }
  return (
    <Alert color="violet" variant="light" title="Contrato emitido" data-testid="doc-suggested-stage">
      <Stack gap="xs" align="flex-start">
        <Text size="sm">O card deste cliente está em Negociação. Mover para {stage}, com o valor do contrato?</Text>
        <Button
          size="xs"
          color="violet"
          loading={move.isPending}
          onClick={() =>
            move.mutate(
              { doc, stage: doc.suggested_stage! },
              {
                onSuccess: () => setMoved(true),
                onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível mover o card', message: errorMessage(error) }),
              },
            )
          }
          data-testid="doc-move-card"
        >
          Mover card para {stage}
        </Button>
      </Stack>
    </Alert>
  );
}

function Outcome({ doc }: { doc: Doc }) {
  if (doc.processing) {
    return (
      <Alert color="orange" variant="light" icon={<Loader size={16} color="orange" />} data-testid="doc-processing">
        <Stack gap={6}>
          <Text size="sm">Gerando o PDF{doc.status === 'enviado' ? '' : ' e, se pedido, enviando'}… isto leva alguns segundos.</Text>
          <Progress value={100} animated striped color="orange" size="sm" aria-label="Gerando o PDF" />
        </Stack>
      </Alert>
    );
  }
  if (doc.status === 'erro') {
    return (
      <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="Não foi possível gerar ou enviar" data-testid="doc-error">
        {doc.error ?? 'Falha ao gerar o documento.'} Corrija e tente de novo.
      </Alert>
    );
  }
  if (doc.status === 'enviado' && doc.sent) {
    return (
      <Alert color="green" variant="light" icon={<IconCircleCheck size={18} />} data-testid="doc-sent">
        Enviado por {channelLabel(doc.sent.channel)} para {doc.sent.to} em {formatDateTime(doc.sent.at)}.
      </Alert>
    );
  }
  if (doc.status === 'gerado') {
    return (
      <Alert color="blue" variant="light" icon={<IconFileTypePdf size={18} />} data-testid="doc-generated">
        PDF gerado em {formatDateTime(doc.generated_at)}. Baixe ou envie ao cliente.
      </Alert>
    );
  }
  return null;
}

function Review({ doc }: { doc: Doc }) {
  const me = useMe();
  const canWrite = hasPermission(me, 'documentos:write');
  const client = useClient(doc.client_id);
  const preview = useDocumentPreview(doc.processing ? undefined : doc);
  const generate = useGenerateDocument();
  const [channel, setChannel] = useState<DocChannel | null>(null);
  const busy = doc.processing || generate.isPending;
  useOutcomeNotice(doc);

  function download() {
    openDownload(doc.id).catch((error) => notifications.show({ color: 'red', title: 'Não foi possível baixar', message: errorMessage(error) }));
  }

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" gap="sm">
        <div>
          <Title order={2} data-testid="doc-number">
            {doc.kind_label} {doc.number}
          </Title>
          <Group gap="xs" mt={6}>
            <DocumentStatusBadge doc={doc} testId="doc-status" />
            <Text size="sm" c="dimmed">
              {doc.created_by_name ? `Criado por ${doc.created_by_name}` : ''}
            </Text>
          </Group>
        </div>
        <Group gap="xs" data-testid="doc-actions">
          {canWrite && doc.status !== 'enviado' && !busy ? (
            <Button variant="default" component={Link} to={`/documentos/${doc.id}/editar`} leftSection={<IconPencil size={16} />} data-testid="doc-edit">
              Editar
            </Button>
          ) : null}
          {doc.has_pdf ? (
            <Button variant="default" leftSection={<IconDownload size={16} />} onClick={download} disabled={busy} data-testid="doc-download">
              Baixar PDF
            </Button>
          ) : null}
        </Group>
      </Group>
      <DocumentSteps active={stepOf(doc)} />
      <Outcome doc={doc} />
      <StageSuggestion doc={doc} />
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Stack>
            <ReviewSummary doc={doc} client={client.data} />
            {canWrite ? (
              <Stack gap="xs">
                <Button
                  leftSection={<IconFileTypePdf size={16} />}
                  loading={generate.isPending}
                  disabled={busy}
                  onClick={() =>
                    generate.mutate(doc.id, {
                      onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível gerar', message: errorMessage(error) }),
                    })
                  }
                  data-testid="doc-generate"
                >
                  {doc.has_pdf ? 'Gerar PDF de novo' : 'Gerar PDF'}
                </Button>
                <SimpleGrid cols={{ base: 1, xs: 2, md: 1, xl: 2 }} spacing="xs">
                  <Button variant="light" leftSection={<IconMail size={16} />} disabled={busy} onClick={() => setChannel('email')} data-testid="doc-send-email">
                    Enviar por e-mail
                  </Button>
                  <Button
                    variant="light"
                    color="green"
                    leftSection={<IconBrandWhatsapp size={16} />}
                    disabled={busy}
                    onClick={() => setChannel('whatsapp')}
                    data-testid="doc-send-whatsapp"
                  >
                    Enviar por WhatsApp
                  </Button>
                </SimpleGrid>
              </Stack>
            ) : null}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Text size="xs" c="dimmed" mb={6}>
            Pré-visualização: o PDF como sai agora, com o modelo e os dados atuais.
          </Text>
          <PdfFrame
            blob={preview.data}
            loading={doc.processing || preview.isPending}
            error={preview.error}
            onRetry={() => void preview.refetch()}
            title={`Pré-visualização de ${doc.number}`}
          />
        </Grid.Col>
      </Grid>
      <SendDialog doc={channel ? doc : null} channel={channel} onClose={() => setChannel(null)} />
    </Stack>
  );
}

export default function DocumentReviewPage() {
  const { id } = useParams();
  const doc = useDocument(id);
  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/documentos" size="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> Documentos
        </Group>
      </Anchor>
      <QueryBoundary query={doc}>{doc.data ? <Review doc={doc.data} /> : null}</QueryBoundary>
    </Stack>
  );
}
