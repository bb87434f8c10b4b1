/** /integracoes — one card per provider of the company (WhatsApp, e-mail, IA, leads, Cora). */
import { Stack } from '@mantine/core';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { IntegrationCard } from './IntegrationCard';
import { isKind } from './integrationForm';
import { useIntegrations } from './integrationsApi';

export default function IntegrationsPage() {
  const me = useMe();
  const canWrite = hasPermission(me, 'integracoes:write');
  const integrations = useIntegrations();
  return (
    <>
      <PageHeader
        title="Integrações"
        description={
          canWrite
            ? 'Conecte os serviços da empresa. Senhas e tokens ficam guardados com segurança e nunca são exibidos.'
            : 'Você pode consultar as integrações; apenas o administrador altera a configuração.'
        }
      />
      <QueryBoundary query={integrations}>
        <Stack gap="lg" data-testid="integrations">
          {integrations.data?.items.map((integration) =>
            isKind(integration.kind) ? (
              <IntegrationCard key={integration.kind} integration={integration} kind={integration.kind} canWrite={canWrite} />
            ) : null,
          )}
        </Stack>
      </QueryBoundary>
    </>
  );
}
