import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '../../functions/routes';

const README = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
/** "{meetingId}", "{id}", "{n}": any name for a placeholder reads the same. */
const shape = (path: string) => path.replace(/\?.*$/, '').replace(/\{[^}]+\}/g, '{}');

describe('the README for a new developer', () => {
  it('lists every API endpoint in its table, with who may call it', () => {
    const rows = [...README.matchAll(/^\| `(GET|POST|PUT|PATCH|DELETE) (\/api\/[^`]+)`\s*\|\s*([^|]+?)\s*\|/gm)].map(
      (m) => ({ endpoint: `${m[1]} ${shape(m[2]!)}`, who: m[3]! }),
    );
    const missing = ENDPOINTS.map(([, method, route]) => `${method} ${shape(`/api/${route}`)}`).filter(
      (e) => !rows.some((r) => r.endpoint === e),
    );
    expect(missing).toEqual([]);
    expect(rows.every((r) => r.who.length > 0)).toBe(true);
  });
});
