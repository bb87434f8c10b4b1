/** Pieces of a paged list: the loader/error boundary, the empty state and "Carregar mais". */
import { Button, Center, Group, Text, type MantineSpacing } from '@mantine/core';
import type { ReactNode } from 'react';
import { QueryBoundary } from './QueryBoundary';

interface PagesQuery<T> {
  isPending: boolean;
  isError: boolean;
  data?: { pages: { items: T[] }[] };
  error: unknown;
  refetch: () => unknown;
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** Every item loaded so far of an infinite query. */
export function pageItems<T>(query: { data?: { pages: { items: T[] }[] } }): T[] {
  return query.data?.pages.flatMap((page) => page.items) ?? [];
}

/** The dimmed, centred text shown when a list has nothing to show. */
export function EmptyState({ testId, py = 'xl', children }: { testId: string; py?: MantineSpacing; children: ReactNode }) {
  return (
    <Center py={py} data-testid={testId}>
      <Text c="dimmed" ta="center">
        {children}
      </Text>
    </Center>
  );
}

/** "Carregar mais" while the query has more pages. */
export function LoadMoreButton({ query, mt = 'md' }: { query: Pick<PagesQuery<unknown>, 'hasNextPage' | 'isFetchingNextPage' | 'fetchNextPage'>; mt?: MantineSpacing | 0 }) {
  if (!query.hasNextPage) return null;
  return (
    <Group justify="center" mt={mt}>
      <Button variant="default" onClick={() => void query.fetchNextPage()} loading={query.isFetchingNextPage}>
        Carregar mais
      </Button>
    </Group>
  );
}

interface PagedListProps<T> {
  query: PagesQuery<T>;
  /** What to say when there is nothing (inside `EmptyState`). */
  empty: ReactNode;
  emptyTestId: string;
  emptyPy?: MantineSpacing;
  loadMoreMt?: MantineSpacing | 0;
  /** The loaded items, when there are any. */
  children: (rows: T[]) => ReactNode;
  /** Rendered after the list inside the boundary (modals, ...). */
  after?: ReactNode;
}

/** Loader / error, then the empty state or the rows, then "Carregar mais". */
export function PagedList<T>({ query, empty, emptyTestId, emptyPy, loadMoreMt, children, after }: PagedListProps<T>) {
  const rows = pageItems(query);
  return (
    <QueryBoundary query={query}>
      {rows.length === 0 ? (
        <EmptyState testId={emptyTestId} py={emptyPy}>
          {empty}
        </EmptyState>
      ) : (
        children(rows)
      )}
      <LoadMoreButton query={query} mt={loadMoreMt} />
      {after}
    </QueryBoundary>
  );
}
