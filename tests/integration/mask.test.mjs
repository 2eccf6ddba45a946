// `yakuba mask` from the command line: --jsonl reads whole multi-line texts
// (a CSV header gives context to the rows under it) and writes each object
// back with "masked" and "spans" in code points of the whole text; errors
// name the line; a missing dictionary names every place it was looked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run } from './lib.mjs';

// Code points of s[0..i) for a JS string (UTF-16) index i.
const cp = (s) => [...s].length;

test('mask --jsonl: multi-line texts, spans in code points of the whole text', () => {
  const memo = '氏名,生年月日,電話\n山田 太郎,1980年1月2日,090-1234-5678\n𠮷田 花子,1985年3月4日,080-1111-2222';
  const lines = [
    JSON.stringify({ id: 7, text: memo }),
    JSON.stringify({ text: '問合せ先：市民課（代表 049-222-1111）' }),
    '',
    JSON.stringify({ text: 'マイナンバーは 1234 5678 9012 です' }),
  ].join('\n') + '\n';
  const r = run(['mask', '--jsonl'], { input: lines });
  assert.equal(r.status, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 3);

  const doc = out[0];
  assert.equal(doc.id, 7); // other members are kept
  assert.equal(doc.text, memo);
  const chars = [...memo];
  const got = doc.spans.map((s) => [s.type, chars.slice(s.start, s.end).join('')]);
  assert.deepEqual(got, [
    ['PERSON', '山田 太郎'], ['DATE_OF_BIRTH', '1980年1月2日'], ['PHONE', '090-1234-5678'],
    ['PERSON', '𠮷田 花子'], ['DATE_OF_BIRTH', '1985年3月4日'], ['PHONE', '080-1111-2222'],
  ]);
  // offsets count code points (𠮷 is one), across the line breaks
  assert.equal(doc.spans[3].start, cp(memo.slice(0, memo.indexOf('𠮷'))));
  assert.ok(!doc.masked.includes('090-1234-5678'));
  assert.ok(doc.masked.startsWith('氏名,生年月日,電話\n〔氏名1〕,'));

  // an office's published number is not personal
  assert.deepEqual(out[1].spans, []);
  // after the label a My Number is masked even with a wrong check digit
  assert.equal(out[2].spans.length, 1);
  assert.equal(out[2].spans[0].type, 'JP_MY_NUMBER');
});

test('mask --jsonl: a bad line is an error naming it', () => {
  let r = run(['mask', '--jsonl'], { input: '{"text":"a"}\nnot json\n' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /2 行目/);
  r = run(['mask', '--jsonl'], { input: '{"text": 12}\n' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /1 行目/);
  r = run(['mask', '--jsonl'], { input: '{"text":"\\u0000"}\n' });
  assert.equal(r.status, 1);
  r = run(['mask', '--json', '--jsonl'], { input: '' });
  assert.equal(r.status, 2);
});

test('mask: more distinct values than a mapping holds is named as that limit', () => {
  // 10,000 distinct mobiles are masked; one more is refused with the limit
  // named (a text of --jsonl has its own mapping, plain lines share one)
  const phones = Array.from({ length: 10001 },
    (_, i) => `電話：090-${2000 + Math.floor(i / 5000)}-${3000 + (i % 5000)}`);
  let r = run(['mask', '--jsonl'], { input: JSON.stringify({ text: phones.slice(0, 10000).join('\n') }) + '\n' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).spans.length, 10000);
  r = run(['mask', '--jsonl'], { input: JSON.stringify({ text: phones.join('\n') }) + '\n' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /1 行目: 個人情報の値が多すぎます（1 つの文章で 10000 種類まで）/);
  assert.doesNotMatch(r.stderr, /大きすぎます/);
  r = run(['mask'], { input: phones.join('\n') + '\n' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /10001 行目: 個人情報の値が多すぎます（入力全体で 10000 種類まで）/);
});

test('mask: a dictionary that is not there is named in the error', () => {
  const r = run(['mask', '--dicdir', '/nonexistent/unidic'], { input: '田中様\n' });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /\/nonexistent\/unidic/);
  assert.match(r.stderr, /unidic-mecab/);
  // the environment variable is the next source, reported the same way
  const e = run(['mask'], { input: '田中様\n', env: { ...process.env, YAKUBA_MECAB_DICDIR: '/nonexistent/env' } });
  assert.equal(e.status, 1);
  assert.match(e.stderr, /YAKUBA_MECAB_DICDIR \/nonexistent\/env/);
});
