import type { MapBounds, VehicleStop } from '../../domain/coverage-report.ts';
import { formatDateTime } from '../../domain/dates.ts';
import { VIETNAM_TIME_ZONE } from '../../domain/airing.ts';

/** One bar of a chart: its label, its value and the value written out. */
export interface Bar {
  key: string;
  label: string;
  value: number;
  text: string;
}

const CHART_W = 400;
const CHART_H = 190;
const AXIS_H = 20;
const VALUE_H = 16;

/** Vertical bars as inline SVG, each with its value written above it: the months of the period. */
export function ColumnChart({
  bars,
  label,
  testId,
}: {
  bars: readonly Bar[];
  label: string;
  testId: string;
}) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  const slot = CHART_W / Math.max(1, bars.length);
  const barW = Math.min(36, slot * 0.7);
  const plotH = CHART_H - AXIS_H - VALUE_H;
  return (
    <svg
      class="dash-columns"
      viewBox={`0 0 ${CHART_W} ${CHART_H}`}
      role="img"
      aria-label={label}
      data-testid={testId}
    >
      <line x1="0" x2={CHART_W} y1={CHART_H - AXIS_H} y2={CHART_H - AXIS_H} class="dash-axis" />
      {bars.map((bar, index) => {
        const h = (bar.value / max) * plotH;
        const x = index * slot + (slot - barW) / 2;
        const y = CHART_H - AXIS_H - h;
        return (
          <g key={bar.key}>
            <title>{`${bar.label}: ${bar.text}`}</title>
            <rect x={x} y={y} width={barW} height={h} class="dash-column" />
            <text x={x + barW / 2} y={y - 4} class="dash-column-value">
              {bar.text}
            </text>
            <text x={x + barW / 2} y={CHART_H - 6} class="dash-column-label">
              {bar.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** Horizontal bars, label and value in words beside each, longest first as given. */
export function RowBars({ bars, testId }: { bars: readonly Bar[]; testId?: string }) {
  const max = Math.max(1, ...bars.map((b) => b.value));
  return (
    <ul class="dash-rowbars" data-testid={testId}>
      {bars.map((bar) => (
        <li key={bar.key}>
          <span class="dash-rowbar-label">{bar.label}</span>
          <span class="dash-rowbar-track" aria-hidden="true">
            <span class="dash-rowbar-fill" style={{ width: `${(bar.value / max) * 100}%` }} />
          </span>
          <span class="dash-rowbar-value">{bar.text}</span>
        </li>
      ))}
    </ul>
  );
}

const MAP_W = 640;
const MAP_PAD = 40;
/** Up to this many stops, each carries its place name; more would only cover each other. */
const NAMED_STOPS = 12;
/** Smallest box side drawn, in degrees (about 1 km): a single stop would otherwise divide by zero. */
const MIN_SPAN = 0.01;

/**
 * Stops drawn at their positions inside the box of all stops: no tiles, so it works offline and costs nothing.
 * Longitude is shrunk by the cosine of the latitude so distances look right at Vietnam's latitudes.
 */
export function StopsMap({
  stops,
  bounds,
  label,
  testId,
}: {
  stops: readonly VehicleStop[];
  bounds: MapBounds;
  label: string;
  testId: string;
}) {
  const midLat = (bounds.minLat + bounds.maxLat) / 2;
  const lngScale = Math.cos((midLat * Math.PI) / 180);
  const latSpan = Math.max(MIN_SPAN, bounds.maxLat - bounds.minLat);
  const lngSpan = Math.max(MIN_SPAN, (bounds.maxLng - bounds.minLng) * lngScale);
  const inner = MAP_W - 2 * MAP_PAD;
  const mapH =
    Math.round(Math.min(inner * 0.7, Math.max(inner * 0.4, (inner * latSpan) / lngSpan))) + 2 * MAP_PAD;
  const scale = Math.min(inner / lngSpan, (mapH - 2 * MAP_PAD) / latSpan);
  const midLng = (bounds.minLng + bounds.maxLng) / 2;
  const x = (lng: number) => MAP_W / 2 + (lng - midLng) * lngScale * scale;
  const y = (lat: number) => mapH / 2 - (lat - midLat) * scale;
  return (
    <svg class="dash-map" viewBox={`0 0 ${MAP_W} ${mapH}`} role="img" aria-label={label} data-testid={testId}>
      <rect x="1" y="1" width={MAP_W - 2} height={mapH - 2} class="dash-map-frame" />
      {stops.map((stop) => (
        <g key={stop.logId}>
          <circle cx={x(stop.lng)} cy={y(stop.lat)} r="9" class="dash-map-stop">
            <title>
              {`${stop.placeName ?? `${stop.lat.toFixed(4)}, ${stop.lng.toFixed(4)}`} · ${formatDateTime(stop.startedAt, VIETNAM_TIME_ZONE)}`}
            </title>
          </circle>
          {stops.length <= NAMED_STOPS && stop.placeName && (
            <text
              x={x(stop.lng)}
              y={y(stop.lat) + 28}
              class="dash-map-name"
              text-anchor={
                x(stop.lng) > MAP_W * 0.75 ? 'end' : x(stop.lng) < MAP_W * 0.25 ? 'start' : 'middle'
              }
            >
              {stop.placeName}
            </text>
          )}
        </g>
      ))}
    </svg>
  );
}

/** A figure's share as a bar (aria-hidden) beside its percentage in words: colour never carries it alone. */
export function ShareBar({ share, text }: { share: number | null; text: string }) {
  return (
    <span class="dash-share">
      <span class="dash-share-track" aria-hidden="true">
        <span class="dash-share-fill" style={{ width: `${Math.round((share ?? 0) * 100)}%` }} />
      </span>
      <span class="dash-share-text">{text}</span>
    </span>
  );
}
