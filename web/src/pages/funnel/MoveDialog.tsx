/** Moving a card: straight away, or after asking the loss reason (Perdido) or the value (Fechado without one). */
import { Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import type { FunnelCard } from '../../api/types';
import { MoneyField } from '../../components/MaskedInput';
import { stageLabel } from '../../domain/crm';
import { parseMoneyToCents } from '../../lib/money';
import { useFunnelSettings, useMoveCard } from './funnelApi';

interface PendingMove {
  card: FunnelCard;
  stage: string;
}

export function needsDetails(card: FunnelCard, stage: string): boolean {
  return stage === 'perdido' || (stage === 'fechado' && !card.value_cents);
}

export function useMoveFlow(ownerId: string | null) {
  const move = useMoveCard(ownerId);
  const [pending, setPending] = useState<PendingMove | null>(null);
  const request = (card: FunnelCard, stage: string) => {
    if (card.stage === stage) return;
    if (needsDetails(card, stage)) setPending({ card, stage });
    else move.mutate({ card, body: { stage: stage as FunnelCard['stage'] } });
  };
  const dialog = (
    <MoveDialog
      pending={pending}
      onClose={() => setPending(null)}
      onConfirm={(extra) => {
        if (!pending) return;
        move.mutate({ card: pending.card, body: { stage: pending.stage as FunnelCard['stage'], ...extra } });
        setPending(null);
      }}
    />
  );
  return { request, dialog, moving: move.isPending };
}

interface MoveDialogProps {
  pending: PendingMove | null;
  onClose: () => void;
  onConfirm: (extra: { loss_reason?: string; value_cents?: number }) => void;
}

function MoveDialog({ pending, onClose, onConfirm }: MoveDialogProps) {
  const settings = useFunnelSettings();
  const [reason, setReason] = useState<string | null>(null);
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | null>(null);
  const lost = pending?.stage === 'perdido';

  useEffect(() => {
    setReason(null);
    setValue('');
    setError(null);
  }, [pending]);

  function confirm() {
    if (lost) {
      if (!reason) return setError('Selecione o motivo da perda.');
      return onConfirm({ loss_reason: reason });
    }
    const cents = parseMoneyToCents(value);
    if (!cents || cents <= 0) return setError('Informe o valor fechado.');
    return onConfirm({ value_cents: cents });
  }

  return (
    <Modal opened={pending !== null} onClose={onClose} title={`Mover para ${stageLabel(pending?.stage)}`} centered>
      <Stack data-testid="move-dialog">
        <Text size="sm">
          {lost
            ? `Por que a oportunidade de ${pending?.card.display_name} foi perdida?`
            : `Qual foi o valor fechado com ${pending?.card.display_name}?`}
        </Text>
        {lost ? (
          <Select
            label="Motivo da perda"
            data={settings.data?.loss_reasons ?? []}
            value={reason}
            onChange={(next) => {
              setReason(next);
              setError(null);
            }}
            error={error}
            nothingFoundMessage="Nenhum motivo cadastrado nas configurações do funil"
            comboboxProps={{ withinPortal: true }}
          />
        ) : (
          <MoneyField
            label="Valor fechado"
            value={value}
            onChange={(next) => {
              setValue(next);
              setError(null);
            }}
            error={error}
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            Cancelar
          </Button>
          <Button onClick={confirm}>Mover</Button>
        </Group>
      </Stack>
    </Modal>
  );
}
