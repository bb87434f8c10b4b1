/** The board: 9 columns with drag and drop (mouse and touch); one column at a time on phones. */
import {
  DndContext,
  DragOverlay,
  MouseSensor,
  TouchSensor,
  pointerWithin,
  rectIntersection,
  useSensor,
  useSensors,
  type CollisionDetection,
  type DragEndEvent,
  type DragStartEvent,
} from '@dnd-kit/core';
import { Card, Group, ScrollArea, Select, Stack } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import type { Board as BoardData, BoardStage, FunnelCard } from '../../api/types';
import { formatMoney } from '../../lib/format';
import { BoardColumn } from './BoardColumn';
import { CardContent } from './FunnelCardView';

const PHONE_QUERY = '(max-width: 48em)';

/** The column under the pointer, else the one the card overlaps most. */
const collision: CollisionDetection = (args) => {
  const within = pointerWithin(args);
  return within.length > 0 ? within : rectIntersection(args);
};

interface Props {
  board: BoardData;
  canMove: boolean;
  onOpen: (card: FunnelCard) => void;
  onMove: (card: FunnelCard, stage: string) => void;
  onLoadMore: (stage: BoardStage) => void;
  loadingStage: string | null;
}

export function Board({ board, canMove, onOpen, onMove, onLoadMore, loadingStage }: Props) {
  const isPhone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const [phoneStage, setPhoneStage] = useState<string>(board.stages[0]?.key ?? 'novo_contato');
  const [dragging, setDragging] = useState<FunnelCard | null>(null);
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 6 } }),
    // Touch: press and hold, so a swipe still scrolls the page.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
  );

  function onDragStart(event: DragStartEvent) {
    setDragging((event.active.data.current as { card?: FunnelCard } | undefined)?.card ?? null);
  }

  function onDragEnd(event: DragEndEvent) {
    setDragging(null);
    const card = (event.active.data.current as { card?: FunnelCard } | undefined)?.card;
    const target = event.over?.id;
    if (card && typeof target === 'string' && target !== card.stage) onMove(card, target);
  }

  const columnProps = (stage: BoardStage) => ({
    stage,
    onOpen,
    onLoadMore,
    loadingMore: loadingStage === stage.key,
    canDrag: canMove,
  });

  const shown = board.stages.find((stage) => stage.key === phoneStage) ?? board.stages[0];

  return (
    <DndContext
      sensors={sensors}
      collisionDetection={collision}
      onDragStart={onDragStart}
      onDragEnd={onDragEnd}
      onDragCancel={() => setDragging(null)}
      autoScroll={{ threshold: { x: 0.15, y: 0.15 } }}
    >
      {isPhone ? (
        <Stack gap="sm">
          <Select
            label="Etapa"
            data={board.stages.map((stage) => ({
              value: stage.key,
              label: `${stage.label} (${stage.count} · ${formatMoney(stage.value_cents)})`,
            }))}
            value={shown?.key ?? null}
            onChange={(value) => value && setPhoneStage(value)}
            data-testid="funnel-stage-select"
            comboboxProps={{ withinPortal: true }}
          />
          {shown ? <BoardColumn {...columnProps(shown)} fullWidth /> : null}
        </Stack>
      ) : (
        <ScrollArea type="auto" offsetScrollbars scrollbarSize={10} data-testid="funnel-board">
          <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
            {board.stages.map((stage) => (
              <BoardColumn key={stage.key} {...columnProps(stage)} />
            ))}
          </Group>
        </ScrollArea>
      )}
      <DragOverlay dropAnimation={null}>
        {dragging ? (
          <Card withBorder radius="md" padding="sm" shadow="md" w={isPhone ? 300 : 264} style={{ cursor: 'grabbing' }}>
            <CardContent card={dragging} />
          </Card>
        ) : null}
      </DragOverlay>
    </DndContext>
  );
}
