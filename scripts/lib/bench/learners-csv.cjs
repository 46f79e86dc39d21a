// A synthetic learners CSV for the import benchmark: deterministic (seeded), valid citizen IDs (birth
// province 012, century/sex digit and birth year agreeing with the row), names with Vietnamese diacritics,
// the 38 communes and wards of the 2025 map, several target groups. Written once under .cache/.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { ROOT } = require('./machine.cjs');

function rng(seed) {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

function communes() {
  const text = fs.readFileSync(
    path.join(ROOT, 'apps/learners/src/units/data/lai-chau-units-2025.csv'),
    'utf8',
  );
  return text
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((line) => line.split(','))
    .filter((f) => f[3] === 'commune' || f[3] === 'ward')
    .map((f) => f[0]);
}

const FAMILY = [
  'Lò',
  'Lường',
  'Tòng',
  'Vàng',
  'Giàng',
  'Sùng',
  'Nguyễn',
  'Trần',
  'Hoàng',
  'Lê',
  'Phạm',
  'Quàng',
  'Đèo',
];
const MIDDLE = { male: ['Văn', 'A', 'Seo', 'Đức'], female: ['Thị', 'Thị Thu', 'Mỷ', 'Ngọc'] };
const GIVEN = [
  'Mai',
  'Pấu',
  'Sính',
  'Dơ',
  'Chứ',
  'Hương',
  'Phềnh',
  'Xuân',
  'Tú',
  'Lan',
  'Sử',
  'Quý',
  'Páo',
  'Ánh',
];
const ETHNIC = ['03', '08', '09', '01', '14', '25', '36', '40', '29', '52'];
const HEADER =
  'citizenId,fullName,dateOfBirth,sex,unitCode,groups,ethnicity,studentLevel,disability,poorHousehold,vneidStatus,digitalBankAccount';

function* syntheticRows(n) {
  const r = rng(20251001);
  const units = communes();
  const pick = (list) => list[Math.floor(r() * list.length)];
  for (let i = 0; i < n; i++) {
    const sex = r() < 0.5 ? 'male' : 'female';
    const year = 1935 + Math.floor(r() * 84); // 1935..2018
    const month = 1 + Math.floor(r() * 12);
    const day = 1 + Math.floor(r() * 28);
    const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    const genderDigit = Math.floor((year - 1900) / 100) * 2 + (sex === 'female' ? 1 : 0);
    // The serial is the row number: unique within the file whatever the year and sex.
    const citizenId = `012${genderDigit}${String(year % 100).padStart(2, '0')}${String(i).padStart(6, '0')}`;
    const age = 2025 - year;
    let groups = 'CITIZEN';
    let level = '';
    if (age >= 6 && age <= 22 && r() < 0.8) {
      groups = age >= 18 ? 'STUDENT;CITIZEN' : 'STUDENT';
      level =
        age <= 10
          ? 'PRIMARY'
          : age <= 14
            ? 'LOWER_SECONDARY'
            : age <= 17
              ? 'UPPER_SECONDARY'
              : pick(['VOCATIONAL', 'HIGHER_EDUCATION']);
    } else if (age >= 22 && age < 60) {
      const x = r();
      groups = x < 0.1 ? 'PUBLIC_SECTOR;CITIZEN' : x < 0.25 ? 'ENTERPRISE_WORKER;CITIZEN' : 'CITIZEN';
    }
    yield [
      citizenId,
      `${pick(FAMILY)} ${pick(MIDDLE[sex])} ${pick(GIVEN)}`,
      dob,
      sex,
      pick(units),
      groups,
      pick(ETHNIC),
      level,
      r() < 0.05 ? 'true' : '',
      r() < 0.15 ? 'true' : '',
      pick(['none', 'level1', 'level2']),
      r() < 0.4 ? 'true' : 'false',
    ].join(',');
  }
}

async function writeCsv(file, rows) {
  if (fs.existsSync(file)) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.tmp`;
  const out = fs.createWriteStream(tmp);
  const write = (s) => (out.write(s) ? Promise.resolve() : new Promise((r) => out.once('drain', r)));
  await write(`${HEADER}\n`);
  let chunk = '';
  for (const line of syntheticRows(rows)) {
    chunk += `${line}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise((r) => out.end(r));
  fs.renameSync(tmp, file);
}

/** The CSV's columns as snake_case names, for the baselines' plain tables. */
const CSV_COLUMNS = HEADER.split(',').map((c) => c.replace(/[A-Z]/g, (m) => `_${m.toLowerCase()}`));

const csvFileFor = (rows) => path.join(ROOT, '.cache', `bench-import-${rows}.csv`);

module.exports = { HEADER, CSV_COLUMNS, csvFileFor, syntheticRows, writeCsv };
