import { lazy } from 'react';
import { Navigate, Route, Routes } from 'react-router';
import { RequireAuth } from './auth/RequireAuth';
import { useMe } from './auth/MeContext';
import { AppLayout } from './layout/AppLayout';
import { ALL_ENTRIES, MODULE_ENTRIES, canVisit, visibleMenu, type MenuEntry } from './layout/menu';
import { LoginPage } from './pages/LoginPage';
import { ModulePlaceholderPage } from './pages/ModulePlaceholderPage';
import { ForbiddenPage, NoModulesPage, NotFoundPage } from './pages/StatusPages';

const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'));
const ClientsModule = lazy(() => import('./pages/clients/ClientsModule'));
const FunnelPage = lazy(() => import('./pages/funnel/FunnelPage'));
const WhatsAppPage = lazy(() => import('./pages/whatsapp/WhatsAppPage'));
const IntegrationsPage = lazy(() => import('./pages/integrations/IntegrationsPage'));
const TasksPage = lazy(() => import('./pages/tasks/TasksPage'));
const SchedulesPage = lazy(() => import('./pages/schedules/SchedulesPage'));
const DocumentsModule = lazy(() => import('./pages/documents/DocumentsModule'));
const ChargesModule = lazy(() => import('./pages/charges/ChargesModule'));
const CatalogPage = lazy(() => import('./pages/catalog/CatalogPage'));
const CompanyPage = lazy(() => import('./pages/company/CompanyPage'));
const UsersPage = lazy(() => import('./pages/users/UsersPage'));
const TenantsPage = lazy(() => import('./pages/master/TenantsPage'));
const PlansPage = lazy(() => import('./pages/master/PlansPage'));

const DASHBOARD = MODULE_ENTRIES[0]!;

function EntryPage({ entry }: { entry: MenuEntry }) {
  switch (entry.kind) {
    case 'dashboard':
      return <DashboardPage />;
    case 'clients':
      return <ClientsModule />;
    case 'funnel':
      return <FunnelPage />;
    case 'whatsapp':
      return <WhatsAppPage />;
    case 'integrations':
      return <IntegrationsPage />;
    case 'tasks':
      return <TasksPage />;
    case 'schedules':
      return <SchedulesPage />;
    case 'documents':
      return <DocumentsModule />;
    case 'charges':
      return <ChargesModule />;
    case 'catalog':
      return <CatalogPage />;
    case 'company':
      return <CompanyPage />;
    case 'users':
      return <UsersPage />;
    case 'tenants':
      return <TenantsPage />;
    case 'plans':
      return <PlansPage />;
    default:
      return <ModulePlaceholderPage entry={entry} />;
  }
}

/** Renders an entry's page only when the user's menu has it. */
function EntryRoute({ entry }: { entry: MenuEntry }) {
  const me = useMe();
  return canVisit(me, entry) ? <EntryPage entry={entry} /> : <ForbiddenPage />;
}

/** "/": the dashboard, or else the first page the user may see. */
function HomeRoute() {
  const me = useMe();
  if (canVisit(me, DASHBOARD)) return <DashboardPage />;
  const first = visibleMenu(me)[0];
  return first ? <Navigate to={first.path} replace /> : <NoModulesPage />;
}

export function AppRoutes() {
  return (
    <Routes>
      <Route path="/login" element={<LoginPage />} />
      <Route
        element={
          <RequireAuth>
            <AppLayout />
          </RequireAuth>
        }
      >
        <Route index element={<HomeRoute />} />
        {ALL_ENTRIES.filter((entry) => entry.path !== '/').map((entry) => (
          <Route key={entry.key} path={entry.nested ? `${entry.path}/*` : entry.path} element={<EntryRoute entry={entry} />} />
        ))}
        <Route path="*" element={<NotFoundPage />} />
      </Route>
    </Routes>
  );
}
