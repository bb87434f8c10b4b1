/**
 * Subject (e-mail) and message with buttons that insert the variables ({{ cliente }}, ...) at the cursor,
 * and a live preview from the API (debounced) with the chosen client's data. An unknown variable or a
 * broken {{ }} shows the API's pt-BR message on the field.
 */
import { Button, Group, Loader, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { IconBraces } from '@tabler/icons-react';
import { useRef } from 'react';
import { ApiError } from '../../api/errors';
import { insertVariable } from './scheduleRules';
import { usePreview } from './schedulesApi';

interface MessageEditorProps {
  showSubject: boolean;
  subject: string;
  onSubject: (value: string) => void;
  subjectError?: unknown;
  body: string;
  onBody: (value: string) => void;
  bodyError?: unknown;
  /** Whose data fills the preview (none: the variables come out empty). */
  clientId: string | null;
  variables: Record<string, string>;
  bodyLabel?: string;
  bodyDescription?: string;
}

type Field = 'subject' | 'body';

export function MessageEditor(props: MessageEditorProps) {
  const { showSubject, subject, onSubject, body, onBody, clientId, variables } = props;
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const subjectRef = useRef<HTMLInputElement>(null);
  const lastField = useRef<Field>('body');
  const [debounced] = useDebouncedValue(JSON.stringify({ body, subject: showSubject ? subject : '', clientId }), 500);
  const input = JSON.parse(debounced) as { body: string; subject: string; clientId: string | null };
  const enabled = input.body.trim() !== '' || input.subject.trim() !== '';
  const preview = usePreview({ body: input.body, subject: input.subject || null, clientId: input.clientId }, enabled);
  const apiError = preview.error instanceof ApiError && preview.error.status === 422 ? preview.error : null;
  const bodyPreviewError = apiError ? (apiError.fieldErrors.body ?? (apiError.fieldErrors.subject ? null : apiError.detail)) : null;
  const subjectPreviewError = apiError?.fieldErrors.subject ?? null;

  function insert(key: string) {
    const field: Field = showSubject ? lastField.current : 'body';
    const element = field === 'subject' ? subjectRef.current : bodyRef.current;
    const current = field === 'subject' ? subject : body;
    const result = insertVariable(current, key, element?.selectionStart, element?.selectionEnd);
    (field === 'subject' ? onSubject : onBody)(result.text);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.cursor, result.cursor);
    });
  }

  const errorText = (formError: unknown, previewError: string | null) =>
    (typeof formError === 'string' && formError) || (previewError ? previewError : undefined);

  return (
    <Stack gap="xs">
      {showSubject ? (
        <TextInput
          ref={subjectRef}
          label="Assunto"
          value={subject}
          onChange={(event) => onSubject(event.currentTarget.value)}
          onFocus={() => (lastField.current = 'subject')}
          error={errorText(props.subjectError, subjectPreviewError)}
          data-testid="message-subject"
        />
      ) : null}
      <Textarea
        ref={bodyRef}
        label={props.bodyLabel ?? 'Mensagem'}
        description={props.bodyDescription}
        autosize
        minRows={4}
        maxRows={12}
        value={body}
        onChange={(event) => onBody(event.currentTarget.value)}
        onFocus={() => (lastField.current = 'body')}
        error={errorText(props.bodyError, bodyPreviewError)}
        data-testid="message-body"
      />
      <div>
        <Text size="xs" c="dimmed" mb={4}>
          Inserir variável{showSubject ? ' (no assunto ou na mensagem, onde estiver o cursor)' : ''}:
        </Text>
        <Group gap={6} data-testid="message-variables">
          {Object.entries(variables).map(([key, label]) => (
            <Button
              key={key}
              size="compact-xs"
              variant="light"
              leftSection={<IconBraces size={12} />}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => insert(key)}
              title={`Insere {{ ${key} }}`}
              aria-label={`Inserir variável {{ ${key} }} (${label})`}
              data-testid={`variable-${key}`}
            >
              {label}
            </Button>
          ))}
        </Group>
      </div>
      <Paper withBorder p="sm" bg="var(--mantine-color-gray-0)" data-testid="message-preview">
        <Group justify="space-between" mb={4}>
          <Text size="xs" c="dimmed">
            Pré-visualização{clientId ? ' com os dados do cliente' : ' (sem cliente, as variáveis ficam vazias)'}
          </Text>
          {preview.isFetching ? <Loader size={12} /> : null}
        </Group>
        {apiError ? (
          <Text size="sm" c="red" data-testid="message-preview-error">
            {apiError.detail}
          </Text>
        ) : preview.isError ? (
          <Text size="sm" c="dimmed">
            Não foi possível gerar a pré-visualização agora.
          </Text>
        ) : !enabled ? (
          <Text size="sm" c="dimmed">
            Escreva a mensagem para ver como o cliente vai recebê-la.
          </Text>
        ) : preview.data ? (
          <Stack gap={4}>
            {showSubject && preview.data.subject ? (
              <Text size="sm" fw={600} data-testid="message-preview-subject">
                {preview.data.subject}
              </Text>
            ) : null}
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} data-testid="message-preview-body">
              {preview.data.body}
            </Text>
          </Stack>
        ) : null}
      </Paper>
    </Stack>
  );
}
