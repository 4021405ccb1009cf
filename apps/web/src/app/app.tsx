import { useCallback, useState } from 'react';
import type { LabelCsvProblem } from '@vision/core/schemas';
import { BatchView } from '../features/batch';
import { ComparisonView, type SubmittedComparison } from '../features/compare';
import { HistoryView } from '../features/history';
import { ImageDestinationNote, rememberBatchFields } from '../features/models';
import { ReviewView } from '../features/review';
import { useSelectedFiles, useWindowFileDrop } from '../features/upload';
import { rememberCurrentBatch } from '../lib/current-batch';
import { navigate, useRoute } from '../lib/router';
import { AppHeader } from './app-header';
import { NewBatchRoute } from './routes/new-batch-route';

/** The photos of the batch this page started: its cards show them until the page is left. */
interface SubmittedBatch {
  batchId: string;
  files: File[];
}

/** The same for a comparison, with the label rows the server skipped (it says so only in its first answer). */
interface SubmittedComparisonHere {
  comparisonId: string;
  files: File[];
  labelIssues: LabelCsvProblem[];
}

export function App() {
  const route = useRoute();
  const selection = useSelectedFiles();
  const [submitted, setSubmitted] = useState<SubmittedBatch | null>(null);
  const [compared, setCompared] = useState<SubmittedComparisonHere | null>(null);
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

  const onCompared = useCallback(
    ({ comparisonId, labelIssues }: SubmittedComparison, files: File[]) => {
      setCompared({ comparisonId, files, labelIssues });
      selection.clear();
      navigate({ name: 'comparison', comparisonId });
    },
    [selection],
  );

  const onNewBatch = useCallback(() => {
    selection.clear();
    navigate({ name: 'new' });
  }, [selection]);

  const localFiles = route.name === 'batch' && submitted?.batchId === route.batchId ? submitted.files : null;
  const comparedHere = route.name === 'comparison' && compared?.comparisonId === route.comparisonId ? compared : null;

  return (
    <div className="app">
      <AppHeader route={route} />
      <main className="app-main" id="main">
        {route.name === 'new' && (
          <NewBatchRoute selection={selection} dragging={dragging} onSubmitted={onSubmitted} onCompared={onCompared} />
        )}
        {route.name === 'history' && <HistoryView tab={route.tab} />}
        {route.name === 'batch' && (
          <BatchView
            key={route.batchId}
            batchId={route.batchId}
            localFiles={localFiles}
            onNewBatch={onNewBatch}
            onAskAgain={(fields) => {
              rememberBatchFields(fields);
              selection.clear();
              if (localFiles) selection.add(localFiles);
              navigate({ name: 'new' });
            }}
          />
        )}
        {route.name === 'comparison' && (
          <ComparisonView
            key={route.comparisonId}
            comparisonId={route.comparisonId}
            localFiles={comparedHere?.files ?? null}
            labelIssues={comparedHere?.labelIssues ?? []}
            onNewBatch={onNewBatch}
            onDeleted={() => navigate({ name: 'history', tab: 'comparisons' })}
          />
        )}
        {route.name === 'review' && <ReviewView key={`${route.subject.kind}:${route.subject.id}`} subject={route.subject} />}
      </main>
      <footer className="app-footer">
        <ImageDestinationNote />
      </footer>
    </div>
  );
}
