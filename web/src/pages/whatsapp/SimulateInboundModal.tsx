/** Local sandbox only: pretend someone wrote to the company's WhatsApp number. */
import { Button, Group, Modal, Stack, TextInput, Textarea } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { applyApiError, requiredText } from '../../lib/forms';
import { useSimulateInbound } from './whatsappApi';

export function SimulateInboundModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const simulate = useSimulateInbound();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm({
    initialValues: { phone: '', name: '', text: '' },
    validate: { phone: requiredText('Informe o telefone.'), text: requiredText('Escreva a mensagem.') },
  });

  function close() {
    setFormError(null);
    simulate.reset();
    onClose();
  }

  function submit(values: typeof form.values) {
    setFormError(null);
    simulate.mutate(
      { phone: values.phone.trim(), name: values.name.trim() || null, text: values.text.trim() },
      {
        onSuccess: (answer) => {
          if (!answer.delivered) {
            setFormError(`O webhook não aceitou a mensagem (HTTP ${answer.status ?? '?'}).`);
            return;
          }
          notifications.show({ color: 'green', message: 'Mensagem recebida pelo WhatsApp (simulação).' });
          form.reset();
          close();
        },
        onError: (error) => setFormError(applyApiError(form, error)),
      },
    );
  }

  return (
    <Modal opened={opened} onClose={close} title="Simular mensagem recebida" centered>
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="simulate-form">
        <Stack>
          <ErrorAlert message={formError} />
          <TextInput
            label="Telefone"
            description="Com DDD, como o cliente escreveria do celular (ex.: 11 98765-4321)."
            inputMode="tel"
            autoComplete="off"
            {...form.getInputProps('phone')}
          />
          <TextInput label="Nome" description="Nome do perfil no WhatsApp (opcional)." autoComplete="off" {...form.getInputProps('name')} />
          <Textarea label="Texto" autosize minRows={2} maxRows={6} {...form.getInputProps('text')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} disabled={simulate.isPending}>
              Cancelar
            </Button>
            <Button type="submit" loading={simulate.isPending}>
              Simular
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
