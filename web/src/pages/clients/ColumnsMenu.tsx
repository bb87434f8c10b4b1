import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import type { CustomField } from '../../api/types';
import { allColumns } from './columns';

/** "Colunas": which columns of the list to show (Nome always shows), custom fields included. */
export function ColumnsMenu({
  value,
  fields,
  onChange,
}: {
  value: string[];
  fields: readonly CustomField[] | undefined;
  onChange: (keys: string[]) => void;
}) {
  const columns = allColumns(fields);
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="clients-columns">
          Colunas
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          {columns.map((column) => (
            <Checkbox
              key={column.key}
              label={column.header}
              disabled={column.key === 'name'}
              checked={column.key === 'name' || value.includes(column.key)}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                onChange(
                  columns.map((c) => c.key).filter((key) =>
                    key === column.key ? checked : key === 'name' || value.includes(key),
                  ),
                );
              }}
            />
          ))}
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
}
