import { Accordion, Alert, Badge, Group, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { QueryBoundary } from '../../components/QueryBoundary';
import { groupCatalog, RoleEditor } from './RoleEditor';
import { useRoles } from './usersApi';

export function RolesTab() {
  const me = useMe();
  const canEdit = hasPermission(me, 'usuarios:permissions');
  const roles = useRoles();
  const groups = useMemo(() => groupCatalog(roles.data?.catalog ?? []), [roles.data]);
  const items = (roles.data?.items ?? []).filter((role) => role.key !== 'master');

  return (
    <Stack>
      {!canEdit ? (
        <Alert variant="light" color="blue">
          Você pode consultar as permissões, mas não alterá-las.
        </Alert>
      ) : null}
      <QueryBoundary query={roles}>
        <Accordion variant="separated" multiple data-testid="roles-list">
          {items.map((role) => (
            <Accordion.Item key={role.key} value={role.key}>
              <Accordion.Control>
                <Group gap="xs" wrap="nowrap">
                  <Text fw={600}>{role.label}</Text>
                  {role.customized ? (
                    <Badge size="sm" variant="light" color="violet">
                      Personalizado
                    </Badge>
                  ) : null}
                  <Text size="xs" c="dimmed" visibleFrom="xs">
                    {role.permissions.length} permissões ·{' '}
                    {role.data_scope === 'all' ? 'todos os registros' : 'somente os próprios registros'}
                  </Text>
                </Group>
              </Accordion.Control>
              <Accordion.Panel>
                <RoleEditor
                  key={`${role.key}:${role.data_scope}:${role.permissions.join(',')}`}
                  role={role}
                  groups={groups}
                  canEdit={canEdit}
                />
              </Accordion.Panel>
            </Accordion.Item>
          ))}
        </Accordion>
      </QueryBoundary>
    </Stack>
  );
}
