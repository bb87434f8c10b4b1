/** Dados da empresa: the profile (any user reads it; `usuarios:empresa` edits it) and the logo. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { CompanyProfile, CompanyProfileUpdate } from '../../api/types';

export const COMPANY_KEY = ['company'] as const;
const PROFILE_KEY = [...COMPANY_KEY, 'profile'] as const;

export function useCompanyProfile() {
  return useQuery({
    queryKey: PROFILE_KEY,
    queryFn: () => unwrap(api().GET('/api/company/profile')),
    staleTime: 60_000,
  });
}

/** The logo as a Blob (it needs the auth header, so no plain <img src>); keyed by its upload time. */
export function useCompanyLogo(profile: CompanyProfile | undefined) {
  return useQuery({
    queryKey: [...COMPANY_KEY, 'logo', profile?.logo_updated_at ?? null],
    queryFn: async () => (await unwrap(api().GET('/api/company/profile/logo', { parseAs: 'blob' }))) as unknown as Blob,
    enabled: Boolean(profile?.has_logo),
    staleTime: Infinity,
  });
}

export function useSaveCompanyProfile() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: CompanyProfileUpdate) => unwrap(api().PUT('/api/company/profile', { body })),
    onSuccess: (profile) => queryClient.setQueryData(PROFILE_KEY, profile),
  });
}

export function useUploadLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return unwrap(api().PUT('/api/company/profile/logo', { body: form as never }));
    },
    onSuccess: (profile) => queryClient.setQueryData(PROFILE_KEY, profile),
  });
}

export function useDeleteLogo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().DELETE('/api/company/profile/logo')),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: PROFILE_KEY }),
  });
}
