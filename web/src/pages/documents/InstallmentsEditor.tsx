/**
 * Contracts' installments: "Gerar parcelas" splits the total in N monthly installments from the first due
 * date; each date and amount stays editable; the sum must equal the document's total.
 */
import { ActionIcon, Button, Group, NumberInput, Paper, Stack, Text } from '@mantine/core';
import { IconRefresh, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { DayInput } from '../../components/DayTimeInputs';
import { MoneyField } from '../../components/MaskedInput';
import { addDays, spToday } from '../../lib/datetime';
import { formatMoney } from '../../lib/format';
import { generateInstallmentLines, installmentsSum, type InstallmentLine } from './documentRules';

interface Props {
  lines: InstallmentLine[];
  onChange: (lines: InstallmentLine[]) => void;
  totalCents: number;
  error?: string | null;
}

export function InstallmentsEditor({ lines, onChange, totalCents, error }: Props) {
  const [count, setCount] = useState<number | string>(lines.length || 1);
  const [firstDue, setFirstDue] = useState<string | null>(lines[0]?.due ?? addDays(spToday(), 30));
  const sum = installmentsSum(lines);
  const matches = sum === totalCents;
  const n = typeof count === 'number' ? count : Number(count);
  const canGenerate = firstDue !== null && Number.isInteger(n) && n >= 1 && n <= 360 && totalCents >= n;

  const update = (index: number, change: Partial<InstallmentLine>) => onChange(lines.map((line, i) => (i === index ? { ...line, ...change } : line)));

  return (
    <Stack gap="sm" data-testid="installments">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <NumberInput
          label="Número de parcelas"
          min={1}
          max={360}
          allowDecimal={false}
          allowNegative={false}
          value={count}
          onChange={setCount}
          w={130}
          data-testid="installments-count"
        />
        <DayInput label="1º vencimento" value={firstDue} onChange={setFirstDue} w={160} data-testid="installments-first-due" />
        <Button
          variant="light"
          leftSection={<IconRefresh size={16} />}
          disabled={!canGenerate}
          onClick={() => firstDue && onChange(generateInstallmentLines(totalCents, n, firstDue))}
          data-testid="installments-generate"
        >
          {lines.length ? 'Gerar de novo' : 'Gerar parcelas'}
        </Button>
        {lines.length ? (
          <Button variant="subtle" color="red" onClick={() => onChange([])} data-testid="installments-clear">
            Limpar
          </Button>
        ) : null}
      </Group>
      {totalCents === 0 ? (
        <Text size="sm" c="dimmed">
          Inclua os itens primeiro: as parcelas dividem o total do documento.
        </Text>
      ) : null}
      {lines.map((line, index) => (
        <Paper key={line.key} withBorder radius="md" p="xs" data-testid={`installment-${index + 1}`}>
          <Group gap="sm" align="flex-end" wrap="wrap">
            <Text size="sm" fw={600} w={28} pb={8}>
              {index + 1}ª
            </Text>
            <DayInput
              label="Vencimento"
              aria-label={`Vencimento da parcela ${index + 1}`}
              value={line.due}
              onChange={(due) => update(index, { due })}
              style={{ flex: 1, minWidth: 150 }}
            />
            <MoneyField
              label="Valor"
              aria-label={`Valor da parcela ${index + 1}`}
              value={line.amount}
              onChange={(amount) => update(index, { amount })}
              style={{ flex: 1, minWidth: 150 }}
            />
            <ActionIcon variant="subtle" color="red" mb={4} aria-label={`Remover a parcela ${index + 1}`} onClick={() => onChange(lines.filter((_, i) => i !== index))}>
              <IconTrash size={16} />
            </ActionIcon>
          </Group>
        </Paper>
      ))}
      {lines.length ? (
        <Text size="sm" c={matches ? 'green' : 'red'} data-testid="installments-sum" data-ok={matches ? 'true' : 'false'}>
          Soma das parcelas: {formatMoney(sum)} {matches ? '= total do documento' : `— o total do documento é ${formatMoney(totalCents)}`}
        </Text>
      ) : null}
      {error ? (
        <Text size="sm" c="red" role="alert" data-testid="installments-error">
          {error}
        </Text>
      ) : null}
    </Stack>
  );
}
