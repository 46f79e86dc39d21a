// One benchmark run: its results object, notes, cleanups (run last-in first-out at the end, on error, on
// Ctrl-C/SIGTERM and when the overall time limit expires), and the final report + JSON file.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { log, withTimeout } = require('./util.cjs');
const { loadNow } = require('./machine.cjs');

/**
 * report(results) prints the figures; jsonFile, when set, receives them as JSON.
 * Use: `run.main(async () => { ...phases...; return ok })` where ok decides the exit code.
 */
function createRun({ command, report, jsonFile }) {
  const results = {
    command,
    startedAt: new Date().toISOString(),
    status: 'running',
    notes: [],
    load: {},
  };
  const cleanups = [];
  let aborted = false;
  let finishing = null;

  function note(text) {
    results.notes.push(text);
    log(`note: ${text}`);
  }

  /** Registers an async cleanup; returns a function that runs it now, once (later calls are no-ops). */
  function onCleanup(fn) {
    let done = null;
    const once = () => (done ??= Promise.resolve().then(fn));
    cleanups.push(once);
    return once;
  }

  function limit(minutes) {
    const timer = setTimeout(() => {
      note(`overall timeout of ${minutes} min reached; stopping with the figures gathered so far`);
      void finish('timeout', 2);
    }, minutes * 60_000);
    timer.unref();
  }

  function finish(status, code) {
    finishing ??= (async () => {
      aborted = true;
      if (results.status === 'running') results.status = status;
      while (cleanups.length > 0) {
        await withTimeout(cleanups.pop()(), 180_000, 'cleanup').catch((e) => log(`cleanup: ${e.message}`));
      }
      results.load.after = loadNow();
      results.finishedAt = new Date().toISOString();
      try {
        report(results);
      } catch (error) {
        console.error(`report failed: ${error.stack}`);
      }
      if (jsonFile) {
        fs.mkdirSync(path.dirname(path.resolve(jsonFile)), { recursive: true });
        fs.writeFileSync(jsonFile, `${JSON.stringify(results, null, 2)}\n`);
        console.log(`\nfigures written to ${jsonFile}`);
      }
      process.exit(code);
    })();
    return finishing;
  }

  function main(body) {
    process.on('SIGINT', () => {
      note('interrupted');
      void finish('interrupted', 130);
    });
    process.on('SIGTERM', () => {
      note('terminated');
      void finish('terminated', 143);
    });
    results.load.before = loadNow();
    return body().then(
      (ok) => finish(ok ? 'complete' : 'incomplete', ok ? 0 : 1),
      (error) => {
        // After a timeout or a signal, the platform going away under a phase is expected.
        if (aborted) return finishing;
        console.error(error.stack ?? error.message);
        note(`failed: ${String(error.message).split('\n')[0]}`);
        return finish('failed', 1);
      },
    );
  }

  return {
    results,
    note,
    onCleanup,
    limit,
    finish,
    main,
    get aborted() {
      return aborted;
    },
  };
}

module.exports = { createRun };
