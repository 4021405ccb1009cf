import type { RouterOutputs } from '../../../lib/trpc';

export type ComparisonView = RouterOutputs['comparisons']['get'];
export type ModelSummary = ComparisonView['models'][number];
export type ComparisonImage = ComparisonView['images'][number];
export type ComparisonAnswer = ComparisonImage['answers'][number];
