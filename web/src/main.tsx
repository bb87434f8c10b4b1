import './styles';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initApi } from './api/client';
import { loadRuntimeConfig } from './api/config';

const root = createRoot(document.getElementById('root')!);

void loadRuntimeConfig().then(({ apiBaseUrl }) => {
  initApi(apiBaseUrl);
  root.render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
});
