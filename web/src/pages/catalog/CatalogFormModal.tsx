/** "Novo item" / "Editar item" of the Catálogo: name, kind, price (R$), recurrence, SKU and description. */
import { Modal, Select, SimpleGrid, Stack, Textarea, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useMediaQuery } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { useEffect, useState } from 'react';
import type { CatalogItem } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MoneyField } from '../../components/MaskedInput';
import { FormActions } from '../../components/FormActions';
import { applyApiError, requiredText } from '../../lib/forms';
import { KIND_OPTIONS, RECURRENCE_OPTIONS, formValues, itemBody, validatePrice, type CatalogFormValues } from './catalogRules';
import { useSaveCatalogItem } from './catalogApi';

interface Props {
  opened: boolean;
  item: CatalogItem | null;
  onClose: () => void;
}

export function CatalogFormModal({ opened, item, onClose }: Props) {
  const isPhone = useMediaQuery('(max-width: 48em)');
  const save = useSaveCatalogItem();
  const [formError, setFormError] = useState<string | null>(null);
  const form = useForm<CatalogFormValues>({
    initialValues: formValues(item),
    validate: {
      name: requiredText('Informe o nome.'),
      kind: (value) => (value ? null : 'Escolha o tipo.'),
      price: validatePrice,
    },
  });

  useEffect(() => {
    if (!opened) return;
    form.setValues(formValues(item));
    form.clearErrors();
    setFormError(null);
    save.reset();
  }, [opened, item?.id]);

  function submit(values: CatalogFormValues) {
    setFormError(null);
    save.mutate(
      { id: item?.id ?? null, body: itemBody(values, item?.active ?? true) },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `"${saved.name}" salvo no catálogo.` });
          onClose();
        },
        onError: (error) => setFormError(applyApiError(form, error, { price_cents: 'price' })),
      },
    );
  }

  return (
    <Modal opened={opened} onClose={onClose} title={item ? 'Editar item' : 'Novo item do catálogo'} size="lg" centered fullScreen={isPhone}>
      <form onSubmit={form.onSubmit(submit)} noValidate data-testid="catalog-form">
        <Stack>
          <ErrorAlert message={formError} />
          <TextInput label="Nome" required maxLength={120} {...form.getInputProps('name')} />
          <SimpleGrid cols={{ base: 1, xs: 2 }}>
            <Select
              label="Tipo"
              data={KIND_OPTIONS}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="catalog-form-kind"
              {...form.getInputProps('kind')}
            />
            <MoneyField label="Preço" {...form.getInputProps('price')} data-testid="catalog-form-price" />
            <Select
              label="Recorrência"
              data={RECURRENCE_OPTIONS}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              {...form.getInputProps('recurrence')}
            />
            <TextInput label="Código (SKU)" description="Opcional, único na empresa" maxLength={40} {...form.getInputProps('sku')} />
          </SimpleGrid>
          <Textarea label="Descrição" autosize minRows={2} maxRows={6} maxLength={2000} {...form.getInputProps('description')} />
          <FormActions onCancel={onClose} busy={save.isPending} submitLabel="Salvar item" submitTestId="catalog-save" />
        </Stack>
      </form>
    </Modal>
  );
}
