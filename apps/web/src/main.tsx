import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/app';
import { AccessGate } from './features/access';
import { I18nProvider } from './i18n';
import { makeQueryClient, makeTrpcClient, TRPCProvider } from './lib/trpc';
import './styles/base.css';
import './styles/controls.css';
import './styles/layout.css';
import './styles/feedback.css';
import './styles/upload.css';
import './styles/preview.css';
import './styles/models.css';
import './styles/compare-setup.css';
import './styles/batch.css';
import './styles/results.css';
import './styles/fields.css';
import './styles/history.css';
import './styles/comparison.css';
import './styles/comparison-chart.css';
import './styles/comparison-table.css';
import './styles/review.css';

function Root() {
  const [queryClient] = useState(makeQueryClient);
  const [trpcClient] = useState(makeTrpcClient);
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        <I18nProvider>
          <AccessGate>
            <App />
          </AccessGate>
        </I18nProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
