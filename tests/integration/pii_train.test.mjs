// The learned name model's trainer (tools/pii_train.c) as the build runs
// it: the same files give the same model byte for byte, and a few labelled
// lines more or less move only a few of the spans the model adds on text it
// never trained on (the held-out batches). A shuffled single perceptron
// moved 13 to 17 of about 50 such spans when five lines were removed; the
// hash order and the average of eight perceptrons move one (docs/pii.md).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { tempDir, cleanup } from './lib.mjs';

const TRAIN = process.env.PII_TRAIN_BIN || path.resolve('build/release/pii_train');
const DATA = path.resolve('tests/data/pii');
let dir, files;

const train = (args) => {
  const r = spawnSync(TRAIN, args, { encoding: 'utf8', timeout: 300000, maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
};
// The spans the model adds over the first twelve held-out files, as "TP|FP
// text [context]": 37 of them in session 13, where the first eight gave 19
// once the rules found more of those names themselves (too few to measure
// how far the model moves); 28 since session 14, when the files read for
// mends became eval_*.txt and the first twelve held out are 290-301.
const added = (trainFiles) => {
  const heldout = readdirSync(DATA).filter((f) => f.startsWith('heldout_')).sort().slice(0, 12)
    .map((f) => path.join(DATA, f));
  return train(['--show', ...heldout, '--', ...trainFiles])
    .split('\n').filter((l) => /^ {2}(TP|FP) /.test(l)).sort();
};

// The build trains on every eval_*.txt and cases*.txt; these properties of
// the trainer are measured on the files of 2026-12-04 (the blind batches up
// to 161 and the hand-written ones), which keep the four trainings here at
// about a minute of CPU however many batches are read later.
before(() => {
  dir = tempDir();
  files = readdirSync(DATA).filter((f) => /^(eval|cases).*\.txt$/.test(f))
    .filter((f) => { const m = /^eval_blind(\d+)\.txt$/.exec(f); return !m || Number(m[1]) <= 161; })
    .sort().map((f) => path.join(DATA, f));
});
after(() => cleanup(dir));

test('the same labelled files give the same model', () => {
  const a = path.join(dir, 'a.bin'), b = path.join(dir, 'b.bin');
  train(['-o', a, ...files]);
  train(['-o', b, ...files]);
  assert.ok(readFileSync(a).length > 100000);
  assert.deepEqual(readFileSync(a), readFileSync(b));
});

test('five labelled lines fewer move at most three of the spans the model adds', () => {
  const cases = files.find((f) => path.basename(f) === 'cases.txt');
  const lines = readFileSync(cases, 'utf8').split('\n');
  // the last five labelled lines (comments and blank lines kept)
  let drop = 5;
  for (let i = lines.length - 1; i >= 0 && drop > 0; i--) {
    if (lines[i] && !lines[i].startsWith('#')) {
      lines.splice(i, 1);
      drop--;
    }
  }
  const fewer = path.join(dir, 'cases.txt');
  writeFileSync(fewer, lines.join('\n'));
  const full = added(files);
  const cut = added(files.map((f) => (f === cases ? fewer : f)));
  assert.ok(full.length >= 20, `the model adds ${full.length} spans`);
  const inFull = new Set(full), inCut = new Set(cut);
  const moved = full.filter((l) => !inCut.has(l)).length + cut.filter((l) => !inFull.has(l)).length;
  assert.ok(moved <= 3, `${moved} spans moved:\n${full.filter((l) => !inCut.has(l)).join('\n')}\n--\n${cut.filter((l) => !inFull.has(l)).join('\n')}`);
});

test('a bad option is refused with the usage', () => {
  const r = spawnSync(TRAIN, ['--bags', '0', '-o', path.join(dir, 'x.bin'), files[0]], { encoding: 'utf8' });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /usage: pii_train .*--bags K/);
});
