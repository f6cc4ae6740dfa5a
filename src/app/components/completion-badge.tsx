import { completionOf, type CompletionLog } from '../../domain/completion.ts';
import { useT } from '../i18n/i18n.ts';

/**
 * What a log's completion means for the count, where it is not a plain complete airing: a partial airing
 * (counted in minutes only), or completed passes the operator declared rather than the player measured.
 * `classOf` gives the badge classes of the screen it is shown on.
 */
export function CompletionBadge({
  log,
  classOf,
}: {
  log: CompletionLog;
  classOf: (kind: 'partial' | 'declared') => string;
}) {
  const t = useT('logs');
  const { passes, measured } = completionOf(log);
  if (passes === 0) {
    return (
      <span class={classOf('partial')} data-testid="log-partial">
        {t('history.partial')}
      </span>
    );
  }
  if (measured) return null;
  return (
    <span class={classOf('declared')} data-testid="log-declared">
      {t('history.declared')}
    </span>
  );
}
