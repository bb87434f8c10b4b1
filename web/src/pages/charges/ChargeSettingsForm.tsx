/**
 * Cobranças > Configurações (cobrancas:write): reminders to the client (channel, days before, on the due date,
 * every n days overdue up to a maximum, the approved WhatsApp template), what happens on payment (card to
 * Cliente Ativo, a receipt) and the default fine and interest of new charges.
 */
import { Button, Card, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/errors';
import type { ChargeSettings } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryBoundary } from '../../components/QueryBoundary';
import {
  MAX_FINE_PERCENT,
  MAX_INTEREST_PERCENT,
  SETTINGS_FIELD_ALIASES,
  checkPercent,
  settingsBody,
  settingsFormValues,
  type SettingsFormValues,
} from './chargeRules';
import { useChargeSettings, useSaveChargeSettings } from './chargesApi';

const CHANNELS = [
  { value: 'whatsapp', label: 'WhatsApp' },
  { value: 'email', label: 'E-mail' },
];

const dayCount = { min: 1, max: 30, allowDecimal: false, allowNegative: false, clampBehavior: 'strict' } as const;

export function ChargeSettingsForm() {
  const settings = useChargeSettings();
  return <QueryBoundary query={settings}>{settings.data ? <SettingsEditor settings={settings.data} /> : null}</QueryBoundary>;
}

function SettingsEditor({ settings }: { settings: ChargeSettings }) {
  const save = useSaveChargeSettings();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<SettingsFormValues>({
    initialValues: settingsFormValues(settings),
    validate: {
      default_fine_percent: (value) => checkPercent(value, MAX_FINE_PERCENT, 'A multa'),
      default_interest_percent: (value) => checkPercent(value, MAX_INTEREST_PERCENT, 'O juro'),
    },
  });

  // Another tab (or person) saved them: refill, unless this form has unsaved changes.
  useEffect(() => {
    if (form.isDirty()) return;
    form.setValues(settingsFormValues(settings));
    form.resetDirty(settingsFormValues(settings));
  }, [settings]);

  function submit(values: SettingsFormValues) {
    setFormError(null);
    save.mutate(settingsBody(values), {
      onSuccess: (saved) => {
        form.setValues(settingsFormValues(saved));
        form.resetDirty(settingsFormValues(saved));
        notifications.show({ color: 'green', message: 'Configurações de cobrança salvas.' });
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) return setFormError(errorMessage(error));
        let unplaced = Object.keys(error.fieldPaths).length === 0;
        for (const [path, message] of Object.entries(error.fieldPaths)) {
          const field = SETTINGS_FIELD_ALIASES[path] ?? (path in form.getValues() ? (path as keyof SettingsFormValues) : null);
          if (field) form.setFieldError(field, message.charAt(0).toUpperCase() + message.slice(1));
          else unplaced = true;
        }
        setFormError(unplaced ? error.detail : null);
      },
    });
  }

  const reminders = form.values.reminders_enabled;
  return (
        <form onSubmit={form.onSubmit(submit)} noValidate data-testid="charge-settings">
          <Stack gap="md" maw={760}>
            <ErrorAlert message={formError} />
            <Card withBorder radius="md" padding="md">
              <Title order={4}>Lembretes ao cliente</Title>
              <Text size="sm" c="dimmed" mb="sm">
                Mensagens agendadas automaticamente quando a cobrança é emitida (aparecem em Agendamentos).
              </Text>
              <Stack gap="sm">
                <Switch
                  label="Enviar lembretes de cobrança"
                  {...form.getInputProps('reminders_enabled', { type: 'checkbox' })}
                  data-testid="settings-reminders-enabled"
                />
                <SimpleGrid cols={{ base: 1, xs: 2 }}>
                  <Select
                    label="Canal"
                    data={CHANNELS}
                    allowDeselect={false}
                    disabled={!reminders}
                    comboboxProps={{ withinPortal: true }}
                    {...form.getInputProps('channel')}
                    data-testid="settings-channel"
                  />
                  <NumberInput
                    label="Dias antes do vencimento"
                    description="Vazio: sem aviso antes"
                    disabled={!reminders}
                    {...dayCount}
                    {...form.getInputProps('days_before')}
                    data-testid="settings-days-before"
                  />
                  <NumberInput
                    label="Depois de vencida, repetir a cada (dias)"
                    description="Vazio: sem avisos após o vencimento"
                    disabled={!reminders}
                    {...dayCount}
                    {...form.getInputProps('overdue_every_days')}
                    data-testid="settings-overdue-every"
                  />
                  <NumberInput
                    label="Máximo de avisos após o vencimento"
                    min={0}
                    max={10}
                    allowDecimal={false}
                    allowNegative={false}
                    clampBehavior="strict"
                    disabled={!reminders}
                    {...form.getInputProps('overdue_max')}
                    data-testid="settings-overdue-max"
                  />
                </SimpleGrid>
                <Checkbox
                  label="Avisar no dia do vencimento"
                  disabled={!reminders}
                  {...form.getInputProps('on_due_date', { type: 'checkbox' })}
                  data-testid="settings-on-due-date"
                />
                <TextInput
                  label="Modelo aprovado do WhatsApp"
                  description="Nome do modelo aprovado pela Meta, usado fora da janela de 24 horas"
                  maxLength={120}
                  disabled={!reminders || form.values.channel !== 'whatsapp'}
                  {...form.getInputProps('whatsapp_template')}
                  data-testid="settings-whatsapp-template"
                />
              </Stack>
            </Card>
            <Card withBorder radius="md" padding="md">
              <Title order={4} mb="sm">
                Quando a cobrança for paga
              </Title>
              <Stack gap="sm">
                <Checkbox
                  label='Mover o card do cliente para "Cliente Ativo"'
                  {...form.getInputProps('move_card_on_payment', { type: 'checkbox' })}
                  data-testid="settings-move-card"
                />
                <Checkbox
                  label="Gerar um recibo (Documentos)"
                  {...form.getInputProps('receipt_on_payment', { type: 'checkbox' })}
                  data-testid="settings-receipt"
                />
              </Stack>
            </Card>
            <Card withBorder radius="md" padding="md">
              <Title order={4}>Multa e juros padrão</Title>
              <Text size="sm" c="dimmed" mb="sm">
                Sugeridos em cada nova cobrança. Para consumidores, a lei limita a multa a {MAX_FINE_PERCENT}% e os juros a {MAX_INTEREST_PERCENT}% ao mês.
              </Text>
              <SimpleGrid cols={2}>
                <NumberInput
                  label="Multa padrão (%)"
                  decimalSeparator=","
                  decimalScale={2}
                  allowNegative={false}
                  min={0}
                  max={MAX_FINE_PERCENT}
                  hideControls
                  suffix=" %"
                  {...form.getInputProps('default_fine_percent')}
                  data-testid="settings-fine"
                />
                <NumberInput
                  label="Juros padrão ao mês (%)"
                  decimalSeparator=","
                  decimalScale={2}
                  allowNegative={false}
                  min={0}
                  max={MAX_INTEREST_PERCENT}
                  hideControls
                  suffix=" %"
                  {...form.getInputProps('default_interest_percent')}
                  data-testid="settings-interest"
                />
              </SimpleGrid>
            </Card>
            <Group justify="flex-end">
              <Button type="submit" loading={save.isPending} data-testid="charge-settings-save">
                Salvar configurações
              </Button>
            </Group>
          </Stack>
        </form>
  );
}
