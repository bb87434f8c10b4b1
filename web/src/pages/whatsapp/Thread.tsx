/** One conversation: header (contact, client, funnel card, link, assign), messages, reply box. */
import { ActionIcon, Anchor, Badge, Button, Center, Group, Loader, ScrollArea, Stack, Text } from '@mantine/core';
import { IconArrowLeft, IconLayoutKanban, IconLink, IconUser } from '@tabler/icons-react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { Conversation, WhatsAppStatus } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { canUseModule, hasPermission } from '../../auth/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { AssignMenu } from './AssignMenu';
import { Composer } from './Composer';
import { conversationTitle, formatPhone, threadMessages } from './inbox';
import { LinkClientModal } from './LinkClientModal';
import { MessageBubble } from './MessageBubble';
import { useConversation, useMarkRead, useMessages } from './whatsappApi';

interface ThreadProps {
  id: string;
  status: WhatsAppStatus | undefined;
  onBack?: () => void;
}

export function Thread({ id, status, onBack }: ThreadProps) {
  const me = useMe();
  const conversation = useConversation(id);
  const conv = conversation.data;
  if (!conv) {
    return (
      <Stack p="md">
        {onBack ? <BackButton onBack={onBack} /> : null}
        {conversation.isError ? <ErrorAlert error={conversation.error} /> : <Center py="lg"><Loader size="sm" aria-label="Carregando" /></Center>}
      </Stack>
    );
  }
  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }} data-testid="thread" data-conversation-id={conv.id}>
      <ThreadHeader conv={conv} onBack={onBack} />
      <Messages conv={conv} />
      {hasPermission(me, 'whatsapp:write') ? (
        <Composer conv={conv} status={status} />
      ) : (
        <Text size="sm" c="dimmed" p="sm" style={{ borderTop: '1px solid var(--mantine-color-gray-3)' }}>
          Seu papel pode ver as conversas, mas não respondê-las.
        </Text>
      )}
    </Stack>
  );
}

function BackButton({ onBack }: { onBack: () => void }) {
  return (
    <ActionIcon variant="subtle" onClick={onBack} aria-label="Voltar para as conversas" data-testid="thread-back">
      <IconArrowLeft size={18} />
    </ActionIcon>
  );
}

function ThreadHeader({ conv, onBack }: { conv: Conversation; onBack?: () => void }) {
  const me = useMe();
  const [linking, setLinking] = useState(false);
  const canWrite = hasPermission(me, 'whatsapp:write');
  return (
    <Group
      justify="space-between"
      gap="xs"
      p="sm"
      wrap="wrap"
      style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}
      data-testid="thread-header"
    >
      <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
        {onBack ? <BackButton onBack={onBack} /> : null}
        <div style={{ minWidth: 0 }}>
          <Group gap={6} wrap="nowrap">
            <Text fw={700} truncate data-testid="thread-title">
              {conversationTitle(conv)}
            </Text>
            {conv.opted_out ? (
              <Badge size="xs" color="red" variant="light">
                Opt-out
              </Badge>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {formatPhone(conv.phone)}
            {conv.contact_name && conv.client_name && conv.contact_name !== conv.client_name ? ` · ${conv.contact_name}` : ''}
            {conv.assignee_name ? ` · Responsável: ${conv.assignee_name}` : ''}
          </Text>
          <Group gap="sm" mt={2}>
            {conv.client_id && canUseModule(me, 'clientes') ? (
              <Anchor component={Link} to={`/clientes/${conv.client_id}`} size="xs" data-testid="thread-client-link">
                <Group gap={2} wrap="nowrap">
                  <IconUser size={12} /> {conv.client_name ?? 'Cliente'}
                </Group>
              </Anchor>
            ) : null}
            {conv.card_id && canUseModule(me, 'funil') ? (
              <Anchor component={Link} to={`/funil?card=${conv.card_id}`} size="xs" data-testid="thread-card-link">
                <Group gap={2} wrap="nowrap">
                  <IconLayoutKanban size={12} /> Card no funil
                </Group>
              </Anchor>
            ) : null}
          </Group>
        </div>
      </Group>
      <Group gap="xs">
        {canWrite ? (
          <Button size="xs" variant="default" leftSection={<IconLink size={14} />} onClick={() => setLinking(true)} data-testid="link-client-button">
            {conv.client_id ? 'Trocar cliente' : 'Vincular cliente'}
          </Button>
        ) : null}
        {hasPermission(me, 'whatsapp:assign') ? <AssignMenu conv={conv} /> : null}
      </Group>
      <LinkClientModal opened={linking} conversationId={conv.id} onClose={() => setLinking(false)} />
    </Group>
  );
}

function Messages({ conv }: { conv: Conversation }) {
  const me = useMe();
  const messages = useMessages(conv.id);
  const markRead = useMarkRead();
  const viewport = useRef<HTMLDivElement>(null);
  const items = threadMessages(messages.data?.pages);
  const newest = items[items.length - 1]?.id;
  const keepPosition = useRef<number | null>(null);
  const shownNewest = useRef<string | undefined>(undefined);

  // Opening the conversation (and each new inbound while it is open) reads it.
  const canRead = hasPermission(me, 'whatsapp:write');
  useEffect(() => {
    if (canRead && conv.unread_count > 0 && !markRead.isPending) markRead.mutate(conv.id);
  }, [conv.id, conv.unread_count, canRead]);

  // New messages scroll to the bottom; "carregar anteriores" keeps the reader where they were.
  useLayoutEffect(() => {
    const el = viewport.current;
    if (!el) return;
    if (keepPosition.current !== null) {
      el.scrollTop = el.scrollHeight - keepPosition.current;
      keepPosition.current = null;
    } else if (newest !== shownNewest.current) {
      el.scrollTop = el.scrollHeight;
    }
    shownNewest.current = newest;
  }, [newest, items.length]);

  return (
    <ScrollArea style={{ flex: 1 }} viewportRef={viewport} type="auto" data-testid="thread-messages">
      <Stack gap={0} py="xs">
        {messages.hasNextPage ? (
          <Center py={4}>
            <Button
              size="xs"
              variant="subtle"
              loading={messages.isFetchingNextPage}
              onClick={() => {
                const el = viewport.current;
                keepPosition.current = el ? el.scrollHeight - el.scrollTop : null;
                void messages.fetchNextPage();
              }}
            >
              Carregar anteriores
            </Button>
          </Center>
        ) : null}
        {messages.isPending ? (
          <Center py="lg">
            <Loader size="sm" aria-label="Carregando" />
          </Center>
        ) : null}
        {messages.isError && !messages.data ? <ErrorAlert error={messages.error} /> : null}
        {messages.data && items.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="lg">
            Nenhuma mensagem ainda.
          </Text>
        ) : null}
        {items.map((message) => (
          <MessageBubble key={message.id} message={message} />
        ))}
      </Stack>
    </ScrollArea>
  );
}
