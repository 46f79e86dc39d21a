// bench:pipeline's bare HTTP limits, in the same run as the webhook: the same signed calls, the same client
// and the same calls in flight, against a node:http server that reads the body and answers 202 with no work
// at all, first directly (one hop), then through a node:http streaming proxy with a keep-alive upstream pool
// (two hops, as the gateway and certification are). Each runs in its own process, like the platform's.
'use strict';

const { spawn } = require('node:child_process');
const { keepAliveAgent, postRaw } = require('./http.cjs');
const { closedLoop } = require('./load.cjs');
const { cpuSnapshot, cpuDelta } = require('./proc.cjs');
const { log, percentiles, round } = require('./util.cjs');

const ANSWER = JSON.stringify({ accepted: true, outcome: 'certified' });

const SERVER = `
const answer = ${JSON.stringify(ANSWER)};
require('node:http')
  .createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(202, { 'content-type': 'application/json; charset=utf-8', 'content-length': answer.length });
      res.end(answer);
    });
  })
  .listen(0, '127.0.0.1', function () { process.send(this.address().port); });
`;

const PROXY = `
const http = require('node:http');
const upstream = Number(process.argv[1]);
const agent = new http.Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256, scheduling: 'lifo' });
http
  .createServer((req, res) => {
    const out = http.request(
      { host: '127.0.0.1', port: upstream, path: req.url, method: req.method, headers: req.headers, agent },
      (answer) => {
        res.writeHead(answer.statusCode, answer.headers);
        answer.pipe(res);
      },
    );
    out.on('error', () => { res.statusCode = 502; res.end(); });
    req.pipe(out);
  })
  .listen(0, '127.0.0.1', function () { process.send(this.address().port); });
`;

/** A node -e process that sends its listening port over IPC; stopped (killed) at cleanup at the latest. */
function startBareProcess(run, label, source, args = []) {
  const child = spawn(process.execPath, ['-e', source, ...args], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const stop = run.onCleanup(() => {
    if (child.exitCode === null) child.kill();
  });
  const port = new Promise((resolve, reject) => {
    child.once('message', resolve);
    child.once('exit', (code) => reject(new Error(`${label} exited with ${code}`)));
  });
  return { child, port, stop };
}

async function timedCalls({ run, label, port, requests, concurrency, pids }) {
  const agent = keepAliveAgent(concurrency);
  try {
    // Connections opened before the clock, as the webhook phase does.
    await Promise.all(
      requests.slice(0, concurrency).map((r) => postRaw(agent, port, '/warm-up', r.headers, r.body)),
    );
    const cpu0 = cpuSnapshot(pids);
    const out = await closedLoop({
      n: requests.length,
      concurrency,
      label,
      isAborted: () => run.aborted,
      call: (i) =>
        postRaw(agent, port, '/api/v1/certification/vneid-events', requests[i].headers, requests[i].body),
    });
    const answered = out.statuses['202'] ?? 0;
    const result = {
      calls: requests.length,
      answered202: answered,
      perSecond: round(answered / out.seconds, 1),
      latencyMs: percentiles(out.latencies),
      cpu: cpuDelta(cpu0, cpuSnapshot(pids)),
    };
    log(`${label}: ${result.perSecond} /s; latency ms ${JSON.stringify(result.latencyMs)}`);
    return result;
  } finally {
    agent.destroy();
  }
}

/** Bare one-hop and two-hop HTTP with the webhook's requests; run while the platform is stopped. */
async function bareHttpLimits({ run, requests, concurrency }) {
  const server = startBareProcess(run, 'bare http server', SERVER);
  try {
    const serverPort = await server.port;
    const proxy = startBareProcess(run, 'bare http proxy', PROXY, [String(serverPort)]);
    try {
      const proxyPort = await proxy.port;
      const pids = { 'bare server': server.child.pid, 'bare proxy': proxy.child.pid };
      log(`bare http: ${requests.length} of the webhook's signed calls, ${concurrency} in flight`);
      const direct = await timedCalls({
        run,
        label: 'bare http, one hop',
        port: serverPort,
        requests,
        concurrency,
        pids,
      });
      const proxied = await timedCalls({
        run,
        label: 'bare http, through a bare proxy',
        port: proxyPort,
        requests,
        concurrency,
        pids,
      });
      return { concurrency, direct, proxied };
    } finally {
      await proxy.stop();
    }
  } finally {
    await server.stop();
  }
}

module.exports = { bareHttpLimits, startBareProcess };
