import type { Channel } from '../../domain/schemas/broadcast-log.ts';

/** Stroke paths of the channel icons on a 24×24 grid: a horn speaker with its wire, waves, network box… */
const PATHS: Record<Channel, string> = {
  wired_loudspeaker: 'M3 9h3l7-5v14l-7-5H3zM16 8.5a4 4 0 0 1 0 5M4.5 13v7h6',
  wireless_loudspeaker: 'M3 9h3l7-5v14l-7-5H3zM16 8.5a4 4 0 0 1 0 5M18.5 6a7.5 7.5 0 0 1 0 10',
  ip_loudspeaker: 'M3 9h3l7-5v14l-7-5H3zM16 17h5v4h-5zM18.5 17v-2.5M16.5 9a3 3 0 0 1 0 4',
  mobile_vehicle: 'M2 6h11v10H2zM13 9h4.5l3.5 3.5V16h-8M6 19.5a2 2 0 1 0 0-.01M17 19.5a2 2 0 1 0 0-.01',
  portable_speaker: 'M7 3h10v18H7zM12 16.5a2.5 2.5 0 1 0 0-.01M12 7.5h.01',
  other: 'M12 21a9 9 0 1 0 0-18 9 9 0 0 0 0 18zM8 12h.01M12 12h.01M16 12h.01',
};

/** A small decorative icon of a broadcast channel; the channel's name is always written beside it. */
export function ChannelIcon({ channel }: { channel: Channel }) {
  return (
    <svg
      class="channel-icon"
      viewBox="0 0 24 24"
      width="20"
      height="20"
      fill="none"
      stroke="currentColor"
      stroke-width="2"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[channel]} />
    </svg>
  );
}
