import { Button, Center, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';

interface QueryLike {
  isPending: boolean;
  isError: boolean;
  data?: unknown;
  error: unknown;
  refetch: () => unknown;
}

/** Loader while a query is pending, an error with "Tentar novamente" if it failed, else children. */
export function QueryBoundary({ query, children }: { query: QueryLike; children: ReactNode }) {
  if (query.isPending) {
    return (
      <Center py="xl">
        <Loader aria-label="Carregando" />
      </Center>
    );
  }
  if (query.isError && query.data === undefined) {
    return (
      <Stack align="flex-start">
        <ErrorAlert error={query.error} />
        <Button variant="light" onClick={() => void query.refetch()}>
          Tentar novamente
        </Button>
      </Stack>
    );
  }
  return <>{children}</>;
}
