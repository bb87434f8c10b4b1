/** Funnel settings (funil:settings): loss reasons and stalled days per stage. */
import { Button, Group, Modal, NumberInput, SimpleGrid, Stack, TagsInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryBoundary } from '../../components/QueryBoundary';
import { STAGES } from '../../domain/crm';
import { useFunnelSettings, useSaveFunnelSettings } from './funnelApi';

export function FunnelSettingsModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const settings = useFunnelSettings();
  const save = useSaveFunnelSettings();
  const [reasons, setReasons] = useState<string[]>([]);
  const [days, setDays] = useState<Record<string, number | null>>({});

  useEffect(() => {
    if (!opened || !settings.data) return;
    setReasons([...settings.data.loss_reasons]);
    setDays({ ...settings.data.stalled_days });
    save.reset();
    // Reload each time it opens.
  }, [opened, settings.data]);

  return (
    <Modal opened={opened} onClose={onClose} title="Configurações do funil" size="lg">
      <QueryBoundary query={settings}>
        <Stack data-testid="funnel-settings">
          <TagsInput
            label="Motivos de perda"
            description="Digite um motivo e tecle Enter. Eles aparecem ao mover um card para Perdido."
            value={reasons}
            onChange={setReasons}
          />
          <div>
            <Text size="sm" fw={500}>
              Dias sem atividade para considerar parada
            </Text>
            <Text size="xs" c="dimmed" mb="xs">
              Deixe em branco para nunca marcar como parada.
            </Text>
            <SimpleGrid cols={{ base: 1, xs: 2, sm: 3 }}>
              {STAGES.map((stage) => (
                <NumberInput
                  key={stage.key}
                  label={stage.label}
                  min={1}
                  max={365}
                  allowDecimal={false}
                  allowNegative={false}
                  value={days[stage.key] ?? ''}
                  onChange={(value) => setDays((current) => ({ ...current, [stage.key]: value === '' ? null : Number(value) }))}
                />
              ))}
            </SimpleGrid>
          </div>
          <ErrorAlert error={save.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancelar
            </Button>
            <Button
              loading={save.isPending}
              onClick={() =>
                save.mutate(
                  { loss_reasons: reasons.map((reason) => reason.trim()).filter(Boolean), stalled_days: days },
                  {
                    onSuccess: () => {
                      notifications.show({ color: 'green', message: 'Configurações do funil salvas.' });
                      onClose();
                    },
                  },
                )
              }
            >
              Salvar
            </Button>
          </Group>
        </Stack>
      </QueryBoundary>
    </Modal>
  );
}
