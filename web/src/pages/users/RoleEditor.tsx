import { Button, Checkbox, Group, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMemo, useState } from 'react';
import type { DataScope, PermissionInfo, Role } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { DATA_SCOPE_OPTIONS } from './roleOptions';
import { useResetRole, useSaveRole } from './usersApi';

interface ModuleGroup {
  module: string;
  label: string;
  permissions: PermissionInfo[];
}

export function groupCatalog(catalog: readonly PermissionInfo[]): ModuleGroup[] {
  const groups = new Map<string, ModuleGroup>();
  for (const permission of catalog) {
    let group = groups.get(permission.module);
    if (!group) {
      group = { module: permission.module, label: permission.module_label, permissions: [] };
      groups.set(permission.module, group);
    }
    group.permissions.push(permission);
  }
  return [...groups.values()];
}

function sameSet(a: ReadonlySet<string>, b: readonly string[]): boolean {
  return a.size === b.length && b.every((item) => a.has(item));
}

/** Permission checkboxes + data scope for one role. Remount (key) when the role changes on the server. */
export function RoleEditor({ role, groups, canEdit }: { role: Role; groups: ModuleGroup[]; canEdit: boolean }) {
  const [selected, setSelected] = useState<Set<string>>(() => new Set(role.permissions));
  const [dataScope, setDataScope] = useState<DataScope>(role.data_scope);
  const save = useSaveRole();
  const reset = useResetRole();
  const dirty = useMemo(
    () => !sameSet(selected, role.permissions) || dataScope !== role.data_scope,
    [selected, dataScope, role],
  );

  function toggle(key: string, checked: boolean) {
    setSelected((previous) => {
      const next = new Set(previous);
      if (checked) next.add(key);
      else next.delete(key);
      return next;
    });
  }

  const busy = save.isPending || reset.isPending;
  return (
    <Stack gap="md" data-testid={`role-editor-${role.key}`}>
      <ErrorAlert error={save.error ?? reset.error} />
      {groups.map((group) => (
        <div key={group.module}>
          <Text fw={600} size="sm" mb={6}>
            {group.label}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="xs" verticalSpacing="xs">
            {group.permissions.map((permission) => (
              <Checkbox
                key={permission.key}
                label={permission.label}
                checked={selected.has(permission.key)}
                disabled={!canEdit || busy}
                onChange={(event) => toggle(permission.key, event.currentTarget.checked)}
              />
            ))}
          </SimpleGrid>
        </div>
      ))}
      <Select
        label="Registros visíveis"
        description="Define se o papel vê apenas os registros pelos quais é responsável ou todos os da empresa."
        data={DATA_SCOPE_OPTIONS}
        value={dataScope}
        onChange={(value) => value && setDataScope(value as DataScope)}
        disabled={!canEdit || busy}
        maw={360}
        comboboxProps={{ withinPortal: true }}
      />
      {canEdit ? (
        <Group>
          <Button
            disabled={!dirty}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { key: role.key, permissions: [...selected], dataScope },
                { onSuccess: () => notifications.show({ color: 'green', message: `Permissões de ${role.label} salvas.` }) },
              )
            }
          >
            Salvar
          </Button>
          <Button
            variant="default"
            disabled={!role.customized && !dirty}
            loading={reset.isPending}
            onClick={() =>
              reset.mutate(role.key, {
                onSuccess: () =>
                  notifications.show({ color: 'green', message: `Permissões padrão de ${role.label} restauradas.` }),
              })
            }
          >
            Restaurar padrão
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}
