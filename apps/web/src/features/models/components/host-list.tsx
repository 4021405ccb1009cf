import { serverKindName } from '@vision/core/server-kinds';
import { useI18n } from '../../../i18n';
import { useHosts } from '../api/use-hosts';

/** One line per inference server: its address, what it is, how many requests it takes, whether it answers. */
export function HostList() {
  const { t } = useI18n();
  const hosts = useHosts();
  if (!hosts.data || hosts.data.length === 0) return null;
  return (
    <div className="hosts" role="group" aria-label={t.models.hostsTitle}>
      <h3 className="model-group__title">{t.models.hostsTitle}</h3>
      <ul className="hosts__list">
        {hosts.data.map((host) => {
          const state = !host.reachable ? 'down' : host.inRotation ? 'up' : 'rejoining';
          return (
            <li key={host.baseUrl} className={`hosts__host hosts__host--${state}`} title={host.error ?? undefined}>
              <span className="hosts__dot" aria-hidden="true" />
              <code>{host.baseUrl}</code>
              <span className="muted">
                {' '}
                {host.kind ? serverKindName(host.kind) : t.models.hostUnknownKind} · {t.models.hostSlots(host.slots)} ·{' '}
              </span>
              <strong>{state === 'up' ? t.models.hostAnswers : state === 'down' ? t.models.hostDown : t.models.hostRejoining}</strong>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
