/**
 * The reply box: free text inside the 24-hour window (Enter sends, Shift+Enter breaks the line);
 * outside it, the pt-BR reason and "Enviar modelo". The API's 422 messages are shown as they come.
 */
import { ActionIcon, Alert, Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle, IconSend, IconTemplate } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Conversation, WhatsAppStatus } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { replyState } from './inbox';
import { TemplatePicker } from './TemplatePicker';
import { useSendMessage } from './whatsappApi';

/** Re-renders every 30 s so the window closes on screen when it expires. */
function useNow(intervalMs = 30_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

interface ComposerProps {
  conv: Conversation;
  status: WhatsAppStatus | undefined;
}

export function Composer({ conv, status }: ComposerProps) {
  const now = useNow();
  const [text, setText] = useState('');
  const [picking, setPicking] = useState(false);
  const send = useSendMessage(conv.id);
  const state = replyState(conv, now, status?.configured ?? true);
  const templates = status?.templates ?? [];

  function sendText() {
    const body = text.trim();
    if (!body || send.isPending) return;
    send.mutate({ text: body }, { onSuccess: () => setText('') });
  }

  return (
    <Stack gap={6} p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }} data-testid="composer" data-mode={state.mode}>
      {send.isError && !picking ? <ErrorAlert error={send.error} /> : null}
      {state.reason ? (
        <Alert
          color={state.mode === 'blocked' ? 'red' : 'yellow'}
          variant="light"
          icon={<IconAlertTriangle size={16} />}
          p="xs"
          data-testid="composer-closed"
        >
          <Text size="sm">{state.reason}</Text>
        </Alert>
      ) : null}
      {state.mode === 'text' ? (
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <Textarea
            aria-label="Mensagem"
            placeholder="Escreva uma mensagem"
            autosize
            minRows={1}
            maxRows={6}
            maxLength={4096}
            value={text}
            onChange={(event) => setText(event.currentTarget.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                sendText();
              }
            }}
            style={{ flex: 1 }}
            data-testid="reply-text"
          />
          <ActionIcon
            size={36}
            radius="xl"
            color="green"
            onClick={sendText}
            loading={send.isPending}
            disabled={!text.trim()}
            aria-label="Enviar"
            data-testid="reply-send"
          >
            <IconSend size={18} />
          </ActionIcon>
        </Group>
      ) : null}
      {state.mode !== 'blocked' ? (
        <Group justify="space-between" gap="xs">
          <Text size="xs" c="dimmed">
            {state.remaining ?? ''}
          </Text>
          <Button
            size="xs"
            variant={state.mode === 'template' ? 'filled' : 'subtle'}
            leftSection={<IconTemplate size={14} />}
            onClick={() => {
              send.reset();
              setPicking(true);
            }}
            data-testid="open-template-picker"
          >
            Enviar modelo
          </Button>
        </Group>
      ) : null}
      <TemplatePicker
        opened={picking}
        templates={templates}
        sending={send.isPending}
        error={picking ? send.error : null}
        onClose={() => setPicking(false)}
        onSend={(template) => send.mutate({ template }, { onSuccess: () => setPicking(false) })}
      />
    </Stack>
  );
}
