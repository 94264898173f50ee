import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, startTestStack, teamsMessage, type TestStack } from '../support/stack';
import { visibleText } from '../support/connector';

let stack: TestStack;
beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});

/** Sends a message and returns the visible text of every reply to it. */
async function say(from: { aadObjectId: string; name: string }, text: string, extra: Record<string, unknown> = {}) {
  const activity = teamsMessage(stack, from, text, extra);
  const res = await stack.send(activity);
  expect(res.status).toBe(200);
  return stack.connector.repliesTo(activity.id).map(visibleText);
}

describe('Quorum in Teams chat', () => {
  it('tells the chair what she can do, by committee and role', async () => {
    const [reply] = await say(DEMO.chair, 'help');
    expect(reply).toContain('What Quorum can do for you');
    expect(reply).toContain('Mrs D. Taylor CC');
    expect(reply).toContain('**Leicestershire Safer Communities Strategy Board**: member, Chairman');
    expect(reply).toContain('next meeting');
    expect(reply).not.toContain('**meetings**');
  });

  it('shows the clerk the clerk-only commands', async () => {
    const [reply] = await say(DEMO.clerk, 'Help');
    expect(reply).toContain('officer, clerk');
    expect(reply).toContain('**meetings**');
  });

  it('answers "next meeting" with the upcoming demo meeting in London time', async () => {
    const [reply] = await say(DEMO.member, 'next meeting');
    expect(reply).toContain('Your next meeting');
    expect(reply).toContain('When: Friday 4 December 2026, 10.00am');
    expect(reply).toContain('Where: Microsoft Teams');
    expect(reply).toContain('Meeting id: lscsb-2026-12-04');
  });

  it('lists upcoming meetings for the clerk and politely refuses a member', async () => {
    const [clerk] = await say(DEMO.clerk, 'meetings');
    expect(clerk).toContain('lscsb-2026-12-04');
    expect(clerk).toContain('lscsb-2027-03-05');
    expect(clerk).not.toContain('lscsb-2023-09-29');
    const [member] = await say(DEMO.member, 'meetings');
    expect(member).toContain('Only the clerk of a committee can list all its meetings');
  });

  it('says plainly when it does not understand', async () => {
    const [reply] = await say(DEMO.member, 'what is the meaning of life');
    expect(reply).toBe("Sorry, Cllr. M. Wyatt, I didn't understand that. Type **help** to see what I can do for you.");
  });

  it('understands a command after an @mention in a group chat', async () => {
    const replies = await say(DEMO.chair, '<at>Quorum</at> help', {
      conversation: { id: '19:group-chat', conversationType: 'groupChat', tenantId: 'tenant-1' },
      entities: [{ type: 'mention', text: '<at>Quorum</at>', mentioned: { id: '28:quorum-bot', name: 'Quorum' } }],
    });
    expect(replies[0]).toContain('What Quorum can do for you');
  });

  it('tells someone on no committee so, politely, and remembers nothing about them', async () => {
    const [reply] = await say(DEMO.stranger, 'next meeting');
    expect(reply).toContain("I can't find you on any committee I look after");
    expect(reply).toContain('democratic services officer');
    const [other] = await say(DEMO.stranger, 'hello');
    expect(other).toContain("I can't find you on any committee I look after");
    expect(await stack.services.store.people.get('tenant-1', DEMO.stranger.aadObjectId)).toBeUndefined();
  });

  it("remembers a member's personal chat so Quorum can message them 1:1 later", async () => {
    await say(DEMO.member, 'help');
    const entry = await stack.services.store.people.get('tenant-1', DEMO.member.aadObjectId.toUpperCase());
    expect(entry?.conversationReference).toMatchObject({
      conversation: { id: `a:personal-${DEMO.member.aadObjectId}` },
      serviceUrl: stack.connector.url,
    });
  });

  it('writes that chat down again only when it changes, not at every message', async () => {
    const id = DEMO.member.aadObjectId.toLowerCase();
    await say(DEMO.member, 'help');
    const before = await stack.services.store.people.docs.get(id, 'tenant-1');
    await say(DEMO.member, 'my apologies');
    expect((await stack.services.store.people.docs.get(id, 'tenant-1'))?.etag).toBe(before?.etag);
    // Quorum reinstalled: a new personal chat, which 1:1 cards must now go to.
    await say(DEMO.member, 'help', {
      conversation: { id: 'a:personal-reinstalled', conversationType: 'personal', tenantId: 'tenant-1' },
    });
    const after = await stack.services.store.people.docs.get(id, 'tenant-1');
    expect(after?.etag).not.toBe(before?.etag);
    expect(after?.value.conversationReference).toMatchObject({ conversation: { id: 'a:personal-reinstalled' } });
  });

  it('welcomes a member when Quorum is installed, naming their committee', async () => {
    const activity = {
      ...teamsMessage(stack, DEMO.member, ''),
      type: 'conversationUpdate',
      text: undefined,
      membersAdded: [{ id: '28:quorum-bot' }],
    };
    expect((await stack.send(activity)).status).toBe(200);
    const [reply] = stack.connector.repliesTo(activity.id).map(visibleText);
    expect(reply).toContain('Welcome to Quorum');
    expect(reply).toContain('Hello Cllr. M. Wyatt. You are on: Leicestershire Safer Communities Strategy Board.');
  });

  it('says nothing when someone else joins a chat Quorum is already in', async () => {
    const activity = {
      ...teamsMessage(stack, DEMO.member, ''),
      type: 'conversationUpdate',
      membersAdded: [{ id: '29:someone' }],
    };
    expect((await stack.send(activity)).status).toBe(200);
    expect(stack.connector.repliesTo(activity.id)).toEqual([]);
  });

  it('answers a message with no text (an old card button) without failing', async () => {
    const [reply] = await say(DEMO.member, '', { value: { verb: 'gone' } });
    expect(reply).toContain("I couldn't do anything with that");
  });

  it('rejects a body that is not an activity with 400 and sends nothing', async () => {
    const before = stack.connector.sent.length;
    const res = await fetch(`${stack.url}/api/messages`, {
      method: 'POST',
      body: '{not json',
      headers: { 'content-type': 'application/json' },
    });
    expect(res.status).toBe(400);
    expect((await stack.send({ hello: 'world' })).status).toBe(400);
    expect(stack.connector.sent.length).toBe(before);
  });
});
