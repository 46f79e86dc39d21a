// HTTP for the load generator (node:http over a keep-alive agent: cheaper than fetch on two cores) and
// the indicator reads.
'use strict';

const http = require('node:http');
const { HOST } = require('./util.cjs');

const PROVINCE = '12';

// Below Node's default server keepAliveTimeout (5 s), as the gateway's upstream pool: a socket idle that
// long is dropped instead of reused just as the server closes it (a network error at the client).
const FREE_SOCKET_TIMEOUT_MS = 4_000;

function keepAliveAgent(sockets) {
  return new http.Agent({
    keepAlive: true,
    maxSockets: sockets,
    maxFreeSockets: sockets,
    timeout: FREE_SOCKET_TIMEOUT_MS,
  });
}

/** Opens `sockets` connections (one health request each) so that connection set-up is not timed. */
function warmUp(agent, port, sockets) {
  return Promise.all(
    Array.from(
      { length: sockets },
      () =>
        new Promise((resolve) => {
          const req = http.get({ host: HOST, port, path: '/health/ready', agent }, (res) => {
            res.resume();
            res.once('end', resolve);
          });
          req.once('error', resolve);
        }),
    ),
  );
}

/** POSTs a prepared body; resolves with the status code, 'timeout' or 'network-error'. */
function postRaw(agent, port, urlPath, headers, body) {
  return new Promise((resolve) => {
    const req = http.request({ host: HOST, port, path: urlPath, method: 'POST', headers, agent }, (res) => {
      res.resume();
      res.once('end', () => resolve(res.statusCode));
      res.once('error', () => resolve('network-error'));
    });
    req.setTimeout(60_000, () => req.destroy(new Error('timeout')));
    req.once('error', (e) => resolve(e.message === 'timeout' ? 'timeout' : 'network-error'));
    req.end(body);
  });
}

async function getJson(url, token) {
  const res = await fetch(url, {
    headers: { authorization: `Bearer ${token}` },
    signal: AbortSignal.timeout(30_000),
  });
  const text = await res.text();
  return { status: res.status, body: res.ok && text ? JSON.parse(text) : text };
}

/** Indicator d (certified learners) of the province for 2025: every new certified citizen adds 1. */
async function provinceD(gateway, token) {
  const { status, body } = await getJson(
    `${gateway}/api/v1/reporting/indicators?unit=${PROVINCE}&period=2025&indicator=d`,
    token,
  );
  if (status !== 200)
    throw new Error(`indicators for ${PROVINCE}: HTTP ${status} ${String(body).slice(0, 200)}`);
  return { numerator: body[0].numerator, eventCount: body[0].eventCount };
}

module.exports = { PROVINCE, keepAliveAgent, warmUp, postRaw, getJson, provinceD };
