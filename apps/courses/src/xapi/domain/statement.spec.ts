import {
  type Json,
  type JsonObject,
  VERBS,
  acceptedLanguages,
  canonicalJson,
  checkStatement,
  completeStatement,
  formatStatement,
  indexStatement,
  mergeActivity,
} from './statement';
import { XapiBadRequestError } from './xapi.errors';

const base = (): JsonObject => ({
  actor: { objectType: 'Agent', account: { homePage: 'https://mooc.vn', name: 'u1' } },
  verb: {
    id: 'http://adlnet.gov/expapi/verbs/experienced',
    display: { 'en-US': 'experienced', vi: 'đã xem' },
  },
  object: { id: 'https://mooc.vn/courses/c1', definition: { name: { 'en-US': 'Course', vi: 'Khoá học' } } },
});

function fieldOf(statement: Json): string {
  try {
    checkStatement(statement);
  } catch (error) {
    if (error instanceof XapiBadRequestError) return (error.extra['errors'] as { field: string }[])[0].field;
    throw error;
  }
  return 'accepted';
}

describe(checkStatement.name, () => {
  it('accepts a minimal statement and a group actor with members', () => {
    expect(fieldOf(base())).toBe('accepted');
    const group = { objectType: 'Group', member: [{ mbox: 'mailto:a@b.vn' }] };
    expect(fieldOf({ ...base(), actor: group })).toBe('accepted');
  });

  it.each([
    ['an unknown property', { ...base(), extra: 1 }, 'statement.extra'],
    ['a null', { ...base(), result: null }, 'statement.result'],
    ['an invalid verb IRI', { ...base(), verb: { id: 'experienced' } }, 'verb.id'],
    [
      'an agent with two identifiers',
      { ...base(), actor: { mbox: 'mailto:a@b.vn', openid: 'https://id.vn/a' } },
      'actor',
    ],
    ['an mbox that is not mailto', { ...base(), actor: { mbox: 'a@b.vn' } }, 'actor.mbox'],
    [
      'a name that is not a language map',
      { ...base(), object: { id: 'https://x.vn', definition: { name: 'x' } } },
      'object.definition.name',
    ],
    ['a scaled score above 1', { ...base(), result: { score: { scaled: 1.5 } } }, 'result.score.scaled'],
    [
      'a raw score above max',
      { ...base(), result: { score: { raw: 11, min: 0, max: 10 } } },
      'result.score.raw',
    ],
    ['a bad duration', { ...base(), result: { duration: 'PT1H2X' } }, 'result.duration'],
    ['a -00:00 timestamp', { ...base(), timestamp: '2025-10-01T08:00:00-00:00' }, 'timestamp'],
    [
      'a registration that is not a UUID',
      { ...base(), context: { registration: 'r1' } },
      'context.registration',
    ],
    [
      'revision when the object is an agent',
      { ...base(), object: { objectType: 'Agent', mbox: 'mailto:a@b.vn' }, context: { revision: '1' } },
      'context.revision',
    ],
    ['a voiding statement without a StatementRef', { ...base(), verb: { id: VERBS.voided } }, 'object'],
    [
      'a SubStatement inside a SubStatement',
      {
        ...base(),
        object: { objectType: 'SubStatement', ...base(), object: { objectType: 'SubStatement', ...base() } },
      },
      'object.object.objectType',
    ],
    [
      'a Group authority of three',
      {
        ...base(),
        authority: {
          objectType: 'Group',
          member: [{ mbox: 'mailto:a@b.vn' }, { mbox: 'mailto:b@b.vn' }, { mbox: 'mailto:c@b.vn' }],
        },
      },
      'authority.member',
    ],
    [
      'correctResponsesPattern without an interactionType',
      { ...base(), object: { id: 'https://x.vn', definition: { correctResponsesPattern: ['a'] } } },
      'object.definition.correctResponsesPattern',
    ],
  ])('refuses %s, naming the field', (_what, statement, field) => {
    expect(fieldOf(statement as Json)).toBe(field);
  });
});

describe(completeStatement.name, () => {
  it('sets id, stored, authority, version and a missing timestamp, and stores context activities as arrays', () => {
    const stored = new Date('2025-10-01T08:00:00Z');
    const authority = { objectType: 'Agent', account: { homePage: 'https://lrs', name: 'k' } };
    const s = completeStatement(
      { ...base(), context: { contextActivities: { parent: { id: 'https://mooc.vn/p' } } } },
      'id-1',
      stored,
      authority,
    );
    expect(s).toMatchObject({
      id: 'id-1',
      stored: stored.toISOString(),
      timestamp: stored.toISOString(),
      version: '1.0.0',
      authority,
    });
    expect((s['context'] as JsonObject)['contextActivities']).toEqual({
      parent: [{ id: 'https://mooc.vn/p' }],
    });
  });
});

describe(indexStatement.name, () => {
  it('keys agents by identifier and keeps the actor account for linking', () => {
    const index = indexStatement({ ...base(), context: { instructor: { mbox: 'mailto:T@b.vn' } } });
    expect(index.agents).toEqual(['account:https://mooc.vn|u1']);
    expect(index.relatedAgents).toEqual(['account:https://mooc.vn|u1', 'mbox:mailto:t@b.vn']);
    expect(index.activities).toEqual(['https://mooc.vn/courses/c1']);
    expect(index.actorAccount).toEqual({ homePage: 'https://mooc.vn', name: 'u1' });
  });
});

describe(formatStatement.name, () => {
  it('keeps identifiers only with ids, and one language per map with canonical', () => {
    expect(formatStatement(base(), 'ids')).toEqual({
      actor: { objectType: 'Agent', account: { homePage: 'https://mooc.vn', name: 'u1' } },
      verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
      object: { id: 'https://mooc.vn/courses/c1' },
    });
    const canonical = formatStatement(base(), 'canonical', acceptedLanguages('vi-VN, en;q=0.5'));
    expect((canonical['verb'] as JsonObject)['display']).toEqual({ vi: 'đã xem' });
  });
});

describe(mergeActivity.name, () => {
  it('merges the language maps of every definition seen', () => {
    const merged = mergeActivity('https://x.vn', [
      { id: 'https://x.vn', definition: { name: { vi: 'Bài 1' } } },
      {
        id: 'https://x.vn',
        definition: { name: { 'en-US': 'Lesson 1' }, type: 'http://adlnet.gov/expapi/activities/lesson' },
      },
    ]);
    expect(merged).toEqual({
      objectType: 'Activity',
      id: 'https://x.vn',
      definition: {
        name: { vi: 'Bài 1', 'en-US': 'Lesson 1' },
        type: 'http://adlnet.gov/expapi/activities/lesson',
      },
    });
  });
});

describe(canonicalJson.name, () => {
  it('is the same for the same content whatever the key order or number spelling', () => {
    expect(canonicalJson(JSON.parse('{"b":1.0,"a":{"y":[1,{"d":2,"c":3}],"x":"é"}}'))).toBe(
      canonicalJson(JSON.parse('{"a":{"x":"é","y":[1,{"c":3,"d":2}]},"b":1}')),
    );
    expect(canonicalJson({ a: [1, 2] })).not.toBe(canonicalJson({ a: [2, 1] }));
  });
});
