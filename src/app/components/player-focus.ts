import { useEffect } from 'preact/hooks';
import { currentSearch } from '../router.ts';

/**
 * Today's "Phát" opens the reader with ?play=1: once the player is in the panel, its main action (Play, or
 * Record where the device has no voice for the text) is scrolled into view and focused, one tap from air. It
 * does not start by itself: browsers refuse sound a page starts without a tap on that page, and the operator
 * starts when the amplifier is ready.
 */
export function usePlayerFocus(panelId: string): void {
  const wanted = new URLSearchParams(currentSearch.value).get('play') === '1';
  useEffect(() => {
    const panel = wanted ? document.getElementById(panelId) : null;
    if (!panel) return;
    const focusPlay = () => {
      const play = panel.querySelector<HTMLElement>('.player .btn-primary');
      if (!play) return false;
      play.scrollIntoView({ block: 'center' });
      play.focus({ preventScroll: true });
      return true;
    };
    if (focusPlay()) return;
    // The player is a lazy chunk and reads the slot's recording first: wait for its button to appear.
    const watcher = new MutationObserver(() => {
      if (focusPlay()) watcher.disconnect();
    });
    watcher.observe(panel, { childList: true, subtree: true });
    return () => watcher.disconnect();
  }, [wanted, panelId]);
}
