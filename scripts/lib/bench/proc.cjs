// CPU seconds and memory of processes, read from /proc (Linux only).
'use strict';

const fs = require('node:fs');
const { now, round, sh } = require('./util.cjs');

const CLK_TCK = Number(sh('getconf', ['CLK_TCK'])) || 100;

/** utime + stime of a process in seconds; null once it has gone. */
function cpuSeconds(pid) {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / CLK_TCK;
  } catch {
    return null;
  }
}

/** Pids of the PostgreSQL server processes and of the Kafka broker (shared with whatever else runs). */
function infraPids() {
  const postgres = [];
  let kafka = null;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const comm = fs.readFileSync(`/proc/${entry}/comm`, 'utf8').trim();
      if (comm === 'postgres') postgres.push(Number(entry));
      else if (comm === 'java' && fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('kafka.Kafka'))
        kafka = Number(entry);
    } catch {
      /* gone */
    }
  }
  return { postgres, kafka };
}

/** CPU time of the given processes ({ name: pid }), the broker, every PostgreSQL backend and this script. */
function cpuSnapshot(pids) {
  const { postgres, kafka } = infraPids();
  const snap = { at: now(), self: process.cpuUsage(), procs: {}, postgres: new Map() };
  for (const [name, pid] of Object.entries(pids)) snap.procs[name] = cpuSeconds(pid);
  if (kafka) snap.procs['kafka broker'] = cpuSeconds(kafka);
  for (const pid of postgres) snap.postgres.set(pid, cpuSeconds(pid));
  return snap;
}

function cpuDelta(a, b) {
  const wall = (b.at - a.at) / 1000;
  const out = {};
  for (const name of Object.keys(b.procs)) {
    if (a.procs[name] !== null && a.procs[name] !== undefined && b.procs[name] !== null)
      out[name] = b.procs[name] - a.procs[name];
  }
  // Backends that started during the interval count from zero; those that ended are lost (pools keep theirs).
  let pg = 0;
  for (const [pid, t] of b.postgres) if (t !== null) pg += t - (a.postgres.get(pid) ?? 0);
  out['postgresql (all backends)'] = pg;
  const self = process.cpuUsage(a.self);
  out['bench client (this script)'] = (self.user + self.system) / 1e6;
  return {
    wallSeconds: round(wall, 1),
    cpuSeconds: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round(v, 1)])),
    coresBusy: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, round(v / wall, 2)])),
  };
}

/** Current (VmRSS) and peak (VmHWM) resident memory of a process, in bytes. */
function memoryOf(pid) {
  try {
    const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = (name) => Number((status.match(new RegExp(`${name}:\\s+(\\d+) kB`)) ?? [])[1] ?? 0);
    return { rss: kb('VmRSS') * 1024, hwm: kb('VmHWM') * 1024 };
  } catch {
    return { rss: 0, hwm: 0 };
  }
}

/** Samples memoryOf(pid) every intervalMs until stop(), which returns [{ at, rss, hwm }]. */
function sampleMemory(pid, intervalMs = 250) {
  const samples = [];
  const timer = setInterval(() => samples.push({ at: now(), ...memoryOf(pid) }), intervalMs);
  return {
    samples,
    stop() {
      clearInterval(timer);
      return samples;
    },
  };
}

module.exports = { cpuSeconds, cpuSnapshot, cpuDelta, memoryOf, sampleMemory };
