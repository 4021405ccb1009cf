/**
 * The messages that say, in the user's language, what the server says by code: why a request or an image failed,
 * why the judge took an answer as right or wrong, how two answers agree. Each is keyed by the code's own type,
 * so a code added to the contract without its message fails typecheck.
 */
import type { AgreementBasis, ErrorCode, ItemErrorCode, TAgreementLink, TJudgement } from '@vision/api-contract';

/** Failures the browser finds on its own, next to the server's codes. */
export type ClientFailureCode = 'server-unreachable' | 'answer-unreadable' | 'unknown';
export type RequestFailureCode = ErrorCode | ClientFailureCode;

export interface FailureMessages {
  /** Why one image failed. */
  item: Record<ItemErrorCode, string>;
  /** Why a request was refused (an upload, a retry, a cancel...), or why the browser could not make it. */
  request: Record<RequestFailureCode, string>;
  /** Introduces the server's own words (and the inference server's) under the translated message. */
  details: string;
}

export type JudgementRelation = TJudgement['reason']['relation'];

/** The parts of a judgement a sentence is built from; `path` is already the WordNet chain the relation cites. */
export interface JudgementParts {
  /** The answer as the model wrote it. */
  answer: string;
  /** The answer's name as read, with its sense when it is not the usual one: "boxer (a breed of dog)". */
  name: string;
  /** The first label matched (or the only one). */
  label: string;
  /** Every label, as an "or" list in the language. */
  labels: string;
  /** WordNet's chain of words, "tabby → domestic cat → cat"; empty when the relation cites none. */
  path: string;
  /** WordNet's definition of the answer's sense (English: WordNet has no other). */
  gloss: string;
  /** The compound the answer is short for ("labrador retriever"). */
  compound: string;
  /** The everyday-usage pair: "rose" is called a "flower". */
  word: string;
  hypernym: string;
  /** The whole a scene's part belongs to, for part-of and includes ("shore"); empty when direct. */
  via: string;
  /** Whether the answer was read by its head noun ("tabby cat sleeping" as "tabby cat"). */
  byHead: boolean;
}

export interface JudgeMessages {
  relation: Record<JudgementRelation, (parts: JudgementParts) => string>;
  /** ", taking cat as "an informal term for a youth or man"". */
  labelSense: (label: string, gloss: string) => string;
  /** " (Tabby cat sleeping read as tabby cat)". */
  readAs: (answer: string, name: string) => string;
  /** The word joining the last two of a list: "or". */
  or: string;
}

export type AgreementMessages = Record<AgreementBasis, (link: TAgreementLink) => string>;
