// The demo dataset of `npm start`: synthetic certifications spread over Lai Châu's communes and
// synthetic official denominators. Every record is marked SYNTHETIC; loading twice changes nothing.
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
  const revoked = events.filter((e) => e.type === 'REVOKED');
  const statuses = { ...(await pushAll(baseUrl, certified, { token: adapter, secret })) };
  for (const [status, n] of Object.entries(await pushAll(baseUrl, revoked, { token: adapter, secret }))) {
    statuses[status] = (statuses[status] ?? 0) + n;
  }
  // Synthetic adult populations per commune (the official figures come from the units themselves).
  const values = communes.map((c, i) => ({ unitCode: c.code, value: 3000 + ((i * 7919) % 9000) }));
  for (const year of [2025, 2026])
    await api(baseUrl, admin, 'PUT', '/api/v1/reporting/denominators', { year, indicator: 'c', values });
  return {
    communes: communes.length,
    certifications: certified.length,
    revocations: revoked.length,
    statuses,
  };
}

module.exports = { loadDemoData };
