export interface MeetingSummary {
  id: string;
  startsAt: string;
  status: string;
  venue: { name: string };
}

/** The meeting a screen opens on when none is named: the next one to be held. */
export const nextMeeting = (meetings: MeetingSummary[], now = Date.now()) =>
  meetings.find((m) => m.status !== 'cancelled' && Date.parse(m.startsAt) > now);
