import { nextMeeting, type MeetingSummary } from './meetings';

/** What the server answered, read to the end. */
export interface Answer {
  status: number;
  statusText: string;
  text: string;
}

export const answerOf = async (res: Response): Promise<Answer> => ({
  status: res.status,
  statusText: res.statusText,
  text: await res.text(),
});

/** A read started before the page's script: its answer, once it has come, and when it was asked for. */
export interface EarlyRead {
  /** Whose read it is (the local sign-in's Entra object id). */
  as: string;
  at: number;
  answer: Promise<Answer>;
  /** Set when the answer has come: the page can draw with it at once. */
  settled?: Answer;
}

declare global {
  interface Window {
    /** Filled by early.js, emptied by api.ts as the screens ask: each early read is used once. */
    quorumEarly?: Map<string, EarlyRead>;
  }
}

/**
 * The API reads the first screen of an address will make, in the order it makes them. A read that
 * depends on another (the next meeting's agenda needs the list of meetings) is started when the
 * one it depends on answers. Must follow what App and the screens ask for; a read nobody asks for
 * is simply never used.
 */
export function startFirstReads(
  hash: string,
  as: string,
  read: (path: string) => Promise<Response>,
): Map<string, EarlyRead> {
  const reads = new Map<string, EarlyRead>();
  const start = (path: string) => {
    const entry: EarlyRead = {
      as,
      at: Date.now(),
      answer: read(path)
        .then(answerOf)
        .then((a) => (entry.settled = a)),
    };
    reads.set(path, entry);
    return entry.answer;
  };
  void start('me');
  const [c, rawId, screen, rawMeeting] = hash.replace(/^#\/?/, '').split('/');
  if (c !== 'c' || !rawId) {
    for (const path of ['me/meetings', 'me/actions', 'me/register']) void start(path);
    return reads;
  }
  const committee = `committees/${encodeURIComponent(decodeURIComponent(rawId))}`;
  const meetings = start(`${committee}/meetings`);
  if ((screen ?? 'agenda') !== 'agenda') return reads;
  if (rawMeeting) {
    void start(`meetings/${encodeURIComponent(decodeURIComponent(rawMeeting))}/agenda`);
    return reads;
  }
  void meetings
    .then((a) => {
      const next = a.status === 200 ? nextMeeting(JSON.parse(a.text) as MeetingSummary[]) : undefined;
      if (next) void start(`meetings/${encodeURIComponent(next.id)}/agenda`);
    })
    .catch(() => undefined);
  return reads;
}
