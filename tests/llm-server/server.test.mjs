// Self-test of the replay server: scenario selection by header and by
// model name, request recording, models, embeddings (node:test).
//   node --test tests/llm-server/
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let server, base, dir, recordFile;

before(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yk-replay-'));
	recordFile = path.join(dir, 'requests.jsonl');
	server = spawn(process.execPath, [path.join(here, 'server.mjs'), '--record', recordFile, '--exit-on-stdin-close'],
		{ stdio: ['pipe', 'pipe', 'inherit'] });
	const port = await new Promise((resolve) => {
		let buf = '';
		server.stdout.on('data', (d) => {
			buf += d;
			const m = /^PORT (\d+)\n/.exec(buf);
			if (m) resolve(Number(m[1]));
		});
	});
	base = `http://127.0.0.1:${port}/v1`;
});

after(() => {
	server.stdin.end();
	server.kill();
	fs.rmSync(dir, { recursive: true, force: true });
});

const post = (p, body, headers = {}) => fetch(base + p, {
	method: 'POST',
	headers: { 'Content-Type': 'application/json', ...headers },
	body: JSON.stringify(body),
});

test('the header wins over the model name', async () => {
	let r = await post('/chat/completions', { model: 'normal', messages: [] }, { 'X-Replay-Scenario': 'error-401' });
	assert.equal(r.status, 401);
	r = await post('/chat/completions', { model: 'error-404', messages: [] });
	assert.equal(r.status, 404);
	r = await post('/chat/completions', { model: 'error-429', messages: [] });
	assert.equal(r.status, 429);
	assert.equal(r.headers.get('retry-after'), '1');
});

test('streams end with [DONE] and carry usage in a separate chunk', async () => {
	const r = await post('/chat/completions', {
		model: 'normal', stream: true, stream_options: { include_usage: true },
		messages: [{ role: 'user', content: 'x' }],
	});
	assert.match(r.headers.get('content-type'), /text\/event-stream/);
	const events = (await r.text()).split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
	assert.equal(events.at(-1), '[DONE]');
	const usage = JSON.parse(events.at(-2));
	assert.deepEqual(usage.choices, []);
	assert.equal(usage.usage.prompt_tokens, 42);
});

test('records every request in memory and in the --record file', async () => {
	await post('/chat/completions', { model: 'echo', messages: [{ role: 'user', content: '記録の確認' }] },
		{ Authorization: 'Bearer k' });
	const all = await (await fetch(base.replace('/v1', '') + '/__requests')).json();
	const last = all.at(-1);
	assert.equal(last.path, '/v1/chat/completions');
	assert.equal(last.auth, 'bearer');
	assert.equal(last.body.messages[0].content, '記録の確認');
	const lines = fs.readFileSync(recordFile, 'utf8').trim().split('\n');
	assert.equal(lines.length, all.length);
	assert.deepEqual(JSON.parse(lines.at(-1)), last);
});

test('models and embeddings', async () => {
	const m = await (await fetch(base + '/models')).json();
	assert.ok(m.data.some((x) => x.id === 'split'));
	const e = await (await post('/embeddings', { model: 'embed-reversed', input: ['a', 'b'] })).json();
	assert.deepEqual(e.data.map((d) => d.index), [1, 0]);
	assert.equal(e.data[0].embedding.length, 8);
});
