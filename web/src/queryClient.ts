import { QueryClient } from '@tanstack/react-query';
import { ApiError } from './api/errors';
import { getSessionSnapshot, subscribeSession } from './auth/tokenStore';

/** Client errors (4xx) are answers, not glitches: don't retry them. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) return false;
  return failureCount < 2;
}

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 30_000 },
    mutations: { retry: false },
  },
});

// Session ended (logout, expired refresh, another tab): drop every cached answer.
subscribeSession(() => {
  if (!getSessionSnapshot().session) queryClient.clear();
});
