/**
 * Card drawer: edit the opportunity ("Aplicar"), "Criar retorno" / "Agendar mensagem", "Gerar proposta" (the
 * document builder with the client and the card), "Gerar cobranças" (a series of charges pre-filled with the
 * opportunity's value, installments and first due date) and "Mover etapa do funil".
 */
import { Anchor, Badge, Button, Divider, Drawer, Group, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { IconFileText, IconReceipt2 } from '@tabler/icons-react';
import { lazy, Suspense, useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { FunnelCard } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { canUseModule, hasPermission } from '../../auth/permissions';
import { FollowUpActions } from '../../components/FollowUpActions';
import { DateField, MoneyField } from '../../components/MaskedInput';
import { ErrorAlert } from '../../components/ErrorAlert';
import { STAGE_OPTIONS, stageColor, stageLabel } from '../../domain/crm';
import { formatDate } from '../../lib/format';
import { applyApiError } from '../../lib/forms';
import { brDateToIso, isoToBrDate } from '../../lib/masks';
import { centsToMoneyInput, parseMoneyToCents } from '../../lib/money';
import { CardFlags } from './CardFlags';
import { useUpdateCard } from './funnelApi';

const SeriesModal = lazy(() => import('../charges/SeriesModal').then((m) => ({ default: m.SeriesModal })));

interface Props {
  card: FunnelCard | null;
  ownerId: string | null;
  canWrite: boolean;
  onClose: () => void;
  onMove: (card: FunnelCard, stage: string) => void;
}

const badDate = (value: string) => (brDateToIso(value) === undefined ? 'Data inválida (use dd/mm/aaaa).' : null);

function valuesOf(card: FunnelCard | null) {
  return {
    value: centsToMoneyInput(card?.value_cents),
    installments: card?.installments ? String(card.installments) : '',
    first_due_date: isoToBrDate(card?.first_due_date),
    expected_close_date: isoToBrDate(card?.expected_close_date),
    next_step: card?.next_step ?? '',
    next_step_due: isoToBrDate(card?.next_step_due),
  };
}

export function CardDrawer({ card, ownerId, canWrite, onClose, onMove }: Props) {
  const me = useMe();
  const canPropose = canUseModule(me, 'documentos') && hasPermission(me, 'documentos:write');
  const canCharge = canUseModule(me, 'cobrancas') && hasPermission(me, 'cobrancas:write');
  const [charging, setCharging] = useState(false);
  const update = useUpdateCard(ownerId);
  const [formError, setFormError] = useState<string | null>(null);
  const [target, setTarget] = useState<string | null>(card?.stage ?? null);
  const form = useForm({
    initialValues: valuesOf(card),
    validate: {
      value: (v) => (parseMoneyToCents(v) === undefined ? 'Valor inválido.' : null),
      first_due_date: badDate,
      expected_close_date: badDate,
      next_step_due: badDate,
    },
  });

  useEffect(() => setCharging(false), [card?.id]);

  useEffect(() => {
    form.setValues(valuesOf(card));
    form.resetDirty();
    form.clearErrors();
    setFormError(null);
    setTarget(card?.stage ?? null);
    // Refill when another card opens or the server sends a new version of it.
  }, [card?.id, card?.stage, card?.value_cents, card?.next_step, card?.next_step_due]);

  function apply(values: ReturnType<typeof valuesOf>) {
    if (!card) return;
    setFormError(null);
    update.mutate(
      {
        id: card.id,
        body: {
          value_cents: parseMoneyToCents(values.value) ?? null,
          installments: values.installments ? Number(values.installments) : null,
          first_due_date: brDateToIso(values.first_due_date) ?? null,
          expected_close_date: brDateToIso(values.expected_close_date) ?? null,
          next_step: values.next_step.trim() || null,
          next_step_due: brDateToIso(values.next_step_due) ?? null,
        },
      },
      {
        onSuccess: () => notifications.show({ color: 'green', message: 'Oportunidade atualizada.' }),
        onError: (error) =>
          setFormError(applyApiError(form, error, { value_cents: 'value' })),
      },
    );
  }

  return (
    <Drawer opened={card !== null} onClose={onClose} position="right" size="md" title={card?.display_name ?? ''}>
      {card ? (
        <Stack data-testid="card-drawer">
          <Group gap="xs">
            <Badge variant="light" color={stageColor(card.stage)} data-testid="card-drawer-stage">
              {stageLabel(card.stage)}
            </Badge>
            <Text size="sm" c="dimmed">
              Responsável: {card.owner_name ?? '—'}
            </Text>
          </Group>
          <CardFlags card={card} />
          {card.loss_reason ? <Text size="sm">Motivo da perda: {card.loss_reason}</Text> : null}
          <Text size="xs" c="dimmed">
            Nesta etapa desde {formatDate(card.stage_entered_at)} · última atividade em {formatDate(card.last_activity_at)}
          </Text>
          <Anchor component={Link} to={`/clientes/${card.client_id}`} size="sm" data-testid="card-drawer-client">
            Abrir cliente
          </Anchor>
          <Group gap="xs" data-testid="card-drawer-followup">
            <FollowUpActions client={{ id: card.client_id, name: card.display_name }} cardId={card.id} size="xs" />
            {canPropose ? (
              <Button
                component={Link}
                to={`/documentos/novo?tipo=proposta&cliente=${card.client_id}&card=${card.id}`}
                variant="light"
                size="xs"
                leftSection={<IconFileText size={16} />}
                data-testid="card-drawer-proposal"
              >
                Gerar proposta
              </Button>
            ) : null}
            {canCharge ? (
              <Button
                variant="light"
                size="xs"
                leftSection={<IconReceipt2 size={16} />}
                onClick={() => setCharging(true)}
                data-testid="card-drawer-charges"
              >
                Gerar cobranças
              </Button>
            ) : null}
          </Group>
          <form onSubmit={form.onSubmit(apply)} noValidate>
            <Stack gap="sm">
              <ErrorAlert message={formError} />
              <SimpleGrid cols={2}>
                <MoneyField label="Valor" disabled={!canWrite} {...form.getInputProps('value')} />
                <NumberInput
                  label="Parcelas"
                  min={1}
                  max={360}
                  allowDecimal={false}
                  allowNegative={false}
                  disabled={!canWrite}
                  value={form.values.installments}
                  onChange={(value) => form.setFieldValue('installments', value === '' ? '' : String(value))}
                />
                <DateField label="1º vencimento" disabled={!canWrite} {...form.getInputProps('first_due_date')} />
                <DateField label="Previsão de fechamento" disabled={!canWrite} {...form.getInputProps('expected_close_date')} />
              </SimpleGrid>
              <TextInput label="Próximo passo" disabled={!canWrite} {...form.getInputProps('next_step')} />
              <DateField label="Data do próximo passo" disabled={!canWrite} {...form.getInputProps('next_step_due')} />
              {canWrite ? (
                <Group justify="flex-end">
                  <Button type="submit" loading={update.isPending}>
                    Aplicar
                  </Button>
                </Group>
              ) : null}
            </Stack>
          </form>
          {canWrite ? (
            <>
              <Divider />
              <Group align="flex-end" gap="xs">
                <Select
                  label="Etapa do funil"
                  data={STAGE_OPTIONS}
                  value={target}
                  onChange={setTarget}
                  style={{ flex: 1, minWidth: 200 }}
                  comboboxProps={{ withinPortal: true }}
                  data-testid="card-drawer-stage-select"
                />
                <Button variant="light" disabled={!target || target === card.stage} onClick={() => target && onMove(card, target)}>
                  Mover etapa do funil
                </Button>
              </Group>
            </>
          ) : null}
        </Stack>
      ) : null}
      {card && canCharge && charging ? (
        <Suspense fallback={null}>
          <SeriesModal
            opened={charging}
            onClose={() => setCharging(false)}
            client={{ id: card.client_id, name: card.display_name }}
            cardId={card.id}
            prefill={{ value_cents: card.value_cents, installments: card.installments, first_due_date: card.first_due_date }}
          />
        </Suspense>
      ) : null}
    </Drawer>
  );
}
