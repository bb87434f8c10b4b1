import { Badge, Button, Drawer, Group, Paper, Stack, Switch, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { ModuleInfo, Tenant } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useUpdateTenant } from './masterApi';
import { effectiveEnabled, overridesPatch, sameOverrides, type Overrides } from './moduleOverrides';

interface TenantModulesDrawerProps {
  tenant: Tenant | null;
  modules: ModuleInfo[];
  onClose: () => void;
}

function ModuleRow(props: {
  module: ModuleInfo;
  planIncludes: boolean;
  override: boolean | undefined;
  disabled: boolean;
  onChange: (value: boolean | undefined) => void;
}) {
  const { module, planIncludes, override, disabled, onChange } = props;
  const enabled = override ?? planIncludes;
  return (
    <Paper withBorder p="sm" radius="md" data-testid={`module-row-${module.key}`}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4}>
          <Switch
            label={module.label}
            checked={enabled}
            disabled={disabled}
            onChange={(event) => onChange(event.currentTarget.checked)}
            data-testid={`module-switch-${module.key}`}
          />
          <Text size="xs" c="dimmed">
            Padrão do plano: {planIncludes ? 'incluído' : 'não incluído'}
          </Text>
        </Stack>
        {override === undefined ? null : (
          <Stack gap={4} align="flex-end" style={{ flexShrink: 0 }}>
            <Badge variant="light" color={override ? 'green' : 'red'}>
              {override ? 'Ligado nesta empresa' : 'Desligado nesta empresa'}
            </Badge>
            <Button size="compact-xs" variant="subtle" disabled={disabled} onClick={() => onChange(undefined)}>
              Voltar ao padrão do plano
            </Button>
          </Stack>
        )}
      </Group>
    </Paper>
  );
}

export function TenantModulesDrawer({ tenant, modules, onClose }: TenantModulesDrawerProps) {
  const [draft, setDraft] = useState<Overrides>({});
  const mutation = useUpdateTenant();
  const original: Overrides = tenant?.module_overrides ?? {};

  useEffect(() => {
    if (!tenant) return;
    setDraft({ ...tenant.module_overrides });
    mutation.reset();
    // Deliberately only when it opens (not on every form change).
  }, [tenant]);

  function change(key: string, value: boolean | undefined) {
    setDraft((previous) => {
      const next = { ...previous };
      if (value === undefined) delete next[key];
      else next[key] = value;
      return next;
    });
  }

  const planModules = tenant?.plan_modules ?? [];
  const enabledCount = modules.filter((module) => effectiveEnabled(module.key, planModules, draft)).length;

  return (
    <Drawer opened={tenant !== null} onClose={onClose} position="right" size="md" title={`Módulos — ${tenant?.name ?? ''}`}>
      <Stack>
        <Text size="sm" c="dimmed">
          Plano {tenant?.plan_name}. Ligue ou desligue módulos só para esta empresa, ou deixe-os seguir o padrão do plano.
          {` ${enabledCount} de ${modules.length} módulos ativos.`}
        </Text>
        <ErrorAlert error={mutation.error} />
        {modules.map((module) => (
          <ModuleRow
            key={module.key}
            module={module}
            planIncludes={planModules.includes(module.key)}
            override={draft[module.key]}
            disabled={mutation.isPending}
            onChange={(value) => change(module.key, value)}
          />
        ))}
        <Group justify="flex-end" pos="sticky" bottom={0} py="sm" bg="var(--mantine-color-body)">
          <Button variant="default" onClick={onClose} disabled={mutation.isPending}>
            Cancelar
          </Button>
          <Button
            loading={mutation.isPending}
            disabled={sameOverrides(original, draft)}
            onClick={() => {
              if (!tenant) return;
              mutation.mutate(
                { id: tenant.id, body: { module_overrides: overridesPatch(original, draft) } },
                {
                  onSuccess: (updated) => {
                    notifications.show({ color: 'green', message: `Módulos de ${updated.name} atualizados.` });
                    onClose();
                  },
                },
              );
            }}
          >
            Salvar módulos
          </Button>
        </Group>
      </Stack>
    </Drawer>
  );
}
