import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconChevronDown, IconKey, IconLogout } from '@tabler/icons-react';
import { useMe } from '../auth/MeContext';
import { useLogout } from '../auth/session';
import { ChangePasswordModal } from './ChangePasswordModal';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const first = parts[0]?.[0] ?? '';
  const last = parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '';
  return (first + last).toUpperCase() || '?';
}

export function UserMenu() {
  const me = useMe();
  const logout = useLogout();
  const [passwordOpened, passwordModal] = useDisclosure(false);

  return (
    <>
      <Menu position="bottom-end" width={240} shadow="md">
        <Menu.Target>
          <UnstyledButton aria-label="Menu do usuário" data-testid="user-menu">
            <Group gap="xs" wrap="nowrap">
              <Avatar color="blue" radius="xl" size={34}>
                {initials(me.user.name)}
              </Avatar>
              <div style={{ lineHeight: 1.1, minWidth: 0 }}>
                <Text size="sm" fw={600} truncate maw={180} visibleFrom="sm" data-testid="user-name">
                  {me.user.name}
                </Text>
                <Text size="xs" c="dimmed" truncate maw={180} visibleFrom="sm" data-testid="user-role">
                  {me.role_label}
                </Text>
              </div>
              <IconChevronDown size={14} />
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>
            <Text size="sm" fw={600} c="var(--mantine-color-text)" truncate>
              {me.user.name}
            </Text>
            <Text size="xs" c="dimmed" truncate>
              {me.user.email} · {me.role_label}
            </Text>
          </Menu.Label>
          <Menu.Divider />
          <Menu.Item leftSection={<IconKey size={16} />} onClick={passwordModal.open}>
            Alterar senha
          </Menu.Item>
          <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={() => void logout()}>
            Sair
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <ChangePasswordModal opened={passwordOpened} onClose={passwordModal.close} />
    </>
  );
}
