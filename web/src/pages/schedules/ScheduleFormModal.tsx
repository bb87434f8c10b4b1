/**
 * "Agendar mensagem" / "Editar agendamento": target (a client, or a loose phone/e-mail), channel, the
 * message (company template, variables, live preview) or an approved WhatsApp template, when (São Paulo
 * time, not in the past), purpose and repetition. The API's field errors land on their inputs.
 */
import { Input, Modal, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../api/errors';
import type { Channel, Schedule } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { canUseModule } from '../../auth/permissions';
import { ClientSelect, type ClientOption } from '../../components/ClientSelect';
import { DayInput, TimeField } from '../../components/DayTimeInputs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MaskedInput } from '../../components/MaskedInput';
import { FormActions } from '../../components/FormActions';
import { isPastMinute, nextWholeHour, spParts, spToday, toApiDateTime } from '../../lib/datetime';
import { formatDateTime } from '../../lib/format';
import { formatPhone, PHONE_MASK, phoneToE164 } from '../../lib/masks';
import { templateKey } from '../whatsapp/inbox';
import { useClient } from '../clients/clientsApi';
import { useWhatsAppStatus } from '../whatsapp/whatsappApi';
import { MessageEditor } from './MessageEditor';
import {
  CHANNEL_OPTIONS,
  PURPOSE_OPTIONS,
  contactHint,
  defaultChannel,
  REPEAT_OPTIONS,
  formFieldFor,
  needsBody,
  scheduleBody,
  usesEmail,
  usesWhatsApp,
  type ScheduleFormValues,
} from './scheduleRules';
import { useMessageTemplates, useSaveSchedule } from './schedulesApi';
import { WhatsAppTemplateFields } from './WhatsAppTemplateFields';

export interface SchedulePrefill {
  client?: ClientOption | null;
  cardId?: string | null;
}

interface ScheduleFormModalProps {
  opened: boolean;
  onClose: () => void;
  schedule?: Schedule | null;
  prefill?: SchedulePrefill;
}

function initialValues(schedule: Schedule | null | undefined, prefill: SchedulePrefill | undefined): ScheduleFormValues {
  if (schedule) {
    const when = spParts(schedule.send_at);
    const wa = schedule.whatsapp_template;
    return {
      target: schedule.client_id ? 'client' : 'avulso',
      client_id: schedule.client_id,
      phone: schedule.to_phone ? formatPhone(schedule.to_phone) : '',
      email: schedule.to_email ?? '',
      channel: schedule.channel,
      use_wa_template: Boolean(wa),
      wa_template: wa ? templateKey({ name: wa.name, language: wa.language ?? 'pt_BR' }) : null,
      wa_params: wa?.parameters ?? [],
      subject: schedule.subject ?? '',
      body: schedule.body ?? '',
      day: when?.day ?? null,
      time: when?.time ?? '',
      purpose: schedule.purpose,
      repeat: schedule.repeat?.every ?? 'none',
      until: schedule.repeat?.until ?? null,
    };
  }
  const when = nextWholeHour();
  return {
    target: 'client',
    client_id: prefill?.client?.id ?? null,
    phone: '',
    email: '',
    channel: defaultChannel(prefill?.client),
    use_wa_template: false,
    wa_template: null,
    wa_params: [],
    subject: '',
    body: '',
    day: when.day,
    time: when.time,
    purpose: 'outro',
    repeat: 'none',
    until: null,
  };
}

const phoneDigits = (value: string) => value.replace(/\D/g, '').length;

export function ScheduleFormModal({ opened, onClose, schedule, prefill }: ScheduleFormModalProps) {
  const me = useMe();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const canWhatsApp = canUseModule(me, 'whatsapp');
  const waStatus = useWhatsAppStatus(canWhatsApp);
  const waTemplates = waStatus.data?.templates ?? [];
  const templates = useMessageTemplates();
  const save = useSaveSchedule();
  const [formError, setFormError] = useState<string | null>(null);
  const [picked, setPicked] = useState<string | null>(null);
  const initialClient: ClientOption | null = schedule?.client_id
    ? { id: schedule.client_id, name: schedule.client_name ?? 'Cliente' }
    : (prefill?.client ?? null);
  const keepTemplateId = schedule?.template_id ?? null;
  const channelChosen = useRef(Boolean(schedule));

  const form = useForm<ScheduleFormValues>({
    initialValues: initialValues(schedule, prefill),
    validate: (values) => {
      const errors: Record<string, string | null> = {};
      const wa = usesWhatsApp(values.channel);
      const email = usesEmail(values.channel);
      if (values.target === 'client' && !values.client_id) errors.client_id = 'Escolha o cliente.';
      if (values.target === 'avulso') {
        if (wa && ![10, 11].includes(phoneDigits(values.phone))) errors.phone = 'Informe um telefone com DDD.';
        if (email && !/^\S+@\S+\.\S+$/.test(values.email.trim())) errors.email = 'Informe um e-mail válido.';
      }
      if (email && !values.subject.trim() && !keepTemplateId) errors.subject = 'Informe o assunto do e-mail.';
      if (needsBody(values) && !values.body.trim() && !keepTemplateId) errors.body = 'Escreva a mensagem ou escolha um modelo.';
      if (wa && values.use_wa_template) {
        if (!values.wa_template) errors.wa_template = 'Escolha o modelo aprovado.';
        values.wa_params.forEach((param, index) => {
          if (!param.trim()) errors[`wa_params.${index}`] = 'Preencha o parâmetro.';
        });
      }
      if (!values.day) errors.day = 'Informe a data do envio.';
      else if (!toApiDateTime(values.day, values.time)) errors.time = 'Informe a hora (HH:mm).';
      else if (isPastMinute(values.day, values.time)) errors.time = 'A data e hora do envio já passaram.';
      if (values.repeat !== 'none' && values.until && values.day && values.until < values.day) {
        errors.until = 'O fim da repetição deve ser depois do primeiro envio.';
      }
      return errors;
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(initialValues(schedule, prefill));
    form.resetDirty();
    form.clearErrors();
    setFormError(null);
    setPicked(null);
    channelChosen.current = Boolean(schedule);
    save.reset();
    // Only when it opens.
  }, [opened, schedule?.id]);

  const values = form.values;
  // The chosen client's contacts: the hint under the field and, until the channel is picked by hand, the
  // default channel (e-mail for a client without WhatsApp).
  const clientId = values.target === 'client' ? (values.client_id ?? undefined) : undefined;
  const detail = useClient(opened ? clientId : undefined).data;
  const client = detail && detail.id === clientId ? detail : null;
  useEffect(() => {
    if (!client || channelChosen.current) return;
    form.setFieldValue('channel', defaultChannel(client));
  }, [client?.id, opened]);
  const wa = usesWhatsApp(values.channel);
  const email = usesEmail(values.channel);
  const companyTemplates = (templates.data?.items ?? []).filter(
    (t) => values.channel === 'both' || t.channel === 'both' || t.channel === values.channel,
  );

  function applyTemplate(id: string | null) {
    setPicked(id);
    const template = templates.data?.items.find((t) => t.id === id);
    if (!template) return;
    form.setFieldValue('body', template.body);
    if (template.subject) form.setFieldValue('subject', template.subject);
  }

  function submit(submitted: ScheduleFormValues) {
    setFormError(null);
    const body = scheduleBody(submitted, { card_id: schedule ? schedule.card_id : prefill?.cardId, charge_id: schedule?.charge_id, template_id: keepTemplateId });
    save.mutate(
      { id: schedule?.id ?? null, body },
      {
        onSuccess: (saved) => {
          notifications.show({
            color: 'green',
            message: schedule ? 'Agendamento atualizado.' : `Mensagem agendada para ${formatDateTime(saved.send_at)}.`,
          });
          onClose();
        },
        onError: (error) => {
          if (!(error instanceof ApiError)) return setFormError('Não foi possível salvar o agendamento.');
          let unplaced = Object.keys(error.fieldPaths).length === 0;
          for (const [path, message] of Object.entries(error.fieldPaths)) {
            const field = formFieldFor(path);
            if (field) form.setFieldError(field, message.charAt(0).toUpperCase() + message.slice(1));
            else unplaced = true;
          }
          if (unplaced) setFormError(error.detail);
        },
      },
    );
  }

  const clientHint = client ? contactHint(client) : null;

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={schedule ? 'Editar agendamento' : 'Agendar mensagem'}
      size="lg"
      centered
      fullScreen={isPhone}
    >
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="schedule-form">
        <Stack>
          <ErrorAlert message={formError} />
          <Input.Wrapper label="Enviar para">
            <SegmentedControl
              fullWidth
              mt={4}
              data={[
                { value: 'client', label: 'Cliente cadastrado' },
                { value: 'avulso', label: 'Destino avulso' },
              ]}
              value={values.target}
              onChange={(value) => form.setFieldValue('target', value as ScheduleFormValues['target'])}
              data-testid="schedule-target"
            />
          </Input.Wrapper>
          {values.target === 'client' ? (
            <ClientSelect
              label="Cliente"
              initial={initialClient}
              value={values.client_id}
              onChange={(option) => form.setFieldValue('client_id', option?.id ?? null)}
              error={form.errors.client_id}
              description={clientHint ?? undefined}
              data-testid="schedule-client"
            />
          ) : (
            <SimpleGrid cols={{ base: 1, xs: 2 }}>
              {wa ? (
                <MaskedInput
                  label="Telefone"
                  mask={PHONE_MASK}
                  inputMode="tel"
                  placeholder="(11) 98765-4321"
                  description={phoneToE164(values.phone) ?? 'Com DDD; vai pelo WhatsApp.'}
                  data-testid="schedule-phone"
                  {...form.getInputProps('phone')}
                />
              ) : null}
              {email ? (
                <TextInput label="E-mail" type="email" data-testid="schedule-email" {...form.getInputProps('email')} />
              ) : null}
            </SimpleGrid>
          )}
          <Input.Wrapper label="Canal" error={form.errors.channel}>
            <SegmentedControl
              fullWidth
              mt={4}
              data={CHANNEL_OPTIONS}
              value={values.channel}
              onChange={(value) => {
                channelChosen.current = true;
                form.setFieldValue('channel', value as Channel);
              }}
              data-testid="schedule-channel"
            />
          </Input.Wrapper>
          {wa && canWhatsApp ? (
            <WhatsAppTemplateFields
              templates={waTemplates}
              enabled={values.use_wa_template}
              onEnabled={(checked) => form.setFieldValue('use_wa_template', checked)}
              value={values.wa_template}
              onChange={(key, count) => {
                form.setFieldValue('wa_template', key);
                form.setFieldValue('wa_params', Array.from({ length: count }, (_, i) => values.wa_params[i] ?? ''));
              }}
              params={values.wa_params}
              onParams={(params) => form.setFieldValue('wa_params', params)}
              error={form.errors.wa_template}
              paramErrors={Object.fromEntries(values.wa_params.map((_, i) => [i, form.errors[`wa_params.${i}`] as string | undefined]))}
              alsoEmail={values.channel === 'both'}
            />
          ) : null}
          {needsBody(values) ? (
            <>
              {companyTemplates.length > 0 ? (
                <Select
                  label="Modelo de mensagem"
                  placeholder="Opcional: preenche o assunto e a mensagem"
                  data={companyTemplates.map((t) => ({ value: t.id, label: t.name }))}
                  value={picked}
                  onChange={applyTemplate}
                  clearable
                  comboboxProps={{ withinPortal: true }}
                  data-testid="schedule-template"
                />
              ) : null}
              <MessageEditor
                showSubject={email}
                subject={values.subject}
                onSubject={(value) => form.setFieldValue('subject', value)}
                subjectError={form.errors.subject}
                body={values.body}
                onBody={(value) => form.setFieldValue('body', value)}
                bodyError={form.errors.body}
                clientId={values.target === 'client' ? values.client_id : null}
                variables={templates.data?.variables ?? {}}
                bodyDescription={keepTemplateId && !values.body ? 'Em branco: vai o texto do modelo de mensagem escolhido ao agendar.' : undefined}
              />
            </>
          ) : null}
          <SimpleGrid cols={2}>
            <DayInput label="Data do envio" minDate={spToday()} data-testid="schedule-day" {...form.getInputProps('day')} />
            <TimeField label="Hora" data-testid="schedule-time" {...form.getInputProps('time')} />
          </SimpleGrid>
          <Text size="xs" c="dimmed" mt={-8}>
            Horário de Brasília (São Paulo).
          </Text>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select label="Finalidade" data={PURPOSE_OPTIONS} comboboxProps={{ withinPortal: true }} data-testid="schedule-purpose" {...form.getInputProps('purpose')} />
            <Select label="Repetição" data={REPEAT_OPTIONS} comboboxProps={{ withinPortal: true }} data-testid="schedule-repeat" {...form.getInputProps('repeat')} />
          </SimpleGrid>
          {values.repeat !== 'none' ? (
            <DayInput
              label="Até"
              description="Opcional: sem data, repete até ser cancelado."
              clearable
              minDate={values.day ?? spToday()}
              data-testid="schedule-until"
              {...form.getInputProps('until')}
            />
          ) : null}
          <FormActions onCancel={onClose} busy={save.isPending} submitLabel={schedule ? 'Salvar' : 'Agendar'} submitTestId="schedule-save" />
        </Stack>
      </form>
    </Modal>
  );
}

export default ScheduleFormModal;
