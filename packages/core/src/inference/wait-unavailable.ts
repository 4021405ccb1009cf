import type { ImageAnalysis } from '../lmstudio/analyze-image';

/**
 * Retries while the server answers "not now" (llama.cpp's 503 "Loading model", Ollama's 503 "server busy"),
 * backing off from 250 ms to 2 s, for at most `maxWaitMs`; any other answer is returned as it is.
 */
export async function waitOutUnavailable(
  attempt: () => Promise<ImageAnalysis>,
  options: { maxWaitMs: number; signal?: AbortSignal | undefined },
): Promise<ImageAnalysis> {
  const startedAt = performance.now();
  let delayMs = 250;
  for (;;) {
    const analysis = await attempt();
    if (analysis.ok || analysis.code !== 'inference-unavailable') return analysis;
    const waited = performance.now() - startedAt;
    if (waited + delayMs > options.maxWaitMs || options.signal?.aborted) {
      return { ...analysis, error: `${analysis.error}; still unavailable after ${Math.round(waited / 100) / 10} s of retrying` };
    }
    await pause(delayMs, options.signal);
    delayMs = Math.min(2_000, delayMs * 2);
  }
}

function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
