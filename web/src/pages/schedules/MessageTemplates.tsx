/** "Modelos de mensagem": the company's reusable texts (with variables) for scheduled messages. */
import { ActionIcon, Button, Center, Group, Input, Menu, Modal, SegmentedControl, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { Channel, MessageTemplate } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryBoundary } from '../../components/QueryBoundary';
import { ResponsiveTable } from '../../components/ResponsiveTable';
import { FormActions } from '../../components/FormActions';
import { formatDateTime } from '../../lib/format';
import { applyApiError, requiredText } from '../../lib/forms';
import { MessageEditor } from './MessageEditor';
import { CHANNEL_OPTIONS, channelLabel, usesEmail } from './scheduleRules';
import { useDeleteTemplate, useMessageTemplates, useSaveTemplate } from './schedulesApi';

interface TemplateValues {
  name: string;
  channel: Channel;
  subject: string;
  body: string;
}

function TemplateFormModal({ template, opened, onClose, variables }: {
  template: MessageTemplate | null;
  opened: boolean;
  onClose: () => void;
  variables: Record<string, string>;
}) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const save = useSaveTemplate();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<TemplateValues>({
    initialValues: { name: '', channel: 'both', subject: '', body: '' },
    validate: {
      name: requiredText('Informe o nome do modelo.'),
      body: requiredText('Escreva a mensagem.'),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues({
      name: template?.name ?? '',
      channel: template?.channel ?? 'both',
      subject: template?.subject ?? '',
      body: template?.body ?? '',
    });
    form.clearErrors();
    setFormError(null);
    save.reset();
  }, [opened, template?.id]);

  function submit(values: TemplateValues) {
    setFormError(null);
    save.mutate(
      {
        id: template?.id ?? null,
        body: {
          name: values.name.trim(),
          channel: values.channel,
          subject: usesEmail(values.channel) ? values.subject.trim() || null : null,
          body: values.body,
        },
      },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `Modelo "${saved.name}" salvo.` });
          onClose();
        },
        onError: (error) => setFormError(applyApiError(form, error)),
      },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={template ? 'Editar modelo' : 'Novo modelo de mensagem'} size="lg" centered fullScreen={isPhone}>
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="message-template-form">
        <Stack>
          <ErrorAlert message={formError} />
          <TextInput label="Nome do modelo" required placeholder="Ex.: Retorno da proposta" {...form.getInputProps('name')} />
          <Input.Wrapper label="Canal">
            <SegmentedControl
              fullWidth
              mt={4}
              data={CHANNEL_OPTIONS}
              value={form.values.channel}
              onChange={(value) => form.setFieldValue('channel', value as Channel)}
            />
          </Input.Wrapper>
          <MessageEditor
            showSubject={usesEmail(form.values.channel)}
            subject={form.values.subject}
            onSubject={(value) => form.setFieldValue('subject', value)}
            subjectError={form.errors.subject}
            body={form.values.body}
            onBody={(value) => form.setFieldValue('body', value)}
            bodyError={form.errors.body}
            clientId={null}
            variables={variables}
          />
          <FormActions onCancel={onClose} busy={save.isPending} submitLabel="Salvar modelo" />
        </Stack>
      </form>
    </Modal>
  );
}

export function MessageTemplates({ canWrite }: { canWrite: boolean }) {
  const templates = useMessageTemplates();
  const remove = useDeleteTemplate();
  const [editing, setEditing] = useState<MessageTemplate | null>(null);
  const [creating, setCreating] = useState(false);
  const [deleting, setDeleting] = useState<MessageTemplate | null>(null);
  const items = templates.data?.items ?? [];

  return (
    <Stack data-testid="message-templates">
      <Group justify="space-between">
        <Text size="sm" c="dimmed" maw={640}>
          Textos prontos para agendar mensagens. Use variáveis como {'{{ cliente }}'} e {'{{ valor }}'}: elas são preenchidas com
          os dados de cada cliente no momento do envio.
        </Text>
        {canWrite ? (
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} data-testid="message-template-new">
            Novo modelo
          </Button>
        ) : null}
      </Group>
      <QueryBoundary query={templates}>
        {items.length === 0 ? (
          <Center py="xl">
            <Text c="dimmed">Nenhum modelo de mensagem cadastrado.</Text>
          </Center>
        ) : (
          <ResponsiveTable
            rows={items}
            rowKey={(t) => t.id}
            rowTestId={(t) => `message-template-row-${t.id}`}
            minWidth={760}
            columns={[
              { key: 'name', header: 'Nome', render: (t) => <Text size="sm" fw={600}>{t.name}</Text> },
              { key: 'channel', header: 'Canal', nowrap: true, render: (t) => channelLabel(t.channel) },
              {
                key: 'text',
                header: 'Mensagem',
                render: (t) => (
                  <Text size="sm" lineClamp={2} maw={380} style={{ overflowWrap: 'anywhere' }}>
                    {t.subject ? `${t.subject} — ` : ''}
                    {t.body}
                  </Text>
                ),
              },
              { key: 'updated', header: 'Atualizado em', nowrap: true, render: (t) => formatDateTime(t.updated_at) },
            ]}
            actions={
              canWrite
                ? (t) => (
                    <Menu position="bottom-end" withinPortal>
                      <Menu.Target>
                        <ActionIcon variant="subtle" color="gray" aria-label={`Ações de ${t.name}`}>
                          <IconDots size={18} />
                        </ActionIcon>
                      </Menu.Target>
                      <Menu.Dropdown>
                        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => setEditing(t)}>
                          Editar
                        </Menu.Item>
                        <Menu.Item color="red" leftSection={<IconTrash size={16} />} onClick={() => (remove.reset(), setDeleting(t))}>
                          Excluir
                        </Menu.Item>
                      </Menu.Dropdown>
                    </Menu>
                  )
                : undefined
            }
          />
        )}
      </QueryBoundary>
      <TemplateFormModal
        template={editing}
        opened={creating || editing !== null}
        onClose={() => {
          setCreating(false);
          setEditing(null);
        }}
        variables={templates.data?.variables ?? {}}
      />
      <ConfirmModal
        opened={deleting !== null}
        title="Excluir modelo"
        confirmLabel="Excluir"
        loading={remove.isPending}
        error={remove.error}
        onClose={() => setDeleting(null)}
        onConfirm={() =>
          deleting &&
          remove.mutate(deleting.id, {
            onSuccess: () => {
              notifications.show({ color: 'green', message: 'Modelo excluído.' });
              setDeleting(null);
            },
          })
        }
      >
        O modelo "{deleting?.name}" será excluído.
      </ConfirmModal>
    </Stack>
  );
}
