import { useEffect } from 'preact/hooks';

/** Names the browser tab and history entry after the screen, as screen readers announce it. */
export function useTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · LoaXa`;
  }, [title]);
}
