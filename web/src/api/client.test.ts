import { describe, expect, it } from 'vitest';
import type { Session, TokenPairLike } from '../auth/tokenStore';
import { createApiClients } from './client';
import { ApiError, unwrap } from './errors';

const BASE = 'http://api.test';

function memoryStore(initial: Session | null) {
  let session = initial;
  const cleared: string[] = [];
  return {
    cleared,
    read: () => session,
    save: (pair: TokenPairLike) => {
      session = { accessToken: pair.access_token, refreshToken: pair.refresh_token };
    },
    clear: (reason: 'expired') => {
      session = null;
      cleared.push(reason);
    },
  };
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
}

const ME = { user: { id: 'u1' }, permissions: [], modules: [], is_master: false };

/** Fake server: access "A2" is valid; refresh "R1" rotates to A2/R2 (and only once). */
function fakeServer(opts: { refreshStatus?: number } = {}) {
  const log: string[] = [];
  let refreshCalls = 0;
  const fetchImpl = async (request: Request): Promise<Response> => {
    const path = new URL(request.url).pathname;
    const auth = request.headers.get('Authorization');
    log.push(`${request.method} ${path} ${auth ?? '-'}`);
    if (path === '/api/auth/refresh') {
      refreshCalls += 1;
      await new Promise((resolve) => setTimeout(resolve, 5));
      const body = (await request.json()) as { refresh_token: string };
      if (opts.refreshStatus || body.refresh_token !== 'R1' || refreshCalls > 1) {
        return json(opts.refreshStatus ?? 401, { detail: 'Sessão inválida.' });
      }
      return json(200, { access_token: 'A2', refresh_token: 'R2', token_type: 'bearer', expires_in: 900 });
    }
    if (path === '/api/auth/login') return json(401, { detail: 'E-mail ou senha incorretos.' });
    if (auth !== 'Bearer A2') return json(401, { detail: 'Não autenticado.' });
    if (path === '/api/users' && request.method === 'POST') return json(201, await request.json());
    return json(200, ME);
  };
  return { fetchImpl, log, refreshCount: () => refreshCalls };
}

describe('auth middleware', () => {
  it('attaches the bearer token', async () => {
    const server = fakeServer();
    const { api } = createApiClients(BASE, memoryStore({ accessToken: 'A2', refreshToken: 'R2' }), server.fetchImpl);
    const me = await unwrap(api.GET('/api/me'));
    expect(me).toEqual(ME);
    expect(server.log).toEqual(['GET /api/me Bearer A2']);
  });

  it('does not send a token to public endpoints', async () => {
    const server = fakeServer();
    const { api } = createApiClients(BASE, memoryStore({ accessToken: 'A1', refreshToken: 'R1' }), server.fetchImpl);
    await expect(unwrap(api.POST('/api/auth/login', { body: { email: 'a@b.c', password: 'x' } }))).rejects.toMatchObject({
      status: 401,
      detail: 'E-mail ou senha incorretos.',
    });
    expect(server.log).toEqual(['POST /api/auth/login -']);
  });

  it('refreshes once for concurrent 401s and retries each call', async () => {
    const server = fakeServer();
    const store = memoryStore({ accessToken: 'A1', refreshToken: 'R1' });
    const { api } = createApiClients(BASE, store, server.fetchImpl);
    const results = await Promise.all([
      unwrap(api.GET('/api/me')),
      unwrap(api.GET('/api/me')),
      unwrap(api.POST('/api/users', { body: { name: 'Ana', email: 'ana@x.com', role: 'vendedor', password: 'segredo123' } })),
    ]);
    expect(server.refreshCount()).toBe(1);
    expect(results[0]).toEqual(ME);
    expect(results[2]).toMatchObject({ name: 'Ana', email: 'ana@x.com' }); // body survived the retry
    expect(store.read()).toEqual({ accessToken: 'A2', refreshToken: 'R2' });
  });

  it('clears the session when the refresh is rejected', async () => {
    const server = fakeServer({ refreshStatus: 401 });
    const store = memoryStore({ accessToken: 'A1', refreshToken: 'R1' });
    const { api } = createApiClients(BASE, store, server.fetchImpl);
    const error = await unwrap(api.GET('/api/me')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(401);
    expect(store.read()).toBeNull();
    expect(store.cleared).toEqual(['expired']);
  });

  it('keeps the session when the refresh endpoint is unavailable', async () => {
    const server = fakeServer({ refreshStatus: 503 });
    const store = memoryStore({ accessToken: 'A1', refreshToken: 'R1' });
    const { api } = createApiClients(BASE, store, server.fetchImpl);
    await expect(unwrap(api.GET('/api/me'))).rejects.toMatchObject({ status: 401 });
    expect(store.read()).toEqual({ accessToken: 'A1', refreshToken: 'R1' });
  });
});

describe('error parsing', () => {
  it('reads field errors and Retry-After', async () => {
    const response = json(
      429,
      { detail: '', errors: [{ field: 'body.email', message: 'E-mail inválido.' }] },
      { 'Retry-After': '600' },
    );
    const error = await unwrap(Promise.resolve({ error: await response.clone().json(), response })).catch((e) => e);
    expect(error).toMatchObject({
      status: 429,
      detail: 'Muitas tentativas. Tente novamente em 10 minutos.',
      fieldErrors: { email: 'E-mail inválido.' },
      retryAfterSeconds: 600,
    });
  });

  it('names the top-level form field of nested errors', async () => {
    const response = json(422, {});
    const payload = {
      detail: 'Módulos: valor inválido.',
      errors: [
        { field: 'modules.0', message: 'valor inválido' },
        { field: 'name', message: 'deve ter pelo menos 2 caractere(s)' },
      ],
    };
    const error = await unwrap(Promise.resolve({ error: payload, response })).catch((e) => e);
    expect(error).toMatchObject({
      detail: 'Módulos: valor inválido.',
      fieldErrors: { modules: 'valor inválido', name: 'deve ter pelo menos 2 caractere(s)' },
      fieldPaths: { 'modules.0': 'valor inválido', name: 'deve ter pelo menos 2 caractere(s)' },
    });
  });

  it('keeps a field named "body" (a message text) apart from the request location', async () => {
    const response = json(422, {});
    const payload = { detail: 'Variável desconhecida.', errors: [{ field: 'body', message: 'Variável desconhecida.' }] };
    const error = await unwrap(Promise.resolve({ error: payload, response })).catch((e) => e);
    expect(error).toMatchObject({ fieldErrors: { body: 'Variável desconhecida.' }, fieldPaths: { body: 'Variável desconhecida.' } });
    const nested = { detail: [{ loc: ['body', 'body'], msg: 'Texto longo demais.' }] };
    const fastapi = await unwrap(Promise.resolve({ error: nested, response })).catch((e) => e);
    expect(fastapi).toMatchObject({ fieldErrors: { body: 'Texto longo demais.' } });
  });

  it('maps FastAPI validation errors to fields', async () => {
    const response = json(422, {});
    const payload = { detail: [{ loc: ['body', 'password'], msg: 'Senha muito curta.' }] };
    const error = await unwrap(Promise.resolve({ error: payload, response })).catch((e) => e);
    expect(error).toMatchObject({ status: 422, fieldErrors: { password: 'Senha muito curta.' } });
    expect((error as ApiError).detail).toBe('Verifique os dados informados.');
  });

  it('turns network failures into a pt-BR message', async () => {
    const error = await unwrap(Promise.reject(new TypeError('Failed to fetch'))).catch((e) => e);
    expect(error).toMatchObject({ status: 0 });
    expect((error as ApiError).detail).toMatch(/conectar ao servidor/);
  });
});
