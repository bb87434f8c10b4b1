import { Card, Group, Stack, Text, ThemeIcon } from '@mantine/core';
import { PageHeader } from '../components/PageHeader';
import type { MenuEntry } from '../layout/menu';

/** One page for every module that is not built yet, driven by its menu entry. */
export function ModulePlaceholderPage({ entry }: { entry: MenuEntry }) {
  const EntryIcon = entry.icon;
  return (
    <>
      <PageHeader title={entry.label} />
      <Card withBorder radius="md" padding="lg" maw={640} data-testid="module-placeholder">
        <Group align="flex-start" wrap="nowrap">
          <ThemeIcon size={42} radius="md" variant="light">
            <EntryIcon size={24} />
          </ThemeIcon>
          <Stack gap={4}>
            <Text fw={600}>Este módulo está em implantação e ficará disponível em breve.</Text>
            {entry.summary ? (
              <Text size="sm" c="dimmed">
                {entry.summary}
              </Text>
            ) : null}
          </Stack>
        </Group>
      </Card>
    </>
  );
}
