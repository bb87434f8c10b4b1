/**
 * "Nova cobrança": client, description, amount, due date, payment forms and fine/interest (defaults from the
 * company's settings). Issued at Cora right away; a 409 (same client, due date and amount) links the existing one.
 */
import { Alert, Anchor, Modal, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError } from '../../api/errors';
import { ClientSelect, type ClientOption } from '../../components/ClientSelect';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FormActions } from '../../components/FormActions';
import { DateField, MoneyField } from '../../components/MaskedInput';
import { spToday } from '../../lib/datetime';
import { applyApiError, requiredText } from '../../lib/forms';
import {
  MAX_FINE_PERCENT,
  MAX_INTEREST_PERCENT,
  chargeBody,
  checkPercent,
  emptyChargeForm,
  validateAmount,
  validateDueDate,
  type ChargeFormValues,
} from './chargeRules';
import { useChargeSettings, useCreateCharge } from './chargesApi';
import { PaymentFields } from './PaymentFields';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** A fixed client (the client page); otherwise it is picked in the form. */
  client?: ClientOption | null;
  cardId?: string | null;
}

interface Duplicate {
  message: string;
  chargeId: string | null;
}

export function ChargeFormModal({ opened, onClose, client = null, cardId = null }: Props) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const navigate = useNavigate();
  const settings = useChargeSettings(opened);
  const create = useCreateCharge();
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const form = useForm<ChargeFormValues>({
    initialValues: emptyChargeForm(client?.id ?? null),
    validate: {
      client_id: (value) => (value ? null : 'Escolha o cliente.'),
      description: requiredText('Informe a descrição.'),
      amount: validateAmount,
      due_date: (value) => validateDueDate(value, spToday()),
      forms: (value) => (value.length > 0 ? null : 'Escolha ao menos uma forma de pagamento.'),
      fine_percent: (value) => checkPercent(value, MAX_FINE_PERCENT, 'A multa'),
      interest_percent: (value) => checkPercent(value, MAX_INTEREST_PERCENT, 'O juro'),
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(emptyChargeForm(client?.id ?? null, settings.data));
    form.clearErrors();
    setFormError(null);
    setDuplicate(null);
    create.reset();
  }, [opened, client?.id]);

  // The company's default fine and interest, once they arrive (unless already typed).
  useEffect(() => {
    if (!opened || !settings.data) return;
    if (form.values.fine_percent === '') form.setFieldValue('fine_percent', settings.data.default_fine_percent ?? '');
    if (form.values.interest_percent === '') form.setFieldValue('interest_percent', settings.data.default_interest_percent ?? '');
  }, [opened, settings.data]);

  function submit(values: ChargeFormValues) {
    setFormError(null);
    setDuplicate(null);
    create.mutate(chargeBody(values, { card_id: client ? cardId : null }), {
      onSuccess: (charge) => {
        notifications.show({
          color: charge.status === 'erro' ? 'red' : 'green',
          message: charge.status === 'erro' ? 'A Cora recusou a cobrança: veja o motivo.' : 'Cobrança emitida.',
        });
        onClose();
        navigate(`/cobrancas/${charge.id}`);
      },
      onError: (error) => {
        if (error instanceof ApiError && error.status === 409) {
          const payload = (error.payload ?? {}) as { existing_charge_id?: string | null };
          setDuplicate({ message: error.detail, chargeId: payload.existing_charge_id ?? null });
          return;
        }
        setFormError(applyApiError(form, error, { amount_cents: 'amount' }));
      },
    });
  }

  return (
    <Modal opened={opened} onClose={onClose} title="Nova cobrança" size="lg" centered fullScreen={isPhone}>
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="charge-form">
        <Stack>
          <ErrorAlert message={formError} />
          {duplicate ? (
            <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} />} data-testid="charge-duplicate">
              {duplicate.message}{' '}
              {duplicate.chargeId ? (
                <Anchor component={Link} to={`/cobrancas/${duplicate.chargeId}`} onClick={onClose} data-testid="charge-duplicate-link">
                  Abrir a cobrança existente
                </Anchor>
              ) : null}
            </Alert>
          ) : null}
          <ClientSelect
            label="Cliente"
            value={form.values.client_id || null}
            initial={client}
            disabled={Boolean(client)}
            onChange={(picked) => form.setFieldValue('client_id', picked?.id ?? '')}
            error={form.errors.client_id}
            data-testid="charge-client"
          />
          <TextInput label="Descrição" maxLength={100} placeholder="Ex.: Mensalidade de março" {...form.getInputProps('description')} />
          <SimpleGrid cols={2}>
            <MoneyField label="Valor" {...form.getInputProps('amount')} data-testid="charge-amount-input" />
            <DateField label="Vencimento" {...form.getInputProps('due_date')} data-testid="charge-due-input" />
          </SimpleGrid>
          <PaymentFields form={form} testIdPrefix="charge" />
          <FormActions onCancel={onClose} busy={create.isPending} submitLabel="Emitir cobrança" submitTestId="charge-save" />
        </Stack>
      </form>
    </Modal>
  );
}
