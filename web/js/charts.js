// charts.js: small SVG charts for the 活用状況 page (bars for buckets and
// departments, lines for trends). Chosen over a charting library by
// measurement (docs/decisions/0007-adoption-charts.md): a few kB, vector
// output that prints sharply on A4, no canvas, nothing inline (CSP).
//
// Every chart is an <svg role="img"> with a text alternative that reads
// out all its numbers ("1-9回: 95人、..."); the page also shows the same
// numbers in a table next to it. Colours come from classes in
// css/adoption.css, so that print and forced-colours modes can restyle them.

const NS = 'http://www.w3.org/2000/svg';

function el(tag, attrs, ...children) {
  const e = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v !== null && v !== undefined) e.setAttribute(k, String(v));
  }
  for (const c of children) {
    if (c === null || c === undefined) continue;
    e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  }
  return e;
}

/** A "nice" upper bound for an axis: 1, 2 or 5 times a power of ten. */
export function niceMax(v) {
  if (!(v > 0)) return 4;
  if (v <= 4) return 4; // counts: whole-number ticks
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 2, 5, 10]) if (v <= m * p) return m * p;
  return 10 * p;
}

// One formatter: toLocaleString() builds a new one per call (slow).
const NF = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });
const fmt = (v) => NF.format(v);

function svgRoot(width, height, label) {
  return el('svg', {
    class: 'chart', viewBox: `0 0 ${width} ${height}`, role: 'img', 'aria-label': label,
    preserveAspectRatio: 'xMidYMid meet', focusable: 'false',
  });
}

/**
 * Vertical bars. items: [{label, value}], unit: '人'. Returns an <svg>.
 * title names the chart for the text alternative.
 */
export function barChart(title, items, { unit = '', height = 220 } = {}) {
  const n = Math.max(items.length, 1);
  const W = Math.max(640, n * 56 + 60);
  const H = height;
  const left = 48, right = 12, top = 16, bottom = 40;
  const max = niceMax(Math.max(0, ...items.map((i) => i.value)));
  const alt = `${title}: ` + items.map((i) => `${i.label} ${fmt(i.value)}${unit}`).join('、');
  const svg = svgRoot(W, H, alt);
  const plotH = H - top - bottom;
  const slot = (W - left - right) / n;
  for (let t = 0; t <= 4; t++) {
    const y = top + plotH - (plotH * t) / 4;
    svg.appendChild(el('line', { class: 'chart-grid', x1: left, x2: W - right, y1: y, y2: y }));
    svg.appendChild(el('text', { class: 'chart-tick', x: left - 6, y: y + 4, 'text-anchor': 'end' }, fmt((max * t) / 4)));
  }
  items.forEach((it, i) => {
    const h = max ? (plotH * it.value) / max : 0;
    const x = left + slot * i + slot * 0.15;
    const w = slot * 0.7;
    const bar = el('rect', { class: 'chart-bar', x, y: top + plotH - h, width: w, height: h });
    bar.appendChild(el('title', null, `${it.label}: ${fmt(it.value)}${unit}`));
    svg.appendChild(bar);
    svg.appendChild(el('text', { class: 'chart-value', x: x + w / 2, y: top + plotH - h - 4, 'text-anchor': 'middle' }, fmt(it.value)));
    svg.appendChild(el('text', { class: 'chart-label', x: x + w / 2, y: H - bottom + 16, 'text-anchor': 'middle' }, it.label));
  });
  svg.appendChild(el('line', { class: 'chart-axis', x1: left, x2: W - right, y1: top + plotH, y2: top + plotH }));
  return svg;
}

/**
 * Horizontal bars for long labels (departments). items: [{label, value}],
 * values are ratios 0..1 shown as percentages.
 */
export function rateBars(title, items) {
  const rowH = 26;
  const W = 640, left = 200, right = 56, top = 8;
  const H = top * 2 + rowH * Math.max(items.length, 1);
  const alt = `${title}: ` + items.map((i) => `${i.label} ${(i.value * 100).toFixed(1)}%`).join('、');
  const svg = svgRoot(W, H, alt);
  const plotW = W - left - right;
  items.forEach((it, i) => {
    const y = top + rowH * i;
    const w = Math.max(0, Math.min(1, it.value)) * plotW;
    svg.appendChild(el('text', { class: 'chart-label', x: left - 8, y: y + rowH * 0.65, 'text-anchor': 'end' },
      it.label.length > 14 ? `${it.label.slice(0, 13)}…` : it.label));
    const bar = el('rect', { class: 'chart-bar', x: left, y: y + 4, width: w, height: rowH - 8 });
    bar.appendChild(el('title', null, `${it.label}: ${(it.value * 100).toFixed(1)}%`));
    svg.appendChild(bar);
    svg.appendChild(el('text', { class: 'chart-value', x: left + w + 6, y: y + rowH * 0.65 }, `${(it.value * 100).toFixed(1)}%`));
  });
  svg.appendChild(el('line', { class: 'chart-axis', x1: left, x2: left, y1: top, y2: H - top }));
  return svg;
}

/**
 * Lines over a common x axis. labels: ['2024-04', ...]; series:
 * [{name, values, cls}] with cls one of 'a', 'b' (colour and dash in CSS,
 * so the lines differ without colour too). Each series has its own
 * scale when scales='own' (drawn as share of its own maximum; the legend says so).
 */
export function lineChart(title, labels, series, { height = 240 } = {}) {
  const n = Math.max(labels.length, 1);
  const W = Math.max(720, Math.min(1200, n * 28 + 96));
  const H = height, left = 48, right = 48, top = 28, bottom = 40;
  const plotW = W - left - right, plotH = H - top - bottom;
  const alt = `${title}: ` + series.map((s) => `${s.name} ` + labels.map((l, i) => `${l} ${fmt(s.values[i] ?? 0)}`).join('、')).join('。');
  const svg = svgRoot(W, H, alt);
  const x = (i) => left + (n === 1 ? plotW / 2 : (plotW * i) / (n - 1));
  series.forEach((s, k) => {
    const max = niceMax(Math.max(0, ...s.values));
    if (k === 0) {
      for (let t = 0; t <= 4; t++) {
        const y = top + plotH - (plotH * t) / 4;
        svg.appendChild(el('line', { class: 'chart-grid', x1: left, x2: W - right, y1: y, y2: y }));
      }
    }
    for (let t = 0; t <= 4; t += 2) {
      const y = top + plotH - (plotH * t) / 4;
      svg.appendChild(el('text', {
        class: `chart-tick chart-tick-${s.cls}`, x: k === 0 ? left - 6 : W - right + 6, y: y + 4,
        'text-anchor': k === 0 ? 'end' : 'start',
      }, fmt((max * t) / 4)));
    }
    const pts = s.values.map((v, i) => `${x(i).toFixed(1)},${(top + plotH - (max ? (plotH * v) / max : 0)).toFixed(1)}`);
    svg.appendChild(el('polyline', { class: `chart-line chart-line-${s.cls}`, points: pts.join(' '), fill: 'none' }));
    s.values.forEach((v, i) => {
      const dot = el('circle', { class: `chart-dot chart-line-${s.cls}`, cx: x(i), cy: top + plotH - (max ? (plotH * v) / max : 0), r: n > 30 ? 2 : 3.5 });
      dot.appendChild(el('title', null, `${labels[i]} ${s.name}: ${fmt(v)}`));
      svg.appendChild(dot);
    });
    // Legend
    svg.appendChild(el('line', { class: `chart-line chart-line-${s.cls}`, x1: left + k * 200, x2: left + k * 200 + 24, y1: 12, y2: 12 }));
    svg.appendChild(el('text', { class: 'chart-legend', x: left + k * 200 + 30, y: 16 }, `${s.name}（${k === 0 ? '左' : '右'}の目盛り）`));
  });
  const step = Math.max(1, Math.ceil((n * 64) / plotW)); // labels about 64 units apart
  labels.forEach((l, i) => {
    if (i % step !== 0 && i !== n - 1) return;
    svg.appendChild(el('text', { class: 'chart-label', x: x(i), y: H - bottom + 16, 'text-anchor': 'middle' }, l));
  });
  svg.appendChild(el('line', { class: 'chart-axis', x1: left, x2: W - right, y1: top + plotH, y2: top + plotH }));
  return svg;
}
