import type { Role } from '../../api/types';

/** Tenant roles, used when /api/roles is not readable. Labels come from the API otherwise. */
export const DEFAULT_ROLE_OPTIONS = [
  { value: 'administrador', label: 'Administrador' },
  { value: 'gerente', label: 'Gerente' },
  { value: 'financeiro', label: 'Financeiro' },
  { value: 'vendedor', label: 'Vendedor' },
  { value: 'atendente', label: 'Atendente' },
  { value: 'suporte', label: 'Suporte' },
];

export function roleOptions(roles: readonly Role[] | undefined): { value: string; label: string }[] {
  if (!roles || roles.length === 0) return DEFAULT_ROLE_OPTIONS;
  return roles.filter((role) => role.key !== 'master').map((role) => ({ value: role.key, label: role.label }));
}

export const DATA_SCOPE_OPTIONS = [
  { value: 'own', label: 'Somente os próprios registros' },
  { value: 'all', label: 'Todos os registros' },
];
