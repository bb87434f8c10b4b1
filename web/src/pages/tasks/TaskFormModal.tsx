/**
 * "Nova tarefa" / "Criar retorno" / "Editar tarefa". A deadline without a time is sent as that day at
 * 23:59 (due_has_time false). From a client or a card the link comes pre-filled, and the task can become
 * the card's next step.
 */
import { Checkbox, Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { Task, TaskUpdate } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { ClientSelect, type ClientOption } from '../../components/ClientSelect';
import { DayInput, TimeField } from '../../components/DayTimeInputs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { addDays, spParts, spToday } from '../../lib/datetime';
import { applyApiError, requiredText } from '../../lib/forms';
import { useUserOptions } from '../clients/clientsApi';
import { PRIORITIES, deadline, seesTeam, taskBody, type TaskFormValues } from './taskRules';
import { useCreateTask, useUpdateTask } from './tasksApi';

export interface TaskPrefill {
  client?: ClientOption | null;
  cardId?: string | null;
  title?: string;
}

interface TaskFormModalProps {
  opened: boolean;
  onClose: () => void;
  /** The task being edited; null/undefined = a new one. */
  task?: Task | null;
  prefill?: TaskPrefill;
  /** Modal title for a new task ("Nova tarefa" or "Criar retorno"). */
  title?: string;
}

function initialValues(task: Task | null | undefined, prefill: TaskPrefill | undefined, ownerId: string): TaskFormValues {
  if (task) {
    const due = spParts(task.due_at);
    return {
      title: task.title,
      notes: task.notes ?? '',
      owner_id: task.owner_id,
      day: due?.day ?? null,
      time: task.due_has_time ? (due?.time ?? '') : '',
      priority: task.priority,
      client_id: task.client_id,
      set_as_next_step: false,
    };
  }
  return {
    title: prefill?.title ?? '',
    notes: '',
    owner_id: ownerId,
    day: addDays(spToday(), 1),
    time: '',
    priority: 'media',
    client_id: prefill?.client?.id ?? null,
    set_as_next_step: false,
  };
}

export function TaskFormModal({ opened, onClose, task, prefill, title }: TaskFormModalProps) {
  const me = useMe();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const users = useUserOptions();
  const canPickOwner = users !== null && seesTeam(me);
  const create = useCreateTask();
  const update = useUpdateTask();
  const mutation = task ? update : create;
  const [formError, setFormError] = useState<string | null>(null);
  const initialClient: ClientOption | null = task?.client_id
    ? { id: task.client_id, name: task.client_name ?? 'Cliente' }
    : (prefill?.client ?? null);

  const form = useForm<TaskFormValues>({
    initialValues: initialValues(task, prefill, me.user.id),
    validate: {
      title: requiredText('Informe o título.'),
      day: (value) => (value ? null : 'Informe a data do prazo.'),
      time: (value, values) => (values.day && deadline(values.day, value) === null ? 'Hora inválida (use HH:mm).' : null),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(initialValues(task, prefill, me.user.id));
    form.resetDirty();
    form.clearErrors();
    setFormError(null);
    create.reset();
    update.reset();
    // Only when it opens.
  }, [opened, task?.id]);

  function submit(values: TaskFormValues) {
    setFormError(null);
    const onError = (error: unknown) => setFormError(applyApiError(form, error, { due_at: 'day', due_has_time: 'time' }));
    if (!task) {
      create.mutate(taskBody(values, { client_id: prefill?.client?.id, card_id: prefill?.cardId }), {
        onSuccess: (created) => {
          notifications.show({
            color: 'green',
            message: values.set_as_next_step && created.card_id ? 'Tarefa criada e definida como próximo passo do card.' : 'Tarefa criada.',
          });
          onClose();
        },
        onError,
      });
      return;
    }
    const body = taskBody(values, {});
    const changes: TaskUpdate = {
      title: body.title,
      notes: body.notes ?? null,
      due_at: body.due_at,
      due_has_time: body.due_has_time,
      priority: body.priority,
    };
    if (canPickOwner && values.owner_id && values.owner_id !== task.owner_id) changes.owner_id = values.owner_id;
    if (values.client_id !== task.client_id) changes.client_id = values.client_id;
    update.mutate(
      { id: task.id, body: changes },
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Tarefa atualizada.' });
          onClose();
        },
        onError,
      },
    );
  }

  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={task ? 'Editar tarefa' : (title ?? 'Nova tarefa')}
      centered
      fullScreen={isPhone}
      size="lg"
    >
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="task-form">
        <Stack>
          <ErrorAlert message={formError} />
          <TextInput label="Título" required placeholder="Ex.: Ligar para retomar a proposta" data-autofocus {...form.getInputProps('title')} />
          <Textarea label="Observações" autosize minRows={2} maxRows={6} {...form.getInputProps('notes')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <DayInput label="Prazo" required data-testid="task-day" {...form.getInputProps('day')} />
            <TimeField
              label="Hora (opcional)"
              description="Sem hora, vale até o fim do dia."
              data-testid="task-time"
              {...form.getInputProps('time')}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select label="Prioridade" data={PRIORITIES} comboboxProps={{ withinPortal: true }} {...form.getInputProps('priority')} />
            {canPickOwner ? (
              <Select
                label="Responsável"
                data={users}
                searchable
                comboboxProps={{ withinPortal: true }}
                data-testid="task-owner"
                {...form.getInputProps('owner_id')}
              />
            ) : null}
          </SimpleGrid>
          <ClientSelect
            label="Cliente"
            description="Opcional: a tarefa aparece na página do cliente."
            initial={initialClient}
            value={form.values.client_id}
            onChange={(client) => form.setFieldValue('client_id', client?.id ?? null)}
            error={form.errors.client_id}
            data-testid="task-client"
          />
          {!task && form.values.client_id ? (
            <Checkbox
              label="Usar como próximo passo do card"
              description="O título e a data viram o próximo passo do card do cliente no funil."
              data-testid="task-next-step"
              {...form.getInputProps('set_as_next_step', { type: 'checkbox' })}
            />
          ) : null}
          <FormActions onCancel={onClose} busy={mutation.isPending} submitLabel={task ? 'Salvar' : 'Criar tarefa'} submitTestId="task-save" />
        </Stack>
      </form>
    </Modal>
  );
}

export default TaskFormModal;
