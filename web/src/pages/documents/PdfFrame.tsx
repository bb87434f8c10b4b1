/**
 * A PDF fetched with the auth header (a Blob) shown in an <iframe> through an object URL, with "Abrir em
 * nova aba" for phones whose browsers do not show PDFs inline. `data-state` = loading | ready | error.
 */
import { Anchor, Button, Center, Group, Loader, Paper, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconExternalLink, IconFileTypePdf } from '@tabler/icons-react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useObjectUrl } from '../../lib/useObjectUrl';

interface PdfFrameProps {
  blob: Blob | undefined | null;
  loading: boolean;
  error?: unknown;
  onRetry?: () => void;
  title: string;
  testId?: string;
  height?: number | string;
}

export function PdfFrame({ blob, loading, error, onRetry, title, testId = 'pdf-preview', height = '75vh' }: PdfFrameProps) {
  const url = useObjectUrl(blob);
  const isPhone = useMediaQuery('(max-width: 48em)');
  const state = loading ? 'loading' : error ? 'error' : url ? 'ready' : 'empty';
  return (
    <Paper
      withBorder
      radius="md"
      p={0}
      style={{ overflow: 'hidden' }}
      data-testid={testId}
      data-state={state}
      data-content-type={blob?.type ?? ''}
      data-size={blob?.size ?? 0}
    >
      {state === 'loading' ? (
        <Center h={240}>
          <Stack align="center" gap="xs">
            <Loader aria-label="Carregando o PDF" />
            <Text size="sm" c="dimmed">
              Montando a pré-visualização do PDF…
            </Text>
          </Stack>
        </Center>
      ) : state === 'error' ? (
        <Stack p="md" align="flex-start">
          <ErrorAlert error={error} title="Não foi possível montar a pré-visualização" />
          {onRetry ? (
            <Button variant="light" onClick={onRetry}>
              Tentar novamente
            </Button>
          ) : null}
        </Stack>
      ) : url && isPhone ? (
        // Phone browsers seldom show a PDF inside a page: open it in the PDF viewer instead.
        <Stack p="md" align="center" gap="xs">
          <IconFileTypePdf size={32} color="var(--mantine-color-red-6)" />
          <Text size="sm" c="dimmed">
            PDF pronto ({Math.max(1, Math.round((blob?.size ?? 0) / 1024))} KB)
          </Text>
          <Button component="a" href={url} target="_blank" rel="noopener" variant="light" leftSection={<IconExternalLink size={16} />}>
            Abrir o PDF
          </Button>
        </Stack>
      ) : url ? (
        <>
          <iframe src={url} title={title} style={{ width: '100%', height, border: 0, display: 'block' }} data-testid={`${testId}-frame`} />
          <Group justify="flex-end" px="sm" py={6} style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
            <Anchor href={url} target="_blank" rel="noopener" size="sm">
              <Group gap={4}>
                <IconExternalLink size={14} /> Abrir em nova aba
              </Group>
            </Anchor>
          </Group>
        </>
      ) : (
        <Center h={160}>
          <Text size="sm" c="dimmed">
            Sem pré-visualização.
          </Text>
        </Center>
      )}
    </Paper>
  );
}
