/** Step 2: preview rows, map each CSV column to a client field, choose what to do with duplicates. */
import { Button, Card, Group, Radio, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ClientImport } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useStartImport } from './importApi';

const SKIP = '__skip__';

export function ImportMapping({ job }: { job: ClientImport }) {
  const [mapping, setMapping] = useState<Record<string, string | null>>(() => {
    const initial: Record<string, string | null> = {};
    for (const column of job.columns) initial[column] = job.suggested_mapping?.[column] ?? null;
    return initial;
  });
  const [onDuplicate, setOnDuplicate] = useState<'skip' | 'merge'>(job.on_duplicate === 'merge' ? 'merge' : 'skip');
  const start = useStartImport(job.id);
  const options = [{ value: SKIP, label: 'Não importar' }, ...job.fields.map((field) => ({ value: field.key, label: field.label }))];
  const used = Object.values(mapping).filter(Boolean);
  const repeated = used.find((field, index) => used.indexOf(field) !== index);
  const repeatedLabel = repeated ? job.fields.find((field) => field.key === repeated)?.label : null;

  return (
    <Stack data-testid="import-mapping">
      <Text size="sm">
        Arquivo <b>{job.file_name}</b> · {job.total} linha(s) · codificação {job.encoding} · separador "{job.delimiter}"
      </Text>
      <Card withBorder radius="md" padding={0}>
        <Table.ScrollContainer minWidth={Math.max(480, job.columns.length * 180)}>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                {job.columns.map((column) => (
                  <Table.Th key={column} style={{ verticalAlign: 'top' }}>
                    <Text size="xs" c="dimmed" mb={4}>
                      {column}
                    </Text>
                    <Select
                      aria-label={`Campo para a coluna ${column}`}
                      data={options}
                      value={mapping[column] ?? SKIP}
                      onChange={(value) => setMapping((current) => ({ ...current, [column]: value === SKIP ? null : value }))}
                      searchable
                      size="xs"
                      comboboxProps={{ withinPortal: true }}
                    />
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {job.preview_rows.map((row, index) => (
                <Table.Tr key={index}>
                  {job.columns.map((column, columnIndex) => (
                    <Table.Td key={column}>
                      <Text size="sm" lineClamp={2}>
                        {row[columnIndex] ?? ''}
                      </Text>
                    </Table.Td>
                  ))}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Card>
      <Radio.Group
        label="Duplicados"
        description="Clientes com o mesmo CPF/CNPJ, WhatsApp ou e-mail de um cadastro existente."
        value={onDuplicate}
        onChange={(value) => setOnDuplicate(value as 'skip' | 'merge')}
      >
        <Group mt="xs">
          <Radio value="skip" label="Pular" />
          <Radio value="merge" label="Mesclar com o existente" />
        </Group>
      </Radio.Group>
      <ErrorAlert message={repeatedLabel ? `O campo "${repeatedLabel}" está associado a mais de uma coluna.` : null} />
      <ErrorAlert error={start.error} />
      <Group justify="flex-end">
        <Button
          disabled={used.length === 0 || Boolean(repeated)}
          loading={start.isPending}
          onClick={() => start.mutate({ mapping, on_duplicate: onDuplicate })}
        >
          Iniciar importação
        </Button>
      </Group>
    </Stack>
  );
}
