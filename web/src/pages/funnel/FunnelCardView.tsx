/** A card on the board: draggable, opens the drawer on click. */
import { useDraggable } from '@dnd-kit/core';
import { Card, Group, Stack, Text } from '@mantine/core';
import type { CSSProperties } from 'react';
import type { FunnelCard } from '../../api/types';
import { formatDate, formatMoney } from '../../lib/format';
import { CardFlags } from './CardFlags';

export function CardContent({ card }: { card: FunnelCard }) {
  return (
    <Stack gap={4}>
      <div>
        <Text fw={600} size="sm" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {card.display_name}
        </Text>
        {card.trade_name && card.trade_name !== card.display_name ? (
          <Text size="xs" c="dimmed" lineClamp={1}>
            {card.trade_name}
          </Text>
        ) : null}
      </div>
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="sm" fw={500} style={{ whiteSpace: 'nowrap' }}>
          {card.value_cents ? formatMoney(card.value_cents) : 'Sem valor'}
        </Text>
        <Text size="xs" c="dimmed" truncate>
          {card.owner_name ?? ''}
        </Text>
      </Group>
      {card.next_step ? (
        <Text size="xs" lineClamp={2}>
          Próximo passo: {card.next_step}
          {card.next_step_due ? ` · ${formatDate(card.next_step_due)}` : ''}
        </Text>
      ) : null}
      <CardFlags card={card} />
    </Stack>
  );
}

export function FunnelCardView({ card, onOpen, disabled }: { card: FunnelCard; onOpen: (card: FunnelCard) => void; disabled: boolean }) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: card.id, data: { card }, disabled });
  const style: CSSProperties = { opacity: isDragging ? 0.4 : 1, cursor: disabled ? 'pointer' : 'grab', touchAction: 'manipulation' };
  return (
    <Card
      ref={setNodeRef}
      withBorder
      radius="md"
      padding="sm"
      shadow="xs"
      style={style}
      data-testid={`funnel-card-${card.id}`}
      data-client-id={card.client_id}
      {...attributes}
      {...listeners}
      role="button"
      aria-label={`Abrir ${card.display_name}`}
      onClick={() => onOpen(card)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') onOpen(card);
        listeners?.onKeyDown?.(event);
      }}
    >
      <CardContent card={card} />
    </Card>
  );
}
