/**
 * Runs a double as its own process, so the app can be tried without a GPU:
 *   pnpm --filter @vision/testkit double -- --port 1234 --parallel 4 --latency rtx4090
 *   pnpm double --kind ollama|llamacpp|vllm|lmstudio   (each on its server's usual port unless --port says)
 * Every flag also reads from an environment variable (PORT, DOUBLE_PARALLEL, DOUBLE_LATENCY, ...), flags win.
 * Faults, options, the request log and metrics are reachable at /__double/* while it runs.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_PORTS, LATENCY_PRESETS, type LatencyPreset } from './defaults';
import { dialectOf, SERVER_KINDS } from './kinds';
import { startDouble } from './server';
import type { AnswerStyle, DoubleOptions, ServerKind, ServerVersion } from './types';

const { values } = parseArgs({
  options: {
    kind: { type: 'string' },
    port: { type: 'string' },
    'load-ms': { type: 'string' },
    'max-queue': { type: 'string' },
    parallel: { type: 'string' },
    'server-version': { type: 'string' },
    latency: { type: 'string' },
    'prompt-tps': { type: 'string' },
    'generation-tps': { type: 'string' },
    'vision-encoder-ms': { type: 'string' },
    'jit-load-ms': { type: 'string' },
    'no-jit': { type: 'boolean' },
    'no-downscale': { type: 'boolean' },
    'api-key': { type: 'string' },
    'answer-style': { type: 'string' },
    'outside-list': { type: 'string' },
  },
});

const env = process.env;
const pick = (flag: keyof typeof values, variable: string): string | undefined => {
  const value = values[flag];
  return typeof value === 'string' ? value : env[variable];
};
const numberFrom = (text: string | undefined): number | undefined => (text === undefined ? undefined : Number(text));

const latency = (pick('latency', 'DOUBLE_LATENCY') ?? 'none') as LatencyPreset;
if (!(latency in LATENCY_PRESETS)) {
  console.error(`Unknown --latency ${latency}; one of ${Object.keys(LATENCY_PRESETS).join(', ')}`);
  process.exit(2);
}

const kind = (pick('kind', 'DOUBLE_KIND') ?? 'lmstudio') as ServerKind;
if (!SERVER_KINDS.includes(kind)) {
  console.error(`Unknown --kind ${kind}; one of ${SERVER_KINDS.join(', ')}`);
  process.exit(2);
}

const answerStyle = pick('answer-style', 'DOUBLE_ANSWER_STYLE') as AnswerStyle | undefined;
const options: Partial<DoubleOptions> = {
  ...LATENCY_PRESETS[latency],
  port: numberFrom(pick('port', 'PORT')) ?? DEFAULT_PORTS[kind],
  labelCorpus: true,
  parallel: numberFrom(pick('parallel', 'DOUBLE_PARALLEL')),
  serverVersion: (pick('server-version', 'DOUBLE_SERVER_VERSION') ?? '0.4') as ServerVersion,
  apiKey: pick('api-key', 'DOUBLE_API_KEY'),
  jit: !(values['no-jit'] ?? env.DOUBLE_NO_JIT === '1'),
  downscaleTo1024: kind === 'lmstudio' && !(values['no-downscale'] ?? env.DOUBLE_NO_DOWNSCALE === '1'),
  // Models (comma-separated ids) that answer a fields schema's closed lists in their own words.
  outsideList: (pick('outside-list', 'DOUBLE_OUTSIDE_LIST') ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean),
};
const overrides = {
  promptTokensPerSecond: numberFrom(pick('prompt-tps', 'DOUBLE_PROMPT_TPS')),
  generationTokensPerSecond: numberFrom(pick('generation-tps', 'DOUBLE_GENERATION_TPS')),
  visionEncoderMs: numberFrom(pick('vision-encoder-ms', 'DOUBLE_VISION_ENCODER_MS')),
  jitLoadMs: numberFrom(pick('jit-load-ms', 'DOUBLE_JIT_LOAD_MS')),
  startupLoadMs: numberFrom(pick('load-ms', 'DOUBLE_LOAD_MS')),
  maxQueue: numberFrom(pick('max-queue', 'DOUBLE_MAX_QUEUE')),
};
for (const [key, value] of Object.entries(overrides)) if (value !== undefined) Object.assign(options, { [key]: value });

const double = await startDouble(kind, options);
if (answerStyle) {
  await double.setOptions({ answerStyles: Object.fromEntries(double.options.models.map((m) => [m.id, answerStyle])) });
}
console.log(`${dialectOf(kind).label} double listening on ${double.baseUrl}`);
console.log(`  models: ${double.options.models.map((m) => `${m.id} (${m.type}, ${m.state})`).join(', ')}`);
console.log(`  control API: ${double.origin}/__double/{faults,requests,metrics,options}`);

const shutdown = (): void => {
  void double.close().then(() => process.exit(0));
};
process.on('SIGINT', shutdown);
process.on('SIGTERM', shutdown);
