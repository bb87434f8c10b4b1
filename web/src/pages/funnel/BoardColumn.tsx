/** One stage of the board: header with the API's count and total, droppable list, "Carregar mais". */
import { useDroppable } from '@dnd-kit/core';
import { Badge, Button, Group, Paper, Stack, Text } from '@mantine/core';
import type { BoardStage, FunnelCard } from '../../api/types';
import { stageColor } from '../../domain/crm';
import { formatMoney } from '../../lib/format';
import { FunnelCardView } from './FunnelCardView';

interface Props {
  stage: BoardStage;
  onOpen: (card: FunnelCard) => void;
  onLoadMore: (stage: BoardStage) => void;
  loadingMore: boolean;
  canDrag: boolean;
  /** Phone: the column takes the whole width. */
  fullWidth?: boolean;
}

export function BoardColumn({ stage, onOpen, onLoadMore, loadingMore, canDrag, fullWidth }: Props) {
  const { setNodeRef, isOver } = useDroppable({ id: stage.key });
  return (
    <Paper
      ref={setNodeRef}
      withBorder
      radius="md"
      p="xs"
      bg={isOver ? 'blue.0' : 'gray.0'}
      style={{
        width: fullWidth ? '100%' : 280,
        flex: fullWidth ? undefined : '0 0 280px',
        minHeight: 'calc(100dvh - 250px)',
        outline: isOver ? '2px dashed var(--mantine-color-blue-5)' : undefined,
      }}
      data-testid={`funnel-column-${stage.key}`}
      aria-label={stage.label}
    >
      <Stack gap={2} mb="xs" px={4}>
        <Group justify="space-between" wrap="nowrap" gap={4}>
          <Text fw={700} size="sm" truncate>
            {stage.label}
          </Text>
          <Badge variant="light" color={stageColor(stage.key)} data-testid={`funnel-count-${stage.key}`}>
            {stage.count}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed" data-testid={`funnel-total-${stage.key}`}>
          {formatMoney(stage.value_cents)}
        </Text>
      </Stack>
      <Stack gap="xs">
        {stage.cards.map((card) => (
          <FunnelCardView key={card.id} card={card} onOpen={onOpen} disabled={!canDrag} />
        ))}
        {stage.cards.length === 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="md">
            {canDrag ? 'Nenhum card. Arraste um card para cá.' : 'Nenhum card nesta etapa.'}
          </Text>
        ) : null}
        {stage.next_cursor ? (
          <Button variant="subtle" size="xs" onClick={() => onLoadMore(stage)} loading={loadingMore}>
            Carregar mais
          </Button>
        ) : null}
      </Stack>
    </Paper>
  );
}
