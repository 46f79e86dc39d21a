import { XapiBadRequestError } from './xapi.errors';

/** A JSON object as it arrives: checked by `checkStatement` before anything reads it as a statement. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export const XAPI_VERSION = '1.0.3';
export const VERBS = {
  voided: 'http://adlnet.gov/expapi/verbs/voided',
  completed: 'http://adlnet.gov/expapi/verbs/completed',
  passed: 'http://adlnet.gov/expapi/verbs/passed',
  progressed: 'http://adlnet.gov/expapi/verbs/progressed',
} as const;
/** The cmi5 progress extension (0-100), the one result extension `progressed` is read from. */
export const PROGRESS_EXTENSION = 'https://w3id.org/xapi/cmi5/result/extensions/progress';
export const SIGNATURE_USAGE = 'http://adlnet.gov/expapi/attachments/signature';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const IRI = /^[a-z][a-z0-9+.-]*:[^\s<>"{}|\\^`]*$/i;
const IRL = /^[a-z][a-z0-9+.-]*:\/\/[^\s<>"{}|\\^`]+$/i;
const MAILTO = /^mailto:[^@\s]+@[^@\s]+$/i;
const SHA1 = /^[0-9a-f]{40}$/i;
const LANGUAGE_TAG =
  /^(?:[a-z]{2,3}(?:-[a-z]{3}){0,3}|[a-z]{4,8})(?:-[a-z]{4})?(?:-(?:[a-z]{2}|\d{3}))?(?:-(?:[a-z\d]{5,8}|\d[a-z\d]{3}))*(?:-[a-wyz\d](?:-[a-z\d]{2,8})+)*(?:-x(?:-[a-z\d]{1,8})+)?$|^x(?:-[a-z\d]{1,8})+$|^i-[a-z]+$/i;
const ISO_TIMESTAMP =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?$/i;
const ISO_DURATION =
  /^P(?:\d+(?:\.\d+)?W|(?=\d|T\d)(?:\d+(?:\.\d+)?Y)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?D)?(?:T(?=\d)(?:\d+(?:\.\d+)?H)?(?:\d+(?:\.\d+)?M)?(?:\d+(?:\.\d+)?S)?)?)$/;
const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
];
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'];
const CONTEXT_ACTIVITY_KINDS = ['parent', 'grouping', 'category', 'other'];

const isObject = (v: Json | undefined): v is JsonObject =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const fail = (field: string, message: string): never => {
  throw new XapiBadRequestError(field, message);
};

function object(v: Json | undefined, field: string, allowed: readonly string[]): JsonObject {
  if (!isObject(v)) return fail(field, 'must be a JSON object');
  for (const key of Object.keys(v)) {
    if (!allowed.includes(key)) fail(`${field}.${key}`, 'is not a property of this object');
    if (v[key] === null) fail(`${field}.${key}`, 'must not be null');
  }
  return v;
}

function string(v: Json | undefined, field: string): string {
  if (typeof v !== 'string') return fail(field, 'must be a string');
  return v;
}

function iri(v: Json | undefined, field: string): string {
  const s = string(v, field);
  if (!IRI.test(s)) fail(field, 'must be an IRI');
  return s;
}

function irl(v: Json | undefined, field: string): string {
  const s = string(v, field);
  if (!IRL.test(s)) fail(field, 'must be an IRL (an absolute URL)');
  return s;
}

export function isUuid(v: unknown): v is string {
  return typeof v === 'string' && UUID.test(v);
}

function uuid(v: Json | undefined, field: string): string {
  if (!isUuid(v)) return fail(field, 'must be a UUID');
  return v as string;
}

function languageMap(v: Json | undefined, field: string): void {
  if (!isObject(v)) return fail(field, 'must be a language map');
  for (const [tag, text] of Object.entries(v)) {
    if (!LANGUAGE_TAG.test(tag)) fail(`${field}.${tag}`, 'is not an RFC 5646 language tag');
    if (typeof text !== 'string') fail(`${field}.${tag}`, 'must be a string');
  }
}

function extensions(v: Json | undefined, field: string): void {
  if (!isObject(v)) return fail(field, 'must be an object');
  for (const key of Object.keys(v)) if (!IRI.test(key)) fail(`${field}.${key}`, 'keys must be IRIs');
}

export function isTimestamp(v: unknown): v is string {
  if (typeof v !== 'string' || !ISO_TIMESTAMP.test(v)) return false;
  // RFC 3339 forbids the "unknown local offset" -00:00.
  if (/-00:?00$|-00$/.test(v)) return false;
  return !Number.isNaN(Date.parse(/(Z|[+-]\d{2}(:?\d{2})?)$/i.test(v) ? v : `${v}Z`));
}

function timestamp(v: Json | undefined, field: string): string {
  if (!isTimestamp(v)) return fail(field, 'must be an ISO 8601 timestamp');
  return v as string;
}

const IFIS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

function checkIfis(v: JsonObject, field: string): number {
  const present = IFIS.filter((k) => v[k] !== undefined);
  if (present.length > 1) fail(field, 'must have at most one inverse functional identifier');
  if (v['mbox'] !== undefined && !MAILTO.test(string(v['mbox'], `${field}.mbox`)))
    fail(`${field}.mbox`, 'must be a mailto: IRI');
  if (v['mbox_sha1sum'] !== undefined && !SHA1.test(string(v['mbox_sha1sum'], `${field}.mbox_sha1sum`)))
    fail(`${field}.mbox_sha1sum`, 'must be a hex SHA-1');
  if (v['openid'] !== undefined) iri(v['openid'], `${field}.openid`);
  if (v['account'] !== undefined) {
    const account = object(v['account'], `${field}.account`, ['homePage', 'name']);
    irl(account['homePage'], `${field}.account.homePage`);
    string(account['name'], `${field}.account.name`);
  }
  if (v['name'] !== undefined) string(v['name'], `${field}.name`);
  return present.length;
}

const AGENT_KEYS = ['objectType', 'name', ...IFIS];

export function checkAgent(v: Json | undefined, field: string): JsonObject {
  const agent = object(v, field, AGENT_KEYS);
  if (agent['objectType'] !== undefined && agent['objectType'] !== 'Agent')
    fail(`${field}.objectType`, 'must be Agent');
  if (checkIfis(agent, field) !== 1) fail(field, 'an Agent needs exactly one inverse functional identifier');
  return agent;
}

function checkGroup(v: Json | undefined, field: string): JsonObject {
  const group = object(v, field, [...AGENT_KEYS, 'member']);
  if (group['objectType'] !== 'Group') fail(`${field}.objectType`, 'must be Group');
  const ifis = checkIfis(group, field);
  if (group['member'] !== undefined) {
    if (!Array.isArray(group['member'])) fail(`${field}.member`, 'must be an array of Agents');
    (group['member'] as Json[]).forEach((m, i) => checkAgent(m, `${field}.member.${i}`));
  }
  if (ifis === 0 && (!Array.isArray(group['member']) || group['member'].length === 0))
    fail(`${field}.member`, 'an anonymous Group needs members');
  return group;
}

export function checkActor(v: Json | undefined, field: string): JsonObject {
  if (isObject(v) && v['objectType'] === 'Group') return checkGroup(v, field);
  return checkAgent(v, field);
}

function checkVerb(v: Json | undefined, field: string): JsonObject {
  const verb = object(v, field, ['id', 'display']);
  iri(verb['id'], `${field}.id`);
  if (verb['display'] !== undefined) languageMap(verb['display'], `${field}.display`);
  return verb;
}

function checkDefinition(v: Json | undefined, field: string): void {
  const d = object(v, field, [
    'name',
    'description',
    'type',
    'moreInfo',
    'extensions',
    'interactionType',
    'correctResponsesPattern',
    ...COMPONENT_LISTS,
  ]);
  if (d['name'] !== undefined) languageMap(d['name'], `${field}.name`);
  if (d['description'] !== undefined) languageMap(d['description'], `${field}.description`);
  if (d['type'] !== undefined) iri(d['type'], `${field}.type`);
  if (d['moreInfo'] !== undefined) irl(d['moreInfo'], `${field}.moreInfo`);
  if (d['extensions'] !== undefined) extensions(d['extensions'], `${field}.extensions`);
  if (d['interactionType'] !== undefined && !INTERACTION_TYPES.includes(d['interactionType'] as string))
    fail(`${field}.interactionType`, 'must be an xAPI interaction type');
  if (d['correctResponsesPattern'] !== undefined) {
    if (d['interactionType'] === undefined)
      fail(`${field}.correctResponsesPattern`, 'needs an interactionType');
    if (!Array.isArray(d['correctResponsesPattern']))
      fail(`${field}.correctResponsesPattern`, 'must be an array of strings');
    (d['correctResponsesPattern'] as Json[]).forEach((p, i) =>
      string(p, `${field}.correctResponsesPattern.${i}`),
    );
  }
  for (const list of COMPONENT_LISTS) {
    if (d[list] === undefined) continue;
    if (d['interactionType'] === undefined) fail(`${field}.${list}`, 'needs an interactionType');
    if (!Array.isArray(d[list])) fail(`${field}.${list}`, 'must be an array of interaction components');
    const ids = new Set<string>();
    (d[list] as Json[]).forEach((c, i) => {
      const component = object(c, `${field}.${list}.${i}`, ['id', 'description']);
      const id = string(component['id'], `${field}.${list}.${i}.id`);
      if (ids.has(id)) fail(`${field}.${list}.${i}.id`, 'must be unique in the list');
      ids.add(id);
      if (component['description'] !== undefined)
        languageMap(component['description'], `${field}.${list}.${i}.description`);
    });
  }
}

function checkActivity(v: Json | undefined, field: string): JsonObject {
  const activity = object(v, field, ['objectType', 'id', 'definition']);
  if (activity['objectType'] !== undefined && activity['objectType'] !== 'Activity')
    fail(`${field}.objectType`, 'must be Activity');
  iri(activity['id'], `${field}.id`);
  if (activity['definition'] !== undefined) checkDefinition(activity['definition'], `${field}.definition`);
  return activity;
}

function checkStatementRef(v: Json | undefined, field: string): JsonObject {
  const ref = object(v, field, ['objectType', 'id']);
  uuid(ref['id'], `${field}.id`);
  return ref;
}

function checkObject(v: Json | undefined, field: string, inSubStatement: boolean): JsonObject {
  if (!isObject(v)) return fail(field, 'must be a JSON object');
  switch (v['objectType']) {
    case undefined:
    case 'Activity':
      return checkActivity(v, field);
    case 'Agent':
      return checkAgent(v, field);
    case 'Group':
      return checkGroup(v, field);
    case 'StatementRef':
      return checkStatementRef(v, field);
    case 'SubStatement':
      if (inSubStatement) fail(`${field}.objectType`, 'a SubStatement cannot contain a SubStatement');
      checkBody(v, field, true);
      return v;
    default:
      return fail(`${field}.objectType`, 'must be Activity, Agent, Group, StatementRef or SubStatement');
  }
}

function checkResult(v: Json | undefined, field: string): void {
  const result = object(v, field, ['score', 'success', 'completion', 'response', 'duration', 'extensions']);
  if (result['score'] !== undefined) {
    const score = object(result['score'], `${field}.score`, ['scaled', 'raw', 'min', 'max']);
    for (const k of ['scaled', 'raw', 'min', 'max'])
      if (score[k] !== undefined && typeof score[k] !== 'number')
        fail(`${field}.score.${k}`, 'must be a number');
    const { scaled, raw, min, max } = score as Record<string, number | undefined>;
    if (scaled !== undefined && (scaled < -1 || scaled > 1))
      fail(`${field}.score.scaled`, 'must be between -1 and 1');
    if (min !== undefined && max !== undefined && min >= max) fail(`${field}.score.min`, 'must be below max');
    if (raw !== undefined && min !== undefined && raw < min)
      fail(`${field}.score.raw`, 'must not be below min');
    if (raw !== undefined && max !== undefined && raw > max)
      fail(`${field}.score.raw`, 'must not be above max');
  }
  for (const k of ['success', 'completion'])
    if (result[k] !== undefined && typeof result[k] !== 'boolean') fail(`${field}.${k}`, 'must be a boolean');
  if (result['response'] !== undefined) string(result['response'], `${field}.response`);
  if (result['duration'] !== undefined && !ISO_DURATION.test(string(result['duration'], `${field}.duration`)))
    fail(`${field}.duration`, 'must be an ISO 8601 duration');
  if (result['extensions'] !== undefined) extensions(result['extensions'], `${field}.extensions`);
}

function checkContext(v: Json | undefined, field: string, objectIsActivity: boolean): void {
  const context = object(v, field, [
    'registration',
    'instructor',
    'team',
    'contextActivities',
    'revision',
    'platform',
    'language',
    'statement',
    'extensions',
  ]);
  if (context['registration'] !== undefined) uuid(context['registration'], `${field}.registration`);
  if (context['instructor'] !== undefined) checkActor(context['instructor'], `${field}.instructor`);
  if (context['team'] !== undefined) checkGroup(context['team'], `${field}.team`);
  if (context['contextActivities'] !== undefined) {
    const activities = object(
      context['contextActivities'],
      `${field}.contextActivities`,
      CONTEXT_ACTIVITY_KINDS,
    );
    for (const [kind, value] of Object.entries(activities)) {
      const list = Array.isArray(value) ? value : [value];
      list.forEach((a, i) => checkActivity(a, `${field}.contextActivities.${kind}.${i}`));
    }
  }
  for (const k of ['revision', 'platform']) {
    if (context[k] === undefined) continue;
    string(context[k], `${field}.${k}`);
    if (!objectIsActivity) fail(`${field}.${k}`, 'is only allowed when the object is an Activity');
  }
  if (
    context['language'] !== undefined &&
    !LANGUAGE_TAG.test(string(context['language'], `${field}.language`))
  )
    fail(`${field}.language`, 'must be an RFC 5646 language tag');
  if (context['statement'] !== undefined) {
    const ref = checkStatementRef(context['statement'], `${field}.statement`);
    if (ref['objectType'] !== 'StatementRef') fail(`${field}.statement.objectType`, 'must be StatementRef');
  }
  if (context['extensions'] !== undefined) extensions(context['extensions'], `${field}.extensions`);
}

function checkAttachments(v: Json | undefined, field: string): void {
  if (!Array.isArray(v)) return fail(field, 'must be an array');
  v.forEach((a, i) => {
    const f = `${field}.${i}`;
    const attachment = object(a, f, [
      'usageType',
      'display',
      'description',
      'contentType',
      'length',
      'sha2',
      'fileUrl',
    ]);
    iri(attachment['usageType'], `${f}.usageType`);
    languageMap(attachment['display'], `${f}.display`);
    if (attachment['description'] !== undefined) languageMap(attachment['description'], `${f}.description`);
    string(attachment['contentType'], `${f}.contentType`);
    if (!Number.isInteger(attachment['length']) || (attachment['length'] as number) < 0)
      fail(`${f}.length`, 'must be a non-negative integer');
    if (!/^[0-9a-f]{56,128}$/i.test(string(attachment['sha2'], `${f}.sha2`)))
      fail(`${f}.sha2`, 'must be a hex SHA-2');
    if (attachment['fileUrl'] !== undefined) irl(attachment['fileUrl'], `${f}.fileUrl`);
  });
}

/** actor, verb, object, result, context, timestamp, attachments: shared by statements and SubStatements. */
function checkBody(s: JsonObject, field: string, sub: boolean): void {
  const prefix = field ? `${field}.` : '';
  const allowed = ['actor', 'verb', 'object', 'result', 'context', 'timestamp', 'attachments'];
  object(
    s,
    field || 'statement',
    sub ? ['objectType', ...allowed] : ['id', 'stored', 'authority', 'version', ...allowed],
  );
  checkActor(s['actor'], `${prefix}actor`);
  checkVerb(s['verb'], `${prefix}verb`);
  const obj = checkObject(s['object'], `${prefix}object`, sub);
  if (s['result'] !== undefined) checkResult(s['result'], `${prefix}result`);
  if (s['context'] !== undefined)
    checkContext(
      s['context'],
      `${prefix}context`,
      obj['objectType'] === undefined || obj['objectType'] === 'Activity',
    );
  if (s['timestamp'] !== undefined) timestamp(s['timestamp'], `${prefix}timestamp`);
  if (s['attachments'] !== undefined) checkAttachments(s['attachments'], `${prefix}attachments`);
}

/** An Agent, or an anonymous Group of exactly two Agents (OAuth: the application and the user). */
function checkAuthority(v: Json): void {
  const authority = checkActor(v, 'authority');
  if (authority['objectType'] !== 'Group') return;
  if (IFIS.some((k) => authority[k] !== undefined)) fail('authority', 'a Group authority must be anonymous');
  if (!Array.isArray(authority['member']) || authority['member'].length !== 2)
    fail('authority.member', 'a Group authority has exactly two Agents');
}

/**
 * Refuses, naming the field, anything xAPI 1.0.3 does not allow in a statement: unknown or null
 * properties, bad IRIs, UUIDs, agents, language maps, scores, timestamps, durations, a voiding statement
 * without a StatementRef. What the LRS sets itself (`stored`, `authority`) may be present and is replaced.
 */
export function checkStatement(v: Json, field = 'statement'): JsonObject {
  if (!isObject(v)) return fail(field, 'must be a JSON object');
  checkBody(v, '', false);
  if (v['id'] !== undefined) uuid(v['id'], 'id');
  if (v['stored'] !== undefined) timestamp(v['stored'], 'stored');
  if (v['authority'] !== undefined) checkAuthority(v['authority']);
  if (v['version'] !== undefined && !/^1\.0(\.\d+)?$/.test(string(v['version'], 'version')))
    fail('version', 'must be a 1.0.x version');
  const verb = v['verb'] as JsonObject;
  const obj = v['object'] as JsonObject;
  if (verb['id'] === VERBS.voided && obj['objectType'] !== 'StatementRef')
    fail('object', 'a voiding statement must have a StatementRef object');
  return v;
}

/**
 * JSON with every object's keys sorted: two statements are the same content exactly when their canonical
 * JSON is (key order and number spelling, such as 1.0 and 1, do not matter).
 */
export function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (isObject(value))
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(value[k])}`)
      .join(',')}}`;
  return JSON.stringify(value);
}

/** The key an agent or identified group is filtered by: its one inverse functional identifier. */
export function ifiKey(agent: JsonObject): string | null {
  if (typeof agent['mbox'] === 'string') return `mbox:${agent['mbox'].toLowerCase()}`;
  if (typeof agent['mbox_sha1sum'] === 'string') return `mbox_sha1sum:${agent['mbox_sha1sum'].toLowerCase()}`;
  if (typeof agent['openid'] === 'string') return `openid:${agent['openid']}`;
  const account = agent['account'];
  if (isObject(account)) return accountKey(String(account['homePage']), String(account['name']));
  return null;
}

export function accountKey(homePage: string, name: string): string {
  return `account:${homePage}|${name}`;
}

function actorKeys(actor: JsonObject | undefined, withMembers: boolean): string[] {
  if (!actor) return [];
  const own = ifiKey(actor);
  const members =
    withMembers && Array.isArray(actor['member'])
      ? (actor['member'] as JsonObject[]).map(ifiKey).filter((k): k is string => k !== null)
      : [];
  return [...(own ? [own] : []), ...members];
}

function contextActivityIds(context: JsonObject | undefined): string[] {
  const activities = context?.['contextActivities'];
  if (!isObject(activities)) return [];
  return Object.values(activities).flatMap((value) =>
    (Array.isArray(value) ? value : [value]).map((a) => String((a as JsonObject)['id'])),
  );
}

/** What the filters of GET /statements match on, computed once when a statement is stored. */
export interface StatementIndex {
  verbId: string;
  objectId: string | null;
  voidingTarget: string | null;
  /** The statement a StatementRef object points at: filters also match statements referring to a match. */
  objectRef: string | null;
  registration: string | null;
  /** The actor and an agent object: `agent`. */
  agents: string[];
  /** Every agent anywhere: `agent` with `related_agents=true`. */
  relatedAgents: string[];
  /** The object activity: `activity`. */
  activities: string[];
  /** Every activity anywhere: `activity` with `related_activities=true`. */
  relatedActivities: string[];
  actorAccount: { homePage: string; name: string } | null;
}

export function indexStatement(s: JsonObject): StatementIndex {
  const actor = s['actor'] as JsonObject;
  const obj = s['object'] as JsonObject;
  const objectType = obj['objectType'] ?? 'Activity';
  const context = s['context'] as JsonObject | undefined;
  const sub = objectType === 'SubStatement' ? obj : undefined;
  const agentObject = objectType === 'Agent' || objectType === 'Group' ? obj : undefined;
  const agents = [...actorKeys(actor, false), ...actorKeys(agentObject, false)];
  const relatedAgents = [
    ...actorKeys(actor, true),
    ...actorKeys(agentObject, true),
    ...actorKeys(s['authority'] as JsonObject | undefined, true),
    ...actorKeys(context?.['instructor'] as JsonObject | undefined, true),
    ...actorKeys(context?.['team'] as JsonObject | undefined, true),
    ...(sub
      ? [
          ...actorKeys(sub['actor'] as JsonObject, true),
          ...(['Agent', 'Group'].includes(String((sub['object'] as JsonObject)['objectType']))
            ? actorKeys(sub['object'] as JsonObject, true)
            : []),
          ...actorKeys(
            (sub['context'] as JsonObject | undefined)?.['instructor'] as JsonObject | undefined,
            true,
          ),
          ...actorKeys((sub['context'] as JsonObject | undefined)?.['team'] as JsonObject | undefined, true),
        ]
      : []),
  ];
  const objectActivity = objectType === 'Activity' ? String(obj['id']) : null;
  const subActivity =
    sub && ((sub['object'] as JsonObject)['objectType'] ?? 'Activity') === 'Activity'
      ? String((sub['object'] as JsonObject)['id'])
      : null;
  const relatedActivities = [
    ...(objectActivity ? [objectActivity] : []),
    ...contextActivityIds(context),
    ...(subActivity ? [subActivity] : []),
    ...contextActivityIds(sub?.['context'] as JsonObject | undefined),
  ];
  const account = isObject(actor['account']) ? actor['account'] : null;
  return {
    verbId: String((s['verb'] as JsonObject)['id']),
    objectId: objectType === 'Activity' || objectType === 'StatementRef' ? String(obj['id']) : null,
    voidingTarget:
      (s['verb'] as JsonObject)['id'] === VERBS.voided && objectType === 'StatementRef'
        ? String(obj['id'])
        : null,
    objectRef: objectType === 'StatementRef' ? String(obj['id']).toLowerCase() : null,
    registration:
      typeof context?.['registration'] === 'string' ? context['registration'].toLowerCase() : null,
    agents: [...new Set(agents)],
    relatedAgents: [...new Set(relatedAgents)],
    activities: objectActivity ? [objectActivity] : [],
    relatedActivities: [...new Set(relatedActivities)],
    actorAccount: account ? { homePage: String(account['homePage']), name: String(account['name']) } : null,
  };
}

/**
 * The statement as stored: the LRS sets `id` (if absent), `stored`, `authority`, `version` and
 * `timestamp` (if absent), as xAPI 1.0.3 says.
 */
export function completeStatement(
  s: JsonObject,
  id: string,
  stored: Date,
  authority: JsonObject,
): JsonObject {
  const storedText = stored.toISOString();
  return {
    ...withActivityArrays(s),
    id,
    timestamp: (s['timestamp'] as string | undefined) ?? storedText,
    stored: storedText,
    authority,
    version: (s['version'] as string | undefined) ?? '1.0.0',
  };
}

/** Context activities are stored as arrays, whichever form they came in. */
function withActivityArrays(s: JsonObject): JsonObject {
  const context = s['context'];
  const object = s['object'] as JsonObject;
  const out: JsonObject = { ...s };
  if (isObject(context) && isObject(context['contextActivities'])) {
    const activities: JsonObject = {};
    for (const [k, v] of Object.entries(context['contextActivities']))
      activities[k] = Array.isArray(v) ? v : [v];
    out['context'] = { ...context, contextActivities: activities };
  }
  if (object['objectType'] === 'SubStatement') out['object'] = withActivityArrays(object);
  return out;
}

export type StatementFormat = 'exact' | 'ids' | 'canonical';

function agentIds(agent: JsonObject): JsonObject {
  const out: JsonObject = {};
  if (agent['objectType'] !== undefined) out['objectType'] = agent['objectType'];
  for (const k of IFIS) if (agent[k] !== undefined) out[k] = agent[k];
  if (Array.isArray(agent['member']) && ifiKey(agent) === null)
    out['member'] = (agent['member'] as JsonObject[]).map((m) => agentIds(m));
  return out;
}

function objectIds(obj: JsonObject): JsonObject {
  const type = obj['objectType'] ?? 'Activity';
  if (type === 'Agent' || type === 'Group') return agentIds(obj);
  if (type === 'SubStatement') return bodyIds(obj);
  if (type === 'StatementRef') return { objectType: 'StatementRef', id: obj['id'] as string };
  return { id: obj['id'] as string };
}

function bodyIds(s: JsonObject): JsonObject {
  const out: JsonObject = { ...s };
  out['actor'] = agentIds(s['actor'] as JsonObject);
  out['verb'] = { id: (s['verb'] as JsonObject)['id'] as string };
  out['object'] = objectIds(s['object'] as JsonObject);
  if (s['authority']) out['authority'] = agentIds(s['authority'] as JsonObject);
  const context = s['context'] as JsonObject | undefined;
  if (context) {
    const c: JsonObject = { ...context };
    if (context['instructor']) c['instructor'] = agentIds(context['instructor'] as JsonObject);
    if (context['team']) c['team'] = agentIds(context['team'] as JsonObject);
    if (isObject(context['contextActivities'])) {
      const ca: JsonObject = {};
      for (const [k, v] of Object.entries(context['contextActivities']))
        ca[k] = (Array.isArray(v) ? v : [v]).map((a) => objectIds(a as JsonObject));
      c['contextActivities'] = ca;
    }
    out['context'] = c;
  }
  return out;
}

/** One entry of a language map: the first of the caller's languages it has, else its first entry. */
function pickLanguage(map: JsonObject, languages: readonly string[]): JsonObject {
  const tags = Object.keys(map);
  for (const wanted of languages) {
    const w = wanted.toLowerCase();
    const tag =
      tags.find((t) => t.toLowerCase() === w) ??
      tags.find((t) => t.toLowerCase().split('-')[0] === w.split('-')[0]);
    if (tag) return { [tag]: map[tag] };
  }
  return tags.length > 0 ? { [tags[0]]: map[tags[0]] } : {};
}

const LANGUAGE_MAPS = new Set(['display', 'name', 'description']);

/** Every language map in the statement reduced to one language (canonical format). */
function canonical(value: Json, languages: readonly string[], key = ''): Json {
  if (Array.isArray(value)) return value.map((v) => canonical(v, languages));
  if (!isObject(value)) return value;
  if (LANGUAGE_MAPS.has(key) && Object.values(value).every((v) => typeof v === 'string'))
    return pickLanguage(value, languages);
  const out: JsonObject = {};
  for (const [k, v] of Object.entries(value))
    out[k] = k === 'extensions' || k === 'account' ? v : canonical(v, languages, k);
  return out;
}

/**
 * `format=ids` keeps identifiers only; `canonical` keeps one language of each language map (the
 * caller's Accept-Language first); `exact` gives the statement as stored.
 */
export function formatStatement(
  s: JsonObject,
  format: StatementFormat,
  languages: readonly string[] = [],
): JsonObject {
  if (format === 'ids') return bodyIds(s);
  if (format === 'canonical') return canonical(s, languages) as JsonObject;
  return s;
}

/** The languages of an Accept-Language header, by preference. */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => /^\s*q=([\d.]+)/.exec(p)?.[1]).find((x) => x !== undefined);
      return { tag: tag.trim(), q: q === undefined ? 1 : Number(q) };
    })
    .filter((l) => l.tag && l.tag !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q)
    .map((l) => l.tag);
}

/** An activity's definition from every statement that used it: language maps merged, the latest wins. */
export function mergeActivity(id: string, objects: readonly JsonObject[]): JsonObject {
  const definition: JsonObject = {};
  for (const obj of objects) {
    const d = obj['definition'];
    if (!isObject(d)) continue;
    for (const [k, v] of Object.entries(d)) {
      const before = definition[k];
      const mergeable = k === 'name' || k === 'description' || k === 'extensions';
      definition[k] = mergeable && isObject(before) && isObject(v) ? { ...before, ...v } : v;
    }
  }
  return { objectType: 'Activity', id, ...(Object.keys(definition).length > 0 ? { definition } : {}) };
}
