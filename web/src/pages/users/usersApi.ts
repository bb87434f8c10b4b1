/** Queries and mutations for the Usuários page. */
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { DataScope, User, UserCreate, UserUpdate } from '../../api/types';
import { ME_QUERY_KEY } from '../../auth/session';

export const USERS_KEY = ['users'] as const;
export const ROLES_KEY = ['roles'] as const;

export function useUsersList(search: string) {
  const q = search.trim();
  return useInfiniteQuery({
    queryKey: [...USERS_KEY, 'list', q],
    queryFn: ({ pageParam }) =>
      unwrap(api().GET('/api/users', { params: { query: { q: q || undefined, cursor: pageParam ?? undefined } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
  });
}

export function useRoles(enabled = true) {
  return useQuery({
    queryKey: ROLES_KEY,
    queryFn: () => unwrap(api().GET('/api/roles')),
    enabled,
    staleTime: 5 * 60_000,
  });
}

function useInvalidateUsers() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY }); // the signed-in user may have been edited
    return queryClient.invalidateQueries({ queryKey: USERS_KEY });
  };
}

/** Role changes may change the signed-in user's own permissions (menu, actions). */
function useInvalidateRoles() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    return queryClient.invalidateQueries({ queryKey: ROLES_KEY });
  };
}

export function useCreateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: (body: UserCreate) => unwrap(api().POST('/api/users', { body })),
    onSuccess: invalidate,
  });
}

export function useUpdateUser() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UserUpdate }) =>
      unwrap(api().PATCH('/api/users/{user_id}', { params: { path: { user_id: id } }, body })),
    onSuccess: invalidate,
  });
}

export function useSetUserActive() {
  const invalidate = useInvalidateUsers();
  return useMutation({
    mutationFn: ({ user, active }: { user: User; active: boolean }) => {
      const params = { params: { path: { user_id: user.id } } };
      return unwrap(
        active ? api().POST('/api/users/{user_id}/enable', params) : api().POST('/api/users/{user_id}/disable', params),
      );
    },
    onSuccess: invalidate,
  });
}

export function useResetPassword() {
  return useMutation({
    mutationFn: ({ id, password }: { id: string; password: string }) =>
      unwrap(api().POST('/api/users/{user_id}/reset-password', { params: { path: { user_id: id } }, body: { password } })),
  });
}

export function useSaveRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: ({ key, permissions, dataScope }: { key: string; permissions: string[]; dataScope: DataScope }) =>
      unwrap(
        api().PUT('/api/roles/{role}', {
          params: { path: { role: key } },
          body: { permissions, data_scope: dataScope },
        }),
      ),
    onSuccess: invalidate,
  });
}

export function useResetRole() {
  const invalidate = useInvalidateRoles();
  return useMutation({
    mutationFn: (key: string) => unwrap(api().POST('/api/roles/{role}/reset', { params: { path: { role: key } } })),
    onSuccess: invalidate,
  });
}
