import { useI18n } from '../../../i18n';
import { routeHref, type HistoryTab } from '../../../lib/router';
import { BatchHistory } from './batch-history';
import { ComparisonHistory } from './comparison-history';

/** Past batches and past comparisons, each in its tab (the tab is in the address, so a reload keeps it). */
export function HistoryView({ tab }: { tab: HistoryTab }) {
  const { t } = useI18n();
  const tabs: Array<{ tab: HistoryTab; label: string }> = [
    { tab: 'batches', label: t.history.batchesTab },
    { tab: 'comparisons', label: t.history.comparisonsTab },
  ];
  return (
    <section className="panel" aria-labelledby="history-heading">
      <h2 className="panel__title" id="history-heading">
        {t.history.heading}
      </h2>
      <nav className="history-tabs" aria-label={t.history.heading}>
        {tabs.map((entry) => (
          <a
            key={entry.tab}
            className="history-tabs__tab"
            href={routeHref({ name: 'history', tab: entry.tab })}
            aria-current={entry.tab === tab ? 'page' : undefined}
          >
            {entry.label}
          </a>
        ))}
      </nav>
      {tab === 'batches' ? <BatchHistory /> : <ComparisonHistory />}
    </section>
  );
}
