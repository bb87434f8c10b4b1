/** One integration: its settings, write-only secrets, webhook, Testar and Salvar. */
import { Badge, Button, Card, Divider, Group, SimpleGrid, Stack, Switch, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconPlugConnected } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { ApiError, errorMessage } from '../../api/errors';
import type { Integration, TestResult } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formPaths, placeFieldErrors, toFormValues, toPayload, UNTESTABLE, type Kind } from './integrationForm';
import { useSaveIntegration, useTestIntegration } from './integrationsApi';
import { LeadsExample, TestEmailBox, WhatsAppLearned } from './KindExtras';
import { ResultLine } from './ResultLine';
import { SecretInput } from './SecretInput';
import { SettingsFields } from './SettingsFields';
import { WebhookBox } from './WebhookBox';

const DESCRIPTIONS: Record<Kind, string> = {
  whatsapp: 'Número da empresa na API oficial do WhatsApp (Cloud API da Meta): conversas, respostas e modelos.',
  smtp: 'Servidor de e-mail usado para enviar propostas, lembretes e avisos em nome da empresa.',
  ai: 'Provedor de inteligência artificial compatível com a API da OpenAI.',
  leads: 'Endereço para o site e as campanhas enviarem novos leads direto para o funil.',
  cora: 'Conta Cora (Integração Direta) para emitir boletos e PIX.',
};

export function IntegrationCard({ integration, kind, canWrite }: { integration: Integration; kind: Kind; canWrite: boolean }) {
  const save = useSaveIntegration(kind);
  const test = useTestIntegration(kind);
  const [formError, setFormError] = useState<string | null>(null);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const form = useForm({ initialValues: toFormValues(integration) });
  const disabled = !canWrite;

  // A newer version from the server (saved here, or learned by Testar) refreshes an untouched form.
  useEffect(() => {
    if (form.isDirty()) return;
    form.setValues(toFormValues(integration));
    form.resetDirty();
  }, [integration]);

  function submit() {
    setFormError(null);
    form.clearErrors();
    save.mutate(toPayload(kind, form.getValues()), {
      onSuccess: (updated) => {
        const fresh = toFormValues(updated);
        form.setValues(fresh); // secrets typed are dropped: never shown again
        form.resetDirty(fresh);
        notifications.show({ color: 'green', message: `${updated.label}: configuração salva.` });
        // Cora: saving also proves the credentials and registers the payment webhook (what Testar does).
        if (kind === 'cora' && updated.enabled && updated.secrets.certificate?.set && updated.secrets.private_key?.set) runTest();
      },
      onError: (error) => {
        if (!(error instanceof ApiError)) return setFormError(errorMessage(error));
        const { placed, unplaced } = placeFieldErrors(error.fieldPaths, formPaths(form.getValues()));
        form.setErrors(placed);
        setFormError(unplaced || Object.keys(placed).length === 0 ? error.detail : null);
      },
    });
  }

  function runTest() {
    setTestResult(null);
    test.mutate(undefined, {
      onSuccess: setTestResult,
      onError: (error) => setTestResult({ ok: false, message: errorMessage(error), at: null, details: {} }),
    });
  }

  const shown = testResult ?? integration.last_test;
  const values = form.getValues();
  return (
    <Card withBorder padding="lg" radius="md" data-testid={`integration-${kind}`}>
      <form onSubmit={form.onSubmit(submit)} noValidate>
        <Stack gap="md">
          <Group justify="space-between" align="flex-start" gap="xs">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <IconPlugConnected size={20} style={{ flex: 'none' }} />
              <Title order={3} size="h4">
                {integration.label}
              </Title>
            </Group>
            <Group gap={6}>
              <Badge color={integration.configured ? 'green' : 'gray'} variant="light" data-testid={`integration-status-${kind}`}>
                {integration.configured ? 'Configurada' : 'Não configurada'}
              </Badge>
              {!integration.enabled ? (
                <Badge color="orange" variant="light">
                  Desativada
                </Badge>
              ) : null}
            </Group>
          </Group>
          <Text size="sm" c="dimmed">
            {DESCRIPTIONS[kind]}
          </Text>
          {shown ? (
            <ResultLine ok={shown.ok} message={shown.message} at={shown.at} testId={`integration-test-result-${kind}`} />
          ) : null}
          <ErrorAlert message={formError} />
          <Switch label="Integração ativa" disabled={disabled} {...form.getInputProps('enabled', { type: 'checkbox' })} />
          <SettingsFields kind={kind} form={form} disabled={disabled} />
          {kind === 'whatsapp' ? <WhatsAppLearned integration={integration} canWrite={canWrite} /> : null}
          {Object.keys(integration.secrets).length > 0 ? (
            <>
              <Divider label="Credenciais (não são exibidas depois de salvas)" labelPosition="left" />
              <SimpleGrid cols={{ base: 1, sm: Object.keys(integration.secrets).some((n) => n === 'certificate') ? 1 : 2 }} spacing="sm">
                {Object.entries(integration.secrets).map(([name, state]) => (
                  <SecretInput
                    key={name}
                    kind={kind}
                    name={name}
                    state={state}
                    value={values.secrets[name] ?? ''}
                    removing={values.remove[name] ?? false}
                    error={form.errors[`secrets.${name}`] as string | undefined}
                    disabled={disabled}
                    onChange={(value) => form.setFieldValue(`secrets.${name}`, value)}
                    onRemove={(removing) => {
                      form.setFieldValue(`remove.${name}`, removing);
                      if (removing) form.setFieldValue(`secrets.${name}`, '');
                    }}
                  />
                ))}
              </SimpleGrid>
            </>
          ) : null}
          {integration.webhook_url ? <WebhookBox
              kind={kind}
              url={integration.webhook_url}
              canWrite={canWrite}
              onRotated={kind === 'cora' ? runTest : undefined}
            /> : null}
          {kind === 'leads' && integration.webhook_url ? <LeadsExample url={integration.webhook_url} /> : null}
          {canWrite ? (
            <Group justify="flex-end" gap="xs">
              {!UNTESTABLE.has(kind) ? (
                <Button
                  variant="default"
                  loading={test.isPending}
                  onClick={runTest}
                  title={form.isDirty() ? 'O teste usa a configuração salva: salve antes as alterações.' : undefined}
                  data-testid={`integration-test-${kind}`}
                >
                  Testar
                </Button>
              ) : null}
              <Button type="submit" loading={save.isPending} data-testid={`integration-save-${kind}`}>
                Salvar
              </Button>
            </Group>
          ) : null}
          {kind === 'smtp' && canWrite ? (
            <>
              <Divider />
              <TestEmailBox />
            </>
          ) : null}
        </Stack>
      </form>
    </Card>
  );
}
