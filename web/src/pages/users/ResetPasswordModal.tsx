import { Button, Group, Modal, PasswordInput, Stack, Text } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyApiError, requiredText } from '../../lib/forms';
import { useResetPassword } from './usersApi';

export function ResetPasswordModal({ user, onClose }: { user: User | null; onClose: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useResetPassword();
  const form = useForm({
    initialValues: { password: '', confirm: '' },
    validate: {
      password: requiredText('Informe a nova senha.'),
      confirm: (value, values) => (value === values.password ? null : 'As senhas não conferem.'),
    },
  });

  useEffect(() => {
    if (!user) return;
    form.reset();
    setFormError(null);
    mutation.reset();
    // Deliberately only when it opens (not on every form change).
  }, [user]);

  return (
    <Modal opened={user !== null} onClose={onClose} title="Redefinir senha" centered>
      <form
        noValidate
        data-testid="reset-password-form"
        onSubmit={form.onSubmit((values) => {
          if (!user) return;
          setFormError(null);
          mutation.mutate(
            { id: user.id, password: values.password },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: `Senha de ${user.name} redefinida.` });
                onClose();
              },
              onError: (error) => setFormError(applyApiError(form, error)),
            },
          );
        })}
      >
        <Stack>
          <Text size="sm">
            Defina uma nova senha para <b>{user?.name}</b> e informe-a ao usuário.
          </Text>
          <ErrorAlert message={formError} />
          <PasswordInput label="Nova senha" required autoComplete="new-password" {...form.getInputProps('password')} />
          <PasswordInput label="Confirmar nova senha" required autoComplete="new-password" {...form.getInputProps('confirm')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancelar
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Redefinir senha
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
