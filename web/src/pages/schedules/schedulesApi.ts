/** Queries and mutations of Agendamentos and the company's message templates. */
import { type InfiniteData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { unwrap } from '../../api/errors';
import type { MessageTemplateBody, Schedule, ScheduleBody, SchedulePage, ScheduleQuery } from '../../api/types';
import { awaitingDispatch } from './scheduleRules';

export const SCHEDULES_KEY = ['schedules'] as const;
const TEMPLATES_KEY = [...SCHEDULES_KEY, 'templates'] as const;
/** While something is about to go (or going), the list refreshes itself: the dispatcher runs every minute. */
export const ACTIVE_POLL_MS = 10_000;

export type ScheduleFilters = Pick<ScheduleQuery, 'status' | 'channel' | 'client_id' | 'date_from' | 'date_to'>;

const allItems = (data: InfiniteData<SchedulePage> | undefined) => data?.pages.flatMap((page) => page.items) ?? [];

export function useSchedules(filters: ScheduleFilters) {
  return useInfiniteQuery({
    queryKey: [...SCHEDULES_KEY, 'list', filters],
    queryFn: ({ pageParam }) =>
      unwrap(api().GET('/api/schedules', { params: { query: { ...filters, cursor: pageParam ?? undefined, limit: 50 } } })),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor ?? undefined,
    refetchInterval: (query) => (awaitingDispatch(allItems(query.state.data)) ? ACTIVE_POLL_MS : false),
  });
}

const MONTH_PAGES = 10;

/** Every schedule of a period (the calendar's month): pages of 200 read one after the other. */
export function useAllSchedules(filters: ScheduleFilters) {
  return useQuery({
    queryKey: [...SCHEDULES_KEY, 'all', filters],
    queryFn: async () => {
      const items: Schedule[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < MONTH_PAGES; page += 1) {
        const data = await unwrap(api().GET('/api/schedules', { params: { query: { ...filters, cursor, limit: 200 } } }));
        items.push(...data.items);
        if (!data.next_cursor) return { items, complete: true };
        cursor = data.next_cursor;
      }
      return { items, complete: false };
    },
    refetchInterval: (query) => (awaitingDispatch(query.state.data?.items ?? []) ? ACTIVE_POLL_MS : false),
  });
}

export function useMessageTemplates() {
  return useQuery({
    queryKey: TEMPLATES_KEY,
    queryFn: () => unwrap(api().GET('/api/schedules/templates')),
    staleTime: 60_000,
  });
}

export interface PreviewInput {
  body: string;
  subject: string | null;
  clientId: string | null;
}

/** The message as the client will read it (variables filled with the chosen client's data). */
export function usePreview(input: PreviewInput, enabled: boolean) {
  return useQuery({
    queryKey: [...SCHEDULES_KEY, 'preview', input],
    queryFn: () =>
      unwrap(
        api().POST('/api/schedules/preview', {
          body: { body: input.body, subject: input.subject || null, client_id: input.clientId },
        }),
      ),
    enabled,
    staleTime: 30_000,
    retry: false,
  });
}

function useAfterChange() {
  const queryClient = useQueryClient();
  return (schedule?: Schedule) => {
    void queryClient.invalidateQueries({ queryKey: [...SCHEDULES_KEY, 'list'] });
    void queryClient.invalidateQueries({ queryKey: [...SCHEDULES_KEY, 'all'] });
    if (schedule?.client_id) void queryClient.invalidateQueries({ queryKey: ['clients', 'timeline', schedule.client_id] });
  };
}

export function useSaveSchedule() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: ScheduleBody }) =>
      id
        ? unwrap(api().PUT('/api/schedules/{schedule_id}', { params: { path: { schedule_id: id } }, body }))
        : unwrap(api().POST('/api/schedules', { body })),
    onSuccess: after,
  });
}

export function useScheduleAction() {
  const after = useAfterChange();
  return useMutation({
    mutationFn: ({ id, action }: { id: string; action: 'cancel' | 'retry' }) => {
      const params = { params: { path: { schedule_id: id } } };
      return action === 'cancel'
        ? unwrap(api().DELETE('/api/schedules/{schedule_id}', params))
        : unwrap(api().POST('/api/schedules/{schedule_id}/retry', params));
    },
    onSuccess: after,
  });
}

export function useSaveTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string | null; body: MessageTemplateBody }) =>
      id
        ? unwrap(api().PUT('/api/schedules/templates/{template_id}', { params: { path: { template_id: id } }, body }))
        : unwrap(api().POST('/api/schedules/templates', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY }),
  });
}

export function useDeleteTemplate() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => unwrap(api().DELETE('/api/schedules/templates/{template_id}', { params: { path: { template_id: id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: TEMPLATES_KEY }),
  });
}
