// Usage-log import (issue 10) through the real binary, against a fixture:
// a fixed roster, events recorded by yakuba and two overlapping exports of
// another tool's log give exactly the report JSON and CSV that the code of
// 2026-12-02 gave before imported rows moved out of usage_events
// (migration 0027), byte for byte: tests/data/usage/import_fixture/.
// YK_WRITE_FIXTURE=1 writes the files instead of comparing (only ever with
// the code whose output is the reference).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { run, tempDir, initDb, cleanup, sqlite, adoptionRoster as roster } from './lib.mjs';

const FIXTURE = path.resolve('tests/data/usage/import_fixture');
const WRITE = process.env.YK_WRITE_FIXTURE === '1';

// JST wall time → Unix seconds, independent of the machine's TZ.
const jst = (y, mo, d, h = 12, mi = 0, s = 0) => Date.UTC(y, mo - 1, d, h - 9, mi, s) / 1000;
const pad = (n, w = 2) => String(n).padStart(w, '0');

// A small deterministic generator (no Math.random: the fixture must repeat).
function rng(seed) {
  let x = seed >>> 0;
  return (n) => {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    return x % n;
  };
}

// One row of an exported log: the time in one of the accepted spellings.
function logRow(r, emp, y, mo, d, h, mi, s, feature) {
  const kind = r(4);
  let at;
  if (kind === 0) at = `${y}-${pad(mo)}-${pad(d)} ${pad(h)}:${pad(mi)}:${pad(s)}`;
  else if (kind === 1) at = `${y}/${mo}/${d} ${h}:${pad(mi)}`;
  else if (kind === 2) at = `${y}-${pad(mo)}-${pad(d)}T${pad(h)}:${pad(mi)}:${pad(s)}+09:00`;
  else {
    const t = new Date(jst(y, mo, d, h, mi, s) * 1000);
    at = t.toISOString().replace('.000Z', 'Z');
  }
  return `E${pad(emp, 3)},${at},${feature}`;
}

function exportLog(seed, count, fromMonth) {
  const r = rng(seed);
  const rows = [];
  for (let i = 0; i < count; i++) {
    const m = fromMonth + r(24); // months from 2023-04
    const y = 2023 + Math.floor((m + 3) / 12), mo = ((m + 3) % 12) + 1;
    const emp = 1 + r(r(3) === 0 ? 42 : 12); // a few staff use it much more
    const feature = r(5) === 0 ? 'external:copilot' : 'external:trial';
    const h = 8 + r(10), mi = r(60), s = r(4) === 0 ? 0 : r(60);
    rows.push(logRow(r, emp, y, mo, 1 + r(28), h, r(3) === 0 ? 0 : mi, s, feature));
    if (r(15) === 0) rows.push(rows[rows.length - 1]); // an identical row in the same file
  }
  return rows;
}

test('imported usage logs give the fixture report, byte for byte', () => {
  const dir = tempDir();
  try {
    const { db } = initDb(dir);
    const rosterCsv = path.join(dir, 'roster.csv');
    writeFileSync(rosterCsv, roster());
    assert.equal(run(['staff', 'import', '--db', db, rosterCsv]).status, 0);

    // Events recorded by yakuba: staff uses, citizens' questions, templates.
    const r = rng(7);
    const id = (no) => `(SELECT id FROM staff WHERE employee_no = '${no}')`;
    const ev = [];
    for (let i = 0; i < 300; i++) {
      const m = r(24), y = 2023 + Math.floor((m + 3) / 12), mo = ((m + 3) % 12) + 1;
      const at = jst(y, mo, 1 + r(28), 8 + r(10), r(60), r(60));
      const k = r(5);
      if (k === 0) ev.push(`(${at}, NULL, 'ask_public', '${['answer', 'clarify', 'unknown'][r(3)]}', NULL)`);
      else ev.push(`(${at}, ${id(`E${pad(1 + r(42), 3)}`)}, '${['ask', 'chat', 'template', 'ask'][k - 1]}', 'ok', ${k === 3 ? 1 + r(3) : 'NULL'})`);
    }
    ev.push(`(${jst(2024, 3, 31, 23, 59, 59)}, ${id('E021')}, 'ask', 'answer', NULL)`);
    ev.push(`(${jst(2024, 4, 1, 0, 0, 0)}, ${id('E022')}, 'ask', 'answer', NULL)`);
    sqlite(db, 'INSERT INTO usage_events(at, staff_id, feature, outcome, template_id) VALUES ' + ev.join(',') + ';');

    // Two exports of another tool's log that overlap, with identical rows
    // and rows at the JST boundary of the fiscal year.
    const first = exportLog(11, 700, 0);
    first.push('E030,2024-03-31 23:59:59,external:trial', 'E031,2024-04-01 00:00:00,external:trial',
      'E031,2024-03-31T14:59:59Z,external:trial');
    const second = first.slice(350).concat(exportLog(12, 400, 6));
    const files = [['first.csv', '職員番号,日時,機能\n' + first.join('\n') + '\n'],
      ['second.csv', 'employee_no,at,feature\r\n' + second.join('\r\n') + '\r\n']];
    const out = {};
    for (const [name, text] of files) {
      const file = path.join(dir, name);
      writeFileSync(file, text);
      const imp = run(['usage', 'import', '--db', db, file]);
      assert.equal(imp.status, 0, imp.stderr);
      out[`${name}.txt`] = imp.stdout.replaceAll(dir, '<dir>');
      const again = run(['usage', 'import', '--db', db, file]);
      assert.equal(again.status, 0, again.stderr);
      assert.match(again.stdout, /0 件を追加しました/);
    }

    const reports = {
      'fy2023.json': ['--fy', '2023', '--json'],
      'fy2024.json': ['--fy', '2024', '--json'],
      'partial.json': ['--from', '2023-06-15', '--to', '2024-05-10', '--json'],
      'trial.json': ['--fy', '2023', '--feature', 'external:trial', '--json'],
      'department.json': ['--fy', '2024', '--department', '市民部', '--json'],
      'fy2024.csv': ['--fy', '2024', '--csv'],
    };
    for (const [name, args] of Object.entries(reports)) {
      const rep = run(['report', 'adoption', '--db', db, ...args]);
      assert.equal(rep.status, 0, rep.stderr);
      out[name] = rep.stdout;
    }
    if (WRITE) {
      mkdirSync(FIXTURE, { recursive: true });
      for (const [name, text] of Object.entries(out)) writeFileSync(path.join(FIXTURE, name), text);
      return;
    }
    for (const [name, text] of Object.entries(out))
      assert.equal(text, readFileSync(path.join(FIXTURE, name), 'utf8'), `${name} differs from the fixture`);
  } finally {
    cleanup(dir);
  }
});
