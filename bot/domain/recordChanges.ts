import type { MeetingRecord, RecordLine, RecordMinute } from './record';

/**
 * What changed between two versions of a meeting's minutes, in the words a clerk would use when
 * telling the chair ("Minute 24 (Declarations of interest) changed"), so that the version list says
 * why a new draft was made without anyone comparing two Word files.
 */
export function recordChanges(before: MeetingRecord, after: MeetingRecord): string[] {
  const changes: string[] = [];
  if (before.heading !== after.heading) changes.push('The heading changed.');
  if ((before.times ?? '') !== (after.times ?? ''))
    changes.push(after.times ? `The times are now ${after.times}.` : 'The times were taken out.');
  if ((before.chairLine ?? '') !== (after.chairLine ?? '')) changes.push('The chair line changed.');
  for (const [label, key] of [
    ['Present', 'present'],
    ['Officers', 'officers'],
    ['Also in attendance', 'alsoInAttendance'],
    ['Apologies', 'apologies'],
  ] as const)
    changes.push(...peopleChanges(label, before[key], after[key]));
  changes.push(...minuteChanges(before.minutes, after.minutes));
  changes.push(...actionLogChanges(before, after));
  return changes;
}

const lineOf = (l: RecordLine) => (l.body ? `${l.name} (${l.body})` : l.name);

function peopleChanges(label: string, before: RecordLine[], after: RecordLine[]): string[] {
  const was = new Set(before.map(lineOf));
  const now = new Set(after.map(lineOf));
  const added = [...now].filter((l) => !was.has(l));
  const removed = [...was].filter((l) => !now.has(l));
  return [
    ...(added.length ? [`${label}: added ${added.join(', ')}.`] : []),
    ...(removed.length ? [`${label}: taken out ${removed.join(', ')}.`] : []),
  ];
}

/** A minute's printed content, whatever number it carries (numbers shift when items are added). */
const minuteText = (m: RecordMinute) =>
  JSON.stringify([
    m.title,
    m.exempt ?? null,
    m.paragraphs,
    m.pointsIntro ?? '',
    m.points,
    m.outcome ?? null,
    m.placeholder,
    m.chairLineAfter ?? '',
  ]);

function minuteChanges(before: RecordMinute[], after: RecordMinute[]): string[] {
  const changes: string[] = [];
  const byItem = new Map(before.map((m) => [m.itemNumber, m]));
  for (const m of after) {
    const was = byItem.get(m.itemNumber);
    byItem.delete(m.itemNumber);
    const name = `Minute ${m.number} (${m.title})`;
    if (!was) changes.push(`${name} added.`);
    else if (was.placeholder && !m.placeholder) changes.push(`${name} written.`);
    else if (!was.placeholder && m.placeholder) changes.push(`${name} emptied: it needs writing again.`);
    else if (minuteText(was) !== minuteText(m)) changes.push(`${name} changed.`);
    else if (was.number !== m.number) changes.push(`${name} renumbered from ${was.number}.`);
  }
  for (const m of byItem.values()) changes.push(`Minute ${m.number} (${m.title}) taken out.`);
  return changes;
}

function actionLogChanges(before: MeetingRecord, after: MeetingRecord): string[] {
  const was = new Map(before.actionLog.map((r) => [r.no, JSON.stringify(r)]));
  const changed: string[] = [];
  const added: string[] = [];
  for (const r of after.actionLog) {
    const old = was.get(r.no);
    was.delete(r.no);
    if (old === undefined) added.push(r.no);
    else if (old !== JSON.stringify(r)) changed.push(r.no);
  }
  return [
    ...(added.length ? [`Action log: added ${added.join(', ')}.`] : []),
    ...(changed.length ? [`Action log: updated ${changed.join(', ')}.`] : []),
    ...(was.size ? [`Action log: taken out ${[...was.keys()].join(', ')}.`] : []),
  ];
}
