#!/usr/bin/env node
// `npm run reporting:rebuild [-- --database bdhvs_reporting --url http://127.0.0.1:3005 --port 3095]`
//   [--no-swap] [--drop-retired]
//
// Replays every topic reporting consumes, from the beginning, into fresh tables in a schema of their own
// in the live database, with a consumer group of its own, while the live service goes on answering. Once
// the rebuild has caught up it compares every indicator of the province and its communes, for every year
// and quarter since 2025, with the live answers; if none differs it swaps the rebuilt tables in (live
// writes pause for the swap, reads go on) and the live service goes on from there. What people wrote
// (figures, periodic reports with their frozen rows, subscriptions) is never rebuilt. The replaced tables
// stay in a `retired_*` schema unless --drop-retired (docs/decisions/0014-reporting-reads-reports-exports.md).
'use strict';

const { parseArgs } = require('node:util');
const { rebuildReporting } = require('./lib/reporting-rebuild.cjs');

const { values } = parseArgs({
  options: {
    database: { type: 'string', default: `${process.env.BDHVS_DB_PREFIX ?? 'bdhvs'}_reporting` },
    url: { type: 'string', default: process.env.REPORTING_URL ?? 'http://127.0.0.1:3005' },
    port: { type: 'string', default: '3095' },
    'group-prefix': { type: 'string', default: process.env.KAFKA_GROUP_PREFIX ?? '' },
    'topic-prefix': { type: 'string', default: process.env.KAFKA_TOPIC_PREFIX ?? '' },
    'no-swap': { type: 'boolean', default: false },
    'drop-retired': { type: 'boolean', default: false },
  },
});

rebuildReporting({
  liveDatabase: values.database,
  liveUrl: values.url,
  port: Number(values.port),
  groupPrefix: values['group-prefix'],
  topicPrefix: values['topic-prefix'],
  swap: !values['no-swap'],
  dropRetired: values['drop-retired'],
  log: (line) => console.log(`rebuild: ${line}`),
})
  .then((result) => {
    for (const m of result.mismatches.slice(0, 20))
      console.log(
        `differs: ${m.unit} ${m.period}\n  live    ${JSON.stringify(m.live)}\n  rebuilt ${JSON.stringify(m.rebuilt)}`,
      );
    const outcome = result.swapped
      ? `swapped in; the replaced tables are in schema ${result.retired}` +
        (values['drop-retired'] ? ' (dropped)' : ` (DROP SCHEMA ${result.retired} CASCADE once satisfied)`)
      : result.mismatches.length > 0
        ? `not swapped: the rebuilt tables are in schema ${result.schema} to be looked at`
        : `not swapped (--no-swap): the rebuilt tables are in schema ${result.schema}`;
    console.log(
      `rebuilt in ${(result.elapsedMs / 1000).toFixed(1)} s; ${result.compared} answers compared, ` +
        `${result.mismatches.length} differ; ${outcome}.`,
    );
    process.exitCode = result.mismatches.length === 0 ? 0 : 2;
  })
  .catch((error) => {
    console.error(`rebuild failed: ${error.message}`);
    process.exitCode = 1;
  });
