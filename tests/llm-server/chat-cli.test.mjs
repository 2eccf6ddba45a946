// End-to-end test of `yakuba chat` against the replay server (node:test).
//   YAKUBA_BIN=build/asan/yakuba node --test tests/llm-server/
// Starts server.mjs on 127.0.0.1 (ephemeral port) and the real binary with
// a temporary database; checks the streamed output, stdin input, error
// messages and exit codes, Ctrl-C, and the llm_usage rows (read with the
// sqlite3 shell).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.YAKUBA_BIN || path.join(here, '../../build/asan/yakuba');
let server, port, dir, db;

before(async () => {
	dir = fs.mkdtempSync(path.join(os.tmpdir(), 'yk-chat-'));
	db = path.join(dir, 'yakuba.db');
	fs.writeFileSync(db, ''); // an empty file is an empty database: migrations create the tables
	server = spawn(process.execPath, [path.join(here, 'server.mjs'), '--exit-on-stdin-close'], {
		stdio: ['pipe', 'pipe', 'inherit'],
	});
	port = await new Promise((resolve, reject) => {
		let buf = '';
		server.stdout.on('data', (d) => {
			buf += d;
			const m = /^PORT (\d+)\n/.exec(buf);
			if (m) resolve(Number(m[1]));
		});
		server.on('exit', () => reject(new Error('replay server exited')));
	});
});

after(() => {
	server.stdin.end();
	server.kill();
	fs.rmSync(dir, { recursive: true, force: true });
});

function run(args, { model = 'echo', input = '', env = {}, url = true, killAfterMs = 0 } = {}) {
	return new Promise((resolve) => {
		const e = { ...process.env, YAKUBA_LLM_MODEL: model, ...env };
		delete e.YAKUBA_DB;
		if (url) e.YAKUBA_LLM_URL = `http://127.0.0.1:${port}/v1`;
		else delete e.YAKUBA_LLM_URL;
		const p = spawn(BIN, ['chat', '--db', db, ...args], { env: e });
		let out = '', err = '', interrupted = false;
		p.stdout.on('data', (d) => {
			out += d;
			if (killAfterMs && !interrupted) { // one Ctrl-C once the first text is shown
				interrupted = true;
				setTimeout(() => p.kill('SIGINT'), killAfterMs);
			}
		});
		p.stderr.on('data', (d) => (err += d));
		p.on('exit', (code) => resolve({ code, out, err }));
		p.stdin.end(input);
	});
}

function usageRows() {
	const out = execFileSync('sqlite3', ['-separator', '|', db,
		'SELECT feature, model, prompt_tokens, completion_tokens, outcome FROM llm_usage ORDER BY id']);
	return out.toString().trim().split('\n').filter(Boolean);
}

async function lastRequestBody() {
	const r = await fetch(`http://127.0.0.1:${port}/__requests`);
	const all = await r.json();
	return all[all.length - 1].body;
}

test('streams the reply and records usage', async () => {
	const r = await run(['住民票の写しはどこで取れますか？']);
	assert.equal(r.code, 0, r.err);
	assert.equal(r.out, '住民票の写しはどこで取れますか？\n');
	const body = await lastRequestBody();
	assert.equal(body.stream, true);
	assert.equal(body.messages.at(-1).content, '住民票の写しはどこで取れますか？');
	assert.deepEqual(usageRows().at(-1), 'cli|echo|42|17|ok');
});

test('reads the question from stdin and joins words', async () => {
	let r = await run([], { input: '標準入力からの質問\n' });
	assert.equal(r.code, 0, r.err);
	assert.equal(r.out, '標準入力からの質問\n');
	r = await run(['ごみの', '出し方'], { model: 'echo' });
	assert.equal(r.out, 'ごみの 出し方\n');
	r = await run(['--no-stream', '--system', '丁寧に答えてください', 'こんにちは']);
	assert.equal(r.code, 0, r.err);
	const body = await lastRequestBody();
	assert.equal(body.stream, false);
	assert.deepEqual(body.messages.map((m) => m.role), ['system', 'user']);
});

test('says plainly when no model server is configured', async () => {
	const r = await run(['テスト'], { url: false });
	assert.equal(r.code, 1);
	assert.match(r.err, /生成AIのサーバーが設定されていません/);
	assert.match(r.err, /YAKUBA_LLM_URL/);
	assert.equal(r.out, '');
});

test('upstream errors: one Japanese line, exit 1, usage recorded', async () => {
	let r = await run(['テスト'], { model: 'error-401' });
	assert.equal(r.code, 1);
	assert.match(r.err, /認証に失敗しました/);
	assert.equal(usageRows().at(-1), 'cli|error-401|||upstream_auth_failed');
	r = await run(['テスト'], { model: 'error-400-context' });
	assert.equal(r.code, 1);
	assert.match(r.err, /入力が長すぎて/);
	r = await run(['テスト'], { model: 'length' });
	assert.equal(r.code, 0);
	assert.match(r.err, /上限/);
});

test('templates are not available yet; bad usage exits 2', async () => {
	let r = await run(['--template', '転入案内', '--var', 'name=みどり', 'テスト']);
	assert.equal(r.code, 1);
	assert.match(r.err, /テンプレートはまだ利用できません/);
	r = await run(['--var', 'name=x', 'テスト']);
	assert.equal(r.code, 2);
	r = await run(['--template', 't', '--var', 'novalue', 'テスト']);
	assert.equal(r.code, 2);
	r = await run([], { input: '\n' });
	assert.equal(r.code, 2);
});

test('Ctrl-C cancels the upstream request', async () => {
	const t0 = Date.now();
	const r = await run(['テスト'], { model: 'slow', killAfterMs: 100 });
	assert.equal(r.code, 130, r.err);
	assert.ok(Date.now() - t0 < 5000);
	assert.equal(r.out, 'こんにちは。\n');
	assert.match(r.err, /中止/);
	assert.equal(usageRows().at(-1), 'cli|slow|||canceled');
});
