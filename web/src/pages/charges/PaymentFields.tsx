/** The fields a single charge and a series share: payment forms (Boleto / PIX) and the fine and interest after the due date. */
import { Checkbox, Group, Input, NumberInput, SimpleGrid } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ChargeForm } from '../../api/types';
import { FORM_OPTIONS, MAX_FINE_PERCENT, MAX_INTEREST_PERCENT } from './chargeRules';

/** The part of a charge or series form these fields edit. */
export interface PaymentValues {
  forms: ChargeForm[];
  fine_percent: number | string;
  interest_percent: number | string;
}

interface PaymentFieldsProps<T extends PaymentValues> {
  form: UseFormReturnType<T>;
  testIdPrefix: string;
}

const percentProps = {
  decimalSeparator: ',',
  decimalScale: 2,
  allowNegative: false,
  suffix: ' %',
  min: 0,
  hideControls: true,
  placeholder: 'Padrão da empresa',
} as const;

export function PaymentFields<T extends PaymentValues>({ form, testIdPrefix }: PaymentFieldsProps<T>) {
  const values = form.getValues() as PaymentValues;
  const set = (field: keyof PaymentValues, value: unknown) =>
    (form.setFieldValue as (path: string, value: unknown) => void)(field, value);
  return (
    <>
      <Input.Wrapper label="Formas de pagamento" error={form.errors.forms}>
        <Checkbox.Group
          value={values.forms}
          onChange={(value) => set('forms', value as ChargeForm[])}
          data-testid={`${testIdPrefix}-forms`}
        >
          <Group gap="lg" mt={6}>
            {FORM_OPTIONS.map((option) => (
              <Checkbox key={option.value} value={option.value} label={option.label} />
            ))}
          </Group>
        </Checkbox.Group>
      </Input.Wrapper>
      <SimpleGrid cols={2}>
        <NumberInput
          label="Multa (%)"
          description={`Uma vez, após o vencimento (até ${MAX_FINE_PERCENT}%)`}
          max={MAX_FINE_PERCENT}
          {...percentProps}
          value={values.fine_percent}
          onChange={(value) => set('fine_percent', value)}
          error={form.errors.fine_percent}
          data-testid={`${testIdPrefix}-fine`}
        />
        <NumberInput
          label="Juros ao mês (%)"
          description={`Após o vencimento (até ${MAX_INTEREST_PERCENT}% a.m.)`}
          max={MAX_INTEREST_PERCENT}
          {...percentProps}
          value={values.interest_percent}
          onChange={(value) => set('interest_percent', value)}
          error={form.errors.interest_percent}
          data-testid={`${testIdPrefix}-interest`}
        />
      </SimpleGrid>
    </>
  );
}
