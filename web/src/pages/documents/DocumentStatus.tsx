/**
 * A document's status badge (Rascunho / Gerando… / Gerado / Enviado / Erro). On Erro the reason opens on
 * hover with a mouse and on tap on phones.
 */
import { Badge, Loader, Popover, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertCircle } from '@tabler/icons-react';
import { useRef } from 'react';
import type { Doc } from '../../api/types';
import { statusBadge } from './documentRules';

export function DocumentStatusBadge({ doc, testId }: { doc: Pick<Doc, 'id' | 'status' | 'processing' | 'error'>; testId?: string }) {
  const badge = statusBadge(doc);
  const [opened, { open, close, toggle }] = useDisclosure(false);
  const hovering = useRef(false);
  const label = (
    <Badge
      color={badge.color}
      variant="light"
      leftSection={doc.processing ? <Loader size={10} color="orange" /> : badge.reason ? <IconAlertCircle size={12} /> : undefined}
      style={{ flexShrink: 0, overflow: 'visible' }}
      data-testid={testId ?? `document-status-${doc.id}`}
      data-status={doc.status}
      data-processing={doc.processing ? 'true' : 'false'}
    >
      {badge.label}
    </Badge>
  );
  if (!badge.reason) return label;
  return (
    <Popover opened={opened} onChange={(value) => (value ? open() : close())} width={300} position="top" withArrow shadow="md" withinPortal>
      <Popover.Target>
        <UnstyledButton
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
          aria-label={`Erro: ${badge.reason}`}
          aria-expanded={opened}
        >
          {label}
        </UnstyledButton>
      </Popover.Target>
      <Popover.Dropdown style={{ pointerEvents: 'none' }}>
        <Text size="sm" data-testid="document-error" style={{ overflowWrap: 'anywhere' }}>
          {badge.reason}
        </Text>
      </Popover.Dropdown>
    </Popover>
  );
}
