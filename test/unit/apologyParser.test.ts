import { describe, expect, it } from 'vitest';
import { parseApology, type ApologyIntent } from '../../bot/domain/apologyParser';

/** Tuesday 24 November 2026, 9am in London. */
const TODAY = new Date('2026-11-24T09:00:00Z');
const COMMITTEES = [
  { id: 'lscsb', name: 'Leicestershire Safer Communities Strategy Board', shortName: 'LSCSB' },
  { id: 'srp', name: 'Safer Rutland Partnership', shortName: 'SRP' },
];
const FRIDAY = { kind: 'weekday', dates: ['2026-11-27', '2026-12-04'], ambiguous: false } as const;
const NEXT_FRIDAY = { kind: 'weekday', dates: ['2026-12-04', '2026-12-11'], ambiguous: true } as const;
const NEXT = { kind: 'next', said: false } as const;
const NEXT_SAID = { kind: 'next', said: true } as const;
const day = (date: string) => ({ kind: 'day', date }) as const;

type Row = [text: string, expected: Partial<ApologyIntent> | undefined];

const ROWS: Row[] = [
  // The brief's own examples.
  ["Please send my apologies for Friday's board", { action: 'apologise', when: FRIDAY }],
  [
    "can't make the LSCSB on the 29th, Insp. Southall will attend in my place",
    { action: 'apologise', when: day('2026-11-29'), committeeId: 'lscsb', substitute: 'Insp. Southall' },
  ],
  ['apols for next week', { action: 'apologise', when: { kind: 'range', from: '2026-11-30', to: '2026-12-06' } }],
  [
    'please send my apologies for Friday, Insp. Southall will attend for me',
    { when: FRIDAY, substitute: 'Insp. Southall' },
  ],
  // Dates in the many ways people write them.
  ['Apologies for tomorrow', { when: day('2026-11-25') }],
  ['Apologies for 4th December', { when: day('2026-12-04') }],
  ['apologies for 4/12', { when: day('2026-12-04') }],
  ['Apologies for 04/12/2026 please', { when: day('2026-12-04') }],
  ['Sorry I cannot attend on Friday 4 December', { when: day('2026-12-04') }],
  ['Apologies for the meeting next Friday', { when: NEXT_FRIDAY }],
  ['My apologies for the December meeting', { when: { kind: 'range', from: '2026-12-01', to: '2026-12-31' } }],
  ['Apologies for the next meeting', { when: NEXT_SAID }],
  ['Please record my apologies for the next LSCSB', { when: NEXT_SAID, committeeId: 'lscsb' }],
  ["I won't be able to make the Safer Rutland Partnership on Dec 4th", { when: day('2026-12-04'), committeeId: 'srp' }],
  ['Apologies', { when: NEXT }],
  ['apols.', { when: NEXT }],
  [
    'I will be on leave on the 4th so please send my apologies',
    { when: day('2026-12-04'), reason: 'on leave on the 4th so please send my apologies' },
  ],
  ["I'm afraid I can't attend this week", { when: { kind: 'range', from: '2026-11-24', to: '2026-11-29' } }],
  [
    'Unable to attend the board on Friday due to a clash with Full Council',
    { when: FRIDAY, reason: 'due to a clash with Full Council' },
  ],
  ['Sorry, won’t be there on Friday as I’m at a conference', { when: FRIDAY, reason: 'as I’m at a conference' }],
  ['I have to miss Friday’s meeting, sorry', { when: FRIDAY }],
  [
    "I'll have to miss the next meeting because of jury service",
    { when: NEXT_SAID, reason: 'because of jury service' },
  ],
  ['Can you send my regrets for the 4th December board?', { when: day('2026-12-04') }],
  ['Not attending on Friday', { when: FRIDAY }],
  // Substitutes, named every which way.
  ['Apologies for Friday. My substitute will be Carol Parker.', { when: FRIDAY, substitute: 'Carol Parker' }],
  ['Apologies for Friday, sending Carol Parker in my place', { substitute: 'Carol Parker' }],
  ['Apologies for the 4th - DS Chris Perry is attending on my behalf', { when: day('2026-12-04') }],
  ['Apologies for Friday; Inspector Duncan Southall will deputise', { substitute: 'Inspector Duncan Southall' }],
  ["can't make it on Friday, Matt Cane will come instead", { substitute: 'Matt Cane' }],
  ['Apologies for Friday, Jo Hewitt to attend for me', { substitute: 'Jo Hewitt' }],
  ['Apologies for Friday, Jo Hewitt is my substitute', { substitute: 'Jo Hewitt' }],
  ['apologies for friday, insp southall will attend for me', { substitute: 'insp southall' }],
  [
    "Apologies for Friday - I'm unwell. Carol Parker will attend instead",
    { reason: "I'm unwell", substitute: 'Carol Parker' },
  ],
  // A clerk recording apologies received by email.
  ['Record apologies from Cllr. M. Wyatt for Friday', { when: FRIDAY, onBehalfOf: 'Cllr. M. Wyatt' }],
  ['apologies received from Bob Bearne for the 4th December', { when: day('2026-12-04'), onBehalfOf: 'Bob Bearne' }],
  // Withdrawals.
  ['Actually I can make it after all', { action: 'withdraw', when: NEXT }],
  ['Please withdraw my apologies for Friday', { action: 'withdraw', when: FRIDAY }],
  ["Good news, I'll be there on Friday after all", { action: 'withdraw', when: FRIDAY }],
  ['cancel my apologies for the LSCSB', { action: 'withdraw', committeeId: 'lscsb' }],
  // Not apologies at all: nothing may be recorded.
  ['apologies for the late reply', undefined],
  ['Apologies for the delay in sending the papers for Friday’s meeting', undefined],
  ['sorry, wrong chat', undefined],
  ['Apologies, wrong chat!', undefined],
  ['Apologies if this has already been circulated', undefined],
  ['My apologies for the confusion about the venue', undefined],
  ['Thanks, see you on Friday', undefined],
  ['Can someone send me the papers for Friday?', undefined],
  ['help', undefined],
  ['I can attend the training but not the social', undefined],
  ['', undefined],
];

describe('apology parser: real-world phrasings', () => {
  it('has at least 40 rows, negatives included', () => {
    expect(ROWS.length).toBeGreaterThanOrEqual(40);
    expect(ROWS.filter(([, e]) => e === undefined).length).toBeGreaterThanOrEqual(8);
  });

  it.each(ROWS)('%s', (text, expected) => {
    const intent = parseApology(text, TODAY, COMMITTEES);
    if (expected === undefined) expect(intent).toBeUndefined();
    else expect(intent).toMatchObject({ action: 'apologise', ...expected });
  });

  it('gives the same answer every time for the same words', () => {
    const a = parseApology(
      "can't make the LSCSB on the 29th, Insp. Southall will attend in my place",
      TODAY,
      COMMITTEES,
    );
    const b = parseApology(
      "can't make the LSCSB on the 29th, Insp. Southall will attend in my place",
      TODAY,
      COMMITTEES,
    );
    expect(a).toEqual(b);
  });

  it('keeps no reason or substitute it was not given', () => {
    expect(parseApology('Apologies for Friday', TODAY, COMMITTEES)).toEqual({ action: 'apologise', when: FRIDAY });
  });

  it('reads a long email from its top, where the apology is', () => {
    expect(
      parseApology(`apologies for Friday. ${'More about my week. '.repeat(150)}`, TODAY, COMMITTEES),
    ).toMatchObject({ action: 'apologise', when: FRIDAY });
    // What lies beyond the top is not read: an apology there is not found.
    expect(
      parseApology(`${'Notes on the report. '.repeat(120)} apologies for Friday`, TODAY, COMMITTEES),
    ).toBeUndefined();
  });
});
