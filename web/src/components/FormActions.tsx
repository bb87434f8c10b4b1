/** A form's footer: "Cancelar" and the submit button, right-aligned; both wait while saving. */
import { Button, Group } from '@mantine/core';
import type { ReactNode } from 'react';

interface FormActionsProps {
  onCancel: () => void;
  busy: boolean;
  submitLabel: ReactNode;
  submitTestId?: string;
}

export function FormActions({ onCancel, busy, submitLabel, submitTestId }: FormActionsProps) {
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel} disabled={busy}>
        Cancelar
      </Button>
      <Button type="submit" loading={busy} data-testid={submitTestId}>
        {submitLabel}
      </Button>
    </Group>
  );
}
