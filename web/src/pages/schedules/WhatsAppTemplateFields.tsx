/** "Usar modelo aprovado do WhatsApp": one of the company's approved templates and its parameters. */
import { Alert, Paper, Select, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconInfoCircle } from '@tabler/icons-react';
import type { WhatsAppTemplate } from '../../api/types';
import { fillTemplate, templateKey } from '../whatsapp/inbox';

interface Props {
  templates: readonly WhatsAppTemplate[];
  enabled: boolean;
  onEnabled: (value: boolean) => void;
  value: string | null;
  onChange: (key: string | null, parameterCount: number) => void;
  params: string[];
  onParams: (params: string[]) => void;
  error?: unknown;
  paramErrors?: Record<number, string | undefined>;
  /** "Ambos": the text still goes by e-mail. */
  alsoEmail: boolean;
}

export const WINDOW_HELP =
  'O WhatsApp só entrega texto livre dentro da janela de 24 horas (quando o cliente escreveu nas últimas 24 horas). ' +
  'Fora dela, apenas modelos aprovados pela Meta chegam ao cliente; por isso, para agendamentos, prefira um modelo aprovado.';

export function WhatsAppTemplateFields({ templates, enabled, onEnabled, value, onChange, params, onParams, error, paramErrors, alsoEmail }: Props) {
  const template = templates.find((t) => templateKey(t) === value) ?? null;
  return (
    <Stack gap="xs">
      <Switch
        label="Usar modelo aprovado do WhatsApp"
        checked={enabled}
        onChange={(event) => onEnabled(event.currentTarget.checked)}
        data-testid="schedule-wa-toggle"
      />
      <Alert variant="light" color="blue" icon={<IconInfoCircle size={16} />} p="xs">
        <Text size="xs">{WINDOW_HELP}</Text>
      </Alert>
      {enabled ? (
        <Stack gap="xs" data-testid="schedule-wa-template">
          {templates.length === 0 ? (
            <Text size="sm" c="dimmed">
              A empresa não tem modelos aprovados sincronizados. Peça ao administrador para sincronizá-los em Integrações.
            </Text>
          ) : (
            <Select
              label="Modelo aprovado"
              placeholder="Escolha um modelo"
              data={templates.map((t) => ({ value: templateKey(t), label: `${t.name} (${t.language})` }))}
              value={value}
              onChange={(key) => onChange(key, templates.find((t) => templateKey(t) === key)?.parameters ?? 0)}
              error={typeof error === 'string' ? error : undefined}
              comboboxProps={{ withinPortal: true }}
              data-testid="schedule-wa-select"
            />
          )}
          {template
            ? params.map((param, index) => (
                <TextInput
                  key={index}
                  label={`Parâmetro {{${index + 1}}}`}
                  value={param}
                  error={paramErrors?.[index]}
                  onChange={(event) => {
                    const next = [...params];
                    next[index] = event.currentTarget.value;
                    onParams(next);
                  }}
                  data-testid={`schedule-wa-param-${index + 1}`}
                />
              ))
            : null}
          {template ? (
            <Paper withBorder p="sm" bg="var(--mantine-color-green-0)">
              <Text size="xs" c="dimmed" mb={4}>
                Como o cliente vai ler no WhatsApp
              </Text>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="schedule-wa-preview">
                {fillTemplate(template, params)}
              </Text>
            </Paper>
          ) : null}
          {alsoEmail ? (
            <Text size="xs" c="dimmed">
              Pelo WhatsApp vai o modelo aprovado; a mensagem abaixo vai por e-mail.
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}
