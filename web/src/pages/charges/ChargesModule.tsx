/** The Cobranças module's own routes (under /cobrancas), each page lazy-loaded. */
import { lazy } from 'react';
import { Route, Routes } from 'react-router';
import { NotFoundPage } from '../StatusPages';

const ChargesPage = lazy(() => import('./ChargesPage'));
const ChargeDetailPage = lazy(() => import('./ChargeDetailPage'));

export default function ChargesModule() {
  return (
    <Routes>
      <Route index element={<ChargesPage />} />
      <Route path=":id" element={<ChargeDetailPage />} />
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}
