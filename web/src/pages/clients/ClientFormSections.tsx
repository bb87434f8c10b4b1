/** Sections of the client form: identification, contact and address. */
import { Card, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import type { ReactNode } from 'react';
import { MaskedInput } from '../../components/MaskedInput';
import { CLIENT_TYPES, UFS } from '../../domain/crm';
import { CEP_MASK, CNPJ_MASK, CPF_MASK, PHONE_MASK } from '../../lib/masks';
import type { ClientFormValues } from './clientForm';

export type ClientForm = UseFormReturnType<ClientFormValues>;

export function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card withBorder radius="md" padding="md" data-testid={testId}>
      <Title order={4} mb="sm">
        {title}
      </Title>
      <Stack gap="sm">{children}</Stack>
    </Card>
  );
}

export function IdentitySection({ form }: { form: ClientForm }) {
  const pf = form.values.type === 'pf';
  return (
    <Section title="Identificação">
      <div>
        <Text size="sm" fw={500} mb={4} id="client-type-label">
          Tipo
        </Text>
        <SegmentedControl
          aria-labelledby="client-type-label"
          data={CLIENT_TYPES}
          value={form.values.type}
          onChange={(value) => {
            form.setFieldValue('type', value as 'pf' | 'pj');
            form.setFieldValue('document', '');
          }}
          data-testid="client-type"
        />
      </div>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput label="Nome" required={pf} {...form.getInputProps('first_name')} />
        {pf ? (
          <TextInput label="Sobrenome" {...form.getInputProps('last_name')} />
        ) : (
          <TextInput label="Razão social" {...form.getInputProps('legal_name')} />
        )}
        <TextInput label="Nome comercial" {...form.getInputProps('trade_name')} />
        <MaskedInput
          key={form.values.type}
          label={pf ? 'CPF' : 'CNPJ'}
          mask={pf ? CPF_MASK : CNPJ_MASK}
          placeholder={pf ? '000.000.000-00' : '00.000.000/0000-00'}
          inputMode={pf ? 'numeric' : 'text'}
          {...form.getInputProps('document')}
        />
      </SimpleGrid>
    </Section>
  );
}

export function ContactSection({ form }: { form: ClientForm }) {
  return (
    <Section title="Contato">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <MaskedInput label="Telefone" mask={PHONE_MASK} placeholder="(11) 3456-7890" inputMode="tel" {...form.getInputProps('phone')} />
        <MaskedInput label="WhatsApp" mask={PHONE_MASK} placeholder="(11) 98765-4321" inputMode="tel" {...form.getInputProps('whatsapp')} />
        <TextInput label="E-mail" type="email" autoComplete="off" {...form.getInputProps('email')} />
      </SimpleGrid>
    </Section>
  );
}

export function AddressSection({ form }: { form: ClientForm }) {
  return (
    <Section title="Endereço">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <MaskedInput label="CEP" mask={CEP_MASK} placeholder="00000-000" inputMode="numeric" {...form.getInputProps('address.cep')} />
        <TextInput label="Rua" {...form.getInputProps('address.street')} style={{ gridColumn: 'span 2' }} />
        <TextInput label="Número" {...form.getInputProps('address.number')} />
        <TextInput label="Complemento" {...form.getInputProps('address.complement')} />
        <TextInput label="Bairro" {...form.getInputProps('address.district')} />
        <TextInput label="Cidade" {...form.getInputProps('address.city')} />
        <Select label="UF" data={UFS} searchable clearable allowDeselect {...form.getInputProps('address.state')} />
      </SimpleGrid>
    </Section>
  );
}
