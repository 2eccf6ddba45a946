// tests/llm-server: a small OpenAI-compatible replay server for yakuba's
// LLM client tests (tests/unit/test_llm.c) and later integration tests.
// Node.js built-ins only, no npm dependencies.
//
//   node tests/llm-server/server.mjs [--record FILE] [--exit-on-stdin-close]
//
// Binds 127.0.0.1 on an ephemeral port and prints "PORT <n>" as its first
// line on stdout. Speaks:
//   POST /v1/chat/completions  (stream or not)
//   POST /v1/embeddings
//   GET  /v1/models
//   GET  /__requests           the recorded requests as a JSON array
// Each behaviour is a scenario, chosen by the request header
// "X-Replay-Scenario" or else by the model name (e.g. "model": "error-429").
// Unknown names use "normal". The scenarios are listed in SCENARIOS below
// and in docs/llm.md.
//
// Every request (method, path, body, whether an API key arrived) is kept
// in memory for GET /__requests and, with --record FILE, appended to FILE
// as one JSON line, so that a test can check what reached the "model"
// (for instance that no personal data did).

import http from 'node:http';
import fs from 'node:fs';

const args = process.argv.slice(2);
let recordFile = null;
for (let i = 0; i < args.length; i++) {
	if (args[i] === '--record') recordFile = args[++i];
	else if (args[i] === '--exit-on-stdin-close') {
		process.stdin.on('end', () => process.exit(0));
		process.stdin.on('error', () => process.exit(0));
		process.stdin.resume();
	} else {
		process.stderr.write(`unknown argument: ${args[i]}\n`);
		process.exit(2);
	}
}

// The reply every chat scenario streams (fictional city, our own text).
const REPLY = ['こんにちは。', 'みどり市役所', 'の案内係です。', '転入届は', '市民課で受け付けます。'];
const REPLY_TEXT = REPLY.join('');
const PROMPT_TOKENS = 42;
const COMPLETION_TOKENS = 17;
const MAX_BODY = 8 << 20;

const recorded = [];
const counters = new Map(); // scenario -> requests seen (for "...-once")

const SCENARIOS = {
	normal: 'stream: role-only first delta, text deltas, finish_reason stop, usage in a separate chunk with empty choices when stream_options.include_usage, [DONE]',
	'usage-last': 'stream: usage carried on the finish_reason chunk, no separate usage chunk',
	fancy: 'stream: CRLF line ends, comments, id:, event: and retry: lines, each JSON chunk spread over two data: lines',
	split: 'stream: the normal bytes written 1..7 bytes at a time with pauses, so reads split events, lines and UTF-8 characters',
	echo: 'stream or not: the reply is the last user message',
	length: 'stream: finish_reason "length"',
	'no-done': 'stream: ends after the finish_reason chunk without [DONE]',
	cut: 'stream: the connection is closed in the middle of an event',
	'stream-error': 'stream: an error object arrives after some text',
	'ignore-stream': 'answers a streaming request with a plain JSON completion',
	slow: 'stream: two deltas, then 30 s of silence before the rest',
	'slow-headers': 'no response at all for 30 s',
	'error-400-context': '400 context_length_exceeded',
	'error-400': '400 other invalid request',
	'error-401': '401 invalid API key',
	'error-404': '404 model not found',
	'error-429': '429 with Retry-After: 1, always',
	'error-429-once': '429 with Retry-After: 1 on the first request, then normal',
	'error-429-long': '429 with Retry-After: 3600',
	'error-429-date-once': '429 with Retry-After as an HTTP date 2 s ahead on the first request, then normal',
	'error-500': '500, always',
	'error-500-once': '500 on the first request, then normal',
	'error-503-html': '503 with an HTML body',
	'bad-json': '200 with a body that is not JSON (stream and not)',
	'embed-reversed': 'embeddings: data in reverse order (order comes from "index")',
	'embed-ragged': 'embeddings: the second vector one element short',
	'embed-duplicate': 'embeddings: two items with index 0',
};

function chunk(model, choices, extra = {}) {
	return JSON.stringify({
		id: 'chatcmpl-replay',
		object: 'chat.completion.chunk',
		created: 1790000000,
		model,
		choices,
		...extra,
	});
}

function usage() {
	return {
		prompt_tokens: PROMPT_TOKENS,
		completion_tokens: COMPLETION_TOKENS,
		total_tokens: PROMPT_TOKENS + COMPLETION_TOKENS,
	};
}

// The SSE events of a normal stream, as "data" payloads.
function streamEvents(model, pieces, opts) {
	const ev = [];
	ev.push(chunk(model, [{ index: 0, delta: { role: 'assistant', content: '' }, finish_reason: null }]));
	for (const p of pieces)
		ev.push(chunk(model, [{ index: 0, delta: { content: p }, finish_reason: null }]));
	const fin = { index: 0, delta: {}, finish_reason: opts.finish || 'stop' };
	if (opts.usageLast) ev.push(chunk(model, [fin], { usage: usage() }));
	else {
		ev.push(chunk(model, [fin]));
		if (opts.includeUsage) ev.push(chunk(model, [], { usage: usage() }));
	}
	return ev;
}

function sseBytes(events, done, eol = '\n') {
	let s = '';
	for (const e of events) s += `data: ${e}${eol}${eol}`;
	if (done) s += `data: [DONE]${eol}${eol}`;
	return Buffer.from(s, 'utf8');
}

function sseHead(res) {
	res.writeHead(200, {
		'Content-Type': 'text/event-stream; charset=utf-8',
		'Cache-Control': 'no-cache',
		Connection: 'keep-alive',
	});
}

function sendJson(res, status, obj, headers = {}) {
	const body = Buffer.from(JSON.stringify(obj), 'utf8');
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length, ...headers });
	res.end(body);
}

function apiError(res, status, message, type, code, headers) {
	sendJson(res, status, { error: { message, type, param: null, code } }, headers);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Writes buf in pieces of 1..7 bytes (cycling), pausing between pieces so
// that the client's reads see them separately.
async function writeSplit(res, buf) {
	const sizes = [1, 2, 3, 5, 7, 4, 6];
	let off = 0;
	for (let i = 0; off < buf.length; i++) {
		const n = Math.min(sizes[i % sizes.length], buf.length - off);
		if (res.destroyed) return;
		res.write(buf.subarray(off, off + n));
		off += n;
		await sleep(1);
	}
}

function completion(model, text, finish = 'stop') {
	return {
		id: 'chatcmpl-replay',
		object: 'chat.completion',
		created: 1790000000,
		model,
		choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: finish }],
		usage: usage(),
	};
}

function lastUserMessage(req) {
	const msgs = Array.isArray(req.messages) ? req.messages : [];
	for (let i = msgs.length - 1; i >= 0; i--)
		if (msgs[i] && msgs[i].role === 'user' && typeof msgs[i].content === 'string') return msgs[i].content;
	return '';
}

// Splits text into pieces of up to 3 characters (code points).
function piecesOf(text) {
	const cps = Array.from(text);
	const out = [];
	for (let i = 0; i < cps.length; i += 3) out.push(cps.slice(i, i + 3).join(''));
	return out.length ? out : [''];
}

function bump(name) {
	const n = (counters.get(name) || 0) + 1;
	counters.set(name, n);
	return n;
}

async function chat(req, res, scenario, body) {
	const model = typeof body.model === 'string' ? body.model : 'replay';
	const stream = body.stream === true;
	const includeUsage = !!(body.stream_options && body.stream_options.include_usage);
	const n = bump(scenario);

	switch (scenario) {
	case 'error-400-context':
		return apiError(res, 400,
			"This model's maximum context length is 4096 tokens. However, your messages resulted in 9001 tokens.",
			'invalid_request_error', 'context_length_exceeded');
	case 'error-400':
		return apiError(res, 400, "'messages' is a required property", 'invalid_request_error', null);
	case 'error-401':
		return apiError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
	case 'error-404':
		return apiError(res, 404, `The model '${model}' does not exist`, 'invalid_request_error', 'model_not_found');
	case 'error-429':
		return apiError(res, 429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded', { 'Retry-After': '1' });
	case 'error-429-long':
		return apiError(res, 429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded', { 'Retry-After': '3600' });
	case 'error-429-once':
		if (n === 1)
			return apiError(res, 429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded', { 'Retry-After': '1' });
		break;
	case 'error-429-date-once':
		if (n === 1)
			return apiError(res, 429, 'Rate limit reached.', 'requests', 'rate_limit_exceeded',
				{ 'Retry-After': new Date(Date.now() + 2000).toUTCString() });
		break;
	case 'error-500':
		return apiError(res, 500, 'The server had an error while processing your request.', 'server_error', null);
	case 'error-500-once':
		if (n === 1)
			return apiError(res, 500, 'The server had an error while processing your request.', 'server_error', null);
		break;
	case 'error-503-html':
		res.writeHead(503, { 'Content-Type': 'text/html' });
		return res.end('<html><body><h1>503 Service Unavailable</h1></body></html>');
	case 'bad-json':
		if (stream) {
			sseHead(res);
			return res.end('data: {"choices": [oops\n\n');
		}
		res.writeHead(200, { 'Content-Type': 'application/json' });
		return res.end('{"choices": [oops');
	case 'slow-headers':
		await sleep(30000);
		return res.end();
	default:
		break;
	}

	const text = scenario === 'echo' ? lastUserMessage(body) : REPLY_TEXT;
	const pieces = scenario === 'echo' ? piecesOf(text) : REPLY;
	const finish = scenario === 'length' ? 'length' : 'stop';

	if (!stream || scenario === 'ignore-stream')
		return sendJson(res, 200, completion(model, text, finish));

	sseHead(res);
	res.socket.setNoDelay(true);
	const events = streamEvents(model, pieces, { includeUsage, usageLast: scenario === 'usage-last', finish });
	switch (scenario) {
	case 'fancy': {
		let s = ': replay server keep-alive\r\n\r\nretry: 3000\r\n';
		events.forEach((e, i) => {
			// Two data: lines join with "\n", which is JSON whitespace.
			const two = e.replace(',"choices":', '\r\ndata: ,"choices":');
			s += `id: ${i + 1}\r\nevent: message\r\n: comment inside an event\r\ndata: ${two}\r\n\r\n`;
		});
		s += 'data: [DONE]\r\n\r\n';
		return res.end(Buffer.from(s, 'utf8'));
	}
	case 'split':
		await writeSplit(res, sseBytes(events, true));
		return res.end();
	case 'no-done':
		return res.end(sseBytes(events, false));
	case 'cut': {
		const all = sseBytes(events, true);
		res.write(all.subarray(0, Math.floor(all.length / 2)));
		await sleep(20);
		return res.socket.destroy();
	}
	case 'stream-error': {
		res.write(sseBytes(events.slice(0, 3), false));
		const err = JSON.stringify({ error: { message: 'The server had an error while processing your request.', type: 'server_error', code: 500 } });
		return res.end(`data: ${err}\n\n`);
	}
	case 'slow':
		res.write(sseBytes(events.slice(0, 2), false));
		await sleep(30000);
		if (!res.destroyed) res.end(sseBytes(events.slice(2), true));
		return;
	default:
		return res.end(sseBytes(events, true));
	}
}

// Deterministic vectors: dimension 8, from the UTF-8 bytes of the text.
function embedVector(text) {
	const v = new Array(8).fill(0);
	const b = Buffer.from(text, 'utf8');
	for (let i = 0; i < b.length; i++) v[i % 8] += b[i] / 255;
	const norm = Math.sqrt(v.reduce((a, x) => a + x * x, 0)) || 1;
	return v.map((x) => Math.round((x / norm) * 1e6) / 1e6);
}

function embeddings(req, res, scenario, body) {
	if (scenario === 'error-401')
		return apiError(res, 401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key');
	if (scenario === 'error-404')
		return apiError(res, 404, 'model not found', 'invalid_request_error', 'model_not_found');
	const input = typeof body.input === 'string' ? [body.input] : body.input;
	if (!Array.isArray(input) || !input.every((s) => typeof s === 'string'))
		return apiError(res, 400, "'input' must be a string or an array of strings", 'invalid_request_error', null);
	let data = input.map((s, i) => ({ object: 'embedding', index: i, embedding: embedVector(s) }));
	if (scenario === 'embed-reversed') data = data.reverse(); // order must come from "index"
	if (scenario === 'embed-ragged' && data.length > 1) data[1].embedding.pop();
	if (scenario === 'embed-duplicate' && data.length > 1) data[1].index = 0;
	const tokens = input.reduce((a, s) => a + Array.from(s).length, 0);
	sendJson(res, 200, {
		object: 'list',
		data,
		model: typeof body.model === 'string' ? body.model : 'replay-embed',
		usage: { prompt_tokens: tokens, total_tokens: tokens },
	});
}

function record(req, path, body) {
	const entry = {
		method: req.method,
		path,
		auth: req.headers.authorization ? 'bearer' : req.headers['api-key'] ? 'api-key' : null,
		body,
	};
	if (req.headers.authorization) entry.auth_value = req.headers.authorization;
	if (req.headers['api-key']) entry.auth_value = req.headers['api-key'];
	recorded.push(entry);
	if (recordFile) fs.appendFileSync(recordFile, JSON.stringify(entry) + '\n');
}

const server = http.createServer((req, res) => {
	const chunks = [];
	let size = 0;
	req.on('data', (c) => {
		size += c.length;
		if (size > MAX_BODY) {
			apiError(res, 413, 'request too large', 'invalid_request_error', null);
			req.destroy();
			return;
		}
		chunks.push(c);
	});
	req.on('end', async () => {
		const path = new URL(req.url, 'http://127.0.0.1').pathname.replace(/\/+$/, '');
		const raw = Buffer.concat(chunks).toString('utf8');
		if (path === '/__requests') return sendJson(res, 200, recorded);
		let body = {};
		if (raw.length) {
			try {
				body = JSON.parse(raw);
			} catch {
				record(req, path, raw);
				return apiError(res, 400, 'request body is not JSON', 'invalid_request_error', null);
			}
		}
		record(req, path, raw.length ? body : null);
		const header = req.headers['x-replay-scenario'];
		const scenario = typeof header === 'string' && header ? header
			: typeof body.model === 'string' && body.model ? body.model : 'normal';
		try {
			if (req.method === 'POST' && path.endsWith('/chat/completions')) return await chat(req, res, scenario, body);
			if (req.method === 'POST' && path.endsWith('/embeddings')) return embeddings(req, res, scenario, body);
			if (req.method === 'GET' && path.endsWith('/models'))
				return sendJson(res, 200, {
					object: 'list',
					data: Object.keys(SCENARIOS).map((id) => ({ id, object: 'model', created: 1790000000, owned_by: 'replay' })),
				});
			apiError(res, 404, `no route ${req.method} ${path}`, 'invalid_request_error', null);
		} catch (e) {
			if (!res.headersSent) apiError(res, 500, String(e), 'server_error', null);
			else res.destroy();
		}
	});
});

server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`PORT ${server.address().port}\n`);
});
process.on('SIGTERM', () => process.exit(0));
