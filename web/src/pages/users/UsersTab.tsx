import { Button, Center, Group, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconPlus, IconSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { errorMessage } from '../../api/errors';
import type { User } from '../../api/types';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ConfirmModal } from '../../components/ConfirmModal';
import { QueryBoundary } from '../../components/QueryBoundary';
import { ResetPasswordModal } from './ResetPasswordModal';
import { roleOptions } from './roleOptions';
import { UserFormModal } from './UserFormModal';
import { UsersTable } from './UsersTable';
import { useRoles, useSetUserActive, useUsersList } from './usersApi';

export function UsersTab() {
  const me = useMe();
  const canWrite = hasPermission(me, 'usuarios:write');
  const [search, setSearch] = useState('');
  const [debouncedSearch] = useDebouncedValue(search, 300);
  const list = useUsersList(debouncedSearch);
  const roles = useRoles();
  const setActive = useSetUserActive();

  const [formOpened, setFormOpened] = useState(false);
  const [editing, setEditing] = useState<User | null>(null);
  const [resetting, setResetting] = useState<User | null>(null);
  const [disabling, setDisabling] = useState<User | null>(null);

  const users = list.data?.pages.flatMap((page) => page.items) ?? [];

  function toggleActive(user: User) {
    if (user.status === 'active') {
      setActive.reset();
      setDisabling(user);
      return;
    }
    setActive.mutate(
      { user, active: true },
      {
        onSuccess: () => notifications.show({ color: 'green', message: `${user.name} foi reativado.` }),
        onError: (error) => notifications.show({ color: 'red', title: 'Não foi possível reativar', message: errorMessage(error) }),
      },
    );
  }

  return (
    <Stack>
      <Group justify="space-between" gap="sm">
        <TextInput
          placeholder="Buscar por nome ou e-mail"
          aria-label="Buscar usuários"
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          style={{ flex: 1, minWidth: 220, maxWidth: 420 }}
          data-testid="users-search"
        />
        {canWrite ? (
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => {
              setEditing(null);
              setFormOpened(true);
            }}
          >
            Novo usuário
          </Button>
        ) : null}
      </Group>

      <QueryBoundary query={list}>
        {users.length === 0 ? (
          <Center py="xl">
            <Text c="dimmed">{debouncedSearch ? 'Nenhum usuário encontrado para a busca.' : 'Nenhum usuário cadastrado.'}</Text>
          </Center>
        ) : (
          <UsersTable
            users={users}
            currentUserId={me.user.id}
            actions={
              canWrite
                ? {
                    onEdit: (user) => {
                      setEditing(user);
                      setFormOpened(true);
                    },
                    onResetPassword: setResetting,
                    onToggleActive: toggleActive,
                  }
                : undefined
            }
          />
        )}
        {list.hasNextPage ? (
          <Center>
            <Button variant="default" onClick={() => void list.fetchNextPage()} loading={list.isFetchingNextPage}>
              Carregar mais
            </Button>
          </Center>
        ) : null}
      </QueryBoundary>

      <UserFormModal
        opened={formOpened}
        user={editing}
        roleOptions={roleOptions(roles.data?.items)}
        onClose={() => setFormOpened(false)}
      />
      <ResetPasswordModal user={resetting} onClose={() => setResetting(null)} />
      <ConfirmModal
        opened={disabling !== null}
        title="Desativar usuário"
        confirmLabel="Desativar"
        loading={setActive.isPending}
        error={setActive.error}
        onClose={() => setDisabling(null)}
        onConfirm={() => {
          if (!disabling) return;
          setActive.mutate(
            { user: disabling, active: false },
            {
              onSuccess: () => {
                notifications.show({ color: 'green', message: `${disabling.name} foi desativado.` });
                setDisabling(null);
              },
            },
          );
        }}
      >
        {disabling?.name} perderá o acesso ao sistema até ser reativado. Deseja continuar?
      </ConfirmModal>
    </Stack>
  );
}
