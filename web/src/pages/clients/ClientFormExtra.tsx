/** Sections of the client form: origin/UTM, owner, contract, values, tags, notes, LGPD consent, custom fields. */
import { Button, Collapse, Group, NumberInput, Select, SimpleGrid, TagsInput, Text, TextInput, Textarea } from '@mantine/core';
import { IconChevronDown, IconChevronUp } from '@tabler/icons-react';
import { useState } from 'react';
import type { CustomField } from '../../api/types';
import { DateField, MoneyField } from '../../components/MaskedInput';
import { CONSENT_STATUSES, LEGAL_BASES, ORIGINS } from '../../domain/crm';
import { formatDate } from '../../lib/format';
import { Section, type ClientForm } from './ClientFormSections';

export function OriginSection({ form, users }: { form: ClientForm; users: { value: string; label: string }[] | null }) {
  const [utmOpen, setUtmOpen] = useState(false);
  return (
    <Section title="Origem e responsável">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <Select label="Origem" data={ORIGINS} clearable allowDeselect {...form.getInputProps('origin')} />
        <TextInput label="Canal" {...form.getInputProps('channel')} />
        <TextInput label="Campanha" {...form.getInputProps('campaign')} />
        {users ? (
          <Select label="Responsável" data={users} searchable clearable allowDeselect {...form.getInputProps('owner_id')} />
        ) : null}
      </SimpleGrid>
      <Group>
        <Button
          variant="subtle"
          size="compact-sm"
          rightSection={utmOpen ? <IconChevronUp size={14} /> : <IconChevronDown size={14} />}
          onClick={() => setUtmOpen((open) => !open)}
          aria-expanded={utmOpen}
        >
          Parâmetros UTM
        </Button>
      </Group>
      <Collapse in={utmOpen}>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput label="utm_source" {...form.getInputProps('utm_source')} />
          <TextInput label="utm_medium" {...form.getInputProps('utm_medium')} />
          <TextInput label="utm_campaign" {...form.getInputProps('utm_campaign')} />
          <TextInput label="utm_term" {...form.getInputProps('utm_term')} />
          <TextInput label="utm_content" {...form.getInputProps('utm_content')} />
        </SimpleGrid>
      </Collapse>
    </Section>
  );
}

export function ContractValuesSection({ form }: { form: ClientForm }) {
  return (
    <Section title="Contrato e valores">
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <TextInput label="Número do contrato" {...form.getInputProps('contract.number')} />
        <DateField label="Início do contrato" {...form.getInputProps('contract.start_date')} />
        <DateField label="Fim do contrato" {...form.getInputProps('contract.end_date')} />
        <MoneyField label="Valor da oportunidade" {...form.getInputProps('values.opportunity_value')} />
        <MoneyField label="Valor mensal" {...form.getInputProps('values.monthly_value')} />
        <NumberInput
          label="Nº de parcelas"
          min={1}
          max={360}
          allowDecimal={false}
          allowNegative={false}
          value={form.values.values.installments}
          error={form.errors['values.installments']}
          onChange={(value) => form.setFieldValue('values.installments', value === '' ? '' : String(value))}
        />
        <DateField label="Data do 1º vencimento" {...form.getInputProps('values.first_due_date')} />
      </SimpleGrid>
    </Section>
  );
}

export function NotesSection({ form }: { form: ClientForm }) {
  return (
    <Section title="Tags e observações">
      <TagsInput label="Tags" description="Digite e tecle Enter para adicionar." clearable {...form.getInputProps('tags')} />
      <Textarea label="Observações" autosize minRows={3} maxRows={10} {...form.getInputProps('notes')} />
    </Section>
  );
}

export function ConsentSection({ form }: { form: ClientForm }) {
  const channels = [
    { key: 'whatsapp', label: 'WhatsApp' },
    { key: 'email', label: 'E-mail' },
  ] as const;
  return (
    <Section title="Consentimento (LGPD)">
      {channels.map((channel) => {
        const current = form.values.consent[channel.key];
        return (
          <div key={channel.key}>
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <Select
                label={`Consentimento ${channel.label}`}
                data={CONSENT_STATUSES}
                {...form.getInputProps(`consent.${channel.key}.status`)}
              />
              <Select
                label={`Base legal ${channel.label}`}
                data={LEGAL_BASES}
                clearable
                allowDeselect
                {...form.getInputProps(`consent.${channel.key}.legal_basis`)}
              />
            </SimpleGrid>
            {current.updated_at ? (
              <Text size="xs" c="dimmed" mt={4}>
                Atualizado em {formatDate(current.updated_at)}
              </Text>
            ) : null}
          </div>
        );
      })}
    </Section>
  );
}

export function CustomFieldsSection({ form, fields }: { form: ClientForm; fields: readonly CustomField[] }) {
  const usable = fields.filter((field) => field.key);
  if (usable.length === 0) return null;
  return (
    <Section title="Campos personalizados">
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {usable.map((field) => {
          const props = { label: field.label, required: field.required, ...form.getInputProps(`custom_fields.${field.key}`) };
          if (field.type === 'choice') return <Select key={field.key} data={field.options ?? []} clearable allowDeselect {...props} />;
          if (field.type === 'date') return <DateField key={field.key} {...props} />;
          if (field.type === 'number') return <TextInput key={field.key} inputMode="decimal" {...props} />;
          return <TextInput key={field.key} {...props} />;
        })}
      </SimpleGrid>
    </Section>
  );
}
