/** The Clientes module's own routes (under /clientes), each page lazy-loaded. */
import { lazy, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ForbiddenPage, NotFoundPage } from '../StatusPages';

const ClientsListPage = lazy(() => import('./ClientsListPage'));
const ClientFormPage = lazy(() => import('./ClientFormPage'));
const ClientPage = lazy(() => import('./ClientPage'));
const ImportPage = lazy(() => import('./ImportPage'));

function Needs({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me, permission) ? <>{children}</> : <ForbiddenPage />;
}

export default function ClientsModule() {
  return (
    <Routes>
      <Route index element={<ClientsListPage />} />
      <Route path="novo" element={<Needs permission="clientes:write"><ClientFormPage /></Needs>} />
      <Route path="importar" element={<Needs permission="clientes:import"><ImportPage /></Needs>} />
      <Route path=":id" element={<ClientPage />} />
      <Route path=":id/editar" element={<Needs permission="clientes:write"><ClientFormPage /></Needs>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
