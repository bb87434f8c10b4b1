import { ActionIcon, Badge, Menu, Text } from '@mantine/core';
import { IconApps, IconDots, IconPackage, IconPlayerPause, IconPlayerPlay } from '@tabler/icons-react';
import type { Tenant } from '../../api/types';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { formatDate } from '../../lib/format';

export interface TenantActions {
  onChangePlan: (tenant: Tenant) => void;
  onModules: (tenant: Tenant) => void;
  onToggleStatus: (tenant: Tenant) => void;
}

export function TenantStatusBadge({ tenant }: { tenant: Tenant }) {
  return tenant.status === 'active' ? (
    <Badge color="green" variant="light">
      Ativa
    </Badge>
  ) : (
    <Badge color="red" variant="light">
      Suspensa
    </Badge>
  );
}

function TenantMenu({ tenant, actions }: { tenant: Tenant; actions: TenantActions }) {
  const active = tenant.status === 'active';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Ações de ${tenant.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPackage size={16} />} onClick={() => actions.onChangePlan(tenant)}>
          Alterar plano
        </Menu.Item>
        <Menu.Item leftSection={<IconApps size={16} />} onClick={() => actions.onModules(tenant)}>
          Módulos
        </Menu.Item>
        <Menu.Item
          color={active ? 'red' : undefined}
          leftSection={active ? <IconPlayerPause size={16} /> : <IconPlayerPlay size={16} />}
          onClick={() => actions.onToggleStatus(tenant)}
        >
          {active ? 'Suspender' : 'Reativar'}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

const COLUMNS: Column<Tenant>[] = [
  {
    key: 'name',
    header: 'Empresa',
    render: (tenant) => (
      <Text size="sm" fw={500}>
        {tenant.name}
      </Text>
    ),
  },
  { key: 'plan', header: 'Plano', render: (tenant) => tenant.plan_name },
  { key: 'users', header: 'Usuários', nowrap: true, render: (tenant) => `${tenant.user_count}/${tenant.user_limit}` },
  { key: 'status', header: 'Status', render: (tenant) => <TenantStatusBadge tenant={tenant} /> },
  { key: 'created', header: 'Criada em', render: (tenant) => formatDate(tenant.created_at) },
];

export function TenantsTable({ tenants, actions }: { tenants: Tenant[]; actions: TenantActions }) {
  return (
    <ResponsiveTable
      rows={tenants}
      columns={COLUMNS}
      rowKey={(tenant) => tenant.id}
      rowTestId={(tenant) => `tenant-row-${tenant.id}`}
      actions={(tenant) => <TenantMenu tenant={tenant} actions={actions} />}
      minWidth={760}
      testId="tenants-table"
    />
  );
}
