/** The review step's facts: who (name, CPF/CNPJ), what (items), how much (totals) and when (validity, installments). */
import { Alert, Anchor, Card, Divider, Group, Skeleton, Stack, Table, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { Client, Doc } from '../../api/types';
import { formatDate, formatMoney } from '../../lib/format';
import { formatDocument, formatPhone } from '../../lib/masks';
import { quantityFromApi } from './documentRules';

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <Group justify="space-between" gap="xs" wrap="nowrap" align="flex-start">
      <Text size="sm" c="dimmed" style={{ flexShrink: 0 }}>
        {label}
      </Text>
      <Text size="sm" fw={500} ta="right" style={{ overflowWrap: 'anywhere' }} data-testid={testId}>
        {children}
      </Text>
    </Group>
  );
}

export function ReviewSummary({ doc, client }: { doc: Doc; client: Client | undefined }) {
  const documentLabel = client?.type === 'pj' ? 'CNPJ' : 'CPF';
  return (
    <Card withBorder radius="md" padding="lg" data-testid="document-review">
      <Stack gap="sm">
        {doc.status === 'rascunho' || doc.status === 'erro' ? (
          <Alert color="blue" variant="light" icon={<IconAlertTriangle size={18} />} p="xs" data-testid="review-hint">
            Revise nome, documento, valor e datas antes de gerar.
          </Alert>
        ) : null}
        <Text fw={600}>Cliente</Text>
        {client ? (
          <>
            <Row label="Nome" testId="review-client-name">
              <Anchor component={Link} to={`/clientes/${client.id}`} inherit>
                {client.display_name}
              </Anchor>
            </Row>
            <Row label={documentLabel} testId="review-client-document">
              {client.document ? formatDocument(client.document) : <Text span c="orange" inherit>Não informado</Text>}
            </Row>
            {client.email ? <Row label="E-mail">{client.email}</Row> : null}
            {client.whatsapp ? <Row label="WhatsApp">{formatPhone(client.whatsapp)}</Row> : null}
            {!client.document ? (
              <Text size="xs" c="orange" data-testid="review-missing-document">
                O documento sai sem {documentLabel}.{' '}
                <Anchor component={Link} to={`/clientes/${client.id}/editar`} inherit>
                  Completar o cadastro
                </Anchor>
              </Text>
            ) : null}
          </>
        ) : (
          <Skeleton h={48} />
        )}
        <Divider />
        <Text fw={600}>Itens</Text>
        <Table verticalSpacing={4} fz="sm" data-testid="review-items">
          <Table.Tbody>
            {doc.items.map((item, index) => (
              <Table.Tr key={index}>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {item.description}
                  <Text size="xs" c="dimmed">
                    {quantityFromApi(item.quantity)} × {formatMoney(item.unit_price_cents)}
                    {item.discount_cents ? ` − ${formatMoney(item.discount_cents)}` : ''}
                  </Text>
                </Table.Td>
                <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                  {formatMoney(item.total_cents)}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Row label="Subtotal">{formatMoney(doc.subtotal_cents)}</Row>
        {doc.discount_cents ? <Row label="Descontos">− {formatMoney(doc.discount_cents)}</Row> : null}
        <Row label="Total" testId="review-total">
          <Text span fw={700} size="md" inherit>
            {formatMoney(doc.total_cents)}
          </Text>
        </Row>
        <Divider />
        <Text fw={600}>Datas</Text>
        <Row label="Criado em">{formatDate(doc.created_at)}</Row>
        {doc.kind === 'proposta' ? (
          <Row label="Válida até" testId="review-valid-until">
            {doc.valid_until ? formatDate(doc.valid_until) : 'Sem validade'}
          </Row>
        ) : null}
        {doc.installments.length ? (
          <Stack gap={2} data-testid="review-installments">
            <Text size="sm" c="dimmed">
              Parcelas
            </Text>
            {doc.installments.map((p) => (
              <Group key={p.number} justify="space-between">
                <Text size="sm">
                  {p.number}ª · {formatDate(p.due_date)}
                </Text>
                <Text size="sm">{formatMoney(p.amount_cents)}</Text>
              </Group>
            ))}
          </Stack>
        ) : null}
        {doc.notes ? (
          <>
            <Divider />
            <Text fw={600}>Observações</Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {doc.notes}
            </Text>
          </>
        ) : null}
      </Stack>
    </Card>
  );
}
