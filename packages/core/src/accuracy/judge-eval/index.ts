export { evaluateJudge, type GroupScore } from './evaluate.ts';
export {
  buildLabelledPairs,
  DEFAULT_PAIR_SIZES,
  EVAL_CLASSES,
  type LabelledPair,
  type PairGroup,
  type PairSizes,
} from './labelled-pairs.ts';
export { loadWordNetGraph, type GraphSynset, type WordNetGraph } from './wordnet-graph.ts';
