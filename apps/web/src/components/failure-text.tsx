import { useI18n } from '../i18n';
import { failureMessage, failureOf } from '../lib/failure';

/**
 * Why a request failed: the message for its code in the user's language, then the server's own words (and LM
 * Studio's) on a details line, for whoever reports the problem.
 */
export function FailureText({ error }: { error: unknown }) {
  const { t } = useI18n();
  const failure = failureOf(error, t);
  const message = failureMessage(failure, t);
  return (
    <>
      <p data-testid="failure-message" data-error-code={failure.code}>
        {message}
      </p>
      {failure.detail && addsToMessage(failure.detail, message) && <Details text={failure.detail} />}
    </>
  );
}

/** The server's English text under a translated message; `inline` inside phrasing content (a table cell's span). */
export function Details({ text, inline = false }: { text: string; inline?: boolean }) {
  const { t } = useI18n();
  const Tag = inline ? 'span' : 'p';
  return (
    <Tag className="failure__details" data-testid="failure-details">
      <span className="failure__details-label">{t.errors.details}:</span> <span lang="en">{text}</span>
    </Tag>
  );
}

/** Whether the server's words say more than the message already does (in English they often say the same). */
export function addsToMessage(detail: string, message: string): boolean {
  const bare = (text: string) =>
    text
      .toLowerCase()
      .replace(/[.!?\s]+$/, '')
      .trim();
  return !bare(message).includes(bare(detail));
}
