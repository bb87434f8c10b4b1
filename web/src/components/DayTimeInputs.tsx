/**
 * Date and time inputs in pt-BR: a day typed as dd/mm/aaaa or picked in a calendar (Mantine DateInput,
 * value "YYYY-MM-DD") and a time of day typed as hh:mm, always 24 h (a masked text input: the browser's
 * own time input follows the browser's language and may show AM/PM).
 * Only lazy chunks import this file, so @mantine/dates and its styles stay out of the main bundle.
 */
import '@mantine/dates/styles.css';
import 'dayjs/locale/pt-br';
import { DateInput, DatesProvider, type DateInputProps } from '@mantine/dates';
import { IconCalendar, IconClock } from '@tabler/icons-react';
import { parseBrDay } from '../lib/datetime';
import { TIME_MASK } from '../lib/masks';
import { MaskedInput, type MaskedInputProps } from './MaskedInput';

const SETTINGS = { locale: 'pt-br', firstDayOfWeek: 0, weekendDays: [0, 6] } as const;

export interface DayInputProps extends Omit<DateInputProps, 'value' | 'onChange'> {
  value?: string | null;
  onChange: (value: string | null) => void;
  'data-testid'?: string;
}

/** A calendar day, "YYYY-MM-DD" (or null). */
export function DayInput({ value, onChange, ...rest }: DayInputProps) {
  return (
    <DatesProvider settings={{ ...SETTINGS, weekendDays: [...SETTINGS.weekendDays] }}>
      <DateInput
        valueFormat="DD/MM/YYYY"
        placeholder="dd/mm/aaaa"
        dateParser={parseBrDay}
        leftSection={<IconCalendar size={16} />}
        popoverProps={{ withinPortal: true }}
        nextLabel="Próximo mês"
        previousLabel="Mês anterior"
        withAsterisk={false}
        {...rest}
        value={value ?? null}
        onChange={onChange}
      />
    </DatesProvider>
  );
}

export type TimeFieldProps = Omit<MaskedInputProps, 'mask' | 'value' | 'onChange'> & {
  value?: string;
  onChange: (value: string) => void;
};

/** A time of day, "HH:mm" in 24 h ('' when empty; partial while typing). */
export function TimeField({ value, onChange, ...rest }: TimeFieldProps) {
  return (
    <MaskedInput
      placeholder="hh:mm"
      inputMode="numeric"
      autoComplete="off"
      leftSection={<IconClock size={16} />}
      {...rest}
      mask={TIME_MASK}
      value={value ?? ''}
      onChange={onChange}
    />
  );
}
