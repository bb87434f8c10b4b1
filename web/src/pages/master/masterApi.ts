/** Queries and mutations for the master area (SaaS staff). */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { ModuleInfo, Plan, PlanCreate, TenantCreate, TenantUpdate } from '../../api/types';
import { MODULE_ENTRIES } from '../../layout/menu';

export const PLANS_KEY = ['master', 'plans'] as const;
export const TENANTS_KEY = ['master', 'tenants'] as const;
export const MODULES_KEY = ['master', 'modules'] as const;

/** Every plan: the API returns them all in one page (plans are few). */
async function fetchPlans(): Promise<Plan[]> {
  return (await unwrap(api().GET('/api/master/plans'))).items;
}

export function usePlans() {
  return useQuery({ queryKey: PLANS_KEY, queryFn: fetchPlans });
}

export function useModules() {
  return useQuery({
    queryKey: MODULES_KEY,
    queryFn: async () => (await unwrap(api().GET('/api/master/modules'))).items,
    staleTime: 10 * 60_000,
  });
}

/** key -> label, from the API, else from the menu, else the key itself. */
export function moduleLabeler(modules: readonly ModuleInfo[] | undefined): (key: string) => string {
  const labels = new Map<string, string>(MODULE_ENTRIES.map((entry) => [entry.key, entry.label]));
  for (const item of modules ?? []) labels.set(item.key, item.label);
  return (key) => labels.get(key) ?? key;
}

export function useTenants() {
  return useInfiniteQuery({
    queryKey: TENANTS_KEY,
    queryFn: ({ pageParam }) =>
      unwrap(api().GET('/api/master/tenants', { params: { query: { cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

function useInvalidate(key: readonly string[]) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: key });
}

export function useCreateTenant() {
  const invalidate = useInvalidate(TENANTS_KEY);
  return useMutation({
    mutationFn: (body: TenantCreate) => unwrap(api().POST('/api/master/tenants', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateTenant() {
  const invalidate = useInvalidate(TENANTS_KEY);
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: TenantUpdate }) =>
      unwrap(api().PATCH('/api/master/tenants/{tenant_id}', { params: { path: { tenant_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useSetTenantActive() {
  const invalidate = useInvalidate(TENANTS_KEY);
  return useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => {
      const params = { params: { path: { tenant_id: id } } };
      return unwrap(
        active
          ? api().POST('/api/master/tenants/{tenant_id}/reactivate', params)
          : api().POST('/api/master/tenants/{tenant_id}/suspend', params),
      );
    },
    onSuccess: invalidate,
  });
}

export function useSavePlan() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: PlanCreate }) =>
      id
        ? unwrap(api().PATCH('/api/master/plans/{plan_id}', { params: { path: { plan_id: id } }, body }))
        : unwrap(api().POST('/api/master/plans', { body })),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: PLANS_KEY });
      // Tenants show the plan's name, limit and modules.
      void queryClient.invalidateQueries({ queryKey: TENANTS_KEY });
    },
  });
}
