/** Step 3: progress while it runs, then the per-row report. */
import { Anchor, Badge, Button, Card, Center, Group, Progress, SegmentedControl, SimpleGrid, Stack, Table, Text } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import type { ClientImport } from '../../api/types';
import { QueryBoundary } from '../../components/QueryBoundary';
import { CLIENTS_KEY } from './clientsApi';
import { isFinished, useImportRows, type ImportOutcome } from './importApi';

const OUTCOMES = [
  { value: 'all', label: 'Todas' },
  { value: 'created', label: 'Criados' },
  { value: 'merged', label: 'Mesclados' },
  { value: 'skipped', label: 'Pulados' },
  { value: 'failed', label: 'Com erro' },
];
const OUTCOME_COLOR: Record<string, string> = { created: 'green', merged: 'blue', skipped: 'gray', failed: 'red' };

export function ImportProgress({ job, onRestart }: { job: ClientImport; onRestart: () => void }) {
  const done = isFinished(job);
  const percent = job.total > 0 ? Math.min(100, Math.round((job.processed / job.total) * 100)) : done ? 100 : 0;
  const [outcome, setOutcome] = useState('all');
  const queryClient = useQueryClient();
  useEffect(() => {
    // New clients and cards: refresh the lists when it ends.
    if (done) {
      void queryClient.invalidateQueries({ queryKey: CLIENTS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['funnel'] });
    }
  }, [done, queryClient]);
  const rows = useImportRows(job.id, outcome === 'all' ? null : (outcome as ImportOutcome), done);
  const items = rows.data?.pages.flatMap((page) => page.items) ?? [];
  const figures = [
    { label: 'Criados', value: job.created },
    { label: 'Mesclados', value: job.merged },
    { label: 'Pulados', value: job.skipped },
    { label: 'Com erro', value: job.failed },
  ];

  return (
    <Stack data-testid="import-progress">
      <Card withBorder radius="md" padding="lg">
        <Stack gap="xs">
          <Group justify="space-between">
            <Text fw={600}>
              {job.status === 'running' ? 'Importando…' : job.status === 'done' ? 'Importação concluída' : 'A importação falhou'}
            </Text>
            <Text size="sm" c="dimmed" data-testid="import-count">
              {job.processed} de {job.total} linha(s)
            </Text>
          </Group>
          {job.status === 'failed' && job.error ? (
            <Text size="sm" c="red" data-testid="import-error">
              {job.error}
            </Text>
          ) : null}
          <Progress value={percent} color={job.status === 'failed' ? 'red' : undefined} animated={!done} aria-label="Progresso da importação" />
          <SimpleGrid cols={{ base: 2, sm: 4 }} mt="xs">
            {figures.map((figure) => (
              <div key={figure.label}>
                <Text size="xs" c="dimmed">
                  {figure.label}
                </Text>
                <Text fw={700}>{figure.value}</Text>
              </div>
            ))}
          </SimpleGrid>
        </Stack>
      </Card>
      {done ? (
        <>
          <SegmentedControl data={OUTCOMES} value={outcome} onChange={setOutcome} style={{ alignSelf: 'flex-start' }} />
          <QueryBoundary query={rows}>
            {items.length === 0 ? (
              <Text c="dimmed">Nenhuma linha neste filtro.</Text>
            ) : (
              <Table.ScrollContainer minWidth={520}>
                <Table striped verticalSpacing="xs" data-testid="import-report">
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={80}>Linha</Table.Th>
                      <Table.Th w={130}>Resultado</Table.Th>
                      <Table.Th>Mensagem</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.map((row) => (
                      <Table.Tr key={`${row.line}-${row.outcome}`}>
                        <Table.Td>{row.line}</Table.Td>
                        <Table.Td>
                          <Badge variant="light" color={OUTCOME_COLOR[row.outcome] ?? 'gray'}>
                            {OUTCOMES.find((o) => o.value === row.outcome)?.label ?? row.outcome}
                          </Badge>
                        </Table.Td>
                        <Table.Td>
                          {row.message ?? ''}{' '}
                          {row.client_id ? (
                            <Anchor component={Link} to={`/clientes/${row.client_id}`} size="sm">
                              Abrir cliente
                            </Anchor>
                          ) : null}
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
            )}
            {rows.hasNextPage ? (
              <Center>
                <Button variant="default" onClick={() => void rows.fetchNextPage()} loading={rows.isFetchingNextPage}>
                  Carregar mais
                </Button>
              </Center>
            ) : null}
          </QueryBoundary>
          <Group>
            <Button component={Link} to="/clientes">
              Ver clientes
            </Button>
            <Button variant="default" onClick={onRestart}>
              Importar outro arquivo
            </Button>
          </Group>
        </>
      ) : null}
    </Stack>
  );
}
