// genai/sse.js: reads a text/event-stream body (the 生成AI chat answer)
// from fetch(). EventSource cannot POST or send the CSRF header, so the page
// reads the stream itself. The parser is a pure function of the text it is
// fed (no DOM, no network), following the WHATWG "server-sent events"
// rules: lines end in LF, CR or CRLF; "event:" names the event, "data:"
// lines are joined with LF; a blank line dispatches; ":" lines are
// comments; a chunk may end anywhere, even inside a line.

/** Hard limit on one event's data, so a broken server cannot fill memory. */
export const SSE_EVENT_MAX = 1 << 20;

export class SseParser {
  constructor() {
    this.rest = '';     // an incomplete line carried to the next chunk
    this.event = '';
    this.data = [];
    this.size = 0;
    this.lastCR = false; // the previous chunk ended with CR: a following LF is part of it
  }

  /** Feeds text; returns the events completed by it: [{event, data}]. */
  push(text) {
    const out = [];
    let s = text;
    if (this.lastCR && s.startsWith('\n')) s = s.slice(1);
    this.lastCR = s.endsWith('\r');
    s = this.rest + s;
    let start = 0;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      if (c !== 10 && c !== 13) continue;
      this.line(s.slice(start, i), out);
      if (c === 13 && s.charCodeAt(i + 1) === 10) i += 1;
      start = i + 1;
    }
    this.rest = s.slice(start);
    if (this.rest.length > SSE_EVENT_MAX) throw new Error('event too large');
    return out;
  }

  /** The stream ended: an event without its blank line is dropped (as browsers do). */
  end() {
    this.rest = '';
    this.event = '';
    this.data = [];
    this.size = 0;
    return [];
  }

  line(line, out) {
    if (line === '') {
      if (this.data.length > 0) out.push({ event: this.event || 'message', data: this.data.join('\n') });
      this.event = '';
      this.data = [];
      this.size = 0;
      return;
    }
    if (line.startsWith(':')) return;
    const colon = line.indexOf(':');
    const name = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (name === 'event') {
      this.event = value;
    } else if (name === 'data') {
      this.size += value.length + 1;
      if (this.size > SSE_EVENT_MAX) throw new Error('event too large');
      this.data.push(value);
    }
    // "id" and "retry" mean nothing for a one-shot POST answer.
  }
}

/**
 * Reads res.body to the end, calling onEvent(name, parsedJson) for each
 * event whose data is JSON (others are skipped). Rejects with the
 * AbortError when the fetch's signal fires.
 */
export async function readEvents(res, onEvent) {
  const reader = res.body.getReader();
  const decoder = new TextDecoder('utf-8');
  const parser = new SseParser();
  const dispatch = (events) => {
    for (const ev of events) {
      let data;
      try { data = JSON.parse(ev.data); } catch (_) { continue; }
      onEvent(ev.event, data);
    }
  };
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      dispatch(parser.push(decoder.decode(value, { stream: true })));
    }
    dispatch(parser.push(decoder.decode()));
    parser.end();
  } finally {
    reader.releaseLock();
  }
}
