import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCard, type CardData, type CardJson, type CardName } from '../../cards/render';
import samplesJson from '../fixtures/cardSamples.json';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser';

/**
 * Every card template, bound with data captured from the integration tests' real conversations
 * (test/fixtures/cardSamples.json) and with its lists emptied, rendered by the official Adaptive Cards
 * renderer in Chromium at the width Teams gives a card in chat.
 */
const TEAMS_CARD_WIDTH = 432;
const SHOTS = join(__dirname, '..', '..', 'test-results', 'cards');
const samples = samplesJson as unknown as { [K in CardName]: CardData[K] };

/** The same data with every list empty: no apologies, no items, no actions. */
function emptied<T>(value: T): T {
  if (Array.isArray(value)) return [] as T;
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, emptied(v)])) as T;
  return value;
}

const NEEDS_CHOICES: CardName[] = ['actionNew', 'declare', 'register'];

const inputsWithoutLabels = (card: CardJson): string[] => {
  const found: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const o = node as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Input.') && !(typeof o.label === 'string' && o.label.trim()))
        found.push(`${o.type} "${String(o.id)}"`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return found;
};

interface Rendered {
  warnings: string[];
  overflow: number;
  text: string;
  height: number;
}

let browser: Browser;
let page: Page;
beforeAll(async () => {
  if (!existsSync(CHROMIUM))
    throw new Error(
      `Browser tests need Debian's Chromium at ${CHROMIUM}: sudo apt-get install chromium (.ci/run does this).`,
    );
  mkdirSync(SHOTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  page = await browser.newPage({ viewport: { width: 600, height: 800 } });
  await page.setContent(
    `<!doctype html><html><head><style>body{margin:0;font-family:"Segoe UI",sans-serif}#host{width:${TEAMS_CARD_WIDTH}px;padding:0}</style></head><body><div id="host"></div></body></html>`,
  );
  await page.addStyleTag({ path: require.resolve('adaptivecards/dist/adaptivecards.css') });
  await page.addScriptTag({ path: require.resolve('adaptivecards/dist/adaptivecards.js') });
}, 60_000);
afterAll(async () => browser?.close());

/**
 * Parses and renders a card with the page's AdaptiveCards and measures it. A string, because it runs
 * in the browser and the project compiles without the DOM's types.
 */
const RENDER_IN_PAGE = `(json) => {
  const ac = window.AdaptiveCards;
  const context = new ac.SerializationContext();
  const card = new ac.AdaptiveCard();
  card.parse(json, context);
  const warnings = Array.from({ length: context.eventCount }, (_, i) => context.getEventAt(i).message);
  const host = document.getElementById('host');
  host.innerHTML = '';
  const element = card.render();
  if (element) host.appendChild(element);
  const right = host.getBoundingClientRect().right;
  const overflow = Math.max(0, ...Array.from(host.querySelectorAll('*')).map((e) => e.getBoundingClientRect().right - right));
  return { warnings, overflow, text: host.innerText, height: host.getBoundingClientRect().height };
}`;

async function renderInChromium(card: CardJson): Promise<Rendered> {
  return (await page.evaluate(`(${RENDER_IN_PAGE})(${JSON.stringify(card)})`)) as Rendered;
}

describe('every card as the Adaptive Cards renderer draws it', () => {
  const names = Object.keys(samples) as CardName[];

  it('has a sample for every template', () => {
    expect(names.length).toBe(22);
  });

  for (const name of names)
    for (const [set, data] of [
      ['sample', samples[name]],
      ['empty', emptied(samples[name])],
    ] as const)
      it(`${name} (${set}): parses cleanly, nothing unbound, every input labelled, fits Teams' width`, async () => {
        // With no choices at all a choice set is not a valid card: those features answer in words
        // instead of sending it (no agenda items, no officers), and renderCard refuses it here.
        if (set === 'empty' && NEEDS_CHOICES.includes(name)) {
          expect(() => renderCard(name, data as never)).toThrow('must have at least one choice');
          return;
        }
        const card = renderCard(name, data as never);
        expect(inputsWithoutLabels(card)).toEqual([]);
        const rendered = await renderInChromium(card);
        expect(rendered.warnings).toEqual([]);
        expect(rendered.text).not.toContain('${');
        expect(rendered.text.trim().length).toBeGreaterThan(0);
        expect(rendered.overflow).toBeLessThanOrEqual(1);
        await page.locator('#host').screenshot({ path: join(SHOTS, `${name}-${set}.png`) });
      });
});

describe('the renderer check itself', () => {
  it('catches a card that overflows, an unknown element and an unlabelled input', async () => {
    const bad: CardJson = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [
        {
          type: 'ColumnSet',
          columns: [{ type: 'Column', width: '900px', items: [{ type: 'TextBlock', text: 'wide' }] }],
        },
        { type: 'Carousel' },
        { type: 'Input.Text', id: 'x' },
      ],
    } as unknown as CardJson;
    const rendered = await renderInChromium(bad);
    expect(rendered.warnings.length).toBeGreaterThan(0);
    expect(rendered.overflow).toBeGreaterThan(1);
    expect(inputsWithoutLabels(bad)).toEqual(['Input.Text "x"']);
    expect(readFileSync(require.resolve('adaptivecards/dist/adaptivecards.js'), 'utf8').length).toBeGreaterThan(1000);
  });
});
