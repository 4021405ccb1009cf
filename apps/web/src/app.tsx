import { useQuery } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { useState, type FormEvent } from 'react';
import type { TBatchProgressEvent, TItemResult } from '@vision/api-contract';
import { useTRPC } from './lib/trpc';

/** A minimal page: choose photos and a model, start a batch, watch its results arrive. */
export function App() {
  const trpc = useTRPC();
  const models = useQuery(trpc.models.list.queryOptions());
  const [files, setFiles] = useState<File[]>([]);
  const [batchId, setBatchId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function start(model: string, event?: FormEvent) {
    event?.preventDefault();
    setError(null);
    const form = new FormData();
    for (const file of files) form.append('images[]', file, file.name);
    form.append('model', model);
    const response = await fetch('/api/batches', { method: 'POST', body: form });
    const body = (await response.json()) as { batchId?: string; error?: string };
    if (!response.ok || !body.batchId) setError(body.error ?? `HTTP ${response.status}`);
    else setBatchId(body.batchId);
  }

  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', maxWidth: 960, margin: '0 auto', padding: 16 }}>
      <h1>Vision batch</h1>
      <label>
        Photos{' '}
        <input data-testid="file-input" type="file" multiple accept="image/*" onChange={(e) => setFiles([...(e.target.files ?? [])])} />
      </label>
      <p data-testid="dataset-info">{files.length} photo(s)</p>
      {models.isError && <p role="alert">LM Studio does not answer: {models.error.message}</p>}
      <div>
        {models.data?.map((model) => (
          <button key={model.id} type="button" data-testid="model-button" data-model-id={model.id}
            disabled={files.length === 0 || model.vision === false} onClick={() => void start(model.id)}>
            {model.id}
          </button>
        ))}
      </div>
      {error && <p role="alert">{error}</p>}
      {batchId && <BatchProgress batchId={batchId} />}
    </main>
  );
}

function BatchProgress({ batchId }: { batchId: string }) {
  const trpc = useTRPC();
  const [results, setResults] = useState<TItemResult[]>([]);
  const [finished, setFinished] = useState<Extract<TBatchProgressEvent, { type: 'batch-finished' }> | null>(null);
  useSubscription(
    trpc.batches.onProgress.subscriptionOptions(
      { batchId },
      {
        onData: ({ data }) => {
          if (data.type === 'item-finished') setResults((previous) => [...previous.filter((r) => r.index !== data.result.index), data.result]);
          if (data.type === 'batch-finished') setFinished(data);
        },
      },
    ),
  );
  return (
    <section>
      <progress data-testid="progress" max={1} value={finished ? 1 : 0} />
      <ul>
        {results.sort((a, b) => a.index - b.index).map((result) => (
          <li key={result.index} data-testid="result-card" data-status={result.success ? 'success' : 'error'}>
            {result.filename}: {result.success ? result.entity : result.error} ({result.processing_time} s)
          </li>
        ))}
      </ul>
      {finished && (
        <p data-testid="stats">
          {finished.stats.successful} succeeded, {finished.stats.failed} failed, {finished.stats.total_processing_time} s in all,
          {' '}{finished.stats.average_processing_time} s on average
        </p>
      )}
    </section>
  );
}
