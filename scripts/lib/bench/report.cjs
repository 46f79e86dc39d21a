// Printing: a table of [label, value, detail, aim] rows, CPU shares, notes.
'use strict';

const fmt = (x, unit = '') => (x === null || x === undefined ? '-' : `${x}${unit}`);
const ratio = (a, b, digits = 3) => (a && b ? Number((a / b).toFixed(digits)) : null);

/** 'met' / 'NOT met' against an aim, or '-' without a figure. */
const verdict = (value, ok) => (value === null || value === undefined ? '-' : ok ? 'met' : 'NOT met');

/** rows: [label, value, detail, aim?], printed as label | value | aim | detail; a string is a heading. */
function printTable(rows) {
  const data = rows.filter((r) => Array.isArray(r));
  const w0 = Math.max(...data.map((r) => r[0].length));
  const w1 = Math.max(...data.map((r) => String(r[1]).length));
  const w3 = Math.max(0, ...data.map((r) => String(r[3] ?? '').length));
  for (const r of rows) {
    if (!Array.isArray(r)) {
      console.log(`\n  ${r}`);
      continue;
    }
    const aim = w3 > 0 ? `   ${String(r[3] ?? '').padEnd(w3)}` : '';
    console.log(`    ${r[0].padEnd(w0)}  ${String(r[1]).padStart(w1)}${aim}   ${r[2] ?? ''}`.trimEnd());
  }
}

function printCpu(label, cpu) {
  if (!cpu) return;
  console.log(
    `\ncores busy during ${label} (${cpu.wallSeconds} s; broker and PostgreSQL include other users):`,
  );
  for (const [name, v] of Object.entries(cpu.coresBusy).sort((a, b) => b[1] - a[1]))
    console.log(`  ${name.padEnd(28)} ${v}`);
}

function printNotes(notes) {
  if (notes.length > 0) console.log(`\nnotes:\n${notes.map((n) => `  - ${n}`).join('\n')}`);
}

module.exports = { fmt, ratio, verdict, printTable, printCpu, printNotes };
