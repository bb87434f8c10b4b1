import { Button, Group, Modal, MultiSelect, NumberInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { ModuleInfo, Plan } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { centsToReais, reaisToCents } from '../../lib/format';
import { applyApiError, requiredText } from '../../lib/forms';
import { useSavePlan } from './masterApi';

interface PlanFormModalProps {
  opened: boolean;
  /** null = "Novo plano". */
  plan: Plan | null;
  modules: ModuleInfo[];
  onClose: () => void;
}

interface PlanFormValues {
  name: string;
  price: number | string;
  user_limit: number | string;
  modules: string[];
}

export function PlanFormModal({ opened, plan, modules, onClose }: PlanFormModalProps) {
  const [formError, setFormError] = useState<string | null>(null);
  const mutation = useSavePlan();
  const form = useForm<PlanFormValues>({
    initialValues: { name: '', price: '', user_limit: '', modules: [] },
    validate: {
      name: requiredText('Informe o nome do plano.'),
      price: (value) => (typeof value === 'number' && value >= 0 ? null : 'Informe o preço mensal.'),
      user_limit: (value) =>
        typeof value === 'number' && Number.isInteger(value) && value >= 1 ? null : 'Informe o limite de usuários (mínimo 1).',
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(
      plan
        ? { name: plan.name, price: centsToReais(plan.monthly_price_cents), user_limit: plan.user_limit, modules: [...plan.modules] }
        : { name: '', price: '', user_limit: '', modules: [] },
    );
    form.clearErrors();
    setFormError(null);
    mutation.reset();
    // Deliberately only when it opens (not on every form change).
  }, [opened, plan]);

  return (
    <Modal opened={opened} onClose={onClose} title={plan ? 'Editar plano' : 'Novo plano'} centered>
      <form
        noValidate
        data-testid="plan-form"
        onSubmit={form.onSubmit((values) => {
          setFormError(null);
          const body = {
            name: values.name.trim(),
            monthly_price_cents: reaisToCents(Number(values.price)),
            user_limit: Number(values.user_limit),
            modules: values.modules,
          };
          mutation.mutate(
            { id: plan?.id ?? null, body },
            {
              onSuccess: (saved) => {
                notifications.show({ color: 'green', message: `Plano salvo: ${saved.name}.` });
                onClose();
              },
              onError: (error) => setFormError(applyApiError(form, error, { monthly_price_cents: 'price' })),
            },
          );
        })}
      >
        <Stack>
          <ErrorAlert message={formError} />
          <TextInput label="Nome do plano" required {...form.getInputProps('name')} />
          <Group grow align="flex-start">
            <NumberInput
              label="Preço mensal"
              required
              min={0}
              prefix="R$ "
              decimalSeparator=","
              thousandSeparator="."
              decimalScale={2}
              fixedDecimalScale
              hideControls
              {...form.getInputProps('price')}
            />
            <NumberInput
              label="Limite de usuários"
              required
              min={1}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('user_limit')}
            />
          </Group>
          <MultiSelect
            label="Módulos incluídos"
            placeholder={form.values.modules.length ? undefined : 'Selecione os módulos'}
            data={modules.map((module) => ({ value: module.key, label: module.label }))}
            searchable
            clearable
            comboboxProps={{ withinPortal: true }}
            {...form.getInputProps('modules')}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
              Cancelar
            </Button>
            <Button type="submit" loading={mutation.isPending}>
              {plan ? 'Salvar' : 'Criar plano'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
