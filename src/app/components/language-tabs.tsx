import { VIETNAMESE, type LanguageCode } from '../../domain/languages.ts';
import type { LanguageSlot } from '../../domain/schemas/language-slot.ts';
import { useT } from '../i18n/i18n.ts';
import { useLanguageName } from './language-name.ts';
import { SlotStatusBadge } from './slot-status-badge.tsx';

const MOVES: Record<string, (index: number, count: number) => number> = {
  ArrowRight: (i, n) => (i + 1) % n,
  ArrowDown: (i, n) => (i + 1) % n,
  ArrowLeft: (i, n) => (i - 1 + n) % n,
  ArrowUp: (i, n) => (i - 1 + n) % n,
  Home: () => 0,
  End: (_, n) => n - 1,
};

/** The id of a language's tab, which labels the panel it controls. */
export function languageTabId(code: LanguageCode): string {
  return `lang-tab-${code}`;
}

/**
 * One tab per language of a bulletin, each with the status of its slot in words and an icon (the Vietnamese
 * original says so instead). A WAI-ARIA tab list: one tab in the Tab order, arrows, Home and End move between
 * tabs and select them.
 */
export function LanguageTabs({
  languages,
  slots,
  selected,
  panelId,
  onSelect,
}: {
  languages: readonly LanguageCode[];
  slots: Partial<Record<LanguageCode, LanguageSlot>>;
  selected: LanguageCode;
  panelId: string;
  onSelect: (code: LanguageCode) => void;
}) {
  const t = useT('bulletins');
  const nameOf = useLanguageName();
  const onKeyDown = (event: KeyboardEvent) => {
    const move = MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const next = languages[move(languages.indexOf(selected), languages.length)];
    if (!next) return;
    onSelect(next);
    document.getElementById(languageTabId(next))?.focus();
  };
  return (
    <div class="tabs" role="tablist" aria-label={t('reader.languages')} onKeyDown={onKeyDown}>
      {languages.map((code) => {
        const slot = slots[code];
        const original = code === VIETNAMESE;
        return (
          <button
            key={code}
            id={languageTabId(code)}
            type="button"
            role="tab"
            class="tab"
            data-testid={languageTabId(code)}
            data-status={original ? 'original' : (slot?.status ?? 'missing')}
            aria-selected={code === selected}
            aria-controls={panelId}
            tabIndex={code === selected ? 0 : -1}
            onClick={() => onSelect(code)}
          >
            <span class="tab-name">{nameOf(code)}</span>
            {original ? (
              <span class="slot-badge" data-status="original">
                <span class="slot-badge-icon" aria-hidden="true">
                  ◆
                </span>
                {t('reader.original')}
              </span>
            ) : (
              <SlotStatusBadge slot={slot} />
            )}
          </button>
        );
      })}
    </div>
  );
}
