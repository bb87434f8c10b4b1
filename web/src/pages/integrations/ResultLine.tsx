/** A provider's answer in green (worked) or red (refused, with its reason). */
import { Group, Text } from '@mantine/core';
import { IconCircleCheck, IconCircleX } from '@tabler/icons-react';
import { formatDateTime } from '../../lib/format';

interface ResultLineProps {
  ok: boolean;
  message: string;
  at?: string | null;
  testId?: string;
}

export function ResultLine({ ok, message, at, testId }: ResultLineProps) {
  const color = ok ? 'green' : 'red';
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid={testId} data-ok={ok ? 'true' : 'false'} role="status">
      {ok ? <IconCircleCheck size={18} color="var(--mantine-color-green-7)" style={{ flex: 'none' }} /> : (
        <IconCircleX size={18} color="var(--mantine-color-red-7)" style={{ flex: 'none' }} />
      )}
      <Text size="sm" c={`${color}.8`} style={{ overflowWrap: 'anywhere' }}>
        {message}
        {at ? (
          <Text span size="xs" c="dimmed">
            {' '}
            · testado em {formatDateTime(at)}
          </Text>
        ) : null}
      </Text>
    </Group>
  );
}
