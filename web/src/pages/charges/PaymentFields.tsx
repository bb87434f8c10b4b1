/** The fields a single charge and a series share: payment forms (Boleto / PIX) and the fine and interest after the due date. */
import { Checkbox, Group, Input, NumberInput, SimpleGrid } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ChargeForm } from '../../api/types';
import { FORM_OPTIONS, MAX_FINE_PERCENT, MAX_INTEREST_PERCENT } from './chargeRules';

interface PaymentFieldsProps {
  forms: ChargeForm[];
  onForms: (forms: ChargeForm[]) => void;
  formsError?: ReactNode;
  fine: { value: number | string; onChange: (value: number | string) => void; error?: ReactNode };
  interest: { value: number | string; onChange: (value: number | string) => void; error?: ReactNode };
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

export function PaymentFields({ forms, onForms, formsError, fine, interest, testIdPrefix }: PaymentFieldsProps) {
  return (
    <>
      <Input.Wrapper label="Formas de pagamento" error={formsError}>
        <Checkbox.Group value={forms} onChange={(value) => onForms(value as ChargeForm[])} data-testid={`${testIdPrefix}-forms`}>
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
          value={fine.value}
          onChange={fine.onChange}
          error={fine.error}
          data-testid={`${testIdPrefix}-fine`}
        />
        <NumberInput
          label="Juros ao mês (%)"
          description={`Após o vencimento (até ${MAX_INTEREST_PERCENT}% a.m.)`}
          max={MAX_INTEREST_PERCENT}
          {...percentProps}
          value={interest.value}
          onChange={interest.onChange}
          error={interest.error}
          data-testid={`${testIdPrefix}-interest`}
        />
      </SimpleGrid>
    </>
  );
}
