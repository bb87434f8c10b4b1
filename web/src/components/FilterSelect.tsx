/** A list filter's select: clearable (back to "all"), its dropdown in a portal. */
import { Select, type SelectProps } from '@mantine/core';

export function FilterSelect(props: SelectProps & { 'data-testid'?: string }) {
  return <Select clearable allowDeselect comboboxProps={{ withinPortal: true }} {...props} />;
}
