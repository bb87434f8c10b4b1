import { NavLink, ScrollArea, Stack } from '@mantine/core';
import { Link, useLocation } from 'react-router';
import { useMe } from '../auth/MeContext';
import { visibleMenu, type MenuEntry } from './menu';

function isActive(entry: MenuEntry, pathname: string): boolean {
  return entry.path === '/' ? pathname === '/' : pathname === entry.path || pathname.startsWith(`${entry.path}/`);
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
              active={isActive(entry, pathname)}
              onClick={onNavigate}
              data-testid={`nav-${entry.key}`}
              style={{ borderRadius: 'var(--mantine-radius-sm)' }}
            />
          );
        })}
      </Stack>
    </ScrollArea>
  );
}
