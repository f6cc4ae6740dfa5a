import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import type { SearchEntry } from '../../client/db/database.ts';
import { validityOn, type BulletinListItem } from '../../domain/bulletin-listing.ts';
import { formatDate } from '../../domain/dates.ts';
import { MATCH_RANK, matchRanges, matchRank, type Excerpt, type SearchQuery } from '../../domain/search.ts';
import { useT } from '../i18n/i18n.ts';
import { MarkedText } from './marked-text.tsx';
import { useMatchExcerpts } from './match-excerpts.ts';
import { rowOffsets, rowWindow, type RowWindow } from './virtual-rows.ts';

/** The red "KHẨN" badge: text on colour, so it reads without colour vision too. */
export function UrgentBadge() {
  const t = useT('bulletins');
  return <span class="badge-urgent">{t('urgent')}</span>;
}

/** When the bulletin is in force, relative to `today`, in words. */
function ValidityNote({ bulletin, today }: { bulletin: BulletinListItem; today: string }) {
  const t = useT('bulletins');
  const state = validityOn(bulletin, today);
  if (state === 'upcoming') return <>{t('validity.upcoming', { date: formatDate(bulletin.validFrom) })}</>;
  if (bulletin.validUntil === null) return <>{t('validity.open')}</>;
  const key = state === 'expired' ? 'validity.expired' : 'validity.until';
  return <>{t(key, { date: formatDate(bulletin.validUntil) })}</>;
}

/** Marks the query in a title or topic name that matched it; the text as it is otherwise. */
function Matched({ text, query, matched }: { text: string; query: SearchQuery | null; matched: boolean }) {
  return query && matched ? <MarkedText text={text} marks={matchRanges(text, query)} /> : <>{text}</>;
}

/** The piece of the summary, policy reference or body a search found, its words marked. */
function ExcerptLine({ excerpt }: { excerpt: Excerpt }) {
  return (
    <span class="item-excerpt" lang="vi" data-testid="bulletin-excerpt">
      {excerpt.cutBefore && '… '}
      <MarkedText text={excerpt.text} marks={excerpt.marks} />
      {excerpt.cutAfter && ' …'}
    </span>
  );
}

/** Rows rendered beyond each edge of the screen, so a fling or the Tab key finds rows already there. */
const OVERSCAN_PX = 800;

/** A row's height before any row was measured: a two-line title and one line of facts at 18 px. */
const FIRST_ESTIMATE_PX = 100;

// Row heights measured in the browser, by bulletin id. Kept for the whole session so a list rebuilt on coming
// back from the reader computes the same offsets, and the restored scroll position lands on the same row.
const measured = new Map<string, number>();
let measuredTotal = 0;
let measuredWidth = 0;

function rememberHeight(id: string, height: number): boolean {
  const old = measured.get(id);
  if (old !== undefined && Math.abs(old - height) < 0.5) return false;
  measuredTotal += height - (old ?? 0);
  measured.set(id, height);
  return true;
}

function forgetHeights(width: number): void {
  measured.clear();
  measuredTotal = 0;
  measuredWidth = width;
}

function estimatedHeight(): number {
  return measured.size > 0 ? measuredTotal / measured.size : FIRST_ESTIMATE_PX;
}

const sameRows = (a: RowWindow, b: RowWindow) => a.start === b.start && a.end === b.end;

const NAVIGATION_KEYS: Record<string, (index: number, count: number) => number> = {
  ArrowDown: (i) => i + 1,
  ArrowUp: (i) => i - 1,
  Home: () => 0,
  End: (_, count) => count - 1,
};

/**
 * Bulletins as large tappable rows leading to the reader. Only the rows near the screen are in the page (the
 * page itself scrolls, so the browser's own scrolling and address-bar behaviour stay); each row tells screen
 * readers its position in the whole list, and the arrow, Home and End keys move between rows. With a search
 * `query`, each row shows why it matched: the words marked in its title or topic, or else a marked excerpt.
 */
export function BulletinList({
  bulletins,
  today,
  query,
}: {
  bulletins: SearchEntry[];
  today: string;
  query: SearchQuery | null;
}) {
  const t = useT('bulletins');
  const list = useRef<HTMLUListElement>(null);
  const [band, setBand] = useState(() => ({ top: 0, bottom: window.innerHeight }));
  const [heightsChanged, setHeightsChanged] = useState(0);
  const pendingFocus = useRef<number | null>(null);

  const offsets = useMemo(
    () => rowOffsets(bulletins.length, (i) => measured.get(bulletins[i]?.id ?? '') ?? estimatedHeight()),
    [bulletins, heightsChanged],
  );
  const rows = rowWindow(offsets, band.top, band.bottom, OVERSCAN_PX);
  const shown = bulletins.slice(rows.start, rows.end).map((entry) => ({
    entry,
    rank: query ? matchRank(entry.search, query) : MATCH_RANK.none,
  }));
  const excerpts = useMatchExcerpts(
    shown
      .filter(({ rank }) => rank === MATCH_RANK.summaryOrRef || rank === MATCH_RANK.body)
      .map((s) => s.entry.id),
    query,
  );
  const latest = useRef({ offsets, rows });
  latest.current = { offsets, rows };

  // Re-renders only when the rows to show change: the band is where the screen is, relative to the list.
  const follow = useRef(() => {
    const element = list.current;
    if (!element) return;
    const top = -element.getBoundingClientRect().top;
    const next = { top, bottom: top + window.innerHeight };
    const { offsets: now, rows: shown } = latest.current;
    if (!sameRows(rowWindow(now, next.top, next.bottom, OVERSCAN_PX), shown)) setBand(next);
  });

  useEffect(() => {
    let frame = 0;
    const schedule = () => {
      frame ||= requestAnimationFrame(() => {
        frame = 0;
        follow.current();
      });
    };
    window.addEventListener('scroll', schedule, { passive: true });
    window.addEventListener('resize', schedule);
    // Content above the list (an opened filter panel, a notice) moves it without any scrolling.
    const moved = new ResizeObserver(schedule);
    moved.observe(document.body);
    return () => {
      cancelAnimationFrame(frame);
      moved.disconnect();
      window.removeEventListener('scroll', schedule);
      window.removeEventListener('resize', schedule);
    };
  }, []);

  useLayoutEffect(() => {
    const element = list.current;
    if (!element) return;
    if (element.clientWidth !== measuredWidth) forgetHeights(element.clientWidth);
    let changed = false;
    for (const row of Array.from(element.children) as HTMLElement[]) {
      const id = row.dataset.id;
      if (id && rememberHeight(id, row.getBoundingClientRect().height)) changed = true;
    }
    if (changed) setHeightsChanged((n) => n + 1);
    else follow.current();
    const focusIndex = pendingFocus.current;
    if (focusIndex !== null && focusIndex >= rows.start && focusIndex < rows.end) {
      pendingFocus.current = null;
      element.querySelector<HTMLElement>(`[data-index="${focusIndex}"] a`)?.focus();
    }
  });

  const onKeyDown = (event: KeyboardEvent) => {
    const move = NAVIGATION_KEYS[event.key];
    const row = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-index]') : null;
    if (!move || !row || !list.current) return;
    event.preventDefault();
    const index = Math.max(
      0,
      Math.min(bulletins.length - 1, move(Number(row.dataset.index), bulletins.length)),
    );
    const link = list.current.querySelector<HTMLElement>(`[data-index="${index}"] a`);
    if (link) {
      link.focus();
      return;
    }
    // Not in the page yet: scroll it into the window first, focus it once rendered.
    pendingFocus.current = index;
    const listTop = list.current.getBoundingClientRect().top + window.scrollY;
    window.scrollTo(0, listTop + (offsets[index] ?? 0) - window.innerHeight / 3);
  };

  return (
    <ul
      ref={list}
      class="items"
      role="list"
      data-testid="bulletin-list"
      style={{ paddingTop: `${rows.before}px`, paddingBottom: `${rows.after}px` }}
      onKeyDown={onKeyDown}
    >
      {shown.map(({ entry: b, rank }, i) => {
        const excerpt = excerpts.get(b.id);
        return (
          <li
            key={b.id}
            data-testid="bulletin-item"
            data-id={b.id}
            data-index={rows.start + i}
            aria-setsize={bulletins.length}
            aria-posinset={rows.start + i + 1}
          >
            <a href={`/bulletins/${b.id}`} class={b.urgency === 'urgent' ? 'item item-urgent' : 'item'}>
              <span class="item-title" lang="vi">
                {b.urgency === 'urgent' && <UrgentBadge />}
                <span>
                  <Matched text={b.title} query={query} matched={rank >= MATCH_RANK.titleWords} />
                </span>
              </span>
              <span class="item-meta">
                <Matched text={t(`topics.${b.topic}`)} query={query} matched={rank === MATCH_RANK.topic} /> ·{' '}
                <ValidityNote bulletin={b} today={today} />
              </span>
              {excerpt && <ExcerptLine excerpt={excerpt} />}
            </a>
          </li>
        );
      })}
    </ul>
  );
}
