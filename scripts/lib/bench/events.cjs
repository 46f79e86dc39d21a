// Synthetic VNeID certifications of citizens the bench's databases have never seen, so that each one
// adds exactly 1 to the province's numerator, and their signed webhook requests.
'use strict';

const crypto = require('node:crypto');
const { Pool } = require('pg');
const { sign, syntheticCertification, syntheticCitizenId } = require('../vneid.cjs');
const { log, pgServerUrl } = require('./util.cjs');
const { DB_PREFIX } = require('./platform.cjs');

const WEBHOOK_PATH = '/api/v1/certification/vneid-events';

/** The platform's blind index of a citizen ID: the learner key, also the contract's Kafka key. */
const learnerKeyOf = (citizenId, hashKey) =>
  crypto.createHmac('sha256', hashKey).update(citizenId).digest('hex');

/**
 * n certifications of new citizens: a learner already certified for the programme would be a duplicate
 * (no event) and would not move the numerator. syntheticCertification fixes year of birth and sex from
 * i mod 110, so the citizen ID serial is seed + i/110, with a seed checked against both databases.
 * Births 1950-2004, occurredAt the 15th of a month of 2025, spread over the communes.
 */
async function newCitizens({ n, runId, communes, hashKey }) {
  const span = Math.ceil(n / 110) + 1;
  if (span > 400_000) throw new Error('too many events for the synthetic citizen ID space');
  const cert = new Pool({ connectionString: `${pgServerUrl()}/${DB_PREFIX}_certification`, max: 1 });
  const rep = new Pool({ connectionString: `${pgServerUrl()}/${DB_PREFIX}_reporting`, max: 1 });
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      // Above the demo data's and e2e suite's serials (0 .. ~400k from index-based IDs).
      const seed = 500_000 + crypto.randomInt(0, 1_000_000 - 500_000 - span);
      const events = [];
      for (let i = 0; i < n; i++) {
        const e = syntheticCertification({
          index: i,
          unitCode: communes[i % communes.length].code,
          runId,
          occurredAt: `2025-${String(1 + (i % 10)).padStart(2, '0')}-15T03:00:00Z`,
        });
        e.citizenId = syntheticCitizenId(
          seed + Math.floor(i / 110),
          e.dateOfBirth,
          i % 2 === 0 ? 'male' : 'female',
        );
        events.push(e);
      }
      const keys = events.map((e) => learnerKeyOf(e.citizenId, hashKey));
      if (new Set(keys).size !== n) throw new Error('synthetic citizen IDs are not unique');
      const [{ rows: c }, { rows: r }] = await Promise.all([
        cert.query('SELECT count(*)::int AS n FROM certificate WHERE learner_key = ANY($1)', [keys]),
        rep.query('SELECT count(*)::int AS n FROM qualification WHERE learner_key = ANY($1)', [keys]),
      ]);
      if (c[0].n === 0 && r[0].n === 0) return { events, keys, seed };
      log(`citizen seed ${seed} overlaps ${c[0].n + r[0].n} known learners; drawing another`);
    }
    throw new Error('could not find unused synthetic citizen IDs');
  } finally {
    await Promise.all([cert.end(), rep.end()]);
  }
}

/** Each event's own body and HMAC-SHA256 signature over exactly those bytes, prepared before any clock. */
function signedRequests(events, { token, secret }) {
  return events.map((e) => {
    const body = Buffer.from(JSON.stringify(e));
    return {
      body,
      headers: {
        'content-type': 'application/json',
        'content-length': String(body.length),
        authorization: `Bearer ${token}`,
        'x-vneid-signature': sign(body, secret),
      },
    };
  });
}

module.exports = { WEBHOOK_PATH, learnerKeyOf, newCitizens, signedRequests };
