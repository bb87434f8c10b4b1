import { Button, Center, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import type { Tenant } from '../../api/types';
import { ConfirmModal } from '../../components/ConfirmModal';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { ChangePlanModal } from './ChangePlanModal';
import { moduleLabeler, useModules, usePlans, useSetTenantActive, useTenants } from './masterApi';
import { NewTenantModal } from './NewTenantModal';
import { TenantModulesDrawer } from './TenantModulesDrawer';
import { TenantsTable } from './TenantsTable';

export default function TenantsPage() {
  const tenants = useTenants();
  const plans = usePlans();
  const modules = useModules();
  const setActive = useSetTenantActive();
  const [creating, setCreating] = useState(false);
  const [changingPlan, setChangingPlan] = useState<Tenant | null>(null);
  const [editingModules, setEditingModules] = useState<Tenant | null>(null);
  const [suspending, setSuspending] = useState<Tenant | null>(null);

  const items = tenants.data?.pages.flatMap((page) => page.items) ?? [];
  const label = moduleLabeler(modules.data);
  // The drawer lists every module the API knows; before it answers, the plan's and overrides' keys.
  const moduleList =
    modules.data ??
    [...new Set([...(editingModules?.plan_modules ?? []), ...Object.keys(editingModules?.module_overrides ?? {})])].map(
      (key) => ({ key, label: label(key) }),
    );

  function toggleStatus(tenant: Tenant) {
    if (tenant.status === 'active') {
      setActive.reset();
      setSuspending(tenant);
      return;
    }
    setActive.mutate(
      { id: tenant.id, active: true },
      {
        onSuccess: () => notifications.show({ color: 'green', message: `${tenant.name} foi reativada.` }),
        onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível reativar', message: errorMessage(error) }),
      },
    );
  }

  return (
    <>
      <PageHeader
        title="Empresas"
        description="Empresas clientes da plataforma, seus planos e módulos."
        actions={
          <Button leftSection={<IconPlus size={16} />} onClick={() => setCreating(true)} disabled={!plans.data}>
            Nova empresa
          </Button>
        }
      />
      <Stack>
        <QueryBoundary query={tenants}>
          {items.length === 0 ? (
            <Center py="xl">
              <Text c="dimmed">Nenhuma empresa cadastrada.</Text>
            </Center>
          ) : (
            <TenantsTable
              tenants={items}
              actions={{ onChangePlan: setChangingPlan, onModules: setEditingModules, onToggleStatus: toggleStatus }}
            />
          )}
          {tenants.hasNextPage ? (
            <Center>
              <Button variant="default" onClick={() => void tenants.fetchNextPage()} loading={tenants.isFetchingNextPage}>
                Carregar mais
              </Button>
            </Center>
          ) : null}
        </QueryBoundary>
      </Stack>

      <NewTenantModal opened={creating} plans={plans.data ?? []} onClose={() => setCreating(false)} />
      <ChangePlanModal tenant={changingPlan} plans={plans.data ?? []} onClose={() => setChangingPlan(null)} />
      <TenantModulesDrawer tenant={editingModules} modules={moduleList} onClose={() => setEditingModules(null)} />
      <ConfirmModal
        opened={suspending !== null}
        title="Suspender empresa"
        confirmLabel="Suspender"
        loading={setActive.isPending}
        error={setActive.error}
        onClose={() => setSuspending(null)}
        onConfirm={() => {
          if (!suspending) return;
          setActive.mutate(
            { id: suspending.id, active: false },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: `${suspending.name} foi suspensa.` });
                setSuspending(null);
              },
            },
          );
        }}
      >
        Os usuários de {suspending?.name} não conseguirão entrar no sistema até a empresa ser reativada. Deseja continuar?
      </ConfirmModal>
    </>
  );
}
