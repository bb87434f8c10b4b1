import { Button, Checkbox, Popover, Stack } from '@mantine/core';
import { IconColumns } from '@tabler/icons-react';
import { CLIENT_COLUMNS } from './columns';

/** "Colunas": which columns of the list to show (Nome always shows). */
export function ColumnsMenu({ value, onChange }: { value: string[]; onChange: (keys: string[]) => void }) {
  return (
    <Popover position="bottom-end" shadow="md" withinPortal>
      <Popover.Target>
        <Button variant="default" leftSection={<IconColumns size={16} />} data-testid="clients-columns">
          Colunas
        </Button>
      </Popover.Target>
      <Popover.Dropdown>
        <Stack gap="xs">
          {CLIENT_COLUMNS.map((column) => (
            <Checkbox
              key={column.key}
              label={column.header}
              disabled={column.key === 'name'}
              checked={column.key === 'name' || value.includes(column.key)}
              onChange={(event) => {
                const checked = event.currentTarget.checked;
                onChange(
                  CLIENT_COLUMNS.map((c) => c.key).filter((key) =>
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
