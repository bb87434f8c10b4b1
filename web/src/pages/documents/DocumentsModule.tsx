/** The Documentos module's own routes (under /documentos), each page lazy-loaded. */
import { lazy, type ReactNode } from 'react';
import { Route, Routes } from 'react-router';
import { useMe } from '../../auth/MeContext';
import { hasPermission } from '../../auth/permissions';
import { ForbiddenPage, NotFoundPage } from '../StatusPages';

const DocumentsListPage = lazy(() => import('./DocumentsListPage'));
const DocumentBuilderPage = lazy(() => import('./DocumentBuilderPage'));
const DocumentReviewPage = lazy(() => import('./DocumentReviewPage'));
const TemplatesPage = lazy(() => import('./TemplatesPage'));

function Needs({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  return hasPermission(me, permission) ? <>{children}</> : <ForbiddenPage />;
}

export default function DocumentsModule() {
  return (
    <Routes>
      <Route index element={<DocumentsListPage />} />
      <Route path="novo" element={<Needs permission="documentos:write"><DocumentBuilderPage /></Needs>} />
      <Route path="modelos" element={<Needs permission="documentos:templates"><TemplatesPage /></Needs>} />
      <Route path=":id" element={<DocumentReviewPage />} />
      <Route path=":id/editar" element={<Needs permission="documentos:write"><DocumentBuilderPage /></Needs>} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
