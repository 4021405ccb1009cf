import { LanguageSwitch } from '../components/language-switch';
import { useI18n } from '../i18n';
import { routeHref, type Route } from '../lib/router';

export function AppHeader({ route }: { route: Route }) {
  const { t } = useI18n();
  const links: Array<{ route: Route; label: string; current: boolean }> = [
    { route: { name: 'new' }, label: t.app.newBatch, current: route.name === 'new' },
    { route: { name: 'history', tab: 'batches' }, label: t.app.history, current: route.name === 'history' },
  ];
  return (
    <header className="app-header">
      <a className="brand" href={routeHref({ name: 'new' })}>
        <svg className="brand__mark" viewBox="0 0 32 32" aria-hidden="true">
          <rect width="32" height="32" rx="9" />
          <path d="M6 16s3.8-7 10-7 10 7 10 7-3.8 7-10 7S6 16 6 16Z" />
          <circle cx="16" cy="16" r="3.2" />
        </svg>
        <span className="brand__text">
          <span className="brand__name">{t.app.name}</span>
          <span className="brand__tagline">{t.app.tagline}</span>
        </span>
      </a>
      <nav className="app-nav" aria-label={t.app.nav}>
        {links.map((link) => (
          <a key={link.route.name} className="app-nav__link" href={routeHref(link.route)} aria-current={link.current ? 'page' : undefined}>
            {link.label}
          </a>
        ))}
      </nav>
      <LanguageSwitch />
    </header>
  );
}
