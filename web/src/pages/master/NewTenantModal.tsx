import { Button, Divider, Group, Modal, PasswordInput, Select, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Plan } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyApiError, emailFormat, requiredText } from '../../lib/forms';
import { useCreateTenant } from './masterApi';

const EMPTY = { name: '', plan_id: '', admin_name: '', admin_email: '', admin_password: '' };

export function NewTenantModal({ opened, plans, onClose }: { opened: boolean; plans: Plan[]; onClose: () => void }) {
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useCreateTenant();
  const form = useForm({
    initialValues: EMPTY,
    validate: {
      name: requiredText('Informe o nome da empresa.'),
      plan_id: requiredText('Selecione o plano.'),
      admin_name: requiredText('Informe o nome do administrador.'),
      admin_email: emailFormat,
      admin_password: requiredText('Informe a senha inicial do administrador.'),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(EMPTY);
    form.clearErrors();
    setFormError(null);
    mutation.reset();
    // Deliberately only when it opens (not on every form change).
  }, [opened]);

  return (
    <Modal opened={opened} onClose={onClose} title="Nova empresa" centered>
      <form
        noValidate
        data-testid="tenant-form"
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          mutation.mutate(
            {
              name: values.name.trim(),
              plan_id: values.plan_id,
              admin_name: values.admin_name.trim(),
              admin_email: values.admin_email.trim(),
              admin_password: values.admin_password,
            },
            {
              onSuccess: (created) => {
                notifications.show({
                  color: 'green',
                  title: 'Empresa criada',
                  message: `${created.tenant.name} foi criada. O administrador já pode entrar com ${created.admin.email}.`,
                });
                onClose();
              },
              onError: (error) => setFormError(applyApiError(form, error)),
            },
          );
        })}
      >
        <Stack>
          <ErrorAlert message={formError} />
          <TextInput label="Nome da empresa" required {...form.getInputProps('name')} />
          <Select
            label="Plano"
            placeholder="Selecione"
            required
            data={plans.map((plan) => ({ value: plan.id, label: plan.name }))}
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('plan_id')}
          />
          <Divider label="Administrador da empresa" labelPosition="left" />
          <TextInput label="Nome do administrador" required autoComplete="off" {...form.getInputProps('admin_name')} />
          <TextInput
            label="E-mail do administrador"
            type="email"
            required
            autoComplete="off"
            {...form.getInputProps('admin_email')}
          />
          <PasswordInput
            label="Senha inicial do administrador"
            required
            autoComplete="new-password"
            {...form.getInputProps('admin_password')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancelar
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              Criar empresa
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
