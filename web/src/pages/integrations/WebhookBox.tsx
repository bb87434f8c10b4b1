/** The integration's webhook address: copy it, or replace it with a new one (the old stops at once). */
import { ActionIcon, Button, Code, Group, Stack, Text, Tooltip, CopyButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconCopy, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { ConfirmModal } from '../../components/ConfirmModal';
import { useRotateWebhook } from './integrationsApi';

interface WebhookBoxProps {
  kind: string;
  url: string;
  canWrite: boolean;
  /** Called after a new address is made (Cora: register it at once, as Testar does). */
  onRotated?: () => void;
}

export function WebhookBox({ kind, url, canWrite, onRotated }: WebhookBoxProps) {
  const [confirming, setConfirming] = useState(false);
  const rotate = useRotateWebhook(kind);
  return (
    <Stack gap={4}>
      <Text size="sm" fw={500}>
        Endereço do webhook
      </Text>
      <Group gap="xs" wrap="nowrap" align="center">
        <Code data-testid={`webhook-url-${kind}`} style={{ overflowWrap: 'anywhere', flex: 1, minWidth: 0 }}>
          {url}
        </Code>
        <CopyButton value={url}>
          {({ copied, copy }) => (
            <Tooltip label={copied ? 'Copiado' : 'Copiar'} withArrow>
              <ActionIcon variant="light" color={copied ? 'teal' : 'gray'} onClick={copy} aria-label="Copiar endereço do webhook">
                {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
              </ActionIcon>
            </Tooltip>
          )}
        </CopyButton>
      </Group>
      {canWrite ? (
        <Group>
          <Button variant="subtle" size="xs" leftSection={<IconRefresh size={14} />} onClick={() => setConfirming(true)}>
            Gerar novo endereço
          </Button>
        </Group>
      ) : null}
      <ConfirmModal
        opened={confirming}
        title="Gerar novo endereço"
        confirmLabel="Gerar novo endereço"
        loading={rotate.isPending}
        error={rotate.error}
        onClose={() => {
          setConfirming(false);
          rotate.reset();
        }}
        onConfirm={() =>
          rotate.mutate(undefined, {
            onSuccess: () => {
              setConfirming(false);
              notifications.show({
                color: 'green',
                message: onRotated ? 'Novo endereço gerado e registrado no provedor.' : 'Novo endereço gerado. Atualize-o no provedor.',
              });
              onRotated?.();
            },
          })
        }
      >
        O endereço atual deixa de funcionar imediatamente. Você precisará cadastrar o novo endereço no provedor
        (Meta, site ou Cora). Continuar?
      </ConfirmModal>
    </Stack>
  );
}
