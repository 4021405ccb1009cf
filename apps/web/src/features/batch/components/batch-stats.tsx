import { useI18n } from '../../../i18n';
import type { BatchSummary } from '../lib/summarise';
import { FieldFiguresChart } from './field-figures';

/** The batch's figures: the server's final stats once it is done, the same figures computed live before. */
export function BatchStats({ summary }: { summary: BatchSummary }) {
  const { t, format } = useI18n();
  const { stats } = summary;
  const tiles: Array<{ label: string; value: string; tone?: 'success' | 'error' }> = [
    { label: t.stats.successful, value: format.number(stats.successful), tone: 'success' },
    { label: t.stats.failed, value: format.number(stats.failed), tone: stats.failed > 0 ? 'error' : undefined },
    ...(stats.cancelled > 0 ? [{ label: t.stats.cancelled, value: format.number(stats.cancelled) }] : []),
    { label: t.stats.total, value: format.seconds(stats.total_processing_time) },
    { label: t.stats.average, value: format.seconds(stats.average_processing_time) },
    { label: t.stats.wall, value: format.seconds(stats.wall_time) },
    { label: t.stats.perMinute, value: format.number(stats.images_per_minute, 1) },
  ];
  if (summary.tokensPerSecond !== null) tiles.push({ label: t.stats.speed, value: format.tokensPerSecond(summary.tokensPerSecond) });

  return (
    <section data-testid="stats" className="stats" aria-labelledby="stats-summary">
      <p className="stats__summary" id="stats-summary">
        {t.stats.summary(format.number(stats.successful), format.number(stats.failed))}
      </p>
      <dl className="stats__tiles">
        {tiles.map((tile) => (
          <div key={tile.label} className={`stat${tile.tone ? ` stat--${tile.tone}` : ''}`}>
            <dt className="stat__label">{tile.label}</dt>
            <dd className="stat__value">{tile.value}</dd>
          </div>
        ))}
      </dl>
      {summary.fieldFigures && <FieldFiguresChart figures={summary.fieldFigures} />}
    </section>
  );
}
