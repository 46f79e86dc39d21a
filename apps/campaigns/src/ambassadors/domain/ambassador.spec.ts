import {
  MenteeAssignment,
  Mentor,
  actsAsOtherMentor,
  decideAssignment,
  decideReassignment,
} from './ambassador';

const mentor: Mentor = {
  id: 'm-1',
  learnerId: 'l-mentor',
  learnerKey: 'k'.repeat(64),
  unitCode: '03388',
  campaignId: null,
  account: 'mentor-03388-01',
  registeredBy: 'officer',
  registeredAt: new Date('2025-10-01T00:00:00Z'),
};
const earlier = new Date('2025-09-02T00:00:00Z');
const now = new Date('2025-10-02T00:00:00Z');
const mentee = { learnerId: 'l-1', learnerKey: 'a'.repeat(64), withinMentorUnit: true };
const at = { id: 'a-new', assignedBy: 'mentor-03388-01', now };
const assignmentTo = (mentorId: string): MenteeAssignment => ({
  id: 'a-old',
  mentorId,
  learnerId: 'l-1',
  learnerKey: mentee.learnerKey,
  assignedBy: 'x',
  assignedAt: earlier,
  endedBy: null,
  endedAt: null,
});

describe(decideAssignment.name, () => {
  it('assigns a learner of the mentor’s unit who has no mentor yet', () =>
    expect(decideAssignment(mentor, mentee, null, at)).toEqual({
      outcome: 'created',
      assignment: {
        id: 'a-new',
        mentorId: 'm-1',
        learnerId: 'l-1',
        learnerKey: mentee.learnerKey,
        assignedBy: at.assignedBy,
        assignedAt: now,
        endedBy: null,
        endedAt: null,
      },
    }));

  it('answers the same pair again with the assignment already made', () => {
    const current = assignmentTo('m-1');
    expect(decideAssignment(mentor, mentee, current, at)).toEqual({
      outcome: 'existing',
      assignment: current,
    });
  });

  it('keeps one mentor at a time', () => {
    const current = assignmentTo('m-2');
    expect(decideAssignment(mentor, mentee, current, at)).toEqual({ outcome: 'assigned-elsewhere', current });
  });

  it('refuses the mentor themselves, and a learner outside the mentor’s unit', () => {
    expect(decideAssignment(mentor, { ...mentee, learnerId: 'l-mentor' }, null, at).outcome).toBe('self');
    expect(decideAssignment(mentor, { ...mentee, withinMentorUnit: false }, null, at).outcome).toBe(
      'outside-unit',
    );
  });
});

describe(decideReassignment.name, () => {
  it('ends the current assignment and starts the new one at the same instant', () => {
    const decision = decideReassignment(mentor, mentee, assignmentTo('m-2'), at);
    expect(decision).toEqual({
      outcome: 'reassigned',
      ended: { ...assignmentTo('m-2'), endedBy: at.assignedBy, endedAt: now },
      assignment: expect.objectContaining({ id: 'a-new', mentorId: 'm-1', assignedAt: now, endedAt: null }),
    });
  });

  it('answers a change to the mentor already guiding them with that assignment', () => {
    const current = assignmentTo('m-1');
    expect(decideReassignment(mentor, mentee, current, at)).toEqual({
      outcome: 'existing',
      assignment: current,
    });
  });

  it('refuses a mentee without a mentor, the mentor themselves, and a learner outside the new mentor’s unit', () => {
    expect(decideReassignment(mentor, mentee, null, at).outcome).toBe('not-assigned');
    expect(decideReassignment(mentor, { ...mentee, learnerId: 'l-mentor' }, null, at).outcome).toBe('self');
    expect(
      decideReassignment(mentor, { ...mentee, withinMentorUnit: false }, assignmentTo('m-2'), at).outcome,
    ).toBe('outside-unit');
  });
});

describe(actsAsOtherMentor.name, () => {
  it('lets officers act for any mentor and a mentor’s account for its own record only', () => {
    expect(actsAsOtherMentor({ sub: 'o', roles: ['unit-officer'] }, mentor)).toBe(false);
    expect(actsAsOtherMentor({ sub: 'mentor-03388-01', roles: ['mentor'] }, mentor)).toBe(false);
    expect(actsAsOtherMentor({ sub: 'someone', roles: ['mentor'] }, mentor)).toBe(true);
    expect(actsAsOtherMentor({ sub: 'someone', roles: ['mentor'] }, { ...mentor, account: null })).toBe(true);
  });
});
