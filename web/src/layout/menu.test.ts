import { describe, expect, it } from 'vitest';
import type { Me } from '../api/types';
import { ALL_ENTRIES, canVisit, visibleMenu } from './menu';

function me(overrides: Partial<Me>): Me {
  return {
    user: {
      id: 'u1',
      name: 'Maria',
      email: 'maria@x.com',
      role: 'vendedor',
      role_label: 'Vendedor',
      status: 'active',
      tenant_id: 't1',
      created_at: '2025-01-01T00:00:00Z',
      updated_at: '2025-01-01T00:00:00Z',
      last_login_at: null,
    },
    tenant: { id: 't1', name: 'Padaria', status: 'active', plan_id: 'p1', plan_name: 'Essencial' },
    role: 'vendedor',
    role_label: 'Vendedor',
    permissions: [],
    data_scope: 'own',
    modules: [],
    is_master: false,
    ...overrides,
  } as Me;
}

const paths = (user: Me) => visibleMenu(user).map((entry) => entry.path);

describe('visibleMenu', () => {
  it('needs both the company module and the read permission', () => {
    const user = me({
      modules: ['dashboard', 'clientes', 'funil', 'financeiro'],
      permissions: ['dashboard:read', 'clientes:read', 'clientes:write', 'whatsapp:read', 'financeiro:write'],
    });
    // funil: module but no permission; whatsapp: permission but no module; financeiro: write only.
    expect(paths(user)).toEqual(['/', '/clientes']);
  });

  it('keeps the menu order and labels', () => {
    const user = me({
      modules: ['suporte', 'radar', 'integracoes'],
      permissions: ['suporte:read', 'radar:read', 'integracoes:read'],
    });
    expect(visibleMenu(user).map((entry) => entry.label)).toEqual(['Radar de Venda', 'Integrações', 'Suporte']);
  });

  it('adds Usuários with usuarios:read, whatever the modules', () => {
    expect(paths(me({ permissions: ['usuarios:read'] }))).toEqual(['/usuarios']);
  });

  it('puts Catálogo right under Financeiro, for whoever may read Financeiro', () => {
    const user = me({ modules: ['clientes', 'financeiro', 'documentos'], permissions: ['clientes:read', 'financeiro:read', 'documentos:read'] });
    expect(paths(user)).toEqual(['/clientes', '/financeiro', '/financeiro/catalogo', '/documentos']);
    expect(visibleMenu(user).find((entry) => entry.key === 'catalogo')?.parent).toBe('financeiro');
    expect(paths(me({ modules: ['clientes'], permissions: ['clientes:read', 'financeiro:read'] }))).toEqual(['/clientes']);
  });

  it('adds Dados da empresa with usuarios:empresa', () => {
    expect(paths(me({ permissions: ['usuarios:read', 'usuarios:empresa'] }))).toEqual(['/usuarios', '/empresa']);
    expect(paths(me({ permissions: ['usuarios:read'] }))).toEqual(['/usuarios']);
  });

  it('mounts the sub-routes of Clientes, Cobranças and Documentos', () => {
    const nested = ALL_ENTRIES.filter((entry) => entry.nested).map((entry) => entry.path);
    expect(nested).toEqual(['/clientes', '/cobrancas', '/documentos']);
  });

  it('gives master users only the master area', () => {
    const master = me({ is_master: true, tenant: null, modules: ['clientes'], permissions: ['clientes:read', 'usuarios:read'] });
    expect(paths(master)).toEqual(['/master/empresas', '/master/planos']);
  });

  it('lets a user visit exactly the entries of their menu', () => {
    const user = me({ modules: ['clientes'], permissions: ['clientes:read'] });
    const allowed = ALL_ENTRIES.filter((entry) => canVisit(user, entry)).map((entry) => entry.path);
    expect(allowed).toEqual(['/clientes']);
  });
});
