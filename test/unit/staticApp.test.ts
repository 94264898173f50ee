import { HttpRequest } from '@azure/functions';
import { describe, expect, it } from 'vitest';
import { staticAppHandler } from '../../functions/staticApp';

/** The handler as Azure Functions calls it, with no local host in front to filter addresses. */
describe('the static route handler', () => {
  const get = (path: string) =>
    staticAppHandler()(new HttpRequest({ method: 'GET', url: `http://quorum.test${path}` }));

  it('answers an address with a broken escape with 404, not an error', async () => {
    expect((await get('/%E0%A4%A')).status).toBe(404);
  });

  it('leaves API addresses to the API, and never serves a file outside its folder', async () => {
    expect((await get('/api/nothing')).status).toBe(404);
    expect((await get('/assets/%2e%2e/%2e%2e/package.json')).status).toBe(404);
  });
});
