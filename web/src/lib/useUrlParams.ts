import { useSearchParams } from 'react-router';

/** A set of changes to the address's query: a value sets the key, an empty one removes it. */
export type ParamChanges = Record<string, string | null | undefined>;

/**
 * Filters kept in the address (`?q=&tipo=...`): the current params and `set`, which applies changes
 * in place (the history is replaced, not pushed).
 */
export function useUrlParams(): [URLSearchParams, (changes: ParamChanges) => void] {
  const [params, setParams] = useSearchParams();
  const set = (changes: ParamChanges) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value) next.set(key, value);
          else next.delete(key);
        }
        return next;
      },
      { replace: true },
    );
  return [params, set];
}
