/** One message: inbound on the left, outbound on the right with its status tick (red "falhou" + reason). */
import { Badge, Box, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { IconAlertCircle, IconCheck, IconChecks, IconClock } from '@tabler/icons-react';
import type { WaMessage } from '../../api/types';
import { failureText, messageText, statusInfo, timeOfDay } from './inbox';

function StatusTick({ message }: { message: WaMessage }) {
  const info = statusInfo(message.status);
  if (info.tick === 'failed') {
    return (
      <Tooltip label={failureText(message)} multiline w={260} events={{ hover: true, focus: true, touch: true }} withArrow>
        <Group gap={2} wrap="nowrap" tabIndex={0} style={{ cursor: 'help' }} data-testid="message-failed">
          <IconAlertCircle size={14} color="var(--mantine-color-red-7)" aria-hidden />
          <Text size="xs" c="red.7" fw={600}>
            falhou
          </Text>
          <VisuallyHidden>{failureText(message)}</VisuallyHidden>
        </Group>
      </Tooltip>
    );
  }
  const icon =
    info.tick === 'clock' ? <IconClock size={14} aria-hidden /> :
    info.tick === 'single' ? <IconCheck size={14} aria-hidden /> :
    info.tick === 'double' ? <IconChecks size={14} aria-hidden /> :
    info.tick === 'double-read' ? <IconChecks size={14} color="var(--mantine-color-blue-6)" aria-hidden /> : null;
  if (!icon) return null;
  return (
    <Tooltip label={info.label} withArrow events={{ hover: true, focus: true, touch: true }}>
      <span style={{ display: 'inline-flex' }} data-testid="message-status" title={info.label}>
        {icon}
        <VisuallyHidden>{info.label}</VisuallyHidden>
      </span>
    </Tooltip>
  );
}

export function MessageBubble({ message }: { message: WaMessage }) {
  const out = message.direction === 'out';
  return (
    <Group justify={out ? 'flex-end' : 'flex-start'} px="sm" py={3} wrap="nowrap">
      <Box
        data-testid={`message-${message.id}`}
        data-direction={message.direction}
        data-status={message.status}
        style={{
          maxWidth: 'min(80%, 560px)',
          padding: '6px 10px',
          borderRadius: 10,
          background: out ? 'var(--mantine-color-green-1)' : 'var(--mantine-color-gray-1)',
          border: message.status === 'failed' ? '1px solid var(--mantine-color-red-4)' : undefined,
        }}
      >
        {message.template ? (
          <Badge size="xs" variant="light" color="grape" mb={4} data-testid="message-template">
            Modelo: {message.template.name}
          </Badge>
        ) : null}
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {messageText(message)}
        </Text>
        <Group gap={6} justify="flex-end" mt={2} wrap="nowrap">
          {out && message.sender_name ? (
            <Text size="xs" c="dimmed" truncate>
              {message.sender_name}
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {timeOfDay(message.created_at)}
          </Text>
          {out ? <StatusTick message={message} /> : null}
        </Group>
      </Box>
    </Group>
  );
}
