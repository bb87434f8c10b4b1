import { Button, Group, Modal, PasswordInput, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client';
import { unwrap } from '../api/errors';
import { saveTokens } from '../auth/tokenStore';
import { ErrorAlert } from '../components/ErrorAlert';
import { applyApiError, requiredText } from '../lib/forms';

export function ChangePasswordModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { current_password: '', new_password: '', confirm_password: '' },
    validate: {
      current_password: requiredText('Informe a senha atual.'),
      new_password: requiredText('Informe a nova senha.'),
      confirm_password: (value, values) => (value === values.new_password ? null : 'As senhas não conferem.'),
    },
  });

  const mutation = useMutation({
    mutationFn: (values: typeof form.values) =>
      unwrap(
        api().POST('/api/auth/password', {
          body: { current_password: values.current_password, new_password: values.new_password },
        }),
      ),
    onSuccess: (pair) => {
      saveTokens(pair); // the other sessions were revoked; this one continues with the new pair
      notifications.show({
        color: 'green',
        title: 'Senha alterada',
        message: 'Sua senha foi alterada. As outras sessões abertas foram encerradas.',
      });
      close();
    },
    onError: (error) => setFormError(applyApiError(form, error)),
  });

  function close() {
    form.reset();
    setFormError(null);
    mutation.reset();
    onClose();
  }

  return (
    <Modal opened={opened} onClose={close} title="Alterar senha" centered>
      <form
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          mutation.mutate(values);
        })}
        noValidate
        data-testid="change-password-form"
      >
        <Stack>
          <ErrorAlert message={formError} />
          <PasswordInput label="Senha atual" autoComplete="current-password" required {...form.getInputProps('current_password')} />
          <PasswordInput label="Nova senha" autoComplete="new-password" required {...form.getInputProps('new_password')} />
          <PasswordInput
            label="Confirmar nova senha"
            autoComplete="new-password"
            required
            {...form.getInputProps('confirm_password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={mutation.isPending}>
              Cancelar
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Salvar nova senha
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
