import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/browser';
import { visibleText } from '../support/connector';
import { makeReport } from '../support/pdf';
import { DEMO, startTestStack, teamsMessage, TEST_TODAY, type TestStack } from '../support/stack';

/**
 * The clerk's workspace as people use it: the built tab app, served by the local host, in Debian's
 * Chromium, signed in through the local picker (`?as=`), with every change made by clicking and typing.
 */
const SHOTS = join(__dirname, '..', '..', 'test-results', 'workspace');
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let stack: TestStack;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startTestStack();
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => undefined);
  await browser?.close();
  await stack?.close();
});

/** A page signed in as `aadObjectId`, its clock at the tests' today, opened at `hash`. */
async function pageAs(aadObjectId: string, hash = ''): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  contexts.push(context);
  await context.clock.setFixedTime(TEST_TODAY);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(`${stack.url}/?as=${aadObjectId}${hash ? `#${hash}` : ''}`);
  await page.getByRole('button', { name: 'Quorum' }).waitFor();
  expect(errors).toEqual([]);
  return page;
}

/** No serious or critical accessibility violations on the page as it stands. */
async function accessible(page: Page, screen: string): Promise<void> {
  await page.addScriptTag({ content: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: { run(o: unknown): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    // Fluent's focus manager (Tabster) keeps hidden sentinels that pass focus on at once; axe's rule
    // cannot know that (a known false positive), so they alone are left out.
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}, ${v.nodes.length})`);
  });
  expect(violations, `axe on ${screen}`).toEqual([]);
}

/** What the person sees on their screen (the README's screenshots come from these). */
const shot = (page: Page, name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });

async function chat(from: { aadObjectId: string; name: string }, text: string): Promise<string> {
  const activity = teamsMessage(stack, from, text);
  const res = await stack.send(activity);
  expect(res.status).toBe(200);
  return stack.connector.repliesTo(activity.id).map(visibleText).join('\n');
}

describe('the sign-in picker (local only)', { timeout: 60_000 }, () => {
  it('lists the demo people, clerk first, and opens Quorum as the one chosen', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    contexts.push(context);
    const page = await context.newPage();
    await page.goto(`${stack.url}/`);
    const first = page.getByRole('button', { name: /^Sign in as / }).first();
    await expect.poll(() => first.textContent()).toBe('Sign in as Euan Walters');
    await accessible(page, 'sign-in');
    await page.getByRole('button', { name: 'Sign in as Cllr. M. Wyatt' }).click();
    await page.getByRole('heading', { name: 'Your next meetings' }).waitFor();
    await expect.poll(() => page.getByText('Cllr. M. Wyatt', { exact: true }).count()).toBeGreaterThan(0);
  });
});

describe('a clerk sets up a committee from empty', { timeout: 120_000 }, () => {
  it('refuses bad input beside its field and saves nothing, then creates it with seats, a substitute rule and a quorum', async () => {
    const page = await pageAs(DEMO.clerk.aadObjectId, '/new');
    await page.getByRole('heading', { name: 'A new committee' }).waitFor();
    await accessible(page, 'new committee');

    // A quorum of 0 and no name: refused beside the fields, nothing sent.
    await page.getByLabel('Id (used in addresses)').fill('csp-north');
    await page.getByLabel('Quorum: at least this many voting members').fill('0');
    await page.getByRole('button', { name: 'Create the committee' }).click();
    await page.getByText(/things need putting right/).waitFor();
    await page.getByText('Number must be greater than or equal to 1').waitFor();
    expect((await stack.api('GET', '/api/committees/csp-north')).status).toBe(404);

    await page.getByLabel('Name of the committee').fill('North Community Safety Partnership');
    await page.getByRole('group', { name: 'Person 1' }).getByLabel('Organisation').fill('North District Council');
    await page.getByLabel('Short name').fill('NCSP');
    await page.getByLabel('Quorum: at least this many voting members').fill('2');
    await page.getByLabel('…from at least this many agencies').fill('2');
    // Without Microsoft Graph (as on this machine) the directory search says so, and people are typed in.
    await page.getByLabel('Find someone in your organisation').fill('Khan');
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByText(/The directory is not connected here/).waitFor();
    const people = [
      ['Cllr. A. Khan', 'North District Council'],
      ['Insp. R. Hale', 'Leicestershire Police'],
      ['Dr S. Owusu', 'Integrated Care Board'],
    ];
    for (const [name, org] of people) {
      await page.getByRole('button', { name: 'Add a person' }).click();
      const person = page.getByRole('group', { name: /^Person \d+$/ }).last();
      await person.getByLabel('Name as printed').fill(name as string);
      await person.getByLabel('Organisation').fill(org as string);
    }
    for (const [i, [name, org]] of people.entries()) {
      await page.getByRole('button', { name: 'Add a seat' }).click();
      const seat = page.getByRole('group', { name: `Seat ${i + 1}` });
      await seat.getByLabel('Represents (printed beside the name)').fill(org as string);
      await seat.getByLabel('Agency (for the quorum)').fill(org as string);
      await seat.getByLabel('Held by').selectOption({ label: name as string });
    }
    const police = page.getByRole('group', { name: 'Seat 2' });
    await police.getByLabel('Who may substitute').selectOption('appropriate-officer');
    await police.getByLabel("The terms of reference's words").fill('Any other appropriate officer of the force.');
    await page.getByLabel('Chairman', { exact: true }).selectOption({ label: 'Cllr. A. Khan' });
    await page
      .getByRole('group', { name: 'Officers (they attend and own actions)' })
      .getByRole('checkbox', { name: 'Dr S. Owusu' })
      .check();
    await page.getByLabel('Dr S. Owusu: role, as the minutes print it').fill('Consultant in Public Health');
    await shot(page, 'committee-new');
    await page.getByRole('button', { name: 'Create the committee' }).click();
    await page.getByRole('tab', { name: 'Agenda' }).waitFor();

    const saved = (await stack.api('GET', '/api/committees/csp-north')).json as {
      seats: { holder: string; substitutes: { kind: string } }[];
      quorum: unknown;
      clerks: string[];
      officers: { person: string; role?: string }[];
      people: { id: string; name: string; aadObjectId?: string }[];
    };
    expect(saved.seats).toHaveLength(3);
    expect(saved.seats[1]?.substitutes.kind).toBe('appropriate-officer');
    expect(saved.quorum).toEqual({ minVotingMembers: 2, minAgencies: 2 });
    const owusu = saved.people.find((p) => p.name === 'Dr S. Owusu');
    expect(saved.officers).toEqual([{ person: owusu?.id, role: 'Consultant in Public Health' }]);
    // The clerk who made it is its clerk, linked to their Teams account.
    const clerk = saved.people.find((p) => p.id === saved.clerks[0]);
    expect(clerk?.aadObjectId).toBe(DEMO.clerk.aadObjectId);
  });

  it('refuses an imported committee whose seat is held by someone not in it, beside the seat', async () => {
    const page = await pageAs(DEMO.clerk.aadObjectId, '/new');
    const json = {
      id: 'bad-seat',
      name: 'A Board',
      shortName: 'AB',
      regime: 'partnership-terms-of-reference',
      notice: { clearDays: 5, excludeWeekends: true, excludeBankHolidays: true, holidayRegion: 'GB-ENG' },
      quorum: { minVotingMembers: 1, minAgencies: 1 },
      people: [
        {
          id: 'clerk',
          name: 'Euan Walters',
          organisation: 'Leicestershire County Council',
          aadObjectId: DEMO.clerk.aadObjectId,
        },
      ],
      seats: [
        {
          id: 's1',
          represents: 'Leicestershire Police',
          agency: 'Police',
          holder: 'nobody',
          voting: { general: true, communitySafetyAgreement: false },
          substitutes: { kind: 'none', text: 'No substitutes.', named: [] },
        },
      ],
      clerks: ['clerk'],
    };
    await page.getByLabel('Paste the JSON (as exported from Quorum)').fill(JSON.stringify(json));
    await page.getByRole('button', { name: 'Import into the form' }).click();
    await page.getByRole('button', { name: 'Create the committee' }).click();
    await page.getByRole('group', { name: 'Seat 1' }).getByText('no person with id "nobody" in people').waitFor();
    expect((await stack.api('GET', '/api/committees/bad-seat')).status).toBe(404);
  });

  it('books next year’s dates from the resolution as the papers word it', async () => {
    const page = await pageAs(DEMO.clerk.aadObjectId, '/c/csp-north/calendar');
    await page
      .getByLabel('The resolution')
      .fill(
        'That future meetings of the Partnership take place on the following dates all at 10.00am: Friday 12 March 2027; Friday 11 June 2027; Friday 10 September 2027.',
      );
    await page.getByRole('button', { name: 'Book these meetings' }).click();
    await page.getByText('Booked 3 new meetings.').waitFor();
    await page.getByRole('table', { name: 'Meetings in 2027' }).waitFor();
    await accessible(page, 'calendar');
    await shot(page, 'calendar');

    // A date picked by hand that falls on a Saturday is booked only once the clerk confirms it.
    const pick = page.getByRole('form', { name: 'Pick meeting dates' });
    await pick.getByLabel('Date').fill('2027-11-13');
    await pick.getByRole('button', { name: 'Add the date' }).click();
    await pick.getByRole('button', { name: 'Book 1 meeting' }).click();
    await pick.getByLabel('Book them anyway: I have checked the warnings').check();
    await pick.getByRole('button', { name: 'Book 1 meeting' }).click();
    await pick.getByText('Booked 1 new meeting.').waitFor();
    const meetings = (await stack.api('GET', '/api/committees/csp-north/meetings')).json as { id: string }[];
    expect(meetings.map((m) => m.id)).toEqual([
      'csp-north-2027-03-12',
      'csp-north-2027-06-11',
      'csp-north-2027-09-10',
      'csp-north-2027-11-13',
    ]);
  });
});

describe('the agenda of a meeting that is not the next one', { timeout: 120_000 }, () => {
  it('attaches reports, refuses a file that is not one, builds the pack with its pages, adds an item, and publishes', async () => {
    const page = await pageAs(DEMO.clerk.aadObjectId, '/c/csp-north/agenda/csp-north-2027-06-11');
    await page.getByRole('table', { name: 'Agenda items' }).waitFor();
    await accessible(page, 'agenda');

    // A spreadsheet is refused beside the item, and nothing is attached.
    await page.getByLabel('Attach the report for item 2').setInputFiles({
      name: 'figures.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from('PK\x03\x04xl/workbook.xml'),
    });
    await page.getByText('figures.xlsx is not a PDF or a Word document').waitFor();

    await page.getByLabel('Attach the report for item 2').setInputFiles({
      name: 'Minutes of 12 March.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await makeReport('Minutes of 12 March', 7)),
    });
    await page.getByText('Attached Minutes of 12 March.pdf to item 2.').waitFor();
    await page.getByText('Minutes of 12 March.pdf · 7 pages').waitFor();

    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByRole('button', { name: 'Add to the agenda' }).click();
    await page.getByText('must not be empty').first().waitFor();
    await page.getByLabel('Item title').fill('Domestic Abuse Strategy Update');
    await page.getByLabel('Presenter').fill('Joanne White, Domestic Abuse Lead');
    await page.getByRole('button', { name: 'Add to the agenda' }).click();
    await page.getByText('Added "Domestic Abuse Strategy Update".').waitFor();
    // Attached in the new item's own row (its number is whatever the agenda gives it).
    const row = page.getByRole('row').filter({ hasText: 'Domestic Abuse Strategy Update' });
    await row.getByLabel(/^Attach the report for item \d+$/).setInputFiles({
      name: 'Domestic Abuse Strategy.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await makeReport('Domestic Abuse Strategy', 4)),
    });
    await row.getByText(/^Attached Domestic Abuse Strategy\.pdf to item \d+\.$/).waitFor();

    await page.getByRole('button', { name: 'Build the agenda pack' }).click();
    await page.getByText('The agenda pack is built: 14 pages, with the page ranges on the agenda.').waitFor();
    await page.getByRole('cell', { name: 'Pages 3 - 10' }).waitFor();
    await page.getByRole('cell', { name: 'Pages 11 - 14' }).waitFor();
    const popup = page.waitForEvent('popup');
    await page.getByRole('button', { name: 'Open the pack' }).click();
    // The pack opens in a viewer of its own (in Teams, its browser window).
    await (await popup).waitForURL(/^blob:/);
    await shot(page, 'agenda-pack');

    await page.getByRole('button', { name: 'Publish and circulate' }).click();
    await page.getByText('The agenda is published and on its way to everyone.').waitFor();
    await page.getByRole('heading', { name: 'Circulation' }).waitFor();
    await shot(page, 'agenda');

    const agenda = (await stack.api('GET', '/api/meetings/csp-north-2027-06-11/agenda')).json as {
      agenda: { title: string; papers?: { pages?: string } }[];
      publication: unknown;
    };
    expect(agenda.agenda.find((i) => i.title.startsWith('Minutes'))?.papers?.pages).toBe('3 - 10');
    expect(agenda.agenda.find((i) => i.title === 'Domestic Abuse Strategy Update')?.papers?.pages).toBe('11 - 14');
    expect(agenda.publication).not.toBeNull();
    // The next meeting was left as it was.
    const march = (await stack.api('GET', '/api/meetings/csp-north-2027-03-12/agenda')).json as {
      publication: unknown;
    };
    expect(march.publication).toBeNull();
  });

  it('refuses the 201st item with a message a clerk understands, and stores nothing', async () => {
    const base = '/api/meetings/csp-north-2027-09-10/agenda';
    // Filled to the limit in one write (the clerk's 200 items are not the point here).
    const path = '/api/committees/csp-north/meetings/csp-north-2027-09-10';
    const meeting = (await stack.api('GET', path)).json as { agenda: { number: number; title: string }[] };
    const filled = [...meeting.agenda];
    while (filled.length < 200) filled.push({ number: filled.length + 1, title: `Report ${filled.length + 1}` });
    expect((await stack.api('PUT', path, { ...meeting, agenda: filled })).status).toBe(200);
    const page = await pageAs(DEMO.clerk.aadObjectId, '/c/csp-north/agenda/csp-north-2027-09-10');
    await page.getByRole('button', { name: 'Add an item' }).click();
    await page.getByLabel('Item title').fill('One too many');
    await page.getByRole('button', { name: 'Add to the agenda' }).click();
    await page.getByText(/at most 200 items/).waitFor();
    const after = (await stack.api('GET', base)).json as { agenda: unknown[] };
    expect(after.agenda).toHaveLength(200);
    expect((await stack.api('GET', '/api/committees/csp-north/meetings')).status).toBe(200);
  });
});

describe('declarations of interest in the tab', { timeout: 60_000 }, () => {
  it('the clerk records a member’s declaration after the meeting, marked as recorded after the event', async () => {
    const page = await pageAs(DEMO.clerk.aadObjectId, '/c/lscsb/responses/lscsb-2023-09-29');
    const form = page.getByRole('form', { name: 'Declare an interest' });
    await form.getByLabel('Declared by').selectOption({ label: 'Cllr. L. Phillimore' });
    await form.getByLabel('Agenda items').fill('six');
    await form.getByRole('button', { name: 'Record the declaration' }).click();
    await form.getByText(/name the items by number/).waitFor();
    await form.getByLabel('Agenda items').fill('6');
    await form.getByLabel('Kind of interest').selectOption({ label: 'Other Registrable Interest' });
    await form.getByLabel(/^The interest, completing/).fill('she was a trustee of Blaby Citizens Advice');
    await form.getByRole('button', { name: 'Record the declaration' }).click();
    await form.getByText(/The minutes will say/).waitFor();
    await page.getByText(/\(recorded by Euan Walters after the meeting\)/).waitFor();
    await accessible(page, 'declarations');
    const listed = (await stack.api('GET', '/api/meetings/lscsb-2023-09-29/declarations')).json as {
      sentence: string;
    }[];
    expect(listed.map((d) => d.sentence).join(' ')).toContain('she was a trustee of Blaby Citizens Advice');
  });

  it('a member declares an interest in an item of their next meeting', async () => {
    const publish = await stack.api('POST', '/api/meetings/lscsb-2026-12-04/agenda/publish', { by: 'e-walters' });
    expect(publish.status).toBe(200);
    const page = await pageAs(DEMO.member.aadObjectId);
    const card = page.locator('[aria-label^="LSCSB, "]').first();
    await card.getByRole('button', { name: 'Declare an interest' }).click();
    const form = card.getByRole('form', { name: 'Declare an interest' });
    await form.getByLabel('Agenda items').fill('6');
    await form.getByLabel('Kind of interest').selectOption({ label: 'Disclosable Pecuniary Interest' });
    await form.getByLabel(/^The interest, completing/).fill('he owned shares in the company providing the service');
    await form.getByRole('button', { name: 'Declare' }).click();
    // A DPI means leaving, whatever was chosen: the server says so.
    await form.getByText(/means leaving the meeting for the item|The minutes will say/).waitFor();
    await card.getByRole('list', { name: 'Your declarations' }).waitFor();
    // The standing register: added, shown, removed.
    const register = page.getByRole('form', { name: 'Add a standing interest: LSCSB' });
    await register.getByLabel(/^A standing interest/).fill('he was a member of Melton Borough Council');
    await register.getByRole('button', { name: 'Add to my register' }).click();
    await page.getByRole('button', { name: 'Remove: he was a member of Melton Borough Council' }).waitFor();
    await page.getByRole('button', { name: 'Remove: he was a member of Melton Borough Council' }).click();
    await page.getByText('You have no standing interests recorded.').waitFor();
    const listed = (await stack.api('GET', '/api/meetings/lscsb-2026-12-04/declarations')).json as {
      name: string;
      participation: string;
    }[];
    expect(listed).toEqual([expect.objectContaining({ name: 'Cllr. M. Wyatt', participation: 'leave' })]);
  });
});

describe('the minutes of a held meeting', { timeout: 120_000 }, () => {
  it('writes every item beside the preview, refuses a 10,000-character minute, drafts, confirms with an amendment, downloads Word', async () => {
    const held = 'lscsb-2023-09-29';
    const page = await pageAs(DEMO.clerk.aadObjectId, `/c/lscsb/minutes/${held}`);
    const forms = page.getByRole('form', { name: /^Minute for item \d+$/ });
    await forms.first().waitFor();
    await accessible(page, 'minutes');

    const first = forms.first();
    await first.getByLabel('What the meeting considered').fill('x'.repeat(10_000));
    await first.getByRole('button', { name: /^Save item/ }).click();
    await first.getByText('must be at most 6000 characters').waitFor();
    const untouched = (await stack.api('GET', `/api/meetings/${held}/minutes`)).json as { items: unknown[] };
    expect(untouched.items).toHaveLength(0);

    const times = page.getByRole('form', { name: 'When the meeting was held' });
    await times.getByLabel('The meeting began at').fill('10:00');
    await times.getByLabel('and closed at').fill('09:30');
    await times.getByRole('button', { name: 'Save the times' }).click();
    await times.getByText('must be after the time it began').waitFor();
    await times.getByLabel('and closed at').fill('11:35');
    await times.getByRole('button', { name: 'Save the times' }).click();
    await times.getByText('Saved: the minutes print these times.').waitFor();

    const n = await forms.count();
    for (let i = 0; i < n; i++) {
      const form = forms.nth(i);
      await form.getByLabel('What the meeting considered').fill(`The Board considered item ${i + 1}.`);
      if (i === 6) {
        await form.getByLabel('Points noted, one a line').fill('Funding was confirmed.\nThe pilot will run to March.');
        await form.getByLabel('Outcome').selectOption('RESOLVED');
        await form
          .getByLabel(/^Resolutions, one a line/)
          .fill('That the update be noted.\nThat a further report be brought to the next meeting.');
      }
      await form.getByRole('button', { name: /^Save item/ }).click();
      await form.getByText(/^Item \d+ saved\.$/).waitFor();
    }
    // The preview is the house style, assembled from what was just written.
    await expect
      .poll(
        async () =>
          (await page.frameLocator('iframe[title="Preview of the minutes"]').locator('body').textContent()) ?? '',
      )
      .toContain('That a further report be brought to the next meeting');
    await expect
      .poll(
        async () =>
          (await page.frameLocator('iframe[title="Preview of the minutes"]').locator('body').textContent()) ?? '',
      )
      .toContain('10.00 - 11.35 am');

    await page.getByRole('button', { name: 'Make a draft' }).click();
    await page.getByText(/^Draft \d+ is ready\.$/).waitFor();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Word', exact: true }).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(`${held}-minutes.docx`);

    // A second draft after a change says what changed.
    const second = forms.nth(1);
    await second.getByLabel('What the meeting considered').fill('The Board considered item 2 at length.');
    await second.getByRole('button', { name: /^Save item/ }).click();
    await second.getByText(/^Item \d+ saved\.$/).waitFor();
    await page.getByRole('button', { name: 'Make a draft' }).click();
    await page.getByText(/^Draft \d+ is ready\.$/).waitFor();
    const versionsTable = page.getByRole('table', { name: 'Versions of the minutes' });
    await versionsTable.getByText('The first draft.').waitFor();
    await versionsTable.getByRole('listitem').first().waitFor();
    const changed = await versionsTable.getByRole('listitem').allTextContents();
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatch(/^Minute \d+ \(.+\) changed\.$/);

    const confirm = page.getByRole('form', { name: 'Confirm the minutes' });
    await confirm.getByLabel('Confirmed at the meeting of').selectOption({ index: 1 });
    await confirm.getByLabel(/^Subject to an amendment/).fill('Cllr. Loydall be added to the list of those present.');
    await confirm.getByRole('button', { name: /^Confirm version/ }).click();
    await page.getByText('The minutes are confirmed and frozen.').waitFor();
    await page.mouse.wheel(0, -100_000);
    await shot(page, 'minutes');
    const versions = (await stack.api('GET', `/api/meetings/${held}/record/versions`)).json as {
      status: string;
      amendment?: string;
    }[];
    expect(versions.at(-1)).toMatchObject({
      status: 'confirmed',
      amendment: 'Cllr. Loydall be added to the list of those present.',
    });
  });
});

describe('the same records as the chat', { timeout: 60_000 }, () => {
  it('a member sends apologies in the tab, and the clerk’s apologies list in chat shows them', async () => {
    const page = await pageAs(DEMO.member.aadObjectId);
    await page.getByRole('heading', { name: 'Your next meetings' }).waitFor();
    await accessible(page, 'member home');
    const card = page.locator('[aria-label^="LSCSB, "]').first();
    await card.getByRole('button', { name: 'Send apologies for this meeting' }).click();
    await card.getByLabel(/^Reason/).fill('A hospital appointment');
    await card.getByRole('button', { name: 'Send my apologies' }).click();
    await card.getByText('Your apologies are recorded.').waitFor();
    // Changed: a substitute named after all. The apology is superseded, not added to.
    await card.getByRole('button', { name: /^Change my apologies/ }).click();
    // Someone the terms of reference do not allow is refused, saying why, and nothing changes…
    const substitute = card.getByLabel('Someone to attend in your place (optional)');
    await substitute.selectOption({ label: 'Cllr. D. Woodiwiss' });
    await card.getByRole('button', { name: 'Save the change' }).click();
    await card
      .getByText(/Nothing has been recorded\./)
      .first()
      .waitFor();
    // …then a member of the same CSP Strategy Group is accepted.
    await substitute.selectOption({ label: 'Lee Mansfield' });
    await card.getByRole('button', { name: 'Save the change' }).click();
    await card.getByText('Your apologies are changed.').waitFor();
    await card.getByText(/Lee Mansfield will attend in your place/).waitFor();
    await shot(page, 'member');
    const said = await chat(DEMO.clerk, 'apologies list');
    expect(said).toContain('Cllr. M. Wyatt');
  });

  it('an officer updates an action in the tab, and my actions in chat shows it', async () => {
    const page = await pageAs(DEMO.officer.aadObjectId);
    const status = page.getByLabel(/^Status of action \d+$/).first();
    await status.waitFor();
    const label =
      (await page
        .getByLabel(/^Status of action \d+$/)
        .first()
        .getAttribute('id')) ?? '';
    expect(label).not.toBe('');
    await status.selectOption('Green');
    await page.getByLabel('Comment').first().fill('Report circulated to partners on 20 November.');
    await page.getByRole('button', { name: 'Update' }).first().click();
    await page.getByText(/updated to Green\. Thank you\./).waitFor();
    const said = await chat(DEMO.officer, 'my actions');
    expect(said).toContain('Report circulated to partners on 20 November.');
  });

  it('a presenter the clerk allows attaches their report from their own Quorum', async () => {
    type Agenda = {
      agenda: { id: string; number: number; standing?: string; papers?: { report?: { name: string } } }[];
    };
    const meetingId = 'lscsb-2026-12-04';
    const before = (await stack.api('GET', `/api/meetings/${meetingId}/agenda`)).json as Agenda;
    const item = before.agenda.find((i) => !i.standing)!;
    const allowed = await stack.api('PATCH', `/api/meetings/${meetingId}/agenda/items/${item.id}`, {
      by: 'e-walters',
      set: { uploader: 'm-wyatt' },
    });
    expect(allowed.status).toBe(200);
    const page = await pageAs(DEMO.member.aadObjectId);
    await page.getByText('Reports the clerk has asked you to attach').waitFor();
    await page.getByLabel(`Attach the report for item ${item.number}`).setInputFiles({
      name: 'North West Leicestershire CSP update.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from(await makeReport('North West Leicestershire CSP update', 3)),
    });
    await page.getByText(`Attached North West Leicestershire CSP update.pdf to item ${item.number}.`).waitFor();
    await shot(page, 'member-report');
    const after = (await stack.api('GET', `/api/meetings/${meetingId}/agenda`)).json as Agenda;
    expect(after.agenda.find((i) => i.id === item.id)?.papers?.report?.name).toBe(
      'North West Leicestershire CSP update.pdf',
    );
  });

  it('the clerk’s screens pass the accessibility check', async () => {
    const page = await pageAs(DEMO.clerk.aadObjectId, '/c/lscsb/actions');
    await page.getByRole('table', { name: 'The action log' }).waitFor();
    await accessible(page, 'action log');
    await shot(page, 'actions');
    await page.getByRole('tab', { name: 'Apologies and attendance' }).click();
    await page.getByRole('heading', { name: 'Apologies' }).waitFor();
    await page.getByRole('table', { name: 'Apologies received' }).waitFor();
    await accessible(page, 'responses');
    await shot(page, 'responses');
    await page.getByRole('tab', { name: 'Committee' }).click();
    await page.getByRole('heading', { name: 'The committee' }).waitFor();
    await accessible(page, 'committee');
  });
});

describe('the chair’s roll call in the side panel', { timeout: 90_000 }, () => {
  const meeting = 'lscsb-2026-12-04';
  const here = (aad: string) =>
    fetch(`${stack.url}/api/meetings/${meeting}/roll/here`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-quorum-as': aad },
      body: JSON.stringify({ submissionId: crypto.randomUUID() }),
    });

  it('marks, seats a substitute, and shows marks made elsewhere without a reload', async () => {
    expect(
      (
        await stack.api('POST', `/api/meetings/${meeting}/apologies`, {
          personId: 'j-mavji',
          recordedBy: 'e-walters',
          substituteId: 'j-hewitt',
        })
      ).status,
    ).toBe(201);
    const page = await pageAs(DEMO.chair.aadObjectId, `/roll/${meeting}`);
    await page.getByRole('heading', { name: 'Roll call: LSCSB' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Not quorate' }).waitFor();
    await accessible(page, 'roll call');

    const wyatt = page.getByRole('listitem', { name: 'Cllr. M. Wyatt' });
    await wyatt.getByRole('button', { name: 'Present' }).click();
    await wyatt.getByText(/^Present/).waitFor();

    // Jo Hewitt is named in Joshna Mavji's apology: marked present, she fills the Public Health seat.
    const hewitt = page.getByRole('list', { name: 'Substitutes' }).getByRole('listitem', { name: 'Jo Hewitt' });
    await hewitt.getByRole('button', { name: 'Present' }).click();
    await hewitt.getByText('Present (substitute)').waitFor();

    // Someone marks themselves from elsewhere (the chat card, another panel): it shows here by itself.
    expect((await here(DEMO.clerk.aadObjectId)).status).toBe(200);
    await page
      .getByRole('listitem', { name: 'Euan Walters' })
      .getByText(/^Present/)
      .waitFor({ timeout: 5000 });
    await shot(page, 'roll');

    // The chair moves the meeting on; a member declares an interest in the item in progress from their
    // own panel; the chair's panel shows it.
    await page.getByRole('button', { name: 'Next item' }).click();
    await page.getByRole('heading', { name: /^Item 1\. / }).waitFor();
    await page.getByLabel('Go to item').selectOption('6');
    await page.getByRole('button', { name: 'Go', exact: true }).click();
    await page.getByRole('heading', { name: /^Item 6\. / }).waitFor();
    const member = await pageAs(DEMO.member.aadObjectId, `/roll/${meeting}`);
    await member.getByRole('button', { name: 'Declare an interest in this item' }).click();
    const form = member.getByRole('form', { name: 'Declare an interest' });
    await form
      .getByLabel(/^The interest, completing/)
      .fill('he is a trustee of a charity that receives a grant under this item');
    await form.getByRole('button', { name: 'Declare' }).click();
    await page
      .getByRole('list', { name: 'Declarations for this item' })
      .getByText(/trustee of a charity/)
      .waitFor({ timeout: 5000 });

    const add = page.getByRole('form', { name: 'Add someone not on the list' });
    await add.getByLabel(/Add someone not on the list/).fill('Grace Strong, Violence Reduction Network');
    await add.getByRole('button', { name: 'Add' }).click();
    await page
      .getByRole('list', { name: 'Also in attendance' })
      .getByText('Grace Strong, Violence Reduction Network')
      .waitFor();
  });

  it('gives a member “I’m here” and no controls over anyone else', async () => {
    const page = await pageAs(DEMO.member.aadObjectId, `/roll/${meeting}`);
    await page.getByRole('heading', { name: 'Roll call: LSCSB' }).waitFor();
    expect(await page.getByRole('button', { name: 'Present' }).count()).toBe(0);
    const officer = await pageAs(DEMO.officer.aadObjectId, `/roll/${meeting}`);
    await officer.getByRole('button', { name: 'I’m here' }).click();
    await officer.getByText(/Anita Chavda: marked present at/).waitFor();
    // Marked, the panel reads the roll again and the button goes.
    await officer.getByRole('button', { name: 'I’m here' }).waitFor({ state: 'detached', timeout: 5000 });
  });
});
