/** A write-only secret: its state ("•••••••• alterado em ..."), an empty input to replace it, "remover". */
import { Anchor, Group, PasswordInput, Stack, Text, Textarea } from '@mantine/core';
import type { SecretState } from '../../api/types';
import { MULTILINE_SECRETS, secretStateText } from './integrationForm';

interface SecretInputProps {
  kind: string;
  name: string;
  state: SecretState;
  value: string;
  removing: boolean;
  error?: string | null;
  disabled: boolean;
  onChange: (value: string) => void;
  onRemove: (removing: boolean) => void;
}

export function SecretInput({ kind, name, state, value, removing, error, disabled, onChange, onRemove }: SecretInputProps) {
  const description = removing ? 'Será removido ao salvar.' : secretStateText(state);
  const placeholder = state.set ? 'Digite para substituir' : 'Não definido';
  const common = {
    label: state.label,
    description,
    placeholder,
    value,
    error: error ?? undefined,
    disabled: disabled || removing,
    autoComplete: 'new-password',
    spellCheck: false,
    'data-testid': `secret-${kind}-${name}`,
    onChange: (event: { currentTarget: { value: string } }) => onChange(event.currentTarget.value),
  };
  return (
    <Stack gap={2}>
      {MULTILINE_SECRETS.has(name) ? (
        <Textarea {...common} autosize minRows={3} maxRows={8} styles={{ input: { fontFamily: 'monospace' } }} />
      ) : (
        <PasswordInput {...common} />
      )}
      {state.set && !disabled ? (
        <Group justify="flex-end">
          <Anchor component="button" type="button" size="xs" c={removing ? undefined : 'red'} onClick={() => onRemove(!removing)}>
            {removing ? 'desfazer' : 'remover'}
          </Anchor>
        </Group>
      ) : null}
      {!state.set && removing ? <Text size="xs">—</Text> : null}
    </Stack>
  );
}
