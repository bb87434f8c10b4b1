/**
 * /clientes/:id — header, actions ("Criar retorno", "Agendar mensagem"), tabs "Dados", "Linha do tempo", "Tarefas",
 * "Documentos" and "Financeiro" (the client's charges).
 */
import { Anchor, Badge, Button, Center, Group, Loader, Stack, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconChecklist, IconCoin, IconFileText, IconHistory, IconId, IconPencil } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { canUseModule, hasPermission } from '../../auth/permissions';
import { FollowUpActions } from '../../components/FollowUpActions';
import { QueryBoundary } from '../../components/QueryBoundary';
import { stageColor, stageLabel } from '../../domain/crm';
import { ClientActions } from './ClientActions';
import { ClientDetails } from './ClientDetails';
import { ClientTimeline } from './ClientTimeline';
import { StartConversationButton } from '../whatsapp/StartConversationButton';
import { useClient } from './clientsApi';

const ClientTasks = lazy(() => import('../tasks/ClientTasks'));
const ClientDocuments = lazy(() => import('../documents/ClientDocuments'));
const ClientCharges = lazy(() => import('../charges/ClientCharges'));
const TABS = { 'linha-do-tempo': 'timeline', tarefas: 'tasks', documentos: 'documents', financeiro: 'charges' } as const;
const PARAMS: Record<string, string> = { timeline: 'linha-do-tempo', tasks: 'tarefas', documents: 'documentos', charges: 'financeiro' };
const tabFallback = (
  <Center py="md">
    <Loader size="sm" aria-label="Carregando" />
  </Center>
);

export default function ClientPage() {
  const { id = '' } = useParams();
  const me = useMe();
  const client = useClient(id);
  const [params, setParams] = useSearchParams();
  const showTasks = canUseModule(me, 'tarefas');
  const showDocuments = canUseModule(me, 'documentos');
  const showCharges = canUseModule(me, 'cobrancas');
  const tab = TABS[params.get('aba') as keyof typeof TABS] ?? 'data';
  const hidden = (tab === 'tasks' && !showTasks) || (tab === 'documents' && !showDocuments) || (tab === 'charges' && !showCharges);
  const current = hidden ? 'data' : tab;
  const data = client.data;

  return (
    <QueryBoundary query={client}>
      {data ? (
        <Stack gap="md">
          <Anchor component={Link} to="/clientes" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} /> Clientes
            </Group>
          </Anchor>
          <Group justify="space-between" align="flex-start" gap="sm" data-testid="client-header">
            <div style={{ minWidth: 0 }}>
              <Title order={2} data-testid="client-name" style={{ overflowWrap: 'anywhere' }}>
                {data.display_name}
              </Title>
              <Group gap="xs" mt={6}>
                <Badge variant="light" color={stageColor(data.stage)} data-testid="client-stage">
                  {stageLabel(data.stage)}
                </Badge>
                {data.status !== 'active' ? (
                  <Badge variant="filled" color="gray" data-testid="client-status">
                    {data.status === 'archived' ? 'Arquivado' : 'Anonimizado'}
                  </Badge>
                ) : null}
                <Text size="sm" c="dimmed">
                  Responsável: {data.owner_name ?? '—'}
                </Text>
              </Group>
            </div>
            <Group gap="xs">
              {hasPermission(me, 'clientes:write') && data.status === 'active' ? (
                <Button component={Link} to={`/clientes/${data.id}/editar`} leftSection={<IconPencil size={16} />}>
                  Editar
                </Button>
              ) : null}
              <StartConversationButton client={data} />
              {data.status === 'active' ? (
                <FollowUpActions
                  client={{ id: data.id, name: data.display_name, whatsapp: data.whatsapp, email: data.email }}
                  cardId={data.card_id}
                />
              ) : null}
              <ClientActions client={data} />
            </Group>
          </Group>
          <Tabs
            value={current}
            onChange={(value) => setParams(value && PARAMS[value] ? { aba: PARAMS[value] } : {}, { replace: true })}
            keepMounted={false}
          >
            <Tabs.List mb="md">
              <Tabs.Tab value="data" leftSection={<IconId size={16} />}>
                Dados
              </Tabs.Tab>
              <Tabs.Tab value="timeline" leftSection={<IconHistory size={16} />} data-testid="tab-timeline">
                Linha do tempo
              </Tabs.Tab>
              {showTasks ? (
                <Tabs.Tab value="tasks" leftSection={<IconChecklist size={16} />} data-testid="tab-tasks">
                  Tarefas
                </Tabs.Tab>
              ) : null}
              {showDocuments ? (
                <Tabs.Tab value="documents" leftSection={<IconFileText size={16} />} data-testid="tab-documents">
                  Documentos
                </Tabs.Tab>
              ) : null}
              {showCharges ? (
                <Tabs.Tab value="charges" leftSection={<IconCoin size={16} />} data-testid="tab-charges">
                  Financeiro
                </Tabs.Tab>
              ) : null}
            </Tabs.List>
            <Tabs.Panel value="data">
              <ClientDetails client={data} />
            </Tabs.Panel>
            <Tabs.Panel value="timeline">
              <ClientTimeline clientId={data.id} canWrite={hasPermission(me, 'clientes:write') && data.status === 'active'} />
            </Tabs.Panel>
            {showTasks ? (
              <Tabs.Panel value="tasks">
                <Suspense fallback={tabFallback}>
                  <ClientTasks clientId={data.id} />
                </Suspense>
              </Tabs.Panel>
            ) : null}
            {showDocuments ? (
              <Tabs.Panel value="documents">
                <Suspense fallback={tabFallback}>
                  <ClientDocuments clientId={data.id} cardId={data.card_id} canCreate={data.status === 'active'} />
                </Suspense>
              </Tabs.Panel>
            ) : null}
            {showCharges ? (
              <Tabs.Panel value="charges">
                <Suspense fallback={tabFallback}>
                  <ClientCharges client={data} canCreate={data.status === 'active'} />
                </Suspense>
              </Tabs.Panel>
            ) : null}
          </Tabs>
        </Stack>
      ) : null}
    </QueryBoundary>
  );
}
