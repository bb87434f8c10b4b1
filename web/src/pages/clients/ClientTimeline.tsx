/** "Linha do tempo": newest first, "Carregar mais", and "Adicionar nota". */
import { Button, Center, Group, Paper, Stack, Text, Textarea, ThemeIcon, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconArchive,
  IconArrowsJoin,
  IconArrowRight,
  IconFileImport,
  IconNote,
  IconPencil,
  IconRestore,
  IconShieldLock,
  IconSparkles,
  IconCircleDot,
  IconChecklist,
  IconCircleCheck,
  IconMail,
  IconRotate,
  IconX,
  IconFileText,
  IconSend,
} from '@tabler/icons-react';
import { useState } from 'react';
import type { TimelineEvent } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryBoundary } from '../../components/QueryBoundary';
import { stageLabel } from '../../domain/crm';
import { formatDateTime } from '../../lib/format';
import { formatChangeValue } from './changeFormat';
import { useAddNote, useTimeline, useUserOptions } from './clientsApi';

const ICONS: Record<string, typeof IconNote> = {
  created: IconSparkles,
  updated: IconPencil,
  stage_moved: IconArrowRight,
  note: IconNote,
  archived: IconArchive,
  restored: IconRestore,
  merged: IconArrowsJoin,
  imported: IconFileImport,
  anonymized: IconShieldLock,
  task_created: IconChecklist,
  task_updated: IconChecklist,
  task_completed: IconCircleCheck,
  task_reopened: IconRotate,
  task_cancelled: IconX,
  email_sent: IconMail,
  document_generated: IconFileText,
  document_sent: IconSend,
};

/** pt-BR lines for kinds whose summary the API still answers as the bare kind (Tarefas, Agendamentos). */
const KIND_SUMMARIES: Record<string, string> = {
  task_created: 'Tarefa criada',
  task_updated: 'Tarefa alterada',
  task_completed: 'Tarefa concluída',
  task_reopened: 'Tarefa reaberta',
  task_cancelled: 'Tarefa cancelada',
  email_sent: 'E-mail enviado',
  document_generated: 'Documento gerado',
  document_sent: 'Documento enviado',
};

function EventBody({ event, userName }: { event: TimelineEvent; userName: (id: string) => string | undefined }) {
  const summary = event.summary === event.kind ? (KIND_SUMMARIES[event.kind] ?? event.summary) : event.summary;
  return (
    <Stack gap={2}>
      <Text size="sm" fw={500}>
        {summary}
      </Text>
      {event.from_stage || event.to_stage ? (
        <Text size="sm" data-testid="timeline-stage-move">
          {stageLabel(event.from_stage)} → {stageLabel(event.to_stage)}
        </Text>
      ) : null}
      {(event.changes ?? []).map((change) => (
        <Text size="sm" key={change.field} style={{ overflowWrap: 'anywhere' }}>
          <b>{change.label || change.field}:</b> {formatChangeValue(change.field, change.before, userName)} →{' '}
          {formatChangeValue(change.field, change.after, userName)}
        </Text>
      ))}
      {event.text ? (
        <Paper withBorder p="xs" radius="sm" bg="gray.0">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {event.text}
          </Text>
        </Paper>
      ) : null}
      <Text size="xs" c="dimmed">
        {event.actor_name ?? 'Sistema'} · {formatDateTime(event.at)}
      </Text>
    </Stack>
  );
}

function NoteBox({ clientId }: { clientId: string }) {
  const [text, setText] = useState('');
  const add = useAddNote(clientId);
  return (
    <Stack gap="xs" data-testid="timeline-note">
      <Textarea
        label="Adicionar nota"
        placeholder="Escreva uma observação sobre o atendimento"
        autosize
        minRows={2}
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
      />
      <ErrorAlert error={add.error} />
      <Group justify="flex-end">
        <Button
          disabled={text.trim() === ''}
          loading={add.isPending}
          onClick={() =>
            add.mutate(text.trim(), {
              onSuccess: () => {
                setText('');
                notifications.show({ color: 'green', message: 'Nota adicionada.' });
              },
            })
          }
        >
          Adicionar nota
        </Button>
      </Group>
    </Stack>
  );
}

export function ClientTimeline({ clientId, canWrite }: { clientId: string; canWrite: boolean }) {
  const timeline = useTimeline(clientId);
  const users = useUserOptions();
  const userName = (id: string) => users?.find((user) => user.value === id)?.label;
  const events = timeline.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack maw={760}>
      {canWrite ? <NoteBox clientId={clientId} /> : null}
      <QueryBoundary query={timeline}>
        {events.length === 0 ? (
          <Text c="dimmed">Nenhum evento registrado ainda.</Text>
        ) : (
          <Timeline bulletSize={28} lineWidth={2} data-testid="client-timeline">
            {events.map((event) => {
              const Icon = ICONS[event.kind] ?? IconCircleDot;
              return (
                <Timeline.Item
                  key={event.id}
                  data-testid={`timeline-event-${event.kind}`}
                  bullet={
                    <ThemeIcon size={26} radius="xl" variant="light">
                      <Icon size={15} />
                    </ThemeIcon>
                  }
                >
                  <EventBody event={event} userName={userName} />
                </Timeline.Item>
              );
            })}
          </Timeline>
        )}
        {timeline.hasNextPage ? (
          <Center>
            <Button variant="default" onClick={() => void timeline.fetchNextPage()} loading={timeline.isFetchingNextPage}>
              Carregar mais
            </Button>
          </Center>
        ) : null}
      </QueryBoundary>
    </Stack>
  );
}
