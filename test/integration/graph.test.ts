import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphStandIn } from '../support/graph';
import { buttonsOf, DEMO, pressButton, startTestStack, teamsMessage, type TestStack } from '../support/stack';
import { visibleText } from '../support/connector';

let graph: GraphStandIn;
let stack: TestStack;
beforeAll(async () => {
  graph = await new GraphStandIn().start();
  stack = await startTestStack({ env: graph.env() });
  const committee = (await stack.api('GET', '/api/committees/lscsb')).json as Record<string, unknown>;
  const withFiles = { ...committee, files: { driveId: 'b!lscsb-drive', folder: 'Minutes/2023', audience: 'members' } };
  expect((await stack.api('PUT', '/api/committees/lscsb', withFiles)).status).toBe(200);
});
afterAll(async () => {
  await stack?.close();
  await graph?.stop();
});

const cardText = (card: unknown) =>
  visibleText({ type: 'message', attachments: [{ contentType: 'x', content: card as Record<string, unknown> }] });

describe('drafts of the minutes in the committee’s files, through Microsoft Graph', () => {
  it('uploads each new draft with a token from Entra ID, retrying a 429 after its Retry-After', async () => {
    graph.failures.push({ status: 429, retryAfter: 1 });
    const started = Date.now();
    const res = await stack.api('POST', '/api/meetings/lscsb-2023-09-29/record/drafts', { by: 'e-walters' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      version: 1,
      upload: { webUrl: expect.stringContaining('Minutes%2F2023%2Flscsb-2023-09-29%20minutes%20draft%201.docx') },
    });
    const puts = graph.requests.filter((r) => r.method === 'PUT');
    expect(puts).toHaveLength(2);
    expect(puts[1]?.path).toBe(
      '/v1.0/drives/b!lscsb-drive/root:/Minutes/2023/lscsb-2023-09-29 minutes draft 1.docx:/content',
    );
    expect(puts[1]?.authorization).toMatch(/^Bearer graph-token-\d+$/);
    expect(puts[1]?.body.subarray(0, 2).toString()).toBe('PK');
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('puts nothing there when nothing has changed, and tells the clerk where the draft is from the card', async () => {
    const before = graph.requests.length;
    const again = await stack.api('POST', '/api/meetings/lscsb-2023-09-29/record/drafts', { by: 'e-walters' });
    expect(again.status).toBe(200);
    expect(graph.requests.length).toBe(before);

    expect(
      (
        await stack.api('PUT', '/api/meetings/lscsb-2023-09-29/minutes/3', {
          paragraphs: ['There were no matters arising.'],
          by: 'e-walters',
        })
      ).status,
    ).toBe(200);
    const activity = teamsMessage(stack, DEMO.clerk, 'minutes');
    await stack.send(activity);
    const overview = stack.connector.repliesTo(activity.id)[0]!.attachments![0]!.content;
    const draft = await pressButton(
      stack,
      DEMO.clerk,
      'minutes.draft',
      buttonsOf(overview).find((b) => b.verb === 'minutes.draft')!.data,
    );
    expect(cardText(draft.card)).toContain(
      "It is in the committee's files: https://contoso.sharepoint.com/sites/lscsb/",
    );
  });

  it('keeps the draft and says so when Graph keeps failing', async () => {
    graph.failures.push(...Array.from({ length: 5 }, () => ({ status: 503, retryAfter: 0 })));
    expect(
      (
        await stack.api('PUT', '/api/meetings/lscsb-2023-09-29/minutes/7', {
          paragraphs: ['Declarations were made.'],
          by: 'e-walters',
        })
      ).status,
    ).toBe(200);
    const res = await stack.api('POST', '/api/meetings/lscsb-2023-09-29/record/drafts', { by: 'e-walters' });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      version: 3,
      upload: { error: expect.stringContaining('could not be put in the committee') },
    });
    graph.failures.length = 0;
  });
});
