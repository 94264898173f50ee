import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_VERBS } from '../../bot/features/actions';
import { AGENDA_CARD_VERBS, AGENDA_VERBS } from '../../bot/features/agendaAdmin';
import { APOLOGY_VERBS } from '../../bot/features/apologies';
import { CALENDAR_VERBS } from '../../bot/features/calendarCards';
import { DECLARATION_VERBS } from '../../bot/features/declarations';
import { MINUTES_VERBS } from '../../bot/features/minutesCards';
import { RECONCILE_VERBS } from '../../bot/features/reconcile';
import { ROLL_CALL_VERBS } from '../../bot/features/rollCall';

const CARDS = join(__dirname, '..', '..', 'cards');
const BOT = join(__dirname, '..', '..', 'bot');
const TABLES = [
  ACTION_VERBS,
  AGENDA_VERBS,
  AGENDA_CARD_VERBS,
  APOLOGY_VERBS,
  CALENDAR_VERBS,
  DECLARATION_VERBS,
  MINUTES_VERBS,
  RECONCILE_VERBS,
  ROLL_CALL_VERBS,
];
const handled = TABLES.flatMap((t) => Object.keys(t));

/** Verbs written into the card templates, and those a template takes from its data (`"verb": "${…}"`). */
const templates = readdirSync(CARDS)
  .filter((f) => f.endsWith('.json'))
  .map((f) => readFileSync(join(CARDS, f), 'utf8'));
const written = [
  ...new Set(templates.flatMap((t) => [...t.matchAll(/"verb":\s*"([a-z]+\.[a-z]+)"/g)].map((m) => m[1]!))),
];
/** Verbs the code hands to a template's `${…}` verb (the agenda card's publish button, a confirmation). */
const source = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? source(join(dir, e.name))
      : e.name.endsWith('.ts')
        ? [readFileSync(join(dir, e.name), 'utf8')]
        : [],
  );
const givenToTemplates = [
  ...new Set(
    source(BOT).flatMap((code) =>
      code
        .split('\n')
        .filter((line) => /\b(?:verb|publishVerb)\s*[:=]/.test(line))
        .flatMap((line) => [...line.matchAll(/'([a-z]+\.[a-z]+)'/g)].map((m) => m[1]!)),
    ),
  ),
];

describe('card verbs', () => {
  it('every verb a card template names has a handler', () => {
    expect(written.length).toBeGreaterThan(20);
    expect(written.filter((v) => !handled.includes(v))).toEqual([]);
  });

  it('every handler belongs to a button some card carries', () => {
    expect(handled.filter((v) => !written.includes(v) && !givenToTemplates.includes(v))).toEqual([]);
  });

  it('no verb is handled twice', () => {
    expect(handled.length).toBe(new Set(handled).size);
  });

  it('reads every submission with its verb’s schema first: one that is not a card of it is refused politely, before any handler runs', async () => {
    const forged = { committeeId: 'lscsb', meetingId: 12, personId: ['x'], note: 'not what any card sends' };
    // No context and no deps: a handler reached by mistake would throw on them.
    const context = undefined as never;
    const deps = undefined as never;
    const answers: [string, unknown][] = [];
    for (const table of TABLES)
      for (const [verb, entry] of Object.entries(table)) {
        if (entry.payload.safeParse(forged).success) continue;
        answers.push([verb, await entry.run(context, deps, forged)]);
      }
    expect(answers.length).toBeGreaterThan(30);
    for (const [verb, answer] of answers) {
      expect(typeof answer, verb).toBe('string');
      expect(answer as string, verb).toMatch(/^Sorry, I couldn't read th(at|is)/);
    }
  });
});
