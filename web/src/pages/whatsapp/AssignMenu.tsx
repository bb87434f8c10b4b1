/** "Atribuir": who answers this conversation (whatsapp:assign). Without the user list (the role may
 * not list users), the choices are "Atribuir a mim" and "Remover responsável". */
import { Button, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserCheck } from '@tabler/icons-react';
import { errorMessage } from '../../api/errors';
import type { Conversation } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { useUserOptions } from '../clients/clientsApi';
import { useAssign } from './whatsappApi';

export function AssignMenu({ conv }: { conv: Conversation }) {
  const me = useMe();
  const users = useUserOptions();
  const assign = useAssign(conv.id);
  const options = users ?? [{ value: me.user.id, label: `${me.user.name} (eu)` }];
  const choose = (userId: string | null) =>
    assign.mutate(userId, {
      onError: (error) => notifications.show({ color: 'red', message: errorMessage(error) }),
    });
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button size="xs" variant="default" leftSection={<IconUserCheck size={14} />} loading={assign.isPending} data-testid="assign-button">
          Atribuir
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
        <Menu.Label>Responsável pela conversa</Menu.Label>
        {options.map((option) => (
          <Menu.Item
            key={option.value}
            onClick={() => choose(option.value)}
            fw={option.value === conv.assignee_id ? 700 : undefined}
            data-testid={`assign-${option.value}`}
          >
            {option.label}
          </Menu.Item>
        ))}
        {conv.assignee_id ? (
          <>
            <Menu.Divider />
            <Menu.Item color="red" onClick={() => choose(null)}>
              Remover responsável
            </Menu.Item>
          </>
        ) : null}
      </Menu.Dropdown>
    </Menu>
  );
}
