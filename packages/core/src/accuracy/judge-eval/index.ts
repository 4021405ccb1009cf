export { evaluateJudge, type GroupScore } from './evaluate.ts';
export { ANSWER_FORMS, evaluateEndToEnd, type AnswerForm } from './end-to-end.ts';
export {
  buildLabelledPairs,
  DEFAULT_PAIR_SIZES,
  EVAL_CLASSES,
  type LabelledPair,
  type PairGroup,
  type PairSizes,
} from './labelled-pairs.ts';
export { loadWordNetGraph, type GraphSynset, type WordNetGraph } from './wordnet-graph.ts';
