import { createContext, useContext } from 'react';
import type { Me } from '../api/types';

export const MeContext = createContext<Me | null>(null);

/** The signed-in user, inside the authenticated layout. */
export function useMe(): Me {
  const me = useContext(MeContext);
  if (!me) throw new Error('useMe() outside <RequireAuth>');
  return me;
}
