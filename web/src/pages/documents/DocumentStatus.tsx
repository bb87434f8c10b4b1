/**
 * A document's status badge (Rascunho / Gerando… / Gerado / Enviado / Erro). On Erro the reason opens on
 * hover with a mouse and on tap on phones.
 */
import { Badge, Loader } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import type { Doc } from '../../api/types';
import { ReasonBadge } from '../../components/ReasonBadge';
import { statusBadge } from './documentRules';

export function DocumentStatusBadge({ doc, testId }: { doc: Pick<Doc, 'id' | 'status' | 'processing' | 'error'>; testId?: string }) {
  const badge = statusBadge(doc);
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
  return <ReasonBadge badge={label} reason={badge.reason} width={300} reasonTestId="document-error" />;
}
