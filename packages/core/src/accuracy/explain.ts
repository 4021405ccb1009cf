/**
 * Pure, as `@vision/core/explain`: the English sentences for a judgement and for an agreement, built from their
 * parts, and the helpers a renderer in another language needs to say the same (the web app's Russian).
 */
export { explainJudgement, shortSense, wordNetPath } from './explain-judgement.ts';
export { explainAgreement, explainAgreements } from './explain-agreement.ts';
