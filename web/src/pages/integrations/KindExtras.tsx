/** What only some integrations have: WhatsApp's learned number and templates, SMTP's test e-mail,
 * the lead-capture examples. */
import { Badge, Button, Code, Group, Stack, Tabs, Text, TextInput } from '@mantine/core';
import { IconMail, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import type { Integration } from '../../api/types';
import { errorMessage } from '../../api/errors';
import { leadExamples } from './integrationForm';
import { useSendTestEmail, useSyncTemplates } from './integrationsApi';
import { ResultLine } from './ResultLine';

interface Template {
  name: string;
  language?: string;
  category?: string | null;
  body?: string | null;
}

export function WhatsAppLearned({ integration, canWrite }: { integration: Integration; canWrite: boolean }) {
  const sync = useSyncTemplates();
  const display = integration.settings.display_phone_number;
  const templates = (Array.isArray(integration.settings.templates) ? integration.settings.templates : []) as Template[];
  return (
    <Stack gap="xs" data-testid="whatsapp-learned">
      <TextInput
        label="Número conectado"
        description="Preenchido pela Meta ao testar a conexão."
        value={typeof display === 'string' ? display : ''}
        placeholder="Teste a conexão para descobrir"
        readOnly
        data-testid="whatsapp-display-number"
      />
      <Group justify="space-between" align="center">
        <Text size="sm" fw={500}>
          Modelos de mensagem aprovados ({templates.length})
        </Text>
        {canWrite ? (
          <Button
            size="xs"
            variant="subtle"
            leftSection={<IconRefresh size={14} />}
            loading={sync.isPending}
            onClick={() => sync.mutate()}
          >
            Sincronizar modelos
          </Button>
        ) : null}
      </Group>
      {sync.isError ? <ResultLine ok={false} message={errorMessage(sync.error)} /> : null}
      {templates.length === 0 ? (
        <Text size="sm" c="dimmed">
          Nenhum modelo sincronizado.
        </Text>
      ) : (
        <Stack gap={6} data-testid="whatsapp-templates">
          {templates.map((template) => (
            <div key={`${template.name}-${template.language ?? ''}`}>
              <Group gap={6}>
                <Text size="sm" fw={500}>
                  {template.name}
                </Text>
                {template.category ? (
                  <Badge size="xs" variant="light">
                    {template.category}
                  </Badge>
                ) : null}
                <Badge size="xs" variant="outline" color="gray">
                  {template.language ?? 'pt_BR'}
                </Badge>
              </Group>
              {template.body ? (
                <Text size="xs" c="dimmed">
                  {template.body}
                </Text>
              ) : null}
            </div>
          ))}
        </Stack>
      )}
    </Stack>
  );
}

export function TestEmailBox() {
  const [to, setTo] = useState('');
  const send = useSendTestEmail();
  const result = send.data ?? (send.isError ? { ok: false, message: errorMessage(send.error) } : null);
  return (
    <Stack gap="xs">
      <Group align="flex-end" gap="xs" wrap="wrap">
        <TextInput
          label="Enviar e-mail de teste para"
          type="email"
          placeholder="voce@empresa.com.br"
          value={to}
          onChange={(event) => setTo(event.currentTarget.value)}
          style={{ flex: 1, minWidth: 200 }}
          data-testid="test-email-to"
        />
        <Button
          variant="default"
          leftSection={<IconMail size={16} />}
          loading={send.isPending}
          disabled={to.trim() === ''}
          onClick={() => send.mutate(to.trim())}
        >
          Enviar e-mail de teste
        </Button>
      </Group>
      {result ? <ResultLine ok={result.ok} message={result.message} testId="test-email-result" /> : null}
    </Stack>
  );
}

export function LeadsExample({ url }: { url: string }) {
  const examples = leadExamples(url);
  return (
    <Stack gap={4} data-testid="leads-example">
      <Text size="sm" fw={500}>
        Como enviar leads para este endereço
      </Text>
      <Text size="xs" c="dimmed">
        Campos aceitos: name, phone, email, message, origin, campaign e utm_source/medium/campaign/term/content (JSON
        ou formulário).
      </Text>
      <Tabs defaultValue="curl" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="curl">curl</Tabs.Tab>
          <Tabs.Tab value="html">Formulário HTML</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="curl" pt="xs">
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {examples.curl}
          </Code>
        </Tabs.Panel>
        <Tabs.Panel value="html" pt="xs">
          <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {examples.html}
          </Code>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
