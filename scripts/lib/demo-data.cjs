// The demo dataset of `npm start`: synthetic learners of every target group and certifications spread
// over Lai Châu's communes, and synthetic official denominators. Every record is marked SYNTHETIC (names
// "Người học thử nghiệm"); loading twice changes nothing (the registry refuses a citizen ID it holds).
const { mintDevToken } = require('./dev-keys.cjs');
const { pushAll, revocationOf, syntheticCertification } = require('./vneid.cjs');

async function api(baseUrl, token, method, path, body) {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function communesOf(baseUrl, token) {
  for (let attempt = 0; attempt < 60; attempt++) {
    const units = await api(baseUrl, token, 'GET', '/api/v1/learners/units?map=2025');
    const communes = units.filter((u) => u.type === 'commune' || u.type === 'ward');
    if (communes.length > 0) return communes;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('no communes listed by the learners service');
}

// Lai Châu's larger communities first (Thái, HMông, Dao), then Kinh and the smaller groups of the province.
const ETHNICITIES = ['03', '08', '03', '08', '09', '01', '25', '35', '42', '45', '48', '50'];
const LEVELS = ['PRIMARY', 'LOWER_SECONDARY', 'UPPER_SECONDARY', 'VOCATIONAL', 'HIGHER_EDUCATION'];

/** A registry row for the synthetic person `index`: groups by age, a spread of traits. */
function learnerRow(index, unitCode) {
  const person = syntheticCertification({ index, unitCode, occurredAt: '2025-01-01T00:00:00Z' });
  const year = Number(person.dateOfBirth.slice(0, 4));
  const groups = ['CITIZEN'];
  if (year >= 1996 && index % 3 === 0) groups.push('STUDENT');
  else if (index % 7 === 1) groups.push('PUBLIC_SECTOR');
  else if (index % 7 === 2) groups.push('ENTERPRISE_WORKER');
  return [
    person.citizenId,
    person.fullName,
    person.dateOfBirth,
    index % 2 === 0 ? 'male' : 'female',
    ETHNICITIES[index % ETHNICITIES.length],
    unitCode,
    groups.join(';'),
    groups.includes('STUDENT') ? LEVELS[index % LEVELS.length] : '',
    String(index % 23 === 0),
    String(index % 9 === 0),
  ].join(',');
}

/** Registers the certified people and as many again without a certificate, in one importLearners call. */
async function importLearners(baseUrl, token, communes, count) {
  const header =
    'citizenId,fullName,dateOfBirth,sex,ethnicity,unitCode,groups,studentLevel,disability,poorHousehold';
  const rows = [];
  for (let i = 0; i < count * 2; i++) rows.push(learnerRow(i, communes[i % communes.length].code));
  const res = await fetch(`${baseUrl}/api/v1/learners/learners/import`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
    body: [header, ...rows].join('\n'),
  });
  if (!res.ok) throw new Error(`importLearners: ${res.status} ${await res.text()}`);
  return (await res.json()).accepted;
}

/**
 * Certification refuses a unit the registry has not announced to it yet (400 naming unitCode): right after
 * the start, wait until one event goes through.
 */
async function untilCertificationKnowsUnits(baseUrl, event, auth) {
  for (let attempt = 0; attempt < 120; attempt++) {
    const statuses = await pushAll(baseUrl, [event], auth);
    if (!statuses['400']) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('certification does not know the units after 60 s');
}

async function loadDemoData(baseUrl, { secret, count = 3000 }) {
  const admin = mintDevToken({ sub: 'demo-loader', roles: ['province-admin'] });
  const adapter = mintDevToken({ sub: 'demo-vneid-adapter', roles: ['vneid-adapter'] });
  const communes = await communesOf(baseUrl, admin);
  const events = [];
  for (let i = 0; i < count; i++) {
    const month = 1 + (i % 10);
    const occurredAt = `2025-${String(month).padStart(2, '0')}-15T03:00:00Z`;
    const certification = syntheticCertification({
      index: i,
      unitCode: communes[i % communes.length].code,
      occurredAt,
    });
    events.push(certification);
    // About 2 % are revoked a month later, so the demo shows revocations stop counting.
    if (i % 50 === 7)
      events.push(
        revocationOf(certification, 'demo', `2025-${String(month + 1).padStart(2, '0')}-20T03:00:00Z`),
      );
  }
  const certified = events.filter((e) => e.type === 'CERTIFIED');
  await untilCertificationKnowsUnits(baseUrl, certified[0], { token: adapter, secret });
  const revoked = events.filter((e) => e.type === 'REVOKED');
  const statuses = { ...(await pushAll(baseUrl, certified, { token: adapter, secret })) };
  for (const [status, n] of Object.entries(await pushAll(baseUrl, revoked, { token: adapter, secret }))) {
    statuses[status] = (statuses[status] ?? 0) + n;
  }
  const learners = await importLearners(baseUrl, admin, communes, count);
  // Synthetic populations per commune and group (the official figures come from the units themselves).
  const sizes = { c: 3000, a: 120, b: 900, dd: 300 };
  for (const [indicator, base] of Object.entries(sizes)) {
    const values = communes.map((c, i) => ({ unitCode: c.code, value: base + ((i * 7919) % (base * 3)) }));
    for (const year of [2025, 2026])
      await api(baseUrl, admin, 'PUT', '/api/v1/reporting/denominators', { year, indicator, values });
  }
  return {
    communes: communes.length,
    learners,
    certifications: certified.length,
    revocations: revoked.length,
    statuses,
  };
}

module.exports = { loadDemoData };
