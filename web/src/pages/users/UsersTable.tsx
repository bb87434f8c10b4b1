import { ActionIcon, Badge, Menu, Text } from '@mantine/core';
import { IconDots, IconKey, IconPencil, IconUserCheck, IconUserOff } from '@tabler/icons-react';
import type { User } from '../../api/types';
import { ResponsiveTable, type Column } from '../../components/ResponsiveTable';
import { formatDateTime } from '../../lib/format';

export interface UserActions {
  onEdit: (user: User) => void;
  onResetPassword: (user: User) => void;
  onToggleActive: (user: User) => void;
}

interface UsersTableProps {
  users: User[];
  currentUserId: string;
  /** Omitted when the viewer lacks usuarios:write. */
  actions?: UserActions;
}

export function StatusBadge({ user }: { user: User }) {
  return user.status === 'active' ? (
    <Badge color="green" variant="light">
      Ativo
    </Badge>
  ) : (
    <Badge color="gray" variant="light">
      Desativado
    </Badge>
  );
}

function RowActions({ user, isSelf, actions }: { user: User; isSelf: boolean; actions: UserActions }) {
  const active = user.status === 'active';
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <ActionIcon variant="subtle" color="gray" aria-label={`Ações de ${user.name}`}>
          <IconDots size={18} />
        </ActionIcon>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Item leftSection={<IconPencil size={16} />} onClick={() => actions.onEdit(user)}>
          Editar
        </Menu.Item>
        <Menu.Item leftSection={<IconKey size={16} />} onClick={() => actions.onResetPassword(user)}>
          Redefinir senha
        </Menu.Item>
        {isSelf ? null : (
          <Menu.Item
            leftSection={active ? <IconUserOff size={16} /> : <IconUserCheck size={16} />}
            color={active ? 'red' : undefined}
            onClick={() => actions.onToggleActive(user)}
          >
            {active ? 'Desativar' : 'Reativar'}
          </Menu.Item>
        )}
      </Menu.Dropdown>
    </Menu>
  );
}

export function UsersTable({ users, currentUserId, actions }: UsersTableProps) {
  const columns: Column<User>[] = [
    {
      key: 'name',
      header: 'Nome',
      render: (user) => (
        <Text size="sm" fw={500}>
          {user.name}
          {user.id === currentUserId ? (
            <Text span size="xs" c="dimmed">
              {' '}
              (você)
            </Text>
          ) : null}
        </Text>
      ),
    },
    { key: 'email', header: 'E-mail', render: (user) => user.email },
    { key: 'role', header: 'Papel', render: (user) => user.role_label },
    { key: 'status', header: 'Status', render: (user) => <StatusBadge user={user} /> },
    {
      key: 'last_login',
      header: 'Último acesso',
      nowrap: true,
      render: (user) => (user.last_login_at ? formatDateTime(user.last_login_at) : 'Nunca acessou'),
    },
  ];
  return (
    <ResponsiveTable
      rows={users}
      columns={columns}
      rowKey={(user) => user.id}
      rowTestId={(user) => `user-row-${user.email}`}
      actions={actions ? (user) => <RowActions user={user} isSelf={user.id === currentUserId} actions={actions} /> : undefined}
      minWidth={760}
      testId="users-table"
    />
  );
}
