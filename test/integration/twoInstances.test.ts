import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forumCommittee } from '../support/committees';
import { visibleText } from '../support/connector';
import { pressButton, startTestStack, teamsMessage, type TestStack } from '../support/stack';

// Two hosts on one Cosmos database, as Azure Functions runs Quorum when it scales out: whichever
// instance takes a request, nothing is lost or doubled, and shared things converge.
let one: TestStack;
let two: TestStack;
// The morning of the meeting: the roll call is open.
const now = () => new Date('2026-12-04T09:58:00Z');
beforeAll(async () => {
  one = await startTestStack({ now });
  two = await startTestStack({ now, sharedCosmos: one.cosmos, env: { COSMOS_DATABASE: one.cosmos.database } });
});
afterAll(async () => {
  await two?.close();
  await one?.close();
});

describe('two instances sharing one store', { timeout: 120_000 }, () => {
  it('takes a roll-call storm across both: every mark once, one "now quorate", and the card ends up showing all', async () => {
    const { committee, people, clerk } = forumCommittee('duo', 45, {
      aadPrefix: 'c0000000',
      quorum: { minVotingMembers: 20, minAgencies: 5 },
    });
    expect((await one.api('PUT', '/api/committees/duo', committee)).status).toBe(201);
    expect(
      (
        await two.api('PUT', '/api/committees/duo/meetings/duo-1', {
          startsAt: '2026-12-04T10:00:00+00:00',
          venue: { kind: 'teams', name: 'Microsoft Teams' },
        })
      ).status,
    ).toBe(201);
    const chat = { id: '19:meeting_duo@thread.v2', conversationType: 'groupChat', tenantId: 'tenant-1' };
    const call = teamsMessage(one, clerk, 'roll call', { conversation: chat });
    await one.send(call);
    const posted = one.connector.repliesTo(call.id);
    expect(visibleText(posted[0]!)).toContain('Roll call: DUO');
    const cardId = one.connector.sent.find((s) => s.activity === posted[0])?.id;

    const data = { committeeId: 'duo', meetingId: 'duo-1' };
    const results = await Promise.all(
      people.slice(0, 40).map((p, i) =>
        pressButton(i % 2 ? two : one, { aadObjectId: p.aadObjectId, name: p.name }, 'rollcall.here', data, chat, {
          replyToId: cardId,
        }),
      ),
    );
    expect(results.every((r) => r.status === 200 && r.card)).toBe(true);

    const marks = (await one.services.store.responses.forMeeting('duo', 'duo-1')).filter(
      (r) => r.kind === 'attendance',
    );
    expect(marks).toHaveLength(40);
    expect(new Set(marks.map((m) => m.personId)).size).toBe(40);
    // The card is updated through the Bot Connector the activity came from (the first host's stand-in),
    // from both instances; the last update shows all forty.
    await one.services.bot.rollCall.cardRefresher.settled();
    await two.services.bot.rollCall.cardRefresher.settled();
    const updates = one.connector.updated.filter((u) => u.conversationId === chat.id);
    expect(visibleText(updates.at(-1)!.activity)).toContain('Present: 40');
    const quorate = one.connector.sent.filter(
      (s) => s.conversationId === chat.id && s.activity.text?.includes('now quorate'),
    );
    expect(quorate).toHaveLength(1);
  });

  it('keeps every one of concurrent action updates made through both', async () => {
    const update = (stack: TestStack, n: number) =>
      fetch(`${stack.url}/api/me/actions/lscsb/lscsb-action-5`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-quorum-as': 'a1b2c3d4-0000-4000-8000-000000000020' },
        body: JSON.stringify({ status: 'Amber', comment: `Update ${n}.`, submissionId: randomUUID() }),
      });
    const answers = await Promise.all(Array.from({ length: 30 }, (_, n) => update(n % 2 ? two : one, n)));
    expect(answers.map((a) => a.status)).toEqual(Array(30).fill(200));
    const action = await two.services.store.actions.get('lscsb', 'lscsb-action-5');
    const comments = action?.history.map((h) => h.comment).filter(Boolean) ?? [];
    for (let n = 0; n < 30; n++) expect(comments).toContain(`Update ${n}.`);
    expect(comments.filter((c) => c?.startsWith('Update '))).toHaveLength(30);
  });
});
