/**
 * /documentos/novo (?cliente=&card=&tipo=) and /documentos/:id/editar — the builder: kind, client, items
 * (catalog or free), live totals, validity (proposals), installments (contracts) and notes. "Salvar e
 * revisar" stores the draft and opens the review step.
 */
import { Alert, Anchor, Button, Card, Divider, Grid, Group, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useForm } from '@mantine/form';
import { IconArrowLeft } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import { ApiError } from '../../api/errors';
import type { Doc } from '../../api/types';
import { ClientSelect } from '../../components/ClientSelect';
import { DayInput } from '../../components/DayTimeInputs';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryBoundary } from '../../components/QueryBoundary';
import { addDays, spToday } from '../../lib/datetime';
import { formatMoney } from '../../lib/format';
import { useClient } from '../clients/clientsApi';
import {
  KIND_OPTIONS,
  documentBody,
  documentTotals,
  formFieldOf,
  installmentsProblem,
  isKind,
  lineErrors,
  showsInstallments,
  showsValidity,
  valuesFromDoc,
  type DocFormValues,
} from './documentRules';
import { useDocument, useSaveDocument } from './documentsApi';
import { DocumentSteps } from './DocumentSteps';
import { InstallmentsEditor } from './InstallmentsEditor';
import { ItemsEditor } from './ItemsEditor';

function validate(values: DocFormValues): Record<string, string> {
  const errors: Record<string, string> = {};
  if (!values.client_id) errors.client_id = 'Escolha o cliente.';
  if (values.items.length === 0) errors.items = 'Inclua pelo menos um item.';
  values.items.forEach((line, index) => {
    for (const [field, message] of Object.entries(lineErrors(line))) errors[`items.${index}.${field}`] = message;
  });
  if (showsValidity(values.kind) && values.valid_until && values.valid_until < spToday()) errors.valid_until = 'A validade já passou.';
  if (showsInstallments(values.kind, values.installments)) {
    const problem = installmentsProblem(values.installments, documentTotals(values.items).total);
    if (problem) errors.installments = problem;
  }
  return errors;
}

function Totals({ values }: { values: DocFormValues }) {
  const totals = documentTotals(values.items);
  return (
    <Card withBorder radius="md" padding="md" data-testid="doc-totals">
      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm">Subtotal</Text>
          <Text size="sm" data-testid="doc-subtotal">
            {formatMoney(totals.subtotal)}
          </Text>
        </Group>
        <Group justify="space-between">
          <Text size="sm">Descontos</Text>
          <Text size="sm" data-testid="doc-discount">
            {totals.discount ? `− ${formatMoney(totals.discount)}` : formatMoney(0)}
          </Text>
        </Group>
        <Divider my={4} />
        <Group justify="space-between">
          <Text fw={700}>Total</Text>
          <Text fw={700} size="lg" data-testid="doc-total">
            {formatMoney(totals.total)}
          </Text>
        </Group>
        {!totals.complete && values.items.length ? (
          <Text size="xs" c="dimmed">
            Complete os itens para fechar o total.
          </Text>
        ) : null}
      </Stack>
    </Card>
  );
}

function emptyValues(kind: DocFormValues['kind'], clientId: string | null, cardId: string | null): DocFormValues {
  return {
    kind,
    client_id: clientId,
    card_id: cardId,
    items: [],
    valid_until: showsValidity(kind) ? addDays(spToday(), 15) : null,
    installments: [],
    notes: '',
  };
}

function Builder({ doc }: { doc: Doc | null }) {
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const kindParam = params.get('tipo');
  const prefillClient = doc ? null : params.get('cliente');
  const prefillCard = doc ? null : params.get('card');
  const client = useClient(doc?.client_id ?? prefillClient ?? undefined);
  const save = useSaveDocument();
  const isPhone = useMediaQuery('(max-width: 48em)');
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<DocFormValues>({
    initialValues: doc ? valuesFromDoc(doc) : emptyValues(isKind(kindParam) ? kindParam : 'proposta', prefillClient, prefillCard),
    validate,
  });
  const loaded = useRef(doc?.id ?? null);

  useEffect(() => {
    if (doc && loaded.current !== doc.id) {
      loaded.current = doc.id;
      form.setValues(valuesFromDoc(doc));
    }
  }, [doc?.id]);

  const values = form.values;
  const totals = documentTotals(values.items);
  const initialClient =
    values.client_id && client.data?.id === values.client_id ? { id: client.data.id, name: client.data.display_name, email: client.data.email, whatsapp: client.data.whatsapp } : null;

  function submit(current: DocFormValues) {
    setFormError(null);
    save.mutate(
      { id: doc?.id ?? null, body: documentBody(current) },
      {
        onSuccess: (saved) => navigate(`/documentos/${saved.id}`),
        onError: (error) => {
          if (!(error instanceof ApiError)) return setFormError(error.message);
          let unplaced = false;
          for (const [path, message] of Object.entries(error.fieldPaths)) {
            const field = formFieldOf(path);
            if (field) form.setFieldError(field, message.charAt(0).toUpperCase() + message.slice(1));
            else unplaced = true;
          }
          if (unplaced || Object.keys(error.fieldPaths).length === 0) setFormError(error.detail);
        },
      },
    );
  }

  return (
    <form onSubmit={form.onSubmit(submit)} noValidate data-testid="document-form">
      <Stack gap="lg">
        <ErrorAlert message={formError} />
        {doc?.has_pdf ? (
          <Alert color="yellow" variant="light" data-testid="doc-edit-warning">
            Este documento já tem um PDF gerado. Ao salvar, ele volta a rascunho e o PDF precisa ser gerado de novo.
          </Alert>
        ) : null}
        <Card withBorder radius="md" padding="lg">
          <Stack gap="md">
            <div>
              <Text size="sm" fw={500} mb={4} id="doc-kind-label">
                Tipo
              </Text>
              <SegmentedControl
                aria-labelledby="doc-kind-label"
                fullWidth
                orientation={isPhone ? 'vertical' : 'horizontal'}
                data={KIND_OPTIONS}
                value={values.kind}
                disabled={Boolean(doc)}
                onChange={(value) => {
                  if (!isKind(value)) return;
                  form.setFieldValue('kind', value);
                  if (showsValidity(value) && !values.valid_until) form.setFieldValue('valid_until', addDays(spToday(), 15));
                }}
                data-testid="doc-kind"
              />
              {doc ? (
                <Text size="xs" c="dimmed" mt={4}>
                  O tipo não muda depois de criado: para outro tipo, crie um novo documento.
                </Text>
              ) : null}
            </div>
            <ClientSelect
              label="Cliente"
              value={values.client_id}
              initial={initialClient}
              onChange={(picked) => {
                form.setFieldValue('client_id', picked?.id ?? null);
                form.setFieldValue('card_id', null);
              }}
              error={form.errors.client_id}
              data-testid="doc-client"
            />
          </Stack>
        </Card>
        <Card withBorder radius="md" padding="lg">
          <Title order={4} mb="sm">
            Itens
          </Title>
          <ItemsEditor form={form} />
        </Card>
        <Grid gutter="lg">
          <Grid.Col span={{ base: 12, md: 8 }} order={{ base: 2, md: 1 }}>
            <Stack gap="md">
              {showsValidity(values.kind) ? (
                <DayInput
                  label="Válida até"
                  clearable
                  minDate={spToday()}
                  value={values.valid_until}
                  onChange={(value) => form.setFieldValue('valid_until', value)}
                  error={form.errors.valid_until}
                  maw={260}
                  data-testid="doc-valid-until"
                />
              ) : null}
              {showsInstallments(values.kind, values.installments) ? (
                <Card withBorder radius="md" padding="md">
                  <Title order={5} mb="xs">
                    Parcelas
                  </Title>
                  <InstallmentsEditor
                    lines={values.installments}
                    onChange={(lines) => form.setFieldValue('installments', lines)}
                    totalCents={totals.complete ? totals.total : 0}
                    error={typeof form.errors.installments === 'string' ? form.errors.installments : null}
                  />
                </Card>
              ) : null}
              <Textarea
                label="Observações"
                description="Condições de pagamento, prazos de entrega… saem no documento"
                autosize
                minRows={3}
                maxRows={10}
                maxLength={4000}
                {...form.getInputProps('notes')}
                data-testid="doc-notes"
              />
            </Stack>
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 4 }} order={{ base: 1, md: 2 }}>
            <Totals values={values} />
          </Grid.Col>
        </Grid>
        <Group justify="flex-end">
          <Button
            variant="default"
            disabled={save.isPending}
            // Back where the builder was opened from (the card drawer, the client page, the list).
            onClick={() => ((window.history.state as { idx?: number } | null)?.idx ? navigate(-1) : navigate(doc ? `/documentos/${doc.id}` : '/documentos'))}
          >
            Cancelar
          </Button>
          <Button type="submit" loading={save.isPending} data-testid="doc-save">
            Salvar e revisar
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export default function DocumentBuilderPage() {
  const { id } = useParams();
  const existing = useDocument(id);
  const doc = existing.data ?? null;
  return (
    <Stack gap={0}>
      <Anchor component={Link} to={doc ? `/documentos/${doc.id}` : '/documentos'} size="sm" mb="sm">
        <Group gap={4}>
          <IconArrowLeft size={14} /> {doc ? doc.number : 'Documentos'}
        </Group>
      </Anchor>
      <Title order={2} mb="md">
        {doc ? `Editar ${doc.number}` : 'Novo documento'}
      </Title>
      <DocumentSteps active={0} />
      {id ? (
        <QueryBoundary query={existing}>
          {doc ? (
            doc.status === 'enviado' || doc.processing ? (
              <ErrorAlert
                message={
                  doc.processing
                    ? 'O documento está sendo gerado agora. Aguarde terminar para editar.'
                    : 'Este documento já foi enviado ao cliente e não pode ser alterado. Crie um novo.'
                }
              />
            ) : (
              <Builder doc={doc} />
            )
          ) : null}
        </QueryBoundary>
      ) : (
        <Builder doc={null} />
      )}
    </Stack>
  );
}
