/** "Enviar modelo": one of the company's approved templates, with its parameters ({{1}}, {{2}}...). */
import { Button, Group, Modal, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { WhatsAppTemplate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fillTemplate, templateKey } from './inbox';

interface TemplatePickerProps {
  opened: boolean;
  templates: readonly WhatsAppTemplate[];
  sending: boolean;
  error: unknown;
  onClose: () => void;
  onSend: (template: { name: string; language: string; parameters: string[] }) => void;
}

export function TemplatePicker({ opened, templates, sending, error, onClose, onSend }: TemplatePickerProps) {
  const [key, setKey] = useState<string | null>(null);
  const [params, setParams] = useState<string[]>([]);
  const template = templates.find((t) => templateKey(t) === key) ?? null;
  const count = template?.parameters ?? 0;

  useEffect(() => {
    if (!opened) return;
    setKey(templates.length === 1 ? templateKey(templates[0]!) : null);
  }, [opened]);
  useEffect(() => setParams(Array.from({ length: count }, () => '')), [key, count]);

  const complete = template !== null && params.every((p) => p.trim() !== '');
  return (
    <Modal opened={opened} onClose={onClose} title="Enviar modelo aprovado" centered>
      <Stack data-testid="template-picker">
        {templates.length === 0 ? (
          <Text size="sm" c="dimmed">
            A empresa não tem modelos aprovados sincronizados. Peça ao administrador para sincronizá-los em Integrações.
          </Text>
        ) : (
          <Select
            label="Modelo"
            placeholder="Escolha um modelo"
            data={templates.map((t) => ({ value: templateKey(t), label: `${t.name} (${t.language})` }))}
            value={key}
            onChange={setKey}
            comboboxProps={{ withinPortal: true }}
          />
        )}
        {template
          ? params.map((value, index) => (
              <TextInput
                key={index}
                label={`Parâmetro {{${index + 1}}}`}
                value={value}
                onChange={(event) => {
                  const next = [...params];
                  next[index] = event.currentTarget.value;
                  setParams(next);
                }}
              />
            ))
          : null}
        {template ? (
          <Paper withBorder p="sm" bg="var(--mantine-color-green-0)">
            <Text size="xs" c="dimmed" mb={4}>
              Como o cliente vai ler
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="template-preview">
              {fillTemplate(template, params)}
            </Text>
          </Paper>
        ) : null}
        <ErrorAlert error={error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} disabled={sending}>
            Cancelar
          </Button>
          <Button
            disabled={!complete}
            loading={sending}
            onClick={() => template && onSend({ name: template.name, language: template.language ?? 'pt_BR', parameters: params.map((p) => p.trim()) })}
          >
            Enviar modelo
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
