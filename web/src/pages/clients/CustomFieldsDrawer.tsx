import { ActionIcon, Button, Card, Checkbox, Drawer, Group, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import type { CustomField } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { QueryBoundary } from '../../components/QueryBoundary';
import { useCustomFields, useSaveCustomFields } from './clientsApi';

const TYPE_OPTIONS = [
  { value: 'text', label: 'Texto' },
  { value: 'number', label: 'Número' },
  { value: 'date', label: 'Data' },
  { value: 'choice', label: 'Lista de opções' },
];

/** "Campos personalizados": the company's extra client fields (clientes:settings). */
export function CustomFieldsDrawer({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const query = useCustomFields();
  const save = useSaveCustomFields();
  const [items, setItems] = useState<CustomField[]>([]);
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (opened && query.data) {
      setItems(query.data.items.map((item) => ({ ...item, options: [...(item.options ?? [])] })));
      setProblem(null);
      save.reset();
    }
    // Reload the list each time it opens.
  }, [opened, query.data]);

  const update = (index: number, patch: Partial<CustomField>) =>
    setItems((current) => current.map((item, i) => (i === index ? { ...item, ...patch } : item)));

  function submit() {
    const cleaned = items.map((item) => ({ ...item, label: item.label.trim() }));
    if (cleaned.some((item) => item.label === '')) return setProblem('Informe o nome de todos os campos.');
    if (cleaned.some((item) => item.type === 'choice' && (item.options ?? []).length === 0)) {
      return setProblem('Campos do tipo lista precisam de pelo menos uma opção.');
    }
    setProblem(null);
    save.mutate(
      cleaned.map((item) => ({ ...item, options: item.type === 'choice' ? item.options : [] })),
      {
        onSuccess: () => {
          notifications.show({ color: 'green', message: 'Campos personalizados salvos.' });
          onClose();
        },
      },
    );
  }

  return (
    <Drawer opened={opened} onClose={onClose} title="Campos personalizados" position="right" size="md">
      <QueryBoundary query={query}>
        <Stack data-testid="custom-fields-editor">
          <Text size="sm" c="dimmed">
            Campos extras que aparecem no cadastro de todos os clientes da empresa.
          </Text>
          <ErrorAlert message={problem} error={save.error} />
          {items.length === 0 ? <Text size="sm">Nenhum campo personalizado. Use "Adicionar campo".</Text> : null}
          {items.map((item, index) => (
            <Card key={item.key ?? `new-${index}`} withBorder padding="sm">
              <Stack gap="xs">
                <Group align="flex-end" wrap="nowrap" gap="xs">
                  <TextInput
                    label="Nome do campo"
                    value={item.label}
                    onChange={(event) => update(index, { label: event.currentTarget.value })}
                    style={{ flex: 1 }}
                  />
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    size="lg"
                    aria-label={`Remover ${item.label || 'campo'}`}
                    onClick={() => setItems((current) => current.filter((_, i) => i !== index))}
                  >
                    <IconTrash size={18} />
                  </ActionIcon>
                </Group>
                <Select
                  label="Tipo"
                  data={TYPE_OPTIONS}
                  value={item.type}
                  onChange={(value) => value && update(index, { type: value as CustomField['type'] })}
                />
                {item.type === 'choice' ? (
                  <TagsInput
                    label="Opções"
                    description="Digite uma opção e tecle Enter."
                    value={item.options ?? []}
                    onChange={(options) => update(index, { options })}
                  />
                ) : null}
                <Checkbox
                  label="Obrigatório"
                  checked={item.required}
                  onChange={(event) => update(index, { required: event.currentTarget.checked })}
                />
              </Stack>
            </Card>
          ))}
          <Group justify="space-between">
            <Button
              variant="default"
              leftSection={<IconPlus size={16} />}
              onClick={() => setItems((current) => [...current, { key: null, label: '', type: 'text', options: [], required: false }])}
            >
              Adicionar campo
            </Button>
            <Button onClick={submit} loading={save.isPending}>
              Salvar
            </Button>
          </Group>
        </Stack>
      </QueryBoundary>
    </Drawer>
  );
}
