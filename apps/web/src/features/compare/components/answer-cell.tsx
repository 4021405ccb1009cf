import { isCancelled } from '@vision/core/stats';
import { useI18n } from '../../../i18n';
import { Details, addsToMessage } from '../../../components/failure-text';
import { withoutFilename } from '../../../lib/error-text';
import { itemFailureMessage } from '../../../lib/failure';
import { describeJudgement } from '../lib/describe-judgement';
import type { ComparisonAnswer } from '../lib/comparison-types';

interface AnswerCellProps {
  answer: ComparisonAnswer;
  filename: string;
  /** This model answered this image faster than the others. */
  fastest: boolean;
}

/** One model's answer to one image: the entity, right or wrong against the label and why, and its time. */
export function AnswerCell({ answer, filename, fastest }: AnswerCellProps) {
  const { t, format } = useI18n();
  const { judgement } = answer;
  // A cancelled item is a failure to the server (its code says `cancelled`), but nothing went wrong with it.
  const cancelled = answer.status === 'failed' && isCancelled({ success: false, error: answer.error, errorCode: answer.errorCode });
  const tone = judgement ? (judgement.correct ? 'right' : 'wrong') : cancelled ? 'cancelled' : answer.status;
  const statusText = cancelled
    ? t.batch.itemStatus.cancelled
    : { answered: '', failed: t.comparison.failed, missing: t.comparison.missing, pending: t.comparison.pending }[answer.status];
  // "dog is dog" says nothing; "kitten is a kind of cat" or "cat is not dog" does.
  const why = judgement && judgement.kind !== 'exact' && !cancelled ? describeJudgement(judgement.reason, t) : null;
  const detail = answer.status === 'failed' && !cancelled ? withoutFilename(answer.error, filename) : null;
  const error = answer.status === 'failed' && !cancelled ? (itemFailureMessage(answer.errorCode, t) ?? detail) : null;

  return (
    <td
      className={`answer answer--${tone}`}
      data-testid="answer"
      data-model-id={answer.model}
      data-correct={judgement ? String(judgement.correct) : undefined}
      title={judgement ? describeJudgement(judgement.reason, t) : undefined}
    >
      <span className="answer__main">
        {answer.status === 'answered' ? (
          <span className="answer__entity">{answer.entity ?? fieldsText(answer.fields)}</span>
        ) : (
          <span className="answer__status">{statusText}</span>
        )}
        {judgement && (
          <>
            <span className="answer__mark" aria-hidden="true">
              {judgement.correct ? '✓' : '✗'}
            </span>
            <span className="sr-only">{judgement.correct ? t.comparison.right : t.comparison.wrong}</span>
          </>
        )}
      </span>
      {why && <span className="answer__why">{why}</span>}
      {error && (
        <span className="answer__why answer__why--error" data-testid="answer-error" data-error-code={answer.errorCode ?? undefined}>
          {error}
          {detail && addsToMessage(detail, error) && <Details text={detail} inline />}
        </span>
      )}
      {answer.processing_time !== null && !cancelled && (
        <span className={`answer__time${fastest ? ' answer__time--fastest' : ''}`}>
          {format.seconds(answer.processing_time)}
          {fastest && <span className="sr-only"> ({t.comparison.fastestHere})</span>}
        </span>
      )}
    </td>
  );
}

/** A fields answer in one line, `kind: dog · people: 3`, for a comparison that asked fields rather than the entity. */
function fieldsText(fields: Record<string, unknown> | undefined): string {
  if (!fields) return '';
  return Object.entries(fields)
    .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : value === null ? '—' : String(value)}`)
    .join(' · ');
}
