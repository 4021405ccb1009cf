import type { ReactNode } from 'react';

interface BannerProps {
  tone: 'info' | 'warning' | 'error';
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}

/** A message across the panel; errors are announced at once, the rest politely. */
export function Banner({ tone, title, children, action }: BannerProps) {
  return (
    <div className={`banner banner--${tone}`} role={tone === 'error' ? 'alert' : 'status'}>
      <div className="banner__body">
        <p className="banner__title">{title}</p>
        {children}
      </div>
      {action && <div className="banner__action">{action}</div>}
    </div>
  );
}
