import { memo } from 'react';
import { FallbackImage } from '../../../components/fallback-image';
import { StatusBadge } from '../../../components/status-badge';
import { useObjectUrl } from '../../../hooks/use-object-url';
import { useI18n } from '../../../i18n';
import { thumbnailUrl } from '../../../lib/api-urls';
import { Details, addsToMessage } from '../../../components/failure-text';
import { withoutFilename } from '../../../lib/error-text';
import { itemFailureMessage } from '../../../lib/failure';
import type { ItemResult } from '@vision/api-contract';
import type { ItemState, ItemStatus } from '../lib/batch-state';
import { FieldValuesList } from './field-values';

interface ResultCardProps {
  batchId: string;
  item: ItemState;
  /** The photo as the user chose it, while this page still has it; else the server's thumbnail. */
  localFile: File | undefined;
  /** The clock, for a running item only (other cards do not re-render every tick). */
  now: number;
}

const TONES: Record<ItemStatus, 'neutral' | 'running' | 'success' | 'error' | 'warning'> = {
  queued: 'neutral',
  running: 'running',
  success: 'success',
  error: 'error',
  cancelled: 'warning',
};

export const ResultCard = memo(function ResultCard({ batchId, item, localFile, now }: ResultCardProps) {
  const { t, format } = useI18n();
  const localUrl = useObjectUrl(localFile);
  const { result, status } = item;
  // The server's thumbnail appears once the image was prepared; asking again when the status changes.
  const serverUrl = status === 'queued' ? undefined : `${thumbnailUrl(batchId, item.index)}?status=${status}`;
  const metrics = result?.success
    ? [
        { label: t.results.time, value: format.seconds(result.processing_time) },
        { label: t.results.speed, value: result.tokens_per_second === null ? '—' : format.tokensPerSecond(result.tokens_per_second) },
        { label: t.results.ttft, value: result.time_to_first_token === null ? '—' : format.seconds(result.time_to_first_token) },
      ]
    : [];

  return (
    <li className={`result result--${status}`} data-testid="result-card" data-status={status} data-index={item.index}>
      <div className="result__media">
        <FallbackImage className="result__image" src={localUrl ?? serverUrl} width={320} height={240} />
        <span className="result__badge">
          <StatusBadge tone={TONES[status]}>{t.batch.itemStatus[status]}</StatusBadge>
        </span>
      </div>
      <div className="result__body">
        {result?.success && result.fields ? (
          <FieldValuesList fields={result.fields} errors={result.field_errors} />
        ) : (
          <p className={`result__entity${result?.success ? '' : ' result__entity--none'}`}>
            {result?.success ? (result.entity ?? t.results.noEntity) : t.results.noEntity}
          </p>
        )}
        <p className="result__filename" title={item.filename}>
          {item.filename}
        </p>
        {status === 'running' && item.startedAt !== null && (
          <p className="result__live">{t.results.runningFor(format.seconds(Math.max(0, (now - item.startedAt) / 1000)))}</p>
        )}
        {status === 'queued' && <p className="result__live result__live--muted">{t.results.waiting}</p>}
        {metrics.length > 0 && (
          <dl className="result__metrics">
            {metrics.map((metric) => (
              <div key={metric.label} className="result__metric">
                <dt>{metric.label}</dt>
                <dd>{metric.value}</dd>
              </div>
            ))}
          </dl>
        )}
        {result && status === 'error' && <ItemError code={result.errorCode} detail={withoutFilename(result.error, item.filename)} />}
        {result?.raw_answer && status !== 'cancelled' && (
          <details className="result__raw">
            {/* What the model named, in its words, beside the label above ("Great Pyrenees dogs" and "great pyrenees dog"). */}
            <summary>{result.model_answer ? t.results.modelNamed(result.model_answer) : t.results.rawAnswer}</summary>
            <pre>{result.raw_answer}</pre>
          </details>
        )}
      </div>
    </li>
  );
});

/** Why the image failed in the user's language; the server's words (the inference server's among them) as details. */
function ItemError({ code, detail }: { code: ItemResult['errorCode']; detail: string | null }) {
  const { t } = useI18n();
  const message = itemFailureMessage(code, t) ?? detail ?? t.batch.itemStatus.error;
  return (
    <div className="result__error" data-testid="item-error" data-error-code={code ?? undefined}>
      <p>{message}</p>
      {detail && addsToMessage(detail, message) && <Details text={detail} />}
    </div>
  );
}
