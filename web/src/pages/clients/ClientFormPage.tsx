/** "Novo cliente" (/clientes/novo) and "Editar cliente" (/clientes/:id/editar). */
import { Alert, Anchor, Button, Group, Stack } from '@mantine/core';
import { useForm } from '@mantine/form';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import type { Client, CustomField } from '../../api/types';
import { PageHeader } from '../../components/PageHeader';
import { QueryBoundary } from '../../components/QueryBoundary';
import { ErrorAlert } from '../../components/ErrorAlert';
import { clientToValues, clientValidation, formPathOf, valuesToBody, type ClientFormValues } from './clientForm';
import { AddressSection, ContactSection, IdentitySection } from './ClientFormSections';
import { ConsentSection, ContractValuesSection, CustomFieldsSection, NotesSection, OriginSection } from './ClientFormExtra';
import { useClient, useCreateClient, useCustomFields, useUpdateClient, useUserOptions } from './clientsApi';

export default function ClientFormPage() {
  const { id } = useParams();
  const client = useClient(id);
  const customFields = useCustomFields();
  // Both the custom field definitions and (when editing) the client must be loaded.
  const ready = {
    isPending: customFields.isPending || (Boolean(id) && client.isPending),
    isError: customFields.isError || client.isError,
    data: customFields.data && (!id || client.data) ? true : undefined,
    error: customFields.error ?? client.error,
    refetch: () => Promise.all([customFields.refetch(), id ? client.refetch() : null]),
  };
  return (
    <>
      <PageHeader title={id ? 'Editar cliente' : 'Novo cliente'} />
      <QueryBoundary query={ready}>
        {customFields.data && (!id || client.data) ? (
          <ClientForm client={client.data ?? null} fields={customFields.data.items} />
        ) : null}
      </QueryBoundary>
    </>
  );
}

interface Duplicate {
  message: string;
  clientId: string | null;
}

function ClientForm({ client, fields }: { client: Client | null; fields: readonly CustomField[] }) {
  const navigate = useNavigate();
  const users = useUserOptions();
  const create = useCreateClient();
  const update = useUpdateClient(client?.id ?? '');
  const mutation = client ? update : create;
  const [formError, setFormError] = useState<string | null>(null);
  const [duplicate, setDuplicate] = useState<Duplicate | null>(null);
  const form = useForm<ClientFormValues>({
    initialValues: clientToValues(client, fields),
    validate: clientValidation(fields),
  });

  useEffect(() => {
    const firstError = Object.keys(form.errors)[0];
    if (firstError) document.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [form.errors]);

  function showApiError(error: unknown) {
    if (!(error instanceof ApiError)) return setFormError('Não foi possível salvar o cliente.');
    const payload = (error.payload ?? {}) as { existing_client_id?: string | null };
    if (error.status === 409) setDuplicate({ message: error.detail, clientId: payload.existing_client_id ?? null });
    let unplaced = false;
    for (const [path, message] of Object.entries(error.fieldPaths)) {
      const formPath = formPathOf(path);
      const top = formPath.split('.')[0]!;
      if (top in form.values) form.setFieldError(formPath, message.charAt(0).toUpperCase() + message.slice(1));
      else unplaced = true;
    }
    if (error.status !== 409 && (unplaced || Object.keys(error.fieldPaths).length === 0)) setFormError(error.detail);
  }

  function submit(values: ClientFormValues) {
    setFormError(null);
    setDuplicate(null);
    const body = valuesToBody(values, fields, users !== null);
    mutation.mutate(body, {
      onSuccess: (saved) => {
        notifications.show({ color: 'green', message: client ? 'Cliente atualizado.' : `Cliente ${saved.display_name} cadastrado.` });
        navigate(`/clientes/${saved.id}`, { replace: !client });
      },
      onError: showApiError,
    });
  }

  return (
    <form noValidate onSubmit={form.onSubmit(submit)} data-testid="client-form">
      <Stack maw={980}>
        <ErrorAlert message={formError} />
        {duplicate ? (
          <Alert color="orange" variant="light" title="Cliente já cadastrado" data-testid="client-duplicate">
            {duplicate.message}{' '}
            {duplicate.clientId ? (
              <Anchor component={Link} to={`/clientes/${duplicate.clientId}`}>
                Abrir o cliente existente
              </Anchor>
            ) : null}
          </Alert>
        ) : null}
        <IdentitySection form={form} />
        <ContactSection form={form} />
        <AddressSection form={form} />
        <OriginSection form={form} users={users} />
        <ContractValuesSection form={form} />
        <NotesSection form={form} />
        <ConsentSection form={form} />
        <CustomFieldsSection form={form} fields={fields} />
        <Group justify="flex-end" pb="xl">
          <Button variant="default" onClick={() => navigate(-1)} disabled={mutation.isPending}>
            Cancelar
          </Button>
          <Button type="submit" loading={mutation.isPending}>
            {client ? 'Salvar' : 'Cadastrar cliente'}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
