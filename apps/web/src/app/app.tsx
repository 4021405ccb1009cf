import { useCallback, useState } from 'react';
import { BatchView } from '../features/batch';
import { HistoryView } from '../features/history';
import { useSelectedFiles, useWindowFileDrop } from '../features/upload';
import { useI18n } from '../i18n';
import { rememberCurrentBatch } from '../lib/current-batch';
import { navigate, useRoute } from '../lib/router';
import { AppHeader } from './app-header';
import { NewBatchRoute } from './routes/new-batch-route';

/** The photos of the batch this page started: its cards show them until the page is left. */
interface SubmittedBatch {
  batchId: string;
  files: File[];
}

export function App() {
  const { t } = useI18n();
  const route = useRoute();
  const selection = useSelectedFiles();
  const [submitted, setSubmitted] = useState<SubmittedBatch | null>(null);
  const dragging = useWindowFileDrop((files) => {
    selection.add(files);
    if (route.name !== 'new') navigate({ name: 'new' });
  });

  const onSubmitted = useCallback(
    (batchId: string, files: File[]) => {
      rememberCurrentBatch(batchId);
      setSubmitted({ batchId, files });
      selection.clear();
      navigate({ name: 'batch', batchId });
    },
    [selection],
  );

  const localFiles = route.name === 'batch' && submitted?.batchId === route.batchId ? submitted.files : null;

  return (
    <div className="app">
      <AppHeader route={route} />
      <main className="app-main" id="main">
        {route.name === 'new' && <NewBatchRoute selection={selection} dragging={dragging} onSubmitted={onSubmitted} />}
        {route.name === 'history' && <HistoryView />}
        {route.name === 'batch' && (
          <BatchView
            key={route.batchId}
            batchId={route.batchId}
            localFiles={localFiles}
            onNewBatch={() => {
              selection.clear();
              navigate({ name: 'new' });
            }}
            onAnotherModel={
              localFiles
                ? () => {
                    selection.clear();
                    selection.add(localFiles);
                    navigate({ name: 'new' });
                  }
                : null
            }
          />
        )}
      </main>
      <footer className="app-footer">{t.app.footer}</footer>
    </div>
  );
}
