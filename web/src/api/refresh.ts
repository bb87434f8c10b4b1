/**
 * Token refresh, serialized: refresh tokens rotate and presenting a used one
 * revokes the whole session, so concurrent 401s share ONE in-flight refresh
 * (and, across tabs, one Web Lock).
 */
import type { Client } from 'openapi-fetch';
import type { Session, TokenPairLike } from '../auth/tokenStore';
import type { paths } from './schema';

export type RefreshOutcome = 'refreshed' | 'rejected' | 'unavailable';

export interface TokenStore {
  read(): Session | null;
  save(pair: TokenPairLike): void;
  clear(reason: 'expired'): void;
}

const LOCK_NAME = 'impacte-token-refresh';

function withCrossTabLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
  return locks ? (locks.request(LOCK_NAME, task) as Promise<T>) : task();
}

export function createRefresher(bare: Client<paths>, store: TokenStore): () => Promise<RefreshOutcome> {
  let inFlight: Promise<RefreshOutcome> | null = null;

  async function run(): Promise<RefreshOutcome> {
    const before = store.read();
    if (!before) return 'rejected';
    return withCrossTabLock(async () => {
      const current = store.read();
      if (!current) return 'rejected';
      // Another tab rotated the tokens while we waited for the lock: use theirs.
      if (current.refreshToken !== before.refreshToken) return 'refreshed';
      let result;
      try {
        result = await bare.POST('/api/auth/refresh', { body: { refresh_token: current.refreshToken } });
      } catch {
        return 'unavailable'; // offline: keep the session, the call fails normally
      }
      if (result.data) {
        store.save(result.data);
        return 'refreshed';
      }
      if (result.response.status >= 500 || result.response.status === 429) return 'unavailable';
      store.clear('expired');
      return 'rejected';
    });
  }

  return function refresh(): Promise<RefreshOutcome> {
    if (!inFlight) {
      inFlight = run().finally(() => {
        inFlight = null;
      });
    }
    return inFlight;
  };
}
