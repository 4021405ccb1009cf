import type { ItemResult } from '../schemas';
import { lookupLabel } from './ground-truth.ts';
import { splitLabels } from './label-alternatives.ts';
import { agreementOf, type AgreementLink } from './agreement.ts';
import { judgeAnswer, type JudgeOptions, type Judgement } from './match-label.ts';
import { summariseModel, type ModelSummary } from './model-summary.ts';

/** One model's run over a set of images. */
export interface ComparedRun {
  runId: string;
  model: string;
  results: readonly ItemResult[];
}

export interface ModelAnswer {
  runId: string;
  model: string;
  /** `missing` when the run has no item for this image. */
  status: 'answered' | 'failed' | 'missing';
  entity: string | null;
  /** What the model named before normalising, which is what is judged; the entity for results recorded before it. */
  modelAnswer: string | null;
  error: string | null;
  /** `null` without a label or without an answer. */
  judgement: Judgement | null;
}

export interface ImageComparison {
  /** The file name, or `#<index>` when a run repeats file names. */
  key: string;
  index: number;
  filename: string;
  /** The label as given (alternatives joined with `|`), `null` when the image has none. */
  label: string | null;
  /** One per run, in the runs' order. */
  answers: ModelAnswer[];
  /**
   * Whether the answers name the same thing (the same once read, synonyms, one a kind of the other, or both right
   * against the same label: see `agreementOf`); `null` under two answers.
   */
  agree: boolean | null;
  /** How they agree, one link per answer after the first; empty when they do not. */
  agreedBy: AgreementLink[];
}

export interface RunComparison {
  images: ImageComparison[];
  /** One per run, in the runs' order. */
  models: ModelSummary[];
  /** Images with at least two answers, and how many of them the models agreed on. */
  agreement: { compared: number; agreed: number };
}

export interface CompareRunsOptions {
  /** File name -> label (or alternatives), as from `parseLabelsCsv` or `labelsFromFolders`. */
  labels?: ReadonlyMap<string, string | readonly string[]>;
  judge?: JudgeOptions;
  /** How many of each model's most frequent mistakes to list; 10 by default. */
  topConfusions?: number;
}

/**
 * Lines up several runs over the same images, by file name (or by index when a run repeats a file name),
 * shows each model's entity side by side with whether the models agree, judges every answer (what the model
 * named, `model_answer`, not the shortened entity) against the image's label when there is one, and summarises
 * each model. Async only because judging reads WordNet;
 * the result depends on nothing but the arguments.
 */
export async function compareRuns(runs: readonly ComparedRun[], options: CompareRunsOptions = {}): Promise<RunComparison> {
  const byFilename = runs.every((run) => new Set(run.results.map((item) => item.filename)).size === run.results.length);
  const keyOf = (item: ItemResult): string => (byFilename ? item.filename : `#${item.index}`);
  const itemsByRun = runs.map((run) => new Map(run.results.map((item) => [keyOf(item), item])));

  const firstSeen = new Map<string, ItemResult>();
  for (const items of itemsByRun) for (const [key, item] of items) if (!firstSeen.has(key)) firstSeen.set(key, item);
  const ordered = [...firstSeen.entries()].sort(([, a], [, b]) => a.index - b.index);

  const judgements = new Map<string, Promise<Judgement>>();
  const judge = (entity: string, label: string): Promise<Judgement> => {
    const cacheKey = `${entity}\u0000${label}`;
    let judged = judgements.get(cacheKey);
    if (!judged) {
      judged = judgeAnswer(entity, label, options.judge);
      judgements.set(cacheKey, judged);
    }
    return judged;
  };

  const images = await Promise.all(
    ordered.map(async ([key, first]): Promise<ImageComparison> => {
      const found = options.labels && lookupLabel(options.labels, first.filename);
      const label = found === undefined ? null : splitLabels(found).join('|') || null;
      const answers = await Promise.all(runs.map((run, runIndex) => answerOf(run, itemsByRun[runIndex]?.get(key), label, judge)));
      const answered = answers.flatMap((answer) =>
        answer.status === 'answered' && answer.entity
          ? [{ entity: answer.entity, said: answer.modelAnswer ?? answer.entity, judgement: answer.judgement }]
          : [],
      );
      const { agree, links } = await agreementOf(answered, judge, options.judge);
      return { key, index: first.index, filename: first.filename, label, answers, agree, agreedBy: links };
    }),
  );

  const compared = images.filter((image) => image.agree !== null);
  return {
    images,
    models: runs.map((run, runIndex) =>
      summariseModel(
        run,
        images.map((image) => image.answers[runIndex] as ModelAnswer),
        images,
        options.topConfusions ?? 10,
      ),
    ),
    agreement: { compared: compared.length, agreed: compared.filter((image) => image.agree).length },
  };
}

async function answerOf(
  run: ComparedRun,
  item: ItemResult | undefined,
  label: string | null,
  judge: (entity: string, label: string) => Promise<Judgement>,
): Promise<ModelAnswer> {
  const base = { runId: run.runId, model: run.model };
  if (!item) return { ...base, status: 'missing', entity: null, modelAnswer: null, error: null, judgement: null };
  if (!item.success || item.entity === null || item.entity.trim() === '') {
    const error = item.error ?? 'no entity in the answer';
    return { ...base, status: 'failed', entity: item.entity, modelAnswer: item.model_answer ?? null, error, judgement: null };
  }
  // The model's own words are judged ("white shark", not "shark"); a result stored before they were kept has its entity.
  const said = item.model_answer?.trim() || item.entity;
  const judgement = label === null ? null : await judge(said, label);
  return { ...base, status: 'answered', entity: item.entity, modelAnswer: said, error: null, judgement };
}
