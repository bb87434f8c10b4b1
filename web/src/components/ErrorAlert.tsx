import { Alert } from '@mantine/core';
import { IconAlertCircle } from '@tabler/icons-react';
import { errorMessage } from '../api/errors';

/** An API error (or plain pt-BR message) shown in a red alert; nothing when empty. */
export function ErrorAlert({ error, message, title }: { error?: unknown; message?: string | null; title?: string }) {
  const text = message ?? (error ? errorMessage(error) : null);
  if (!text) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title={title} role="alert" data-testid="error-alert">
      {text}
    </Alert>
  );
}
