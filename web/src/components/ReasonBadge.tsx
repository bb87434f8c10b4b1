/**
 * A status badge that, when there is a reason (an error), shows it in a popover: on hover with a mouse
 * and on tap on phones.
 */
import { Popover, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useRef, type ReactNode } from 'react';

interface ReasonBadgeProps {
  /** The badge itself. */
  badge: ReactNode;
  /** The error reason; without one, the badge is shown as is. */
  reason?: string | null;
  /** The popover's width. */
  width: number;
  /** `data-testid` of the reason's text. */
  reasonTestId: string;
}

export function ReasonBadge({ badge, reason, width, reasonTestId }: ReasonBadgeProps) {
  const [opened, { open, close, toggle }] = useDisclosure(false);
  const hovering = useRef(false);
  if (!reason) return <>{badge}</>;
  return (
    <Popover opened={opened} onChange={(value) => (value ? open() : close())} width={width} position="top" withArrow shadow="md" withinPortal>
      <Popover.Target>
        <UnstyledButton
          // Hover only for a mouse (a tap's emulated mouseenter would open it and its click close it again);
          // a click under the mouse keeps it open, a tap toggles it.
          onClick={() => (hovering.current ? open() : toggle())}
          onPointerEnter={(event) => {
            if (event.pointerType !== 'mouse') return;
            hovering.current = true;
            open();
          }}
          onPointerLeave={(event) => {
            if (event.pointerType !== 'mouse') return;
            hovering.current = false;
            close();
          }}
          aria-label={`Erro: ${reason}`}
          aria-expanded={opened}
        >
          {badge}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown style={{ pointerEvents: 'none' }}>
        <Text size="sm" data-testid={reasonTestId} style={{ overflowWrap: 'anywhere' }}>
          {reason}
        </Text>
      </Popover.Dropdown>
    </Popover>
  );
}
