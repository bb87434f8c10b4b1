/** Queries and mutations of the Integrações page. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { Integration, IntegrationList, IntegrationUpdate } from '../../api/types';

export const INTEGRATIONS_KEY = ['integrations'] as const;

export function useIntegrations() {
  return useQuery({ queryKey: INTEGRATIONS_KEY, queryFn: () => unwrap(api().GET('/api/integrations')) });
}

/** Puts a fresh integration (answer of save / rotate / sync) into the cached list. */
function useReplaceInList() {
  const queryClient = useQueryClient();
  return (updated: Integration) =>
    queryClient.setQueryData<IntegrationList>(INTEGRATIONS_KEY, (list) =>
      list ? { items: list.items.map((item) => (item.kind === updated.kind ? updated : item)) } : list,
    );
}

export function useSaveIntegration(kind: string) {
  const replace = useReplaceInList();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: IntegrationUpdate) =>
      unwrap(api().PUT('/api/integrations/{kind}', { params: { path: { kind } }, body })),
    onSuccess: (updated) => {
      replace(updated);
      void queryClient.invalidateQueries({ queryKey: ['whatsapp', 'status'] });
    },
  });
}

export function useTestIntegration(kind: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().POST('/api/integrations/{kind}/test', { params: { path: { kind } } })),
    // The test is stored (last_test) and may learn settings (WhatsApp number and templates).
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: INTEGRATIONS_KEY });
      void queryClient.invalidateQueries({ queryKey: ['whatsapp', 'status'] });
    },
  });
}

export function useRotateWebhook(kind: string) {
  const replace = useReplaceInList();
  return useMutation({
    mutationFn: () => unwrap(api().POST('/api/integrations/{kind}/rotate-webhook', { params: { path: { kind } } })),
    onSuccess: replace,
  });
}

export function useSyncTemplates() {
  const replace = useReplaceInList();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => unwrap(api().POST('/api/integrations/whatsapp/templates/sync')),
    onSuccess: (updated) => {
      replace(updated);
      void queryClient.invalidateQueries({ queryKey: ['whatsapp', 'status'] });
    },
  });
}

export function useSendTestEmail() {
  return useMutation({
    mutationFn: (to: string) => unwrap(api().POST('/api/integrations/smtp/test-email', { body: { to } })),
  });
}
