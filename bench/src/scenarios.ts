import { DEFAULT_MODELS, LATENCY_PRESETS, type DoubleOptions } from '@vision/testkit';

export const MODEL = 'qwen/qwen3-vl-4b';

/** The GPU the double pretends to be (lmstudio-api.md, "Speeds"): a 4B Q4_K_M model on an RTX 3060. */
export const PRESET = 'rtx3060' as const;
/**
 * Every simulated cost is divided by this, so the naive run on the old server fits the bench's time budget.
 * Ratios to the floor and to the naive run hold at any scale; the server's own overhead weighs more at 2×.
 */
export const SPEED_SCALE = 2;

export interface Scenario {
  key: string;
  title: string;
  double: Partial<DoubleOptions>;
}

function scaledSpeeds(): Partial<DoubleOptions> {
  const speeds = LATENCY_PRESETS[PRESET];
  return {
    decodeMsPerMB: speeds.decodeMsPerMB / SPEED_SCALE,
    visionEncoderMs: speeds.visionEncoderMs / SPEED_SCALE,
    promptTokensPerSecond: speeds.promptTokensPerSecond * SPEED_SCALE,
    generationTokensPerSecond: speeds.generationTokensPerSecond * SPEED_SCALE,
  };
}

/**
 * The model is loaded with a 16k context: a full-resolution 12 MP photo is ~11,800 Qwen visual tokens, which
 * the default 4096 refuses outright ("context overflow"), so a user of an older LM Studio must raise it.
 */
const models = DEFAULT_MODELS.map((model) => (model.id === MODEL ? { ...model, contextLength: 16_384 } : { ...model }));

export const SCENARIOS: Scenario[] = [
  {
    key: 'a',
    title: 'older LM Studio (0.3): 1 slot, full resolution',
    double: { ...scaledSpeeds(), models, labelCorpus: true, serverVersion: '0.3', downscaleTo1024: false },
  },
  {
    key: 'b',
    title: 'LM Studio 0.4 defaults: 4 slots, 1024 px cap',
    double: { ...scaledSpeeds(), models, labelCorpus: true, serverVersion: '0.4', downscaleTo1024: true },
  },
];

/** Through the CLI: 140 photos (four batches) as one dataset, under (b)'s LM Studio. */
export const DATASET_SCENARIO: Scenario = {
  key: 'c',
  title: 'dataset through the CLI: 140 photos, 4 slots, 1024 px cap',
  double: SCENARIOS[1]!.double,
};
