/** The inbox's conversations: filters, unread badges, last message, opted-out marker; polls. */
import { Badge, Button, Center, Group, Loader, ScrollArea, SegmentedControl, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconBan, IconMessagePlus } from '@tabler/icons-react';
import { useState } from 'react';
import type { Conversation, InboxFilter } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ErrorAlert } from '../../components/ErrorAlert';
import { conversationTitle, formatPhone, shortTime } from './inbox';
import { SimulateInboundModal } from './SimulateInboundModal';
import { useConversations } from './whatsappApi';

const FILTERS: { value: InboxFilter; label: string }[] = [
  { value: 'all', label: 'Todas' },
  { value: 'mine', label: 'Minhas' },
  { value: 'unassigned', label: 'Sem responsável' },
];

interface ConversationListProps {
  selectedId: string | null;
  onSelect: (id: string) => void;
  sandbox: boolean;
  displayNumber: string | null;
}

export function ConversationList({ selectedId, onSelect, sandbox, displayNumber }: ConversationListProps) {
  const me = useMe();
  const [filter, setFilter] = useState<InboxFilter>('all');
  const [simulating, setSimulating] = useState(false);
  const list = useConversations(filter);
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const now = new Date();

  return (
    <Stack gap={0} style={{ flex: 1, minHeight: 0 }}>
      <Stack gap="xs" p="sm" style={{ borderBottom: '1px solid var(--mantine-color-gray-3)' }}>
        <div style={{ minWidth: 0 }}>
          <Text fw={700}>Conversas</Text>
          {displayNumber ? (
            <Text size="xs" c="dimmed" truncate>
              {displayNumber}
            </Text>
          ) : null}
        </div>
        <SegmentedControl
          fullWidth
          size="xs"
          data={FILTERS}
          value={filter}
          onChange={(value) => setFilter(value as InboxFilter)}
          data-testid="inbox-filter"
        />
        {sandbox && hasPermission(me, 'whatsapp:write') ? (
          <Button
            size="xs"
            variant="light"
            fullWidth
            leftSection={<IconMessagePlus size={14} />}
            onClick={() => setSimulating(true)}
            data-testid="simulate-inbound"
          >
            Simular mensagem recebida
          </Button>
        ) : null}
      </Stack>
      <ScrollArea style={{ flex: 1 }} type="auto" data-testid="conversation-list">
        {list.isPending ? (
          <Center py="lg">
            <Loader size="sm" aria-label="Carregando" />
          </Center>
        ) : null}
        {list.isError && !list.data ? (
          <Stack p="sm">
            <ErrorAlert error={list.error} />
          </Stack>
        ) : null}
        {list.data && items.length === 0 ? (
          <Text c="dimmed" size="sm" p="md" ta="center" data-testid="conversations-empty">
            Nenhuma conversa {filter === 'mine' ? 'atribuída a você' : filter === 'unassigned' ? 'sem responsável' : 'ainda'}.
          </Text>
        ) : null}
        {items.map((conv) => (
          <ConversationRow key={conv.id} conv={conv} selected={conv.id === selectedId} now={now} onSelect={onSelect} />
        ))}
        {list.hasNextPage ? (
          <Center p="sm">
            <Button variant="subtle" size="xs" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
              Carregar mais
            </Button>
          </Center>
        ) : null}
      </ScrollArea>
      <SimulateInboundModal opened={simulating} onClose={() => setSimulating(false)} />
    </Stack>
  );
}

function ConversationRow({ conv, selected, now, onSelect }: { conv: Conversation; selected: boolean; now: Date; onSelect: (id: string) => void }) {
  const preview = conv.last_message_preview ?? '';
  return (
    <UnstyledButton
      onClick={() => onSelect(conv.id)}
      data-testid={`conversation-${conv.id}`}
      data-phone={conv.phone}
      aria-current={selected ? 'true' : undefined}
      w="100%"
      px="sm"
      py={10}
      style={{
        display: 'block',
        borderBottom: '1px solid var(--mantine-color-gray-2)',
        background: selected ? 'var(--mantine-color-blue-light)' : undefined,
      }}
    >
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Text fw={conv.unread_count ? 700 : 500} size="sm" truncate>
            {conversationTitle(conv)}
          </Text>
          {conv.opted_out ? (
            <Tooltip label="Pediu para não receber mensagens (opt-out)" events={{ hover: true, focus: true, touch: true }}>
              <IconBan size={14} color="var(--mantine-color-red-7)" aria-label="Não receber mensagens" style={{ flex: 'none' }} />
            </Tooltip>
          ) : null}
        </Group>
        <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
          {shortTime(conv.last_message_at, now)}
        </Text>
      </Group>
      <Group justify="space-between" gap="xs" wrap="nowrap" mt={2}>
        <Text size="xs" c="dimmed" truncate style={{ minWidth: 0 }}>
          {conv.last_direction === 'out' ? 'Você: ' : ''}
          {preview || formatPhone(conv.phone)}
        </Text>
        {conv.unread_count > 0 ? (
          <Badge size="sm" circle color="green" data-testid={`unread-${conv.id}`} aria-label={`${conv.unread_count} não lidas`}>
            {conv.unread_count}
          </Badge>
        ) : null}
      </Group>
      {conv.assignee_name ? (
        <Text size="xs" c="dimmed" mt={2} truncate>
          Responsável: {conv.assignee_name}
        </Text>
      ) : null}
    </UnstyledButton>
  );
}
