/**
 * One kind's template: a monospace textarea, the placeholders (a click inserts `{{ ... }}` at the cursor),
 * Salvar (the API's pt-BR error names the line; "Ir para a linha" selects it), Restaurar padrão and
 * Pré-visualizar (the sample PDF in an iframe).
 */
import { Badge, Button, Code, Grid, Group, Paper, ScrollArea, Stack, Text, Textarea, TextInput, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDeviceFloppy, IconEye, IconRestore, IconSearch } from '@tabler/icons-react';
import { useMemo, useRef, useState } from 'react';
import { errorMessage } from '../../api/errors';
import type { DocPlaceholder, DocTemplate } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useResetDocumentTemplate, useSaveDocumentTemplate, useTemplatePreview } from './documentsApi';
import { PdfFrame } from './PdfFrame';
import { errorLine, groupPlaceholders, insertPlaceholder, lineRange, splitErrorHint } from './templateRules';

/** Examples may carry the markup a placeholder outputs (<br>): shown as plain text. */
const plain = (text: string) => text.replace(/<br\s*\/?>/gi, ' · ').replace(/<[^>]+>/g, '');
const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();

function Placeholders({ items, onPick }: { items: readonly DocPlaceholder[]; onPick: (placeholder: string) => void }) {
  const [search, setSearch] = useState('');
  const groups = useMemo(() => {
    const q = fold(search.trim());
    const found = q ? items.filter((p) => fold(`${p.placeholder} ${p.description}`).includes(q)) : items;
    return groupPlaceholders(found);
  }, [items, search]);
  return (
    <Paper withBorder radius="md" p="sm" data-testid="template-placeholders">
      <Text fw={600} size="sm">
        Campos
      </Text>
      <Text size="xs" c="dimmed" mb="xs">
        Clique para inserir onde está o cursor.
      </Text>
      <TextInput size="xs" placeholder="Buscar campo" leftSection={<IconSearch size={14} />} value={search} onChange={(e) => setSearch(e.currentTarget.value)} mb="xs" aria-label="Buscar campo" />
      <ScrollArea h={480} type="auto" offsetScrollbars>
        <Stack gap="sm">
          {groups.map((group) => (
            <Stack key={group.group} gap={2}>
              <Text size="xs" tt="uppercase" c="dimmed" fw={700}>
                {group.group}
              </Text>
              {group.items.map((p) => (
                <UnstyledButton
                  key={p.placeholder}
                  onMouseDown={(event) => event.preventDefault()}
                  onClick={() => onPick(p.placeholder)}
                  title={p.example ? `Exemplo: ${plain(p.example)}` : undefined}
                  aria-label={`Inserir {{ ${p.placeholder} }} (${p.description})`}
                  data-testid={`placeholder-${p.placeholder}`}
                  style={{ display: 'block', padding: '4px 6px', borderRadius: 'var(--mantine-radius-sm)' }}
                >
                  <Code fz="xs">{`{{ ${p.placeholder} }}`}</Code>
                  <Text size="xs">{p.description}</Text>
                  {p.example ? (
                    <Text size="xs" c="dimmed" lineClamp={1}>
                      Ex.: {plain(p.example)}
                    </Text>
                  ) : null}
                </UnstyledButton>
              ))}
            </Stack>
          ))}
          {groups.length === 0 ? (
            <Text size="xs" c="dimmed">
              Nenhum campo encontrado.
            </Text>
          ) : null}
        </Stack>
      </ScrollArea>
    </Paper>
  );
}

interface TemplateEditorProps {
  template: DocTemplate;
  placeholders: readonly DocPlaceholder[];
  draft: string;
  onDraft: (body: string) => void;
}

export function TemplateEditor({ template, placeholders, draft, onDraft }: TemplateEditorProps) {
  const area = useRef<HTMLTextAreaElement>(null);
  const save = useSaveDocumentTemplate();
  const reset = useResetDocumentTemplate();
  const preview = useTemplatePreview();
  const [resetting, setResetting] = useState(false);
  const dirty = draft !== template.body;
  const failure = save.error ?? preview.error;
  const problem = failure ? splitErrorHint(errorMessage(failure)) : null;
  const line = errorLine(problem?.main);

  function insert(placeholder: string) {
    const element = area.current;
    const result = insertPlaceholder(draft, placeholder, element?.selectionStart, element?.selectionEnd);
    onDraft(result.text);
    requestAnimationFrame(() => {
      element?.focus();
      element?.setSelectionRange(result.cursor, result.cursor);
    });
  }

  function goToLine(n: number) {
    const element = area.current;
    if (!element) return;
    const range = lineRange(draft, n);
    element.focus();
    element.setSelectionRange(range.start, range.end);
  }

  return (
    <Grid gutter="lg" data-testid={`template-editor-${template.kind}`}>
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="sm">
          <Group gap="xs">
            {template.is_default ? (
              <Badge variant="light" color="gray" data-testid="template-default">
                Modelo padrão
              </Badge>
            ) : (
              <Badge variant="light" color="blue" data-testid="template-custom">
                Personalizado
              </Badge>
            )}
            {template.updated_at ? (
              <Text size="xs" c="dimmed">
                Alterado em {formatDateTime(template.updated_at)}
                {template.updated_by_name ? ` por ${template.updated_by_name}` : ''}
              </Text>
            ) : null}
            {dirty ? (
              <Badge variant="outline" color="orange" data-testid="template-dirty">
                Alterações não salvas
              </Badge>
            ) : null}
          </Group>
          {problem ? (
            <Stack gap={4} data-testid="template-error">
              <ErrorAlert message={problem.main} />
              {problem.hint ? (
                <Text size="xs" c="dimmed" lineClamp={3} title={problem.hint} style={{ overflowWrap: 'anywhere' }}>
                  {problem.hint}
                </Text>
              ) : null}
              {line ? (
                <Button variant="subtle" size="xs" onClick={() => goToLine(line)} style={{ alignSelf: 'flex-start' }} data-testid="template-error-line">
                  Ir para a linha {line}
                </Button>
              ) : null}
            </Stack>
          ) : null}
          <Textarea
            ref={area}
            label="Modelo"
            description="HTML simples (h1–h3, p, b, i, u, br, ul/ol/li, table/tr/th/td, hr) com campos {{ … }} e repetições {% for item in itens %} … {% endfor %}"
            autosize
            minRows={18}
            maxRows={32}
            spellCheck={false}
            value={draft}
            onChange={(event) => onDraft(event.currentTarget.value)}
            styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 13, lineHeight: 1.5 } }}
            data-testid="template-body"
          />
          <Group gap="xs">
            <Button
              leftSection={<IconDeviceFloppy size={16} />}
              loading={save.isPending}
              disabled={!dirty}
              onClick={() => {
                preview.reset();
                save.mutate({ kind: template.kind, body: draft }, { onSuccess: () => notifications.show({ color: 'green', message: `Modelo de ${template.kind_label} salvo.` }) });
              }}
              data-testid="template-save"
            >
              Salvar
            </Button>
            <Button
              variant="light"
              leftSection={<IconEye size={16} />}
              loading={preview.isPending}
              onClick={() => {
                save.reset();
                preview.mutate({ kind: template.kind, body: draft });
              }}
              data-testid="template-preview"
            >
              Pré-visualizar
            </Button>
            {!template.is_default ? (
              <Button variant="subtle" color="red" leftSection={<IconRestore size={16} />} onClick={() => (reset.reset(), setResetting(true))} data-testid="template-reset">
                Restaurar padrão
              </Button>
            ) : dirty ? (
              <Button variant="subtle" color="gray" onClick={() => onDraft(template.body)} data-testid="template-discard">
                Descartar alterações
              </Button>
            ) : null}
          </Group>
          {preview.data || preview.isPending ? (
            <PdfFrame
              blob={preview.data}
              loading={preview.isPending}
              title={`Pré-visualização do modelo de ${template.kind_label}`}
              testId="template-preview-frame"
              height="70vh"
            />
          ) : null}
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Placeholders items={placeholders} onPick={insert} />
      </Grid.Col>
      <ConfirmModal
        opened={resetting}
        title="Restaurar o modelo padrão"
        confirmLabel="Restaurar padrão"
        loading={reset.isPending}
        error={reset.error}
        onClose={() => setResetting(false)}
        onConfirm={() =>
          reset.mutate(template.kind, {
            onSuccess: (restored) => {
              onDraft(restored.body);
              setResetting(false);
              save.reset();
              preview.reset();
              notifications.show({ color: 'green', message: `O modelo de ${template.kind_label} voltou ao padrão.` });
            },
          })
        }
      >
        O modelo personalizado de {template.kind_label} será apagado e os próximos documentos usarão o modelo padrão.
      </ConfirmModal>
    </Grid>
  );
}
