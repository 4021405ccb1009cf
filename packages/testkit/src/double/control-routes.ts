import type { IncomingMessage, ServerResponse } from 'node:http';
import type { DoubleState } from './double-state';
import { defaultOptions } from './defaults';
import { isFaultSpec } from './faults';
import { readBody, sendJson } from './http-utils';
import type { DoubleOptions } from './types';

/** Options a JSON body can set. Label images are bytes, so they are registered in-process instead. */
const SETTABLE_OPTIONS = new Set<string>(
  Object.keys(defaultOptions()).filter((key) => key !== 'port' && key !== 'labels' && key !== 'kind'),
);

/**
 * The double's own control API under /__double/, for when it runs as a separate process (CLI, crash tests).
 * It needs no API key and is not part of LM Studio: any other path falls through to the LM Studio routes.
 * Returns false when the request is not a control request.
 */
export async function handleControlRequest(
  state: DoubleState,
  method: string,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<boolean> {
  const route = `${method} ${path}`;
  switch (route) {
    case 'GET /__double/requests':
      sendJson(res, 200, { requests: state.requests });
      return true;
    case 'GET /__double/metrics':
      sendJson(res, 200, state.metrics());
      return true;
    case 'DELETE /__double/faults':
      state.faults.clear();
      sendJson(res, 200, { ok: true, faults: [] });
      return true;
    case 'POST /__double/faults': {
      const spec = await readJson(req);
      if (!isFaultSpec(spec)) {
        sendJson(res, 400, { error: `Invalid fault spec: ${JSON.stringify(spec)}` });
        return true;
      }
      state.faults.inject(spec);
      sendJson(res, 200, { ok: true, faults: state.faults.pending });
      return true;
    }
    case 'POST /__double/options': {
      const partial = await readJson(req);
      const unknown =
        typeof partial === 'object' && partial !== null
          ? Object.keys(partial).filter((key) => !SETTABLE_OPTIONS.has(key))
          : ['(body is not an object)'];
      if (unknown.length > 0) {
        sendJson(res, 400, { error: `Options that cannot be set over HTTP: ${unknown.join(', ')}` });
        return true;
      }
      await state.setOptions(partial as Partial<DoubleOptions>);
      const { labels: _labels, ...visible } = state.options;
      sendJson(res, 200, { ok: true, options: visible });
      return true;
    }
    default:
      return false;
  }
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  try {
    return JSON.parse((await readBody(req)).toString('utf8'));
  } catch {
    return undefined;
  }
}
