/**
 * The report in a real browser: Debian's chromium, driven by playwright-core, opens report.html of a sample
 * workshop run and a sample news run over file://, with the network unused, and checks every chart and
 * table is there and visible. Saves a screenshot to test/.tmp/report.png for a person to look at.
 */

import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPipeline } from '../../src/pipeline/config.js';
import { runPipeline } from '../../src/pipeline/run.js';
import { ROOT, scratch } from '../store/helpers.js';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const available = existsSync(CHROMIUM);
if (!available && process.env.CI) throw new Error(`${CHROMIUM} is missing but CI is set: the browser test must run in CI (apt-get install -y chromium)`);
if (!available) console.warn(`skipping the browser test: ${CHROMIUM} is not installed (apt-get install -y chromium)`);

describe.skipIf(!available)('report.html in chromium', () => {
  let context: BrowserContext;
  let profile: string;
  const requests: string[] = [];

  beforeAll(async () => {
    profile = mkdtempSync(join(tmpdir(), 'rehumanize-chromium-'));
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: ARGS, viewport: { width: 1100, height: 900 } });
    context.on('request', (r) => {
      if (!r.url().startsWith('file://')) requests.push(r.url());
    });
  });

  afterAll(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  async function open(pipeline: string): Promise<import('playwright-core').Page> {
    const out = scratch('report-');
    await runPipeline(loadPipeline(join(ROOT, 'pipelines', pipeline)), { outDir: out });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(pathToFileURL(join(out, 'report.html')).href);
    await page.waitForLoadState('load');
    expect(errors).toEqual([]);
    return page;
  }

  async function expectAllVisible(page: import('playwright-core').Page, selector: string): Promise<number> {
    const items = page.locator(selector);
    const n = await items.count();
    for (let i = 0; i < n; i++) {
      const item = items.nth(i);
      await item.scrollIntoViewIfNeeded();
      expect(await item.isVisible(), `${selector} #${i}`).toBe(true);
      const box = await item.boundingBox();
      expect(box && box.width > 50 && box.height > 20, `${selector} #${i} has a size`).toBe(true);
    }
    return n;
  }

  it('news run: a chart per indicator, a KWIC table per change point, the manifest; screenshot saved', async () => {
    const page = await open('media-monitor.yaml');
    const indicatorSections = await page.locator('section.indicator').count();
    expect(indicatorSections).toBeGreaterThanOrEqual(7);
    expect(await expectAllVisible(page, 'section.indicator figure.chart svg')).toBe(indicatorSections);
    const changes = await page.locator('section.change').count();
    expect(changes).toBeGreaterThan(0);
    expect(await expectAllVisible(page, 'table.kwic')).toBeGreaterThan(0);
    expect(await page.locator('table.kwic mark').count()).toBeGreaterThan(0);
    expect(await expectAllVisible(page, '#manifest table')).toBeGreaterThanOrEqual(4);
    // Legends name the outlets: the charts are readable without the CSV.
    expect(await page.locator('section.indicator svg').first().textContent()).toContain('Veloria Daily Herald');
    await page.evaluate(() => window.scrollTo(0, 0));
    mkdirSync(join(ROOT, 'test', '.tmp'), { recursive: true });
    await page.screenshot({ path: join(ROOT, 'test', '.tmp', 'report.png'), fullPage: true });
    expect(existsSync(join(ROOT, 'test', '.tmp', 'report.png'))).toBe(true);
    expect(requests).toEqual([]);
  });

  it('workshop run: pre/post charts per compared indicator, each visible', async () => {
    const page = await open('workshop-evaluation.yaml');
    const comparisons = await page.locator('section.comparison').count();
    expect(comparisons).toBeGreaterThanOrEqual(5);
    expect(await expectAllVisible(page, 'section.comparison figure.chart svg')).toBe(comparisons);
    expect(await expectAllVisible(page, 'section.indicator figure.chart svg')).toBeGreaterThanOrEqual(7);
    expect(await page.locator('section.comparison svg').first().textContent()).toContain('overall');
    await page.screenshot({ path: join(ROOT, 'test', '.tmp', 'report-workshop.png'), fullPage: true });
    expect(requests).toEqual([]);
  });
});
