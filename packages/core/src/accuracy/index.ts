export { parseLabelsCsv, labelsFromFolders, lookupLabel, type GroundTruth } from './ground-truth.ts';
export { LABEL_ALTERNATIVE_SEPARATOR, splitLabels } from './label-alternatives.ts';
export { judgeAnswer, sameEntity, type JudgeOptions, type JudgementReason, type JudgementRelation, type SenseRef } from './match-label.ts';
export { explainJudgement } from './explain-judgement.ts';
export { agreementOf, relateAnswers, type AgreeingAnswer, type AgreementLink } from './agreement.ts';
export { EVERYDAY_HYPERNYMS } from './everyday-hypernyms.ts';
export {
  createWordNet,
  sharedWordNet,
  type HypernymAncestor,
  type NounSenses,
  type NounSynset,
  type WordNet,
  type WordNetOptions,
} from './wordnet.ts';
export {
  compareRuns,
  type ComparedRun,
  type CompareRunsOptions,
  type ImageComparison,
  type ModelAnswer,
  type RunComparison,
} from './compare-runs.ts';
export type { Confusion, ModelSummary } from './model-summary.ts';
export {
  canonicalJson,
  createRunRecord,
  promptHash,
  type RunModelInfo,
  type RunRecord,
  type RunRecordInput,
  type RunTimingsInput,
} from './run-record.ts';
export { wordNetMatcher } from './match-to-list.ts';
export { truthClasses } from './truth-classes.ts';
