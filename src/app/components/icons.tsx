/** Stroke paths of the navigation icons, drawn on a 24×24 grid. */
const PATHS = {
  today: 'M3 11 12 4l9 7M5 10v10h5v-6h4v6h5V10',
  bulletins: 'M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7',
  logs: 'M9 3h6v3H9zM8 4.5H5V21h14V4.5h-3M8.5 13l2.5 2.5 4.5-5',
  sync: 'M4.5 10A8 8 0 0 1 18 6.5M19.5 14A8 8 0 0 1 6 17.5M18 2.5v4h-4M6 21.5v-4h4',
  more: 'M5 12h.01M12 12h.01M19 12h.01',
} as const;

/** Name of a navigation icon. */
export type IconName = keyof typeof PATHS;

/** A decorative line icon in the current text colour; its meaning is always given by a text label too. */
export function Icon({ name }: { name: IconName }) {
  return (
    <svg
      viewBox="0 0 24 24"
      width="26"
      height="26"
      fill="none"
      stroke="currentColor"
      stroke-width={name === 'more' ? 3.5 : 2}
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
