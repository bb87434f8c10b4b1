/** Gate for the authenticated area: needs tokens, then loads /api/me. */
import { Button, Center, Group, Loader, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { errorMessage } from '../api/errors';
import { MeContext } from './MeContext';
import { useLogout, useMeQuery, useSession } from './session';

export function RequireAuth({ children }: { children: ReactNode }) {
  const { session, endReason } = useSession();
  const location = useLocation();
  const meQuery = useMeQuery(session !== null);
  const logout = useLogout();

  if (!session) {
    // Come back here after signing in again, unless the user chose to log out.
    const state = endReason === 'logout' ? null : { from: location.pathname + location.search };
    return <Navigate to="/login" replace state={state} />;
  }
  if (meQuery.data) {
    return <MeContext.Provider value={meQuery.data}>{children}</MeContext.Provider>;
  }
  if (meQuery.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label="Carregando" />
      </Center>
    );
  }
  return (
      <Center h="100vh" p="md">
        <Stack align="center" maw={420} data-testid="me-error">
          <Title order={3}>Não foi possível carregar sua conta</Title>
          <Text ta="center" c="dimmed">
            {errorMessage(meQuery.error)}
          </Text>
          <Group>
            <Button onClick={() => meQuery.refetch()}>Tentar novamente</Button>
            <Button variant="default" onClick={() => void logout()}>
              Sair
            </Button>
          </Group>
        </Stack>
      </Center>
  );
}
