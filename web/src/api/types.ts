/**
 * Domain types derived from the generated OpenAPI schema *by path*, so they
 * keep working whatever the backend names its Pydantic models.
 */
import type { paths } from './schema';

type JsonBody<R> = R extends { content: { 'application/json': infer T } } ? T : never;
type SuccessJson<Op> = Op extends { responses: infer R }
  ? R extends { 200: infer X }
    ? JsonBody<X>
    : R extends { 201: infer X }
      ? JsonBody<X>
      : never
  : never;
type RequestJson<Op> = Op extends { requestBody?: infer B }
  ? B extends { content: { 'application/json': infer T } }
    ? T
    : never
  : never;

export type TokenPair = SuccessJson<paths['/api/auth/login']['post']>;
export type Me = SuccessJson<paths['/api/me']['get']>;
export type User = SuccessJson<paths['/api/users/{user_id}']['get']>;
export type UserPage = SuccessJson<paths['/api/users']['get']>;
export type UserCreate = RequestJson<paths['/api/users']['post']>;
export type UserUpdate = RequestJson<paths['/api/users/{user_id}']['patch']>;
export type RoleList = SuccessJson<paths['/api/roles']['get']>;
export type Role = RoleList['items'][number];
export type PermissionInfo = RoleList['catalog'][number];
export type DataScope = Role['data_scope'];
export type ModuleInfo = SuccessJson<paths['/api/master/modules']['get']>['items'][number];
export type Plan = SuccessJson<paths['/api/master/plans/{plan_id}']['get']>;
export type PlanCreate = RequestJson<paths['/api/master/plans']['post']>;
export type Tenant = SuccessJson<paths['/api/master/tenants/{tenant_id}']['get']>;
export type TenantCreate = RequestJson<paths['/api/master/tenants']['post']>;
export type TenantUpdate = RequestJson<paths['/api/master/tenants/{tenant_id}']['patch']>;
