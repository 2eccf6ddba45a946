// The access log (issue 13, item 4) against the real binary: `serve
// --access-log FILE` writes it to a file rotated by size (FILE.1 ...
// FILE.keep, created 0600), and a flood of 429s leaves one line per
// address and interval plus one summary line per address that says how
// many were not logged. Traffic goes only to 127.0.0.1 (from 127.0.0.1
// and 127.0.0.2); every loop is bounded.
import http from 'node:http';
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, tempDir, initDb, startServer, stopServer, cleanup } from './lib.mjs';

// One request from a chosen loopback address; resolves with the status.
function send(base, { method = 'GET', path: p = '/', body, from, agent }) {
  const u = new URL(base);
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: u.hostname, port: u.port, method, path: p, localAddress: from, agent,
      headers: body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {},
    }, (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    req.end(body);
  });
}

// n requests, at most `parallel` at a time; resolves with the statuses.
async function flood(base, n, parallel, opts) {
  const statuses = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      next++;
      statuses.push(await send(base, opts));
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return statuses;
}

const accessLines = (text) => text.split('\n').filter((l) => / INFO access /.test(l));

test('a flood of 429s is one line per address and interval plus a summary that counts the rest', async () => {
  const dir = tempDir();
  try {
    const { db } = initDb(dir);
    const log = path.join(dir, 'access.log');
    const srv = await startServer(db, ['--access-log', log]);
    try {
      const ask = { method: 'POST', path: '/api/v1/public/ask', body: JSON.stringify({ question: '転入届の出し方' }) };
      const agent1 = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const agent2 = new http.Agent({ keepAlive: true, maxSockets: 8 });
      const [a, b] = await Promise.all([
        flood(srv.base, 400, 8, { ...ask, from: '127.0.0.1', agent: agent1 }),
        flood(srv.base, 150, 8, { ...ask, from: '127.0.0.2', agent: agent2 }),
      ]);
      agent1.destroy();
      agent2.destroy();
      const n429 = { '127.0.0.1': a.filter((s) => s === 429).length, '127.0.0.2': b.filter((s) => s === 429).length };
      assert.ok(n429['127.0.0.1'] >= 300 && n429['127.0.0.2'] >= 100, JSON.stringify(n429));
      // Logged one by one plus counted in summaries = every 429, per address.
      const accounted = () => {
        const text = existsSync(log) ? readFileSync(log, 'utf8') : '';
        const got = {};
        for (const addr of Object.keys(n429)) {
          const one = accessLines(text).filter((l) => l.includes(' 429 ') && l.endsWith(`ip=${addr}`)).length;
          const re = new RegExp(`access: (\\d+) more 429 response\\(s\\) not logged one by one, from ${addr.replace(/\./g, '\\.')} in 10 s`, 'g');
          let summed = 0;
          for (const m of text.matchAll(re)) summed += Number(m[1]);
          got[addr] = { one, summed };
        }
        return got;
      };
      let got;
      for (let i = 0; i < 100; i++) {
        got = accounted();
        if (Object.keys(n429).every((k) => got[k].one + got[k].summed === n429[k])) break;
        await new Promise((r) => setTimeout(r, 250));
      }
      for (const k of Object.keys(n429)) {
        assert.equal(got[k].one + got[k].summed, n429[k], `${k}: ${JSON.stringify(got[k])}`);
        assert.ok(got[k].one <= 3, `${k}: ${got[k].one} 429 lines (one per 10 s interval)`);
      }
      const text = readFileSync(log, 'utf8');
      const lines = text.trim().split('\n').length;
      assert.ok(lines < 60, `${lines} lines for ${a.length + b.length} requests`);
      assert.equal(statSync(log).mode & 0o777, 0o600);
      assert.doesNotMatch(srv.stderr(), / access POST /, 'access lines go to the file, not stderr');
    } finally {
      assert.equal(await stopServer(srv), 0, srv.stderr());
    }
  } finally {
    cleanup(dir);
  }
});

test('the access-log file is rotated by size and keeps the number of old files asked for', async () => {
  const dir = tempDir();
  try {
    const { db } = initDb(dir);
    const log = path.join(dir, 'access.log');
    const srv = await startServer(db, ['--access-log', log, '--access-log-max-kb', '4', '--access-log-keep', '2']);
    try {
      const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
      // ~80 bytes a line: 200 requests are about four files' worth.
      for (let i = 0; i < 200; i++) {
        assert.equal(await send(srv.base, { path: `/?n=${i}`, agent }), 200);
      }
      assert.equal(await send(srv.base, { path: '/public.html', agent }), 200);
      agent.destroy();
    } finally {
      assert.equal(await stopServer(srv), 0, srv.stderr());
    }
    assert.ok(existsSync(`${log}.1`) && existsSync(`${log}.2`), 'two old files kept');
    assert.ok(!existsSync(`${log}.3`), 'no third old file');
    for (const f of [log, `${log}.1`, `${log}.2`]) {
      assert.ok(statSync(f).size <= 4096, `${f}: ${statSync(f).size} bytes`);
      assert.equal(statSync(f).mode & 0o777, 0o600);
    }
    const current = accessLines(readFileSync(log, 'utf8'));
    assert.match(current[current.length - 1], /access GET \/public\.html 200 /, 'the newest line is in FILE');
    const older = accessLines(readFileSync(`${log}.2`, 'utf8'));
    assert.ok(older.length > 20, 'FILE.2 holds whole lines');
    const kept = accessLines([log, `${log}.1`, `${log}.2`].map((f) => readFileSync(f, 'utf8')).join(''));
    assert.ok(kept.length < 201, 'the oldest lines were dropped');
  } finally {
    cleanup(dir);
  }
});

test('access-log flags are checked', () => {
  const dir = tempDir();
  try {
    const { db } = initDb(dir);
    const r = run(['serve', '--db', db, '--listen', '127.0.0.1:0', '--access-log-keep', '2']);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /need --access-log/);
    const small = run(['serve', '--db', db, '--listen', '127.0.0.1:0', '--access-log', path.join(dir, 'a.log'), '--access-log-max-kb', '1']);
    assert.equal(small.status, 2);
    const nodir = run(['serve', '--db', db, '--listen', '127.0.0.1:0', '--access-log', path.join(dir, 'no', 'a.log')]);
    assert.equal(nodir.status, 1);
    assert.match(nodir.stderr, /アクセスログ .* を開けません/);
  } finally {
    cleanup(dir);
  }
});
