import { NavLink, ScrollArea, Stack } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useMe } from '../auth/MeContext';
import { visibleMenu, type MenuEntry } from './menu';

function isActive(entry: MenuEntry, pathname: string, entries: readonly MenuEntry[]): boolean {
  if (entry.path === '/') return pathname === '/';
  if (pathname === entry.path) return true;
  // A module with entries under it (Financeiro > Catálogo) is not lit up on its children's pages.
  const child = entries.find((other) => other.parent === entry.key && (pathname === other.path || pathname.startsWith(`${other.path}/`)));
  return !child && pathname.startsWith(`${entry.path}/`);
}

export function NavMenu({ onNavigate }: { onNavigate: () => void }) {
  const me = useMe();
  const { pathname } = useLocation();
  const entries = visibleMenu(me);
  return (
    <ScrollArea type="auto" style={{ flex: 1 }}>
      <Stack gap={2} component="nav" aria-label="Menu principal" data-testid="side-menu">
        {entries.map((entry) => {
          const EntryIcon = entry.icon;
          return (
            <NavLink
              key={entry.key}
              component={Link}
              to={entry.path}
              label={entry.label}
              leftSection={<EntryIcon size={18} stroke={1.6} />}
              active={isActive(entry, pathname, entries)}
              onClick={onNavigate}
              data-testid={`nav-${entry.key}`}
              style={{ borderRadius: 'var(--mantine-radius-sm)', ...(entry.parent ? { paddingLeft: 'var(--mantine-spacing-xl)' } : {}) }}
            />
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
