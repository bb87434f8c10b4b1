/** Read view of a client ("Dados" tab). */
import { Card, SimpleGrid, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import type { Client } from '../../api/types';
import { consentLabel, legalBasisLabel, originLabel } from '../../domain/crm';
import { formatDate, formatMoney } from '../../lib/format';
import { formatCep, formatDocument, formatPhone } from '../../lib/masks';
import { useCustomFields } from './clientsApi';

function Field({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '';
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" style={{ overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' }}>
        {empty ? '—' : children}
      </Text>
    </div>
  );
}

function Block({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="md">
      <Title order={5} mb="sm">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="sm">
        {children}
      </SimpleGrid>
    </Card>
  );
}

export function ClientDetails({ client }: { client: Client }) {
  const customFields = useCustomFields();
  const a = client.address;
  const street = [a?.street, a?.number, a?.complement].filter(Boolean).join(', ');
  const pf = client.type === 'pf';
  return (
    <SimpleGrid cols={1} spacing="md" data-testid="client-details">
      <Block title="Identificação">
        <Field label="Tipo">{pf ? 'Pessoa física' : 'Pessoa jurídica'}</Field>
        <Field label="Nome">{[client.first_name, pf ? client.last_name : null].filter(Boolean).join(' ')}</Field>
        {!pf ? <Field label="Razão social">{client.legal_name}</Field> : null}
        <Field label="Nome comercial">{client.trade_name}</Field>
        <Field label={pf ? 'CPF' : 'CNPJ'}>{formatDocument(client.document)}</Field>
      </Block>
      <Block title="Contato e endereço">
        <Field label="Telefone">{formatPhone(client.phone)}</Field>
        <Field label="WhatsApp">{formatPhone(client.whatsapp)}</Field>
        <Field label="E-mail">{client.email}</Field>
        <Field label="Endereço">{street}</Field>
        <Field label="Bairro">{a?.district}</Field>
        <Field label="Cidade/UF">{[a?.city, a?.state].filter(Boolean).join('/')}</Field>
        <Field label="CEP">{formatCep(a?.cep)}</Field>
      </Block>
      <Block title="Origem">
        <Field label="Origem">{client.origin ? originLabel(client.origin) : null}</Field>
        <Field label="Canal">{client.channel}</Field>
        <Field label="Campanha">{client.campaign}</Field>
        <Field label="UTM">
          {[client.utm_source, client.utm_medium, client.utm_campaign, client.utm_term, client.utm_content].filter(Boolean).join(' / ')}
        </Field>
        <Field label="Responsável">{client.owner_name}</Field>
        <Field label="Cadastrado em">{formatDate(client.created_at)}</Field>
      </Block>
      <Block title="Contrato e valores">
        <Field label="Número do contrato">{client.contract?.number}</Field>
        <Field label="Vigência">
          {client.contract?.start_date || client.contract?.end_date
            ? `${formatDate(client.contract?.start_date)} a ${formatDate(client.contract?.end_date)}`
            : null}
        </Field>
        <Field label="Valor da oportunidade">{formatMoney(client.values?.opportunity_value_cents)}</Field>
        <Field label="Valor mensal">{formatMoney(client.values?.monthly_value_cents)}</Field>
        <Field label="Nº de parcelas">{client.values?.installments ?? null}</Field>
        <Field label="1º vencimento">{formatDate(client.values?.first_due_date)}</Field>
      </Block>
      <Block title="Tags, observações e LGPD">
        <Field label="Tags">{client.tags.join(', ')}</Field>
        <Field label="Observações">{client.notes}</Field>
        {(['whatsapp', 'email'] as const).map((channel) => {
          const consent = client.consent?.[channel];
          return (
            <Field key={channel} label={`Consentimento ${channel === 'email' ? 'E-mail' : 'WhatsApp'}`}>
              {consentLabel(consent?.status)}
              {consent?.legal_basis ? ` · ${legalBasisLabel(consent.legal_basis)}` : ''}
              {consent?.updated_at ? ` · ${formatDate(consent.updated_at)}` : ''}
            </Field>
          );
        })}
      </Block>
      {(customFields.data?.items ?? []).length > 0 ? (
        <Block title="Campos personalizados">
          {customFields.data!.items.map((field) => {
            const value = field.key ? client.custom_fields?.[field.key] : null;
            return (
              <Field key={field.key ?? field.label} label={field.label}>
                {value === null || value === undefined ? null : field.type === 'date' ? formatDate(String(value)) : String(value)}
              </Field>
            );
          })}
        </Block>
      ) : null}
    </SimpleGrid>
  );
}
