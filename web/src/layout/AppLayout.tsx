import { AppShell, Burger, Center, Group, Loader, Text, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useMe } from '../auth/MeContext';
import { NavMenu } from './NavMenu';
import { NotificationBell } from './NotificationBell';
import { UserMenu } from './UserMenu';

export function AppLayout() {
  const me = useMe();
  const [opened, { toggle, close }] = useDisclosure(false);
  const companyName = me.is_master ? 'Área master' : (me.tenant?.name ?? '');

  return (
    <AppShell
      header={{ height: 60 }}
      navbar={{ width: 250, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap" gap="sm">
          <Group gap="sm" wrap="nowrap" style={{ minWidth: 0 }}>
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? 'Fechar menu' : 'Abrir menu'}
              data-testid="burger"
            />
            <ThemeIcon size={30} radius="md" aria-hidden>
              <Text fw={800} size="sm" c="white">
                I+
              </Text>
            </ThemeIcon>
            <Text fw={700} visibleFrom="md">
              Impacte+
            </Text>
            <Text fw={500} c="dimmed" truncate data-testid="company-name" style={{ minWidth: 0 }}>
              {companyName}
            </Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <NavMenu onNavigate={close} />
      </AppShell.Navbar>
      <AppShell.Main>
        <Suspense
          fallback={
            <Center py="xl">
              <Loader aria-label="Carregando" />
            </Center>
          }
        >
          <Outlet />
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
