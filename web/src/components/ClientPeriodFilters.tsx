/**
 * The client and period filters that list pages share, kept in the address (?cliente=&de=&ate=): the
 * values read from the URL, and the three grid columns (client search, from, to) that edit them.
 */
import { Grid } from '@mantine/core';
import { isDayKey } from '../lib/datetime';
import { useClient } from '../pages/clients/clientsApi';
import { ClientSelect } from './ClientSelect';
import { DayInput } from './DayTimeInputs';

export interface ClientPeriod {
  clientId?: string;
  from?: string;
  to?: string;
}

/** ?cliente=&de=&ate= as filter values (an invalid day is ignored). */
export function clientPeriodFrom(params: URLSearchParams): ClientPeriod {
  const day = (name: string) => (isDayKey(params.get(name)) ? params.get(name)! : undefined);
  return { clientId: params.get('cliente') || undefined, from: day('de'), to: day('ate') };
}

interface Props {
  value: ClientPeriod;
  set: (changes: Record<string, string | null | undefined>) => void;
  testIdPrefix: string;
  fromLabel?: string;
  toLabel?: string;
  clientSpan?: number;
}

export function ClientPeriodFilterCols({ value, set, testIdPrefix, fromLabel = 'De', toLabel = 'Até', clientSpan = 4 }: Props) {
  const { clientId, from, to } = value;
  const client = useClient(clientId);
  return (
    <>
      <Grid.Col span={{ base: 12, xs: 6, md: clientSpan }}>
        <ClientSelect
          label="Cliente"
          value={clientId ?? null}
          initial={clientId && client.data ? { id: clientId, name: client.data.display_name } : null}
          onChange={(picked) => set({ cliente: picked?.id })}
          data-testid={`${testIdPrefix}-filter-client`}
        />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <DayInput label={fromLabel} clearable value={from ?? null} onChange={(day) => set({ de: day })} data-testid={`${testIdPrefix}-filter-from`} />
      </Grid.Col>
      <Grid.Col span={{ base: 6, md: 2 }}>
        <DayInput label={toLabel} clearable value={to ?? null} onChange={(day) => set({ ate: day })} data-testid={`${testIdPrefix}-filter-to`} />
      </Grid.Col>
    </>
  );
}
