/** The settings inputs of one integration (from SETTINGS_FIELDS). */
import { NumberInput, Select, SimpleGrid, Switch, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { useUserOptions } from '../clients/clientsApi';
import { SETTINGS_FIELDS, type IntegrationFormValues, type Kind, type SettingField } from './integrationForm';

interface SettingsFieldsProps {
  kind: Kind;
  form: UseFormReturnType<IntegrationFormValues>;
  disabled: boolean;
}

export function SettingsFields({ kind, form, disabled }: SettingsFieldsProps) {
  const users = useUserOptions();
  const fields = SETTINGS_FIELDS[kind];
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
      {fields.map((field) => (
        <Field key={field.name} kind={kind} field={field} form={form} disabled={disabled} users={users} />
      ))}
    </SimpleGrid>
  );
}

interface FieldProps extends SettingsFieldsProps {
  field: SettingField;
  users: { value: string; label: string }[] | null;
}

function Field({ kind, field, form, disabled, users }: FieldProps) {
  const path = `settings.${field.name}`;
  const props = form.getInputProps(path, field.type === 'switch' ? { type: 'checkbox' } : undefined);
  const testId = `setting-${kind}-${field.name}`;
  switch (field.type) {
    case 'switch':
      return (
        <Switch
          {...props}
          label={field.label}
          description={field.description}
          disabled={disabled}
          data-testid={testId}
          style={{ gridColumn: '1 / -1' }}
        />
      );
    case 'number':
      return (
        <NumberInput
          {...props}
          label={field.label}
          description={field.description}
          placeholder={field.placeholder}
          disabled={disabled}
          allowDecimal={false}
          allowNegative={false}
          data-testid={testId}
        />
      );
    case 'select':
      return (
        <Select
          {...props}
          label={field.label}
          description={field.description}
          data={field.options ?? []}
          allowDeselect={false}
          disabled={disabled}
          comboboxProps={{ withinPortal: true }}
          data-testid={testId}
        />
      );
    case 'owner': {
      const value = String(form.getValues().settings[field.name] ?? '');
      const options = users ?? (value ? [{ value, label: 'Usuário atual' }] : []);
      return (
        <Select
          {...props}
          value={value || null}
          onChange={(next) => form.setFieldValue(path, next ?? '')}
          label={field.label}
          description={field.description}
          placeholder="Ninguém (fica sem responsável)"
          data={options}
          clearable
          searchable
          disabled={disabled || users === null}
          comboboxProps={{ withinPortal: true }}
          data-testid={testId}
        />
      );
    }
    default:
      return (
        <TextInput
          {...props}
          label={field.label}
          description={field.description}
          placeholder={field.placeholder}
          inputMode={field.inputMode === 'numeric' ? 'numeric' : field.inputMode}
          disabled={disabled}
          autoComplete="off"
          data-testid={testId}
        />
      );
  }
}
