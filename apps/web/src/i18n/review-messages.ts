/** The review queue's texts (features/review), and the comparison's choice of ground truth. */
import type { ReviewFilter, ReviewStanding, SuggestionSource } from '@vision/api-contract';

export interface ReviewMessages {
  open: string;
  heading: { batch: string; comparison: string };
  back: string;
  loading: string;
  notFound: string;
  saveFailed: string;
  /** Starts "reviewed N of M" in English (the browser tests read it). */
  progress: (reviewed: string, total: string) => string;
  /** Follows the progress in a comparison's queue. */
  disagreementsLeft: (left: string, n: number) => string;
  filter: string;
  /** The chooser of the field under review, in a batch or comparison with fields. */
  field: string;
  filters: Record<ReviewFilter, string>;
  standing: Record<ReviewStanding, string>;
  suggestion: string;
  source: Record<SuggestionSource, string>;
  share: (models: string, of: string) => string;
  noSuggestion: string;
  answers: string;
  noAnswer: string;
  pick: (n: string, answer: string) => string;
  labelBox: string;
  labelPlaceholder: string;
  confirmTyped: string;
  accept: string;
  reject: string;
  skip: string;
  previous: string;
  next: string;
  undo: string;
  keys: string;
  acceptAgreed: (count: string) => string;
  decided: { accept: (label: string) => string; fix: (label: string) => string; reject: string };
  queued: string;
  empty: string;
  position: (position: string, total: string) => string;
  keyHelp: {
    title: string;
    enter: string;
    typed: string;
    digits: string;
    reject: string;
    skip: string;
    move: string;
    undo: string;
    help: string;
  };
  groundTruth: { label: string; labels: string; confirmed: string };
  /** Which rows an export holds: all of them, or only those a person decided on (optionally on one field). */
  exportRows: { label: string; all: string; reviewed: string; reviewedField: (field: string) => string };
}
