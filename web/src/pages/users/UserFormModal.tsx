import { Button, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyApiError, emailFormat, requiredText } from '../../lib/forms';
import { useCreateUser, useUpdateUser } from './usersApi';

interface UserFormModalProps {
  opened: boolean;
  /** The user being edited; null = "Novo usuário". */
  user: User | null;
  roleOptions: { value: string; label: string }[];
  onClose: () => void;
}

export function UserFormModal({ opened, user, roleOptions, onClose }: UserFormModalProps) {
  const isNew = user === null;
  const [formError, setFormError] = useState<string | null>(null);
  const createUser = useCreateUser();
  const updateUser = useUpdateUser();
  const mutation = isNew ? createUser : updateUser;

  const form = useForm({
    initialValues: { name: '', email: '', role: '', password: '' },
    validate: {
      name: requiredText('Informe o nome.'),
      email: emailFormat,
      role: requiredText('Selecione o papel.'),
      password: (value) => (isNew && value === '' ? 'Informe uma senha inicial.' : null),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues({ name: user?.name ?? '', email: user?.email ?? '', role: user?.role ?? '', password: '' });
    form.resetDirty();
    form.clearErrors();
    setFormError(null);
    createUser.reset();
    updateUser.reset();
    // Deliberately only when it opens (not on every form change).
  }, [opened, user]);

  function submit(values: typeof form.values) {
    setFormError(null);
    const onError = (error: unknown) => setFormError(applyApiError(form, error));
    if (isNew) {
      createUser.mutate(
        { name: values.name.trim(), email: values.email.trim(), role: values.role, password: values.password },
        {
          onSuccess: (created) => {
            notifications.show({ color: 'green', message: `Usuário ${created.name} criado.` });
            onClose();
          },
          onError,
        },
      );
    } else {
      updateUser.mutate(
        { id: user.id, body: { name: values.name.trim(), email: values.email.trim(), role: values.role } },
        {
          onSuccess: (updated) => {
            notifications.show({ color: 'green', message: `Dados de ${updated.name} atualizados.` });
            onClose();
          },
          onError,
        },
      );
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={isNew ? 'Novo usuário' : 'Editar usuário'} centered>
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="user-form">
        <Stack>
          <ErrorAlert message={formError} />
          <TextInput label="Nome" required autoComplete="off" {...form.getInputProps('name')} />
          <TextInput label="E-mail" type="email" required autoComplete="off" {...form.getInputProps('email')} />
          <Select
            label="Papel"
            placeholder="Selecione"
            required
            data={roleOptions}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('role')}
          />
          {isNew ? (
            <PasswordInput
              label="Senha inicial"
              description="Informe a senha ao usuário; ele poderá alterá-la depois."
              required
              autoComplete="new-password"
              {...form.getInputProps('password')}
            />
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancelar
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {isNew ? 'Criar usuário' : 'Salvar'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
