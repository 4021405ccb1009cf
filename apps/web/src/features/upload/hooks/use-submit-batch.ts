import { useCallback, useState } from 'react';
import { submitBatch, type SubmitBatchInput } from '../api/submit-batch';

export type SubmitState =
  | { phase: 'idle' }
  | { phase: 'uploading'; model: string; progress: number }
  /** `error` is said in the user's language where it is shown (`FailureText`). */
  | { phase: 'failed'; model: string; error: unknown };

/** Uploads a batch; resolves to its id, or to null when the server refused it (the state says why). */
export function useSubmitBatch() {
  const [state, setState] = useState<SubmitState>({ phase: 'idle' });

  const submit = useCallback(async (input: SubmitBatchInput): Promise<string | null> => {
    setState({ phase: 'uploading', model: input.model, progress: 0 });
    try {
      const { batchId } = await submitBatch(input, (progress) => setState({ phase: 'uploading', model: input.model, progress }));
      setState({ phase: 'idle' });
      return batchId;
    } catch (error) {
      setState({ phase: 'failed', model: input.model, error });
      return null;
    }
  }, []);

  return { state, submit };
}
