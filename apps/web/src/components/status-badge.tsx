interface StatusBadgeProps {
  tone: 'neutral' | 'running' | 'success' | 'error' | 'warning';
  children: string;
}

export function StatusBadge({ tone, children }: StatusBadgeProps) {
  return <span className={`badge badge--${tone}`}>{children}</span>;
}
