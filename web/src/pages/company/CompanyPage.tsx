/**
 * /empresa — "Dados da empresa" (`usuarios:empresa`): razão social, CNPJ, inscrições, address, contacts
 * and the logo, printed on proposals, contracts, orders and receipts.
 */
import { Button, Card, Grid, Group, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState, type ReactNode } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MaskedInput } from '../../components/MaskedInput';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { UFS } from '../../domain/crm';
import { formatDateTime } from '../../lib/format';
import { applyApiError, emailFormat, requiredText } from '../../lib/forms';
import { CEP_MASK, CNPJ_MASK, PHONE_MASK } from '../../lib/masks';
import { CompanyLogo } from './CompanyLogo';
import { useCompanyProfile, useSaveCompanyProfile } from './companyApi';
import { profileToValues, validateCep, validateCnpj, validatePhone, valuesToProfile, type CompanyFormValues } from './companyForm';

/** A titled card of the form with its fields in a grid. */
function FormCard({ title, cols, children }: { title: string; cols: number; children: ReactNode }) {
  return (
    <Card withBorder radius="md" padding="lg">
      <Text fw={600} mb="sm">
        {title}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: cols }}>{children}</SimpleGrid>
    </Card>
  );
}

export default function CompanyPage() {
  const profile = useCompanyProfile();
  const save = useSaveCompanyProfile();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CompanyFormValues>({
    initialValues: profileToValues(undefined),
    validate: {
      legal_name: requiredText('Informe a razão social.'),
      cnpj: validateCnpj,
      address: { cep: validateCep },
      phone: validatePhone,
      email: (value) => (value.trim() === '' ? null : emailFormat(value)),
    },
  });

  useEffect(() => {
    if (!profile.data) return;
    form.setValues(profileToValues(profile.data));
    form.resetDirty();
  }, [profile.data?.updated_at, profile.isSuccess]);

  function submit(values: CompanyFormValues) {
    setFormError(null);
    save.mutate(valuesToProfile(values), {
      onSuccess: () => notifications.show({ color: 'green', message: 'Dados da empresa salvos.' }),
      onError: (error) => setFormError(applyApiError(form, error)),
    });
  }

  const data = profile.data;
  return (
    <>
      <PageHeader title="Dados da empresa" description="O que os documentos (propostas, contratos, pedidos e recibos) mostram sobre a sua empresa." />
      <QueryBoundary query={profile}>
        {data ? (
          <Grid gutter="lg">
            <Grid.Col span={{ base: 12, md: 8 }}>
              <form onSubmit={form.onSubmit(submit)} noValidate data-testid="company-form">
                <Stack>
                  {!data.configured ? (
                    <Text size="sm" c="dimmed" data-testid="company-not-configured">
                      Preencha ao menos a razão social e o CNPJ para que eles saiam nos documentos.
                    </Text>
                  ) : null}
                  <ErrorAlert message={formError} />
                  <FormCard title="Identificação" cols={2}>
                    <TextInput label="Razão social" required maxLength={200} {...form.getInputProps('legal_name')} />
                    <TextInput label="Nome fantasia" placeholder={data.company_name} maxLength={120} {...form.getInputProps('trade_name')} />
                    <MaskedInput label="CNPJ" mask={CNPJ_MASK} placeholder="00.000.000/0000-00" required withAsterisk={false} {...form.getInputProps('cnpj')} />
                    <TextInput label="Inscrição estadual" placeholder="Ou Isento" maxLength={30} {...form.getInputProps('state_registration')} />
                    <TextInput label="Inscrição municipal" maxLength={30} {...form.getInputProps('municipal_registration')} />
                  </FormCard>
                  <FormCard title="Endereço" cols={3}>
                    <MaskedInput label="CEP" mask={CEP_MASK} placeholder="00000-000" inputMode="numeric" {...form.getInputProps('address.cep')} />
                    <TextInput label="Rua" maxLength={120} {...form.getInputProps('address.street')} style={{ gridColumn: 'span 2' }} />
                    <TextInput label="Número" maxLength={20} {...form.getInputProps('address.number')} />
                    <TextInput label="Complemento" maxLength={120} {...form.getInputProps('address.complement')} />
                    <TextInput label="Bairro" maxLength={120} {...form.getInputProps('address.district')} />
                    <TextInput label="Cidade" maxLength={120} {...form.getInputProps('address.city')} />
                    <Select label="UF" data={UFS} searchable clearable allowDeselect comboboxProps={{ withinPortal: true }} {...form.getInputProps('address.state')} />
                  </FormCard>
                  <FormCard title="Contato e assinatura" cols={2}>
                    <MaskedInput label="Telefone" mask={PHONE_MASK} placeholder="(00) 00000-0000" inputMode="tel" {...form.getInputProps('phone')} />
                    <TextInput label="E-mail" type="email" maxLength={200} {...form.getInputProps('email')} />
                    <TextInput label="Site" placeholder="www.suaempresa.com.br" maxLength={200} {...form.getInputProps('website')} />
                    <TextInput
                      label="Cidade de assinatura"
                      description="Onde os documentos são datados e assinados; em branco, a cidade do endereço"
                      maxLength={120}
                      {...form.getInputProps('signature_city')}
                    />
                  </FormCard>
                  <Group justify="space-between">
                    <Text size="xs" c="dimmed">
                      {data.updated_at ? `Atualizado em ${formatDateTime(data.updated_at)}` : ''}
                    </Text>
                    <Button type="submit" loading={save.isPending} data-testid="company-save">
                      Salvar dados da empresa
                    </Button>
                  </Group>
                </Stack>
              </form>
            </Grid.Col>
            <Grid.Col span={{ base: 12, md: 4 }}>
              <CompanyLogo profile={data} canEdit />
            </Grid.Col>
          </Grid>
        ) : null}
      </QueryBoundary>
    </>
  );
}
