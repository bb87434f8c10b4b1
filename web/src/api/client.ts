/**
 * Typed API client (openapi-fetch over the generated schema) with the auth
 * middleware: attaches the bearer token and, on a 401, refreshes once and retries.
 */
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import { clearTokens, readSession, saveTokens } from '../auth/tokenStore';
import { createRefresher, type TokenStore } from './refresh';
import type { paths } from './schema';

export type ApiClient = Client<paths>;

/** Calls that never carry a token. */
const PUBLIC_PATHS = new Set(['/api/health', '/api/auth/login', '/api/auth/refresh']);
/** Calls that carry a token but must not trigger a refresh + retry. */
const NO_RETRY_PATHS = new Set(['/api/auth/logout']);

const browserTokenStore: TokenStore = { read: readSession, save: saveTokens, clear: clearTokens };

export interface ApiClients {
  /** Authenticated client: use this for everything. */
  api: ApiClient;
  /** Bare client (no middleware): login, refresh, logout. */
  bare: ApiClient;
  refresh: () => Promise<unknown>;
}

export function createApiClients(
  baseUrl: string,
  store: TokenStore = browserTokenStore,
  fetchImpl: (request: Request) => Promise<Response> = (request) => globalThis.fetch(request),
): ApiClients {
  const options = { baseUrl, fetch: fetchImpl };
  const bare = createClient<paths>(options);
  const api = createClient<paths>(options);
  const refresh = createRefresher(bare, store);
  const pending = new Map<string, { token: string; retry: Request }>();

  const auth: Middleware = {
    onRequest({ request, schemaPath, id }) {
      if (PUBLIC_PATHS.has(schemaPath)) return undefined;
      const session = store.read();
      if (!session) return undefined;
      request.headers.set('Authorization', `Bearer ${session.accessToken}`);
      if (!NO_RETRY_PATHS.has(schemaPath)) pending.set(id, { token: session.accessToken, retry: request.clone() });
      return request;
    },
    async onResponse({ response, id }) {
      const sent = pending.get(id);
      pending.delete(id);
      if (!sent || response.status !== 401) return undefined;
      const current = store.read();
      // Tokens already rotated by a concurrent call: just retry with the new one.
      if (!current || current.accessToken === sent.token) {
        if ((await refresh()) !== 'refreshed') return undefined;
      }
      const fresh = store.read();
      if (!fresh) return undefined;
      sent.retry.headers.set('Authorization', `Bearer ${fresh.accessToken}`);
      return fetchImpl(sent.retry);
    },
    onError({ id }) {
      pending.delete(id);
      return undefined;
    },
  };
  api.use(auth);
  return { api, bare, refresh };
}

let clients: ApiClients | null = null;

/** Called once at startup, after /config.json has been read. */
export function initApi(baseUrl: string): ApiClients {
  clients = createApiClients(baseUrl);
  return clients;
}

function current(): ApiClients {
  if (!clients) throw new Error('API client used before initApi()');
  return clients;
}

/** The authenticated API client. */
export function api(): ApiClient {
  return current().api;
}

/** The API client without the auth middleware. */
export function bareApi(): ApiClient {
  return current().bare;
}
