import type { TextRange } from '../../domain/search.ts';

/** `text` with the `marks` ranges (sorted, not overlapping) in <mark>, which screen readers can announce. */
export function MarkedText({ text, marks }: { text: string; marks: readonly TextRange[] }) {
  if (marks.length === 0) return <>{text}</>;
  const parts = [];
  let at = 0;
  for (const { start, end } of marks) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
