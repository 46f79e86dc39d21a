#!/usr/bin/env node
// `npm run bench:pipeline [-- --n 50000 --kafka-n 250000 --phases kafka,webhook,freshness,import --json FILE]`
//
// Throughput of the certification pipeline on the real broker and database, beside the bare limits of
// the same broker and database measured in the same run (docs/benchmarks.md):
//
//   kafka      VNeID events produced straight onto bench.vneid.certification-events.v1 -> all visible in
//              the province's indicator d; vs a bare produce-then-consume of the same messages
//   webhook    signed calls through the gateway, C in flight -> 202s per second, latency, then all visible;
//              vs bare Kafka produce / consume and single-row PostgreSQL commits
//   freshness  calls at a steady rate; for each 202, the time until a read of the numerator shows it
//   import     importLearners of a synthetic CSV (learners alone); vs raw COPY and multi-row INSERTs
//
// The platform has its own ports (gateway 28080, services 23001-23005), topics `bench.*`, groups `bench-*`
// and databases bdhvs_bench_*; the bare limits run after it has stopped. Everything is stopped at the end,
// on error, on Ctrl-C and when the overall time limit expires (the figures gathered so far are printed).
'use strict';

const { parseOptions } = require('./lib/bench/args.cjs');
const { createRun } = require('./lib/bench/run.cjs');
const { machineFacts, postgresFacts } = require('./lib/bench/machine.cjs');
const { log } = require('./lib/bench/util.cjs');
const bench = require('./lib/bench/platform.cjs');
const { newCitizens, signedRequests } = require('./lib/bench/events.cjs');
const { createKafka, rawProduceThenConsume } = require('./lib/bench/kafka.cjs');
const { inboundMessages, runKafkaChannel } = require('./lib/bench/kafka-channel.cjs');
const webhook = require('./lib/bench/webhook.cjs');
const { runFreshness } = require('./lib/bench/freshness.cjs');
const { runImport } = require('./lib/bench/import.cjs');
const { rawSingleRowCommits } = require('./lib/bench/postgres.cjs');
const { bareHttpLimits } = require('./lib/bench/http-bare.cjs');
const { printPipelineReport } = require('./lib/bench/pipeline-report.cjs');

const PHASES = ['kafka', 'webhook', 'freshness', 'import'];
const opts = parseOptions(
  {
    phases: { type: 'list', default: PHASES, choices: PHASES, help: 'phases to run' },
    'kafka-n': { type: 'int', default: 250_000, help: 'kafka: events produced onto the inbound topic' },
    n: { type: 'int', default: 50_000, help: 'webhook: calls' },
    concurrency: {
      type: 'int',
      default: 64,
      help: 'webhook: calls in flight, also raw PostgreSQL connections',
    },
    'webhook-target': {
      type: 'list',
      default: ['gateway'],
      choices: ['gateway', 'certification'],
      help: 'webhook: through the gateway (the public path), or straight to certification (the gateway hop measured)',
    },
    'fresh-rate': { type: 'int', default: 1000, help: 'freshness: calls per second' },
    'fresh-seconds': { type: 'number', default: 20, help: 'freshness: seconds of calls' },
    'fresh-max-in-flight': { type: 'int', default: 256, help: 'freshness: calls in flight at most' },
    'import-rows': { type: 'int', default: 500_000, help: 'import: CSV rows' },
    'import-batch': {
      type: 'int',
      default: 10_000,
      help: "import: LEARNERS_IMPORT_BATCH (the service's default)",
    },
    json: { type: 'string', help: 'also write the figures as JSON to this file' },
    'timeout-min': {
      type: 'number',
      default: 30,
      help: 'overall limit after the start; then stop and report',
    },
    'wait-e2e-min': { type: 'number', default: 15, help: 'wait at most M min for an e2e platform on :18080' },
    'ignore-e2e': { type: 'boolean', help: 'do not wait for it' },
    'skip-baselines': { type: 'boolean', help: 'no bare-limit measurements' },
  },
  { usage: 'npm run bench:pipeline [-- options]' },
);
const has = (phase) => opts.phases.includes(phase);

const run = createRun({
  command: `npm run bench:pipeline -- ${process.argv.slice(2).join(' ')}`.trim(),
  jsonFile: opts.json,
  report: printPipelineReport,
});
const { results } = run;

run.main(async () => {
  results.options = opts;
  results.runId = `bench-${Date.now()}`;
  results.machine = machineFacts();
  log(`run ${results.runId}: phases ${opts.phases.join(',')}; load ${results.load.before.uptime}`);

  const platformPhases = ['kafka', 'webhook', 'freshness'].filter(has);
  bench.prepare({ services: platformPhases.length > 0 ? undefined : ['learners'] });
  results.postgres = await postgresFacts();
  await bench.waitForE2e(run, { ignore: opts.ignoreE2e, waitMin: opts.waitE2eMin });
  results.otherPlatformPorts = await bench.otherPlatforms(run);
  run.limit(opts.timeoutMin);

  const kafka = createKafka('bench-pipeline');
  const kadmin = kafka.admin();
  await kadmin.connect();
  run.onCleanup(() => kadmin.disconnect());
  const baselines = (results.baselines = {});
  let inbound = null;
  let webhookRequests = null;
  let issuedSample = null;

  if (platformPhases.length > 0) {
    const started = await bench.startBenchPlatform(run);
    const ctx = { ...started, kafka, kadmin };
    const communes = await bench.listCommunes(run, ctx);
    const sizes = {
      kafka: has('kafka') ? opts.kafkaN : 0,
      webhook: has('webhook') ? opts.n : 0,
      freshness: has('freshness') ? Math.round(opts.freshRate * opts.freshSeconds) : 0,
    };
    const total = sizes.kafka + sizes.webhook + sizes.freshness;
    const { events, keys, seed } = await newCitizens({
      n: total,
      runId: results.runId,
      communes,
      hashKey: ctx.secrets.PII_HASH_KEY,
    });
    results.citizenSerialSeed = seed;
    // Signed and serialised before any clock starts; each phase takes its own slice of new citizens.
    inbound = inboundMessages(events.slice(0, sizes.kafka), keys.slice(0, sizes.kafka));
    const signed = signedRequests(events.slice(sizes.kafka), {
      token: ctx.adapter,
      secret: ctx.secrets.VNEID_HMAC_SECRET,
    });
    log(`${total} events of new citizens prepared (serial seed ${seed})`);

    if (has('kafka') && !run.aborted)
      results.kafkaChannel = await runKafkaChannel({ run, ctx, messages: inbound });
    if (has('webhook') && !run.aborted)
      results.webhook = await webhook.runWebhook({
        target: opts.webhookTarget[0],
        run,
        ctx,
        requests: signed.slice(0, sizes.webhook),
        concurrency: opts.concurrency,
      });
    webhookRequests = signed.slice(0, sizes.webhook);
    if (has('freshness') && !run.aborted)
      results.freshness = await runFreshness({
        run,
        ctx,
        requests: signed.slice(sizes.webhook),
        rate: opts.freshRate,
        maxInFlight: opts.freshMaxInFlight,
      });
    if (has('webhook') && !opts.skipBaselines && !run.aborted) {
      issuedSample = await webhook.sampleIssuedMessage(ctx).catch((error) => {
        run.note(
          `could not read a real certificate-issued message (${error.message}); using a synthesized one`,
        );
        return webhook.synthesizedIssuedMessage();
      });
      results.sampleMessage = {
        source: issuedSample.source,
        keyBytes: issuedSample.key.length,
        valueBytes: issuedSample.value.length,
        headers: Object.keys(issuedSample.headers).length,
      };
    }
    // The bare limits and the import run with the platform stopped.
    await started.stop();
  }

  if (!opts.skipBaselines && !run.aborted) {
    if (inbound?.length)
      baselines.kafkaInbound = await rawProduceThenConsume({
        run,
        kafka,
        kadmin,
        messages: inbound,
        label: 'vneid',
      });
    if (issuedSample && !run.aborted)
      baselines.kafkaIssued = await rawProduceThenConsume({
        run,
        kafka,
        kadmin,
        messages: webhook.issuedLikeMessages(issuedSample, opts.n),
        label: 'issued',
      });
    if (webhookRequests?.length && !run.aborted)
      baselines.http = await bareHttpLimits({
        run,
        requests: webhookRequests,
        concurrency: opts.concurrency,
      });
    if (issuedSample && !run.aborted)
      baselines.postgres = await rawSingleRowCommits({
        run,
        db: `${bench.DB_PREFIX}_reporting`,
        payload: issuedSample.value.toString('utf8'),
        n: opts.n,
        levels: [opts.concurrency, 10],
      });
  }

  if (has('import') && !run.aborted) {
    results.import = await runImport({
      run,
      rows: opts.importRows,
      batch: opts.importBatch,
      baselines: !opts.skipBaselines,
    });
  }

  const done = {
    kafka: results.kafkaChannel?.visibleSeconds,
    webhook: results.webhook?.visibleSeconds,
    freshness: results.freshness?.freshnessMs?.p99,
    import: results.import?.importRowsPerSecond,
  };
  return opts.phases.every((p) => done[p] !== null && done[p] !== undefined);
});
