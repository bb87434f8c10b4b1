import type { Me } from '../api/types';

export function hasPermission(me: Me, permission: string): boolean {
  return me.permissions.includes(permission);
}

/** A module shows when the company has it enabled AND the role may read it. */
export function canUseModule(me: Me, moduleKey: string): boolean {
  return me.modules.includes(moduleKey) && hasPermission(me, `${moduleKey}:read`);
}
