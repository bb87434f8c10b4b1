/** Session hooks: tokens (useSession), the signed-in user (useMe) and logout. */
import { useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { api, bareApi } from '../api/client';
import { unwrap } from '../api/errors';
import type { TokenPair } from '../api/types';
import { clearTokens, getSessionSnapshot, readSession, saveTokens, subscribeSession } from './tokenStore';

export const ME_QUERY_KEY = ['me'] as const;

export function useSession() {
  return useSyncExternalStore(subscribeSession, getSessionSnapshot);
}

export function useMeQuery(enabled: boolean) {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    queryFn: () => unwrap(api().GET('/api/me')),
    enabled,
    staleTime: 60_000,
  });
}

export async function login(email: string, password: string): Promise<TokenPair> {
  const pair = await unwrap(bareApi().POST('/api/auth/login', { body: { email, password } }));
  saveTokens(pair);
  return pair;
}

export async function logout(queryClient: QueryClient): Promise<void> {
  const session = readSession();
  if (session) {
    try {
      // Revokes the refresh token server-side; a failure must not keep the user signed in.
      await api().POST('/api/auth/logout', { body: { refresh_token: session.refreshToken } });
    } catch {
      /* offline: the tokens are dropped locally anyway */
    }
  }
  clearTokens('logout');
  queryClient.clear();
}

export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  return useCallback(() => logout(queryClient), [queryClient]);
}
