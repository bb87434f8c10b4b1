/** The builder's lines: from the catalog or free, with quantity, unit price, discount and the line's total. */
import { ActionIcon, Badge, Button, Grid, Group, Paper, Stack, Text, TextInput } from '@mantine/core';
import type { UseFormReturnType } from '@mantine/form';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { MoneyField } from '../../components/MaskedInput';
import { formatMoney } from '../../lib/format';
import { centsToMoneyInput } from '../../lib/money';
import { CatalogPicker } from './CatalogPicker';
import { lineTotals, newLine, type DocFormValues } from './documentRules';

export function ItemsEditor({ form }: { form: UseFormReturnType<DocFormValues> }) {
  const lines = form.values.items;
  const listError = form.errors.items;
  return (
    <Stack gap="sm" data-testid="doc-items">
      <Grid align="flex-end" gutter="sm">
        <Grid.Col span={{ base: 12, sm: 8 }}>
          <CatalogPicker
            onPick={(item) =>
              form.insertListItem(
                'items',
                newLine({ catalogId: item.id, description: item.name, price: centsToMoneyInput(item.price_cents) }),
              )
            }
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, sm: 4 }}>
          <Button variant="light" fullWidth leftSection={<IconPlus size={16} />} onClick={() => form.insertListItem('items', newLine())} data-testid="doc-add-free">
            Adicionar item avulso
          </Button>
        </Grid.Col>
      </Grid>
      {lines.length === 0 ? (
        <Text size="sm" c={listError ? 'red' : 'dimmed'} data-testid="doc-items-empty">
          {typeof listError === 'string' ? listError : 'Nenhum item ainda: escolha do catálogo ou adicione um item avulso.'}
        </Text>
      ) : null}
      {lines.map((line, index) => {
        const n = index + 1;
        const sums = lineTotals(line);
        return (
          <Paper key={line.key} withBorder radius="md" p="sm" data-testid={`doc-item-${n}`} data-catalog-id={line.catalogId ?? ''}>
            <Grid gutter="xs" align="flex-start" columns={24}>
              <Grid.Col span={{ base: 24, md: 8 }}>
                <TextInput
                  label={
                    <Group gap={6} component="span">
                      <span>Descrição</span>
                      {line.catalogId ? (
                        <Badge size="xs" variant="light" component="span">
                          catálogo
                        </Badge>
                      ) : null}
                    </Group>
                  }
                  aria-label={`Descrição do item ${n}`}
                  maxLength={300}
                  {...form.getInputProps(`items.${index}.description`)}
                  data-testid="doc-item-description"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 8, md: 3 }}>
                <TextInput
                  label="Qtd."
                  aria-label={`Quantidade do item ${n}`}
                  inputMode="decimal"
                  {...form.getInputProps(`items.${index}.quantity`)}
                  data-testid="doc-item-quantity"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 16, md: 5 }}>
                <MoneyField
                  label="Preço unitário"
                  aria-label={`Preço unitário do item ${n}`}
                  {...form.getInputProps(`items.${index}.price`)}
                  data-testid="doc-item-price"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <MoneyField
                  label="Desconto"
                  aria-label={`Desconto do item ${n}`}
                  {...form.getInputProps(`items.${index}.discount`)}
                  data-testid="doc-item-discount"
                />
              </Grid.Col>
              <Grid.Col span={{ base: 12, md: 4 }}>
                <Group gap={4} justify="space-between" wrap="nowrap" align="flex-end" h="100%">
                  <div>
                    <Text size="sm" fw={500} mb={4}>
                      Total
                    </Text>
                    <Text size="sm" fw={600} style={{ whiteSpace: 'nowrap', lineHeight: '36px' }} data-testid="doc-item-total">
                      {sums ? formatMoney(sums.total) : '—'}
                    </Text>
                  </div>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    mb={4}
                    aria-label={`Remover o item ${n}`}
                    onClick={() => form.removeListItem('items', index)}
                    data-testid="doc-item-remove"
                  >
                    <IconTrash size={16} />
                  </ActionIcon>
                </Group>
              </Grid.Col>
            </Grid>
          </Paper>
        );
      })}
    </Stack>
  );
}
