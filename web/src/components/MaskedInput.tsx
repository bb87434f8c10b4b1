/**
 * Mantine inputs with an imask mask: documents, phones, CEP, dates (dd/mm/aaaa)
 * and money (R$). The value is the masked text; convert it with lib/masks.
 */
import { InputBase, type InputBaseProps } from '@mantine/core';
import type { FactoryArg } from 'imask';
import type { ComponentClass, FocusEventHandler } from 'react';
import { IMaskInput } from 'react-imask';
import { DATE_MASK, MONEY_MASK } from '../lib/masks';

export interface MaskedInputProps extends Omit<InputBaseProps, 'onChange'> {
  mask: FactoryArg;
  value?: string;
  onChange: (value: string) => void;
  onBlur?: FocusEventHandler<HTMLInputElement>;
  onFocus?: FocusEventHandler<HTMLInputElement>;
  name?: string;
  placeholder?: string;
  required?: boolean;
  autoComplete?: string;
  inputMode?: 'numeric' | 'tel' | 'text' | 'decimal' | 'email';
  'data-testid'?: string;
  'aria-label'?: string;
}

// IMaskInput's props are a union per mask kind; the wrapper only forwards them.
const MaskInput = IMaskInput as unknown as ComponentClass<Record<string, unknown>>;

export function MaskedInput({ mask, value, onChange, ...rest }: MaskedInputProps) {
  return (
    <InputBase
      {...rest}
      component={MaskInput}
      {...(mask as Record<string, unknown>)}
      value={value ?? ''}
      onAccept={(next: string) => {
        if (next !== (value ?? '')) onChange(next);
      }}
    />
  );
}

type Specialized = Omit<MaskedInputProps, 'mask'>;

/** Date typed as dd/mm/aaaa. */
export function DateField(props: Specialized) {
  return <MaskedInput placeholder="dd/mm/aaaa" inputMode="numeric" {...props} mask={DATE_MASK} />;
}

/** Reais: "1.234,56" with "R$" beside it. */
export function MoneyField(props: Specialized) {
  return (
    <MaskedInput
      placeholder="0,00"
      inputMode="decimal"
      leftSection={<span style={{ fontSize: 'var(--mantine-font-size-sm)' }}>R$</span>}
      {...props}
      mask={MONEY_MASK}
    />
  );
}
