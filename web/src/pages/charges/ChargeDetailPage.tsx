/**
 * /cobrancas/:id — a charge: status, client, amount, due date, payment, the boleto (linha digitável, barcode,
 * PDF) and the PIX (QR code drawn here from the EMV, copia e cola), Cora's error, the history and the actions
 * the API allows (Cancelar, Reemitir, Sincronizar com a Cora, and "Simular pagamento" in Cora's test environment).
 */
import { Alert, Anchor, Badge, Button, Card, Code, CopyButton, Group, SimpleGrid, Stack, Text, Timeline, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconArrowLeft,
  IconCheck,
  IconCopy,
  IconExternalLink,
  IconFlask,
  IconRefresh,
  IconRepeat,
  IconX,
} from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import { errorMessage } from '../../api/errors';
import type { Charge } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { QueryBoundary } from '../../components/QueryBoundary';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { formsLabel, installmentLong, statusColor, statusLabel } from './chargeRules';
import { useCharge, useChargeAction, type ChargeAction } from './chargesApi';
import { ChargeStatusBadge } from './ChargeStatus';
import { PixQrCode } from './PixQrCode';

function Copy({ value, label, testId }: { value: string; label: string; testId: string }) {
  return (
    <CopyButton value={value} timeout={2000}>
      {({ copied, copy }) => (
        <Button
          size="xs"
          variant={copied ? 'filled' : 'light'}
          color={copied ? 'teal' : undefined}
          leftSection={copied ? <IconCheck size={14} /> : <IconCopy size={14} />}
          onClick={copy}
          data-testid={testId}
          data-copied={copied ? 'true' : 'false'}
        >
          {copied ? 'Copiado!' : label}
        </Button>
      )}
    </CopyButton>
  );
}

function Field({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500} data-testid={testId} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </div>
  );
}

function Boleto({ charge }: { charge: Charge }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid="charge-boleto">
      <Title order={4} mb="sm">
        Boleto
      </Title>
      <Stack gap="sm">
        {charge.digitable_line_formatted || charge.digitable_line ? (
          <div>
            <Text size="xs" c="dimmed">
              Linha digitável
            </Text>
            <Group gap="xs" align="center" wrap="wrap">
              <Code fz="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }} data-testid="charge-digitable-line">
                {charge.digitable_line_formatted ?? charge.digitable_line}
              </Code>
              <Copy value={charge.digitable_line ?? charge.digitable_line_formatted ?? ''} label="Copiar linha digitável" testId="charge-copy-line" />
            </Group>
          </div>
        ) : null}
        {charge.barcode ? (
          <div>
            <Text size="xs" c="dimmed">
              Código de barras
            </Text>
            <Code fz="xs" style={{ overflowWrap: 'anywhere', whiteSpace: 'normal' }} data-testid="charge-barcode">
              {charge.barcode}
            </Code>
          </div>
        ) : null}
        {charge.pdf_url ? (
          <Group>
            <Button
              component="a"
              href={charge.pdf_url}
              target="_blank"
              rel="noopener noreferrer"
              variant="light"
              size="xs"
              leftSection={<IconExternalLink size={14} />}
              data-testid="charge-pdf-link"
            >
              Abrir boleto (PDF)
            </Button>
          </Group>
        ) : null}
      </Stack>
    </Card>
  );
}

function Pix({ emv }: { emv: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid="charge-pix">
      <Title order={4} mb="sm">
        PIX
      </Title>
      <Stack gap="sm" align="flex-start">
        <PixQrCode emv={emv} />
        <Text size="xs" c="dimmed">
          PIX copia e cola
        </Text>
        <Code fz="xs" block style={{ overflowWrap: 'anywhere', whiteSpace: 'normal', maxWidth: '100%' }} data-testid="charge-pix-code">
          {emv}
        </Code>
        <Copy value={emv} label="Copiar código PIX" testId="charge-copy-pix" />
      </Stack>
    </Card>
  );
}

function History({ charge }: { charge: Charge }) {
  const entries = [...charge.history].reverse();
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={4} mb="sm">
        Histórico
      </Title>
      <Timeline bulletSize={14} lineWidth={2} data-testid="charge-history">
        {entries.map((entry, index) => (
          <Timeline.Item key={`${entry.at}-${index}`} color={statusColor(entry.status)} data-testid="charge-history-entry" data-status={entry.status}>
            <Text size="sm">{entry.text}</Text>
            <Group gap={6}>
              <Text size="xs" c="dimmed">
                {formatDateTime(entry.at)}
                {entry.actor_name ? ` · ${entry.actor_name}` : ''}
              </Text>
              <Badge size="xs" variant="light" color={statusColor(entry.status)}>
                {statusLabel(entry.status)}
              </Badge>
            </Group>
          </Timeline.Item>
        ))}
      </Timeline>
    </Card>
  );
}

const DONE: Record<ChargeAction, string> = {
  cancel: 'Cobrança cancelada.',
  reissue: 'Cobrança reemitida.',
  sync: 'Cobrança sincronizada com a Cora.',
  'simulate-payment': 'Pagamento simulado.',
};

function Actions({ charge }: { charge: Charge }) {
  const me = useMe();
  const canWrite = hasPermission(me, 'cobrancas:write');
  const action = useChargeAction();
  const [confirming, setConfirming] = useState(false);
  const running = action.isPending ? action.variables?.action : null;

  function run(kind: ChargeAction) {
    action.mutate(
      { id: charge.id, action: kind },
      {
        onSuccess: (updated) => {
          setConfirming(false);
          notifications.show({ color: updated.status === 'erro' ? 'red' : 'green', message: DONE[kind] });
        },
        onError: (error) => {
          if (kind !== 'cancel') notifications.show({ color: 'red', title: 'Não foi possível concluir', message: errorMessage(error) });
        },
      },
    );
  }

  return (
    <>
      <Group gap="xs" data-testid="charge-actions">
        {charge.provider_id ? (
          <Button variant="default" leftSection={<IconRefresh size={16} />} loading={running === 'sync'} onClick={() => run('sync')} data-testid="charge-sync">
            Sincronizar com a Cora
          </Button>
        ) : null}
        {canWrite && charge.can_reissue ? (
          <Button leftSection={<IconRepeat size={16} />} loading={running === 'reissue'} onClick={() => run('reissue')} data-testid="charge-reissue">
            Reemitir
          </Button>
        ) : null}
        {canWrite && charge.can_cancel ? (
          <Button
            color="red"
            variant="light"
            leftSection={<IconX size={16} />}
            onClick={() => {
              action.reset();
              setConfirming(true);
            }}
            data-testid="charge-cancel"
          >
            Cancelar cobrança
          </Button>
        ) : null}
      </Group>
      {canWrite && charge.can_simulate_payment ? (
        <Alert color="grape" variant="light" icon={<IconFlask size={18} />} title="Ambiente de testes da Cora" data-testid="charge-simulate">
          <Stack gap="xs" align="flex-start">
            <Text size="sm">
              Esta empresa usa o ambiente de testes (stage) da Cora: nenhum dinheiro de verdade é movimentado. Simule o pagamento para ver
              a cobrança ficar paga, como aconteceria quando o cliente pagasse.
            </Text>
            <Button
              color="grape"
              size="xs"
              loading={running === 'simulate-payment'}
              onClick={() => run('simulate-payment')}
              data-testid="charge-simulate-payment"
            >
              Simular pagamento
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <ConfirmModal
        opened={confirming}
        title="Cancelar cobrança"
        confirmLabel="Cancelar cobrança"
        cancelLabel="Voltar"
        loading={running === 'cancel'}
        error={action.variables?.action === 'cancel' ? action.error : null}
        onConfirm={() => run('cancel')}
        onClose={() => setConfirming(false)}
      >
        {charge.provider_id
          ? `A cobrança "${charge.description}" de ${formatMoney(charge.amount_cents)} será cancelada também na Cora: o boleto e o PIX deixam de valer.`
          : `A cobrança "${charge.description}" de ${formatMoney(charge.amount_cents)} será cancelada.`}
      </ConfirmModal>
    </>
  );
}

export default function ChargeDetailPage() {
  const { id = '' } = useParams();
  const charge = useCharge(id);
  const data = charge.data;

  return (
    <QueryBoundary query={charge}>
      {data ? (
        <Stack gap="md" data-testid="charge-detail" data-charge-id={data.id} data-status={data.status}>
          <Anchor component={Link} to="/cobrancas" size="sm">
            <Group gap={4}>
              <IconArrowLeft size={14} /> Cobranças
            </Group>
          </Anchor>
          <Group justify="space-between" align="flex-start" gap="sm">
            <div style={{ minWidth: 0 }}>
              <Title order={2} style={{ overflowWrap: 'anywhere' }} data-testid="charge-description">
                {data.description}
              </Title>
              <Group gap="xs" mt={6}>
                <ChargeStatusBadge charge={data} testId="charge-status" size="md" />
                {installmentLong(data) ? (
                  <Text size="sm" c="dimmed" data-testid="charge-series">
                    {installmentLong(data)}
                  </Text>
                ) : null}
              </Group>
            </div>
          </Group>
          {data.status === 'erro' && data.error ? (
            <Alert color="red" variant="light" icon={<IconAlertCircle size={18} />} title="A Cora não emitiu esta cobrança" data-testid="charge-error">
              <Text size="sm">{data.error.message}</Text>
              <Text size="xs" c="dimmed" mt={4}>
                {data.error.code ? `Código ${data.error.code} · ` : ''}
                {formatDateTime(data.error.at)}
              </Text>
            </Alert>
          ) : null}
          <Actions charge={data} />
          <Card withBorder radius="md" padding="md">
            <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
              <Field label="Cliente">
                <Anchor component={Link} to={`/clientes/${data.client_id}`} size="sm" data-testid="charge-client-link">
                  {data.client_name}
                </Anchor>
              </Field>
              <Field label="Valor" testId="charge-amount">
                {formatMoney(data.amount_cents)}
              </Field>
              <Field label="Vencimento" testId="charge-due">
                {formatDate(data.due_date)}
              </Field>
              <Field label="Formas de pagamento">{formsLabel(data.forms)}</Field>
              <Field label="Valor pago" testId="charge-paid-amount">
                {formatMoney(data.paid_cents)}
              </Field>
              <Field label="Pago em" testId="charge-paid-at">
                {formatDateTime(data.paid_at)}
              </Field>
              <Field label="Multa">{data.fine_percent !== null ? `${String(data.fine_percent).replace('.', ',')}%` : '—'}</Field>
              <Field label="Juros ao mês">{data.interest_percent !== null ? `${String(data.interest_percent).replace('.', ',')}%` : '—'}</Field>
            </SimpleGrid>
          </Card>
          {data.forms.includes('boleto') && (data.digitable_line || data.barcode || data.pdf_url) ? <Boleto charge={data} /> : null}
          {data.forms.includes('pix') && data.pix_emv ? <Pix emv={data.pix_emv} /> : null}
          {data.status === 'pendente' ? (
            <Text size="sm" c="dimmed" data-testid="charge-pending">
              A cobrança está sendo emitida na Cora; o boleto e o PIX aparecem aqui em instantes.
            </Text>
          ) : null}
          <History charge={data} />
        </Stack>
      ) : null}
    </QueryBoundary>
  );
}
