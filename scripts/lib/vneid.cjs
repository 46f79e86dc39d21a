// Synthetic VNeID adapter: signed certification events, as the police's adapter sends them.
const crypto = require('node:crypto');

/** A stable UUID from a seed, so that re-sending the same synthetic event is recognised as a resend. */
function uuidFrom(seed) {
  const h = crypto.createHash('sha256').update(seed).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** A well-formed synthetic citizen ID: birth province 012 (Lai Châu), century/sex digit, year, serial. */
function syntheticCitizenId(index, dateOfBirth, sex) {
  const year = Number(dateOfBirth.slice(0, 4));
  const centuryDigit = (year >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0);
  return `012${centuryDigit}${dateOfBirth.slice(2, 4)}${String(index % 1_000_000).padStart(6, '0')}`;
}

function syntheticCertification({
  index,
  unitCode,
  runId = 'demo',
  occurredAt,
  programme = 'CITIZEN_BASIC',
}) {
  const year = 1950 + (index % 55);
  const dateOfBirth = `${year}-${String(1 + (index % 12)).padStart(2, '0')}-${String(1 + (index % 28)).padStart(2, '0')}`;
  const sex = index % 2 === 0 ? 'male' : 'female';
  return {
    eventId: uuidFrom(`${runId}:certified:${index}`),
    type: 'CERTIFIED',
    occurredAt,
    citizenId: syntheticCitizenId(index, dateOfBirth, sex),
    fullName: `Người học thử nghiệm ${index}`,
    dateOfBirth,
    unitCode,
    programme,
    certificateNo: `SYNTHETIC-${runId}-${String(index).padStart(7, '0')}`,
  };
}

function revocationOf(certification, runId, occurredAt) {
  return {
    ...certification,
    eventId: uuidFrom(`${runId}:revoked:${certification.certificateNo}`),
    type: 'REVOKED',
    occurredAt,
    reason: 'synthetic revocation',
  };
}

function sign(body, secret) {
  return `sha256=${crypto.createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** POSTs one event to receiveVneidEvent; resolves with the HTTP status. */
async function pushEvent(baseUrl, event, { token, secret }) {
  const body = JSON.stringify(event);
  const res = await fetch(`${baseUrl}/api/v1/certification/vneid-events`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      'x-vneid-signature': sign(body, secret),
    },
    body,
  });
  await res.arrayBuffer();
  return res.status;
}

/** Pushes all events with at most `concurrency` in flight; returns the count per status. */
async function pushAll(baseUrl, events, options, concurrency = 32) {
  const statuses = {};
  let next = 0;
  async function worker() {
    while (next < events.length) {
      const event = events[next++];
      let status;
      for (let attempt = 0; ; attempt++) {
        try {
          status = await pushEvent(baseUrl, event, options);
        } catch (error) {
          status = 'network-error';
        }
        // A service restarting behind the gateway answers 502/503: the adapter retries, as VNeID would.
        if (![502, 503, 'network-error'].includes(status) || attempt >= 50) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, events.length) }, worker));
  return statuses;
}

module.exports = {
  uuidFrom,
  syntheticCitizenId,
  syntheticCertification,
  revocationOf,
  sign,
  pushEvent,
  pushAll,
};
