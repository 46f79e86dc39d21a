#!/usr/bin/env node
// `npm run reporting:rebuild [-- --database bdhvs_reporting --url http://127.0.0.1:3005 --port 3095]`
//
// Replays every topic reporting consumes, from the beginning, into a fresh database beside the live one,
// with a consumer group of its own, while the live service goes on answering. Once the rebuild has caught
// up it compares every indicator of the province and its communes, for every year and quarter since 2025,
// with the live answers, then copies what people wrote (figures, periodic reports with their frozen rows,
// subscriptions and deliveries) from the live database. It prints how to switch to the rebuilt database:
// a rolling restart of reporting with the new DATABASE_URL and KAFKA_GROUP_PREFIX, so reads go on
// throughout (docs/decisions/0014-reporting-reads-reports-exports.md, "Rebuild").
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
  },
});

rebuildReporting({
  liveDatabase: values.database,
  liveUrl: values.url,
  port: Number(values.port),
  groupPrefix: values['group-prefix'],
  topicPrefix: values['topic-prefix'],
  log: (line) => console.log(`rebuild: ${line}`),
})
  .then((result) => {
    for (const m of result.mismatches.slice(0, 20))
      console.log(
        `differs: ${m.unit} ${m.period}\n  live    ${JSON.stringify(m.live)}\n  rebuilt ${JSON.stringify(m.rebuilt)}`,
      );
    console.log(
      [
        `rebuilt in ${(result.elapsedMs / 1000).toFixed(1)} s into ${result.database}; ${result.compared} answers compared, ${result.mismatches.length} differ.`,
        result.mismatches.length === 0
          ? `To switch: restart reporting with DATABASE_URL=<server>/${result.database} KAFKA_GROUP_PREFIX=${result.groupPrefix} (a rolling restart keeps reads going); drop the old database afterwards.`
          : 'Not switching: look at the differences first (an event that arrived during the comparison shows as one).',
      ].join('\n'),
    );
    process.exitCode = result.mismatches.length === 0 ? 0 : 2;
  })
  .catch((error) => {
    console.error(`rebuild failed: ${error.message}`);
    process.exitCode = 1;
  });
