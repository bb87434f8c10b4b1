/**
 * Access + refresh tokens, kept in localStorage so a reload keeps the session.
 * React reads it through `useSyncExternalStore` (see useSession).
 */
export interface Session {
  accessToken: string;
  refreshToken: string;
}

/** Why the last session ended: 'expired' shows a notice on the login page. */
export type EndReason = 'expired' | 'logout' | null;

export interface SessionSnapshot {
  session: Session | null;
  endReason: EndReason;
}

export interface TokenPairLike {
  access_token: string;
  refresh_token: string;
}

const ACCESS_KEY = 'impacte.access_token';
const REFRESH_KEY = 'impacte.refresh_token';

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

/** Reads the tokens straight from storage (another tab may have rotated them). */
export function readSession(): Session | null {
  const store = storage();
  const accessToken = store?.getItem(ACCESS_KEY);
  const refreshToken = store?.getItem(REFRESH_KEY);
  return accessToken && refreshToken ? { accessToken, refreshToken } : null;
}

let snapshot: SessionSnapshot = { session: readSession(), endReason: null };
const listeners = new Set<() => void>();

function publish(next: SessionSnapshot): void {
  snapshot = next;
  for (const listener of listeners) listener();
}

export function getSessionSnapshot(): SessionSnapshot {
  return snapshot;
}

export function subscribeSession(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function saveTokens(pair: TokenPairLike): void {
  const store = storage();
  store?.setItem(ACCESS_KEY, pair.access_token);
  store?.setItem(REFRESH_KEY, pair.refresh_token);
  publish({ session: { accessToken: pair.access_token, refreshToken: pair.refresh_token }, endReason: null });
}

export function clearTokens(reason: Exclude<EndReason, null>): void {
  const store = storage();
  store?.removeItem(ACCESS_KEY);
  store?.removeItem(REFRESH_KEY);
  publish({ session: null, endReason: reason });
}

/** Forget why the last session ended (after the login page has shown it). */
export function acknowledgeEndReason(): void {
  if (snapshot.endReason !== null) publish({ ...snapshot, endReason: null });
}

// Another tab logged in, refreshed or logged out: follow it.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== null && event.key !== ACCESS_KEY && event.key !== REFRESH_KEY) return;
    const session = readSession();
    const current = snapshot.session;
    if (session?.accessToken === current?.accessToken && session?.refreshToken === current?.refreshToken) return;
    publish({ session, endReason: session ? null : 'logout' });
  });
}
