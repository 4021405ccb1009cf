import type { HostLane } from '../inference/host-router';
import type { AnalyzeImageRequest, ImageAnalysis } from '../lmstudio';

/**
 * A lane for the runner's own tests: every image is answered by `analyze` at once, with no turns and no hosts
 * (the host router has its own tests against the doubles). Like the router, the request leaves before `onSent`.
 */
export function sendThrough(analyze: (request: AnalyzeImageRequest) => Promise<ImageAnalysis>): HostLane['send'] {
  return async (request, options = {}) => {
    const answering = analyze({ ...request, signal: options.signal });
    await options.onSent?.();
    return { status: 'answered', analysis: await answering };
  };
}
