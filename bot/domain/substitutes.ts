import type { Committee, Seat } from './committee';
import type { Person } from './person';

export type SubstituteCheck = { allowed: true; seat: Seat } | { allowed: false; why: string; seat?: Seat };

/** The seat a member holds as a voting member (observers do not send substitutes). */
export function memberSeatOf(committee: Committee, personId: string): Seat | undefined {
  return committee.seats.find((s) => s.holder === personId && s.kind === 'member');
}

/**
 * Whether `candidate` may stand in for `absent`, by the seat's rule in the terms of reference (§5).
 * A refusal explains itself in the terms of reference's own words.
 */
export function checkSubstitute(committee: Committee, absent: Person, candidate: Person): SubstituteCheck {
  const seat = memberSeatOf(committee, absent.id);
  if (!seat)
    return {
      allowed: false,
      why: `${absent.name} does not hold a seat on the ${committee.name}, so there is no seat for a substitute to fill.`,
    };
  const rule = seat.substitutes;
  const because = `The terms of reference say: "${rule.text}"`;
  if (candidate.id === absent.id) return { allowed: false, seat, why: 'A member cannot substitute for themselves.' };
  const ownSeat = memberSeatOf(committee, candidate.id);
  if (ownSeat)
    return {
      allowed: false,
      seat,
      why: `${candidate.name} already holds a seat on the Board (${ownSeat.represents}), so cannot also fill yours.`,
    };
  if (rule.named.includes(candidate.id)) return { allowed: true, seat };
  const holderOrg = absent.organisation;
  const sameBody = candidate.organisation === seat.agency || candidate.organisation === holderOrg;
  switch (rule.kind) {
    case 'none':
      return { allowed: false, seat, why: `No substitutes are allowed for this seat. ${because}` };
    case 'elected-member-same-authority':
      if (candidate.elected && sameBody) return { allowed: true, seat };
      return {
        allowed: false,
        seat,
        why: candidate.elected
          ? `${candidate.name} is not a member of ${seat.agency}. ${because}`
          : `${candidate.name} is not an elected member. ${because}`,
      };
    case 'member-of-same-body':
    case 'appropriate-officer':
      if (sameBody) return { allowed: true, seat };
      return {
        allowed: false,
        seat,
        why: `${candidate.name} is from ${candidate.organisation}, not ${seat.agency}. ${because}`,
      };
  }
}
