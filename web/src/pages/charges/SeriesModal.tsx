/**
 * "Gerar cobranças" / "Parcelar": a series of monthly (or every n months) charges for one client, from the
 * total or from the amount of each installment. The installments are previewed live by the API (its rounding:
 * the extra centavos on the first ones); after "Gerar" the series is issued in the background and read every
 * second until it is done, then each charge shows with its status.
 */
import { Alert, Anchor, Badge, Button, Group, Loader, Modal, NumberInput, SegmentedControl, SimpleGrid, Stack, Table, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { ApiError, errorMessage } from '../../api/errors';
import type { ChargeSeries } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { DateField, MoneyField } from '../../components/MaskedInput';
import { spToday } from '../../lib/datetime';
import { formatDate, formatMoney } from '../../lib/format';
import { applyApiError, requiredText } from '../../lib/forms';
import {
  MAX_FINE_PERCENT,
  MAX_INSTALLMENTS,
  MAX_INTEREST_PERCENT,
  SERIES_FIELD_ALIASES,
  checkPercent,
  installmentLong,
  seriesBody,
  seriesInitialValues,
  validateAmount,
  validateDueDate,
  type SeriesFormValues,
  type SeriesMode,
  type SeriesPrefill,
} from './chargeRules';
import { useChargeSettings, useCreateSeries, useSeries, useSeriesPreview } from './chargesApi';
import { ChargeStatusBadge } from './ChargeStatus';
import { PaymentFields } from './PaymentFields';

interface Props {
  opened: boolean;
  onClose: () => void;
  client: { id: string; name: string };
  cardId?: string | null;
  prefill?: SeriesPrefill;
  title?: string;
}

const MODES: { value: SeriesMode; label: string }[] = [
  { value: 'total', label: 'Valor total' },
  { value: 'installment', label: 'Valor da parcela' },
];

function previewProblem(error: unknown): string[] {
  if (error instanceof ApiError) {
    const messages = Object.values(error.fieldErrors);
    return messages.length > 0 ? messages.map((m) => m.charAt(0).toUpperCase() + m.slice(1)) : [error.detail];
  }
  return [errorMessage(error)];
}

function SeriesPreviewTable({ body }: { body: ReturnType<typeof seriesBody> }) {
  const [debounced] = useDebouncedValue(body, 400);
  const preview = useSeriesPreview(debounced);
  if (!debounced) {
    return (
      <Text size="sm" c="dimmed" data-testid="series-preview-empty">
        Informe o valor, as parcelas e o 1º vencimento para ver as parcelas.
      </Text>
    );
  }
  if (preview.isError) {
    return (
      <Alert color="orange" variant="light" data-testid="series-preview-error">
        {previewProblem(preview.error).map((message) => (
          <div key={message}>{message}</div>
        ))}
      </Alert>
    );
  }
  if (!preview.data) {
    return (
      <Group justify="center" py="sm">
        <Loader size="sm" aria-label="Calculando parcelas" />
      </Group>
    );
  }
  return (
    <Table.ScrollContainer minWidth={280} mah={260}>
      <Table striped verticalSpacing={4} data-testid="series-preview" style={{ opacity: preview.isFetching ? 0.6 : 1 }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Parcela</Table.Th>
            <Table.Th>Vencimento</Table.Th>
            <Table.Th style={{ textAlign: 'right' }}>Valor</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {preview.data.installments.map((row) => (
            <Table.Tr key={row.installment} data-testid={`series-preview-row-${row.installment}`}>
              <Table.Td>
                {row.installment}/{preview.data.installments.length}
              </Table.Td>
              <Table.Td>{formatDate(row.due_date)}</Table.Td>
              <Table.Td style={{ textAlign: 'right', whiteSpace: 'nowrap' }}>{formatMoney(row.amount_cents)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
        <Table.Tfoot>
          <Table.Tr>
            <Table.Th colSpan={2}>Total</Table.Th>
            <Table.Th style={{ textAlign: 'right', whiteSpace: 'nowrap' }} data-testid="series-preview-total">
              {formatMoney(preview.data.total_cents)}
            </Table.Th>
          </Table.Tr>
        </Table.Tfoot>
      </Table>
    </Table.ScrollContainer>
  );
}

const SERIES_STATUS: Record<ChargeSeries['status'], { label: string; color: string }> = {
  processando: { label: 'Emitindo…', color: 'blue' },
  concluida: { label: 'Concluído', color: 'green' },
  com_erro: { label: 'Com erro', color: 'red' },
};

function SeriesResult({ seriesId, clientId, onClose }: { seriesId: string; clientId: string; onClose: () => void }) {
  const series = useSeries(seriesId);
  const data = series.data;
  const status = data?.status ?? 'processando';
  return (
    <Stack data-testid="series-result" data-status={status}>
      <Group gap="xs">
        <Badge color={SERIES_STATUS[status].color} variant="light" data-testid="series-status">
          {SERIES_STATUS[status].label}
        </Badge>
        {data ? (
          <Text size="sm" c="dimmed">
            {data.issued} de {data.installments} emitida(s){data.failed > 0 ? ` · ${data.failed} com erro` : ''} · total {formatMoney(data.total_cents)}
          </Text>
        ) : null}
      </Group>
      {status === 'processando' ? (
        <Group gap="xs" data-testid="series-processing">
          <Loader size="xs" />
          <Text size="sm">Emitindo as cobranças na Cora. Isso leva alguns segundos.</Text>
        </Group>
      ) : null}
      {series.isError ? <ErrorAlert error={series.error} /> : null}
      {data?.error ? <ErrorAlert message={data.error} /> : null}
      {data && data.charges.length > 0 ? (
        <Stack gap="xs" data-testid="series-charges">
          {data.charges.map((charge) => (
            <Group
              key={charge.id}
              justify="space-between"
              wrap="nowrap"
              gap="xs"
              data-testid={`series-charge-${charge.installment ?? 0}`}
              data-charge-id={charge.id}
              data-status={charge.status}
            >
              <div style={{ minWidth: 0 }}>
                <Anchor component={Link} to={`/cobrancas/${charge.id}`} size="sm" fw={600} onClick={onClose} data-testid={`series-charge-link-${charge.installment ?? 0}`}>
                  {installmentLong(charge) ?? charge.description}
                </Anchor>
                <Text size="xs" c="dimmed">
                  {formatDate(charge.due_date)} · {formatMoney(charge.amount_cents)}
                </Text>
              </div>
              <ChargeStatusBadge charge={charge} />
            </Group>
          ))}
        </Stack>
      ) : null}
      <Group justify="flex-end">
        <Button variant="default" onClick={onClose}>
          Fechar
        </Button>
        <Button component={Link} to={`/cobrancas?cliente=${clientId}`} onClick={onClose} data-testid="series-charges-link">
          Ver cobranças do cliente
        </Button>
      </Group>
    </Stack>
  );
}

export function SeriesModal({ opened, onClose, client, cardId = null, prefill = {}, title = 'Gerar cobranças' }: Props) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const settings = useChargeSettings(opened);
  const create = useCreateSeries();
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<{ message: string; chargeId: string | null } | null>(null);
  const [seriesId, setSeriesId] = useState<string | null>(null);
  const form = useForm<SeriesFormValues>({
    initialValues: seriesInitialValues(prefill, spToday()),
    validate: {
      description: requiredText('Informe a descrição.'),
      amount: validateAmount,
      installments: (value) =>
        Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= MAX_INSTALLMENTS ? null : `De 1 a ${MAX_INSTALLMENTS} parcelas.`,
      first_due_date: (value) => validateDueDate(value, spToday()),
      interval_months: (value) => (Number.isInteger(Number(value)) && Number(value) >= 1 && Number(value) <= 12 ? null : 'De 1 a 12 meses.'),
      forms: (value) => (value.length > 0 ? null : 'Escolha ao menos uma forma de pagamento.'),
      fine_percent: (value) => checkPercent(value, MAX_FINE_PERCENT, 'A multa'),
      interest_percent: (value) => checkPercent(value, MAX_INTEREST_PERCENT, 'O juro'),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(seriesInitialValues(prefill, spToday(), settings.data));
    form.clearErrors();
    setFormError(null);
    setDuplicate(null);
    setSeriesId(null);
    create.reset();
  }, [opened, client.id]);

  useEffect(() => {
    if (!opened || !settings.data) return;
    if (form.values.fine_percent === '') form.setFieldValue('fine_percent', settings.data.default_fine_percent ?? '');
    if (form.values.interest_percent === '') form.setFieldValue('interest_percent', settings.data.default_interest_percent ?? '');
  }, [opened, settings.data]);

  const body = seriesBody(form.values, client.id, cardId);

  function submit(values: SeriesFormValues) {
    const request = seriesBody(values, client.id, cardId);
    if (!request) return;
    setFormError(null);
    setDuplicate(null);
    create.mutate(
      request,
      {
        onSuccess: (series) => setSeriesId(series.id),
        onError: (error) => {
          if (error instanceof ApiError && error.status === 409) {
            const payload = (error.payload ?? {}) as { existing_charge_id?: string | null };
            setDuplicate({ message: error.detail, chargeId: payload.existing_charge_id ?? null });
            return;
          }
          setFormError(applyApiError(form, error, SERIES_FIELD_ALIASES));
        },
      },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={`${title} — ${client.name}`} size="lg" centered fullScreen={isPhone}>
      {seriesId ? (
        <SeriesResult seriesId={seriesId} clientId={client.id} onClose={onClose} />
      ) : (
        <form
          onSubmit={form.onSubmit(submit)}
          noValidate
          data-testid="series-dialog"
        >
          <Stack>
            <ErrorAlert message={formError} />
            {duplicate ? (
              <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="series-duplicate">
                {duplicate.message}{' '}
                {duplicate.chargeId ? (
                  <Anchor component={Link} to={`/cobrancas/${duplicate.chargeId}`} onClick={onClose} data-testid="series-duplicate-link">
                    Abrir a cobrança existente
                  </Anchor>
                ) : null}
              </Alert>
            ) : null}
            <TextInput label="Cliente" value={client.name} readOnly variant="filled" data-testid="series-client" />
            <TextInput
              label="Descrição"
              maxLength={100}
              placeholder="Ex.: Plano anual"
              {...form.getInputProps('description')}
            />
            <SegmentedControl
              data={MODES}
              value={form.values.mode}
              onChange={(value) => form.setFieldValue('mode', value as SeriesMode)}
              fullWidth
              data-testid="series-mode"
            />
            <SimpleGrid cols={2}>
              <MoneyField
                label="Valor"
                description={form.values.mode === 'total' ? 'Total, dividido nas parcelas' : 'De cada parcela'}
                {...form.getInputProps('amount')}
                data-testid="series-amount"
              />
              <NumberInput
                label="Número de parcelas"
                min={1}
                max={MAX_INSTALLMENTS}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="strict"
                {...form.getInputProps('installments')}
                data-testid="series-installments"
              />
              <DateField label="1º vencimento" {...form.getInputProps('first_due_date')} data-testid="series-first-due" />
              <NumberInput
                label="Intervalo (meses)"
                min={1}
                max={12}
                allowDecimal={false}
                allowNegative={false}
                clampBehavior="strict"
                {...form.getInputProps('interval_months')}
                data-testid="series-interval"
              />
            </SimpleGrid>
            <PaymentFields form={form} testIdPrefix="series" />
            <SeriesPreviewTable body={body} />
            <FormActions onCancel={onClose} busy={create.isPending} submitLabel="Gerar cobranças" submitTestId="series-submit" />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
