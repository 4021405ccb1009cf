import { useCallback, useState } from 'react';
import { submitComparison, type SubmitComparisonInput, type SubmittedComparison } from '../api/submit-comparison';

export type SubmitComparisonState = { phase: 'idle' } | { phase: 'uploading'; progress: number } | { phase: 'failed'; error: unknown };

/** Uploads a comparison; resolves to what the server answered, or to null when it refused (the state says why). */
export function useSubmitComparison() {
  const [state, setState] = useState<SubmitComparisonState>({ phase: 'idle' });

  const submit = useCallback(async (input: SubmitComparisonInput): Promise<SubmittedComparison | null> => {
    setState({ phase: 'uploading', progress: 0 });
    try {
      const submitted = await submitComparison(input, (progress) => setState({ phase: 'uploading', progress }));
      setState({ phase: 'idle' });
      return submitted;
    } catch (error) {
      setState({ phase: 'failed', error });
      return null;
    }
  }, []);

  return { state, submit };
}
