/**
 * A table on larger screens; on phones (< sm) the same rows as cards, so no
 * column (nor the actions menu) hides behind a horizontal scroll.
 */
import { Card, Group, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import type { MouseEvent, ReactNode } from 'react';

export interface Column<T> {
  key: string;
  header: string;
  render: (row: T) => ReactNode;
  nowrap?: boolean;
}

interface ResponsiveTableProps<T> {
  rows: readonly T[];
  /** The first column is the card title on phones. */
  columns: readonly Column<T>[];
  rowKey: (row: T) => string;
  rowTestId?: (row: T) => string;
  actions?: (row: T) => ReactNode;
  minWidth?: number;
  testId?: string;
  /** Opens the row (a click anywhere on it but on its links, buttons and menus). */
  onRowClick?: (row: T) => void;
}

/** A click on the row itself, not on a link, button or input inside it (those do their own thing). */
function rowClickHandler<T>(row: T, onRowClick: ((row: T) => void) | undefined) {
  if (!onRowClick) return undefined;
  return (event: MouseEvent<HTMLElement>) => {
    const target = event.target as HTMLElement;
    if (target.closest('a, button, input, select, textarea, [role="menuitem"], [role="button"]')) return;
    onRowClick(row);
  };
}

const PHONE_QUERY = '(max-width: 48em)'; // Mantine's "sm" breakpoint

export function ResponsiveTable<T>(props: ResponsiveTableProps<T>) {
  const { rows, columns, rowKey, rowTestId, actions, minWidth = 720, testId, onRowClick } = props;
  const clickable = onRowClick ? { cursor: 'pointer' } : undefined;
  const isPhone = useMediaQuery(PHONE_QUERY, false, { getInitialValueInEffect: false });
  const [titleColumn, ...detailColumns] = columns;

  if (isPhone && titleColumn) {
    return (
      <Stack gap="sm" data-testid={testId}>
        {rows.map((row) => (
          <Card
            key={rowKey(row)}
            withBorder
            radius="md"
            padding="sm"
            data-testid={rowTestId?.(row)}
            onClick={rowClickHandler(row, onRowClick)}
            style={clickable}
          >
            <Group justify="space-between" wrap="nowrap" align="flex-start" mb={6}>
              <div style={{ minWidth: 0 }}>{titleColumn.render(row)}</div>
              {actions ? actions(row) : null}
            </Group>
            <Stack gap={4}>
              {detailColumns.map((column) => (
                <Group key={column.key} gap="xs" wrap="nowrap" align="flex-start">
                  <Text size="xs" c="dimmed" w={110} style={{ flexShrink: 0 }}>
                    {column.header}
                  </Text>
                  <div style={{ minWidth: 0, fontSize: 'var(--mantine-font-size-sm)' }}>{column.render(row)}</div>
                </Group>
              ))}
            </Stack>
          </Card>
        ))}
      </Stack>
    );
  }

  return (
    <Table.ScrollContainer minWidth={minWidth}>
      <Table striped highlightOnHover verticalSpacing="sm" data-testid={testId}>
        <Table.Thead>
          <Table.Tr>
            {columns.map((column) => (
              <Table.Th key={column.key} style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                {column.header}
              </Table.Th>
            ))}
            {actions ? <Table.Th w={60} aria-label="Ações" /> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={rowKey(row)} data-testid={rowTestId?.(row)} onClick={rowClickHandler(row, onRowClick)} style={clickable}>
              {columns.map((column) => (
                <Table.Td key={column.key} style={column.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                  {column.render(row)}
                </Table.Td>
              ))}
              {actions ? <Table.Td>{actions(row)}</Table.Td> : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
