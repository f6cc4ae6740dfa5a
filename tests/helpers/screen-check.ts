import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** Where screenshots go when a person wants to look at the screens (`LOAXA_SCREENSHOTS_DIR=/tmp/shots`). */
const SCREENSHOTS = process.env.LOAXA_SCREENSHOTS_DIR;

const axeSourcePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
let axeSource: Promise<string> | undefined;

/** One axe-core finding, reduced to what a failing test needs to show. */
interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/** Runs axe-core (WCAG 2.x A and AA rules plus best practices) on the page as it is now. */
async function axeFindings(page: Page): Promise<AxeFinding[]> {
  axeSource ??= readFile(axeSourcePath, 'utf8');
  const source = await axeSource;
  // Evaluated through the DevTools protocol, which the app's Content-Security-Policy does not restrict.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(source);
  return page.evaluate(async () => {
    type Axe = {
      run: (
        context: Document,
        options: object,
      ) => Promise<{
        violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[];
      }>;
    };
    const { axe } = window as unknown as { axe: Axe };
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(' ')),
    }));
  });
}

/** How wide the document is against the viewport: a screen must never scroll sideways on a phone. */
function widths(page: Page): Promise<{ document: number; viewport: number; overflowing: string[] }> {
  return page.evaluate(() => {
    const viewport = document.documentElement.clientWidth;
    // The innermost elements, or the parents of text, reaching past the right edge: what a person debugging
    // would look up.
    const pastEdge = (rect: DOMRect) => rect.right > viewport + 0.5;
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const texts: Element[] = [];
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const range = document.createRange();
      range.selectNodeContents(node);
      if (node.parentElement && pastEdge(range.getBoundingClientRect())) texts.push(node.parentElement);
    }
    const boxes = [...document.body.querySelectorAll('*')].filter(
      (el) =>
        pastEdge(el.getBoundingClientRect()) &&
        ![...el.children].some((c) => pastEdge(c.getBoundingClientRect())),
    );
    const overflowing = [...new Set([...texts, ...boxes])].slice(0, 5).map((el) => {
      const id = el.getAttribute('data-testid') ?? el.id;
      const right = Math.round(el.getBoundingClientRect().right);
      return `${el.tagName.toLowerCase()}${id ? `[${id}]` : ''}.${[...el.classList].join('.')} → ${right}px`;
    });
    return { document: document.documentElement.scrollWidth, viewport, overflowing };
  });
}

/**
 * The checks every screen state in the e2e suite passes: no sideways scrolling and zero axe-core
 * violations. Takes a screenshot named `name` too when LOAXA_SCREENSHOTS_DIR is set.
 */
export async function checkScreen(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  if (SCREENSHOTS) await page.screenshot({ path: `${SCREENSHOTS}/${name}.png`, fullPage: options.fullPage });
  const size = await widths(page);
  expect(
    size.document,
    `${name}: the page is wider than the screen (${size.overflowing.join(', ')})`,
  ).toBeLessThanOrEqual(size.viewport);
  expect(await axeFindings(page), `${name}: axe-core violations`).toEqual([]);
}

/**
 * `checkScreen` for a staff screen, without the one-time "ready offline" notice: that is the operator app's
 * news, not part of the screen shown.
 */
export async function checkStaffScreen(
  page: Page,
  name: string,
  options: { fullPage?: boolean } = {},
): Promise<void> {
  const dismiss = page.locator('.notice').getByRole('button', { name: 'Đóng' });
  if (await dismiss.isVisible()) {
    // Closing the notice moves focus, and with it the page, back to the top: return to what was in view.
    const scrolled = await page.evaluate(() => window.scrollY);
    await dismiss.click();
    await page.evaluate((y) => window.scrollTo(0, y), scrolled);
  }
  await checkScreen(page, name, options);
}
