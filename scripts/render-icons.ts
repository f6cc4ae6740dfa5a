/**
 * Renders the PWA icons (PNG) from the SVG sources in public/icons with Debian's Chromium.
 * Run after editing an SVG: npx tsx scripts/render-icons.ts
 */
import { readFile } from 'node:fs/promises';
import { launchFreshContext } from '../tests/helpers/chromium.ts';

const ICONS = [
  { svg: 'icon.svg', png: 'icon-192.png', size: 192 },
  { svg: 'icon.svg', png: 'icon-512.png', size: 512 },
  { svg: 'icon.svg', png: 'apple-touch-icon.png', size: 180 },
  { svg: 'icon-maskable.svg', png: 'icon-maskable-512.png', size: 512 },
];

const { context, close } = await launchFreshContext();
try {
  const page = await context.newPage();
  for (const icon of ICONS) {
    const svg = await readFile(new URL(`../public/icons/${icon.svg}`, import.meta.url), 'utf8');
    await page.setViewportSize({ width: icon.size, height: icon.size });
    await page.setContent(
      `<html><body style="margin:0"><img style="display:block;width:${icon.size}px;height:${icon.size}px" src="data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}"></body></html>`,
    );
    await page.screenshot({
      path: new URL(`../public/icons/${icon.png}`, import.meta.url).pathname,
      omitBackground: true,
      scale: 'css',
    });
    console.log(`public/icons/${icon.png} ${icon.size}×${icon.size}`);
  }
} finally {
  await close();
}
