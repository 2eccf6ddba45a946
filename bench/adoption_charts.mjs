// bench/adoption_charts.mjs: the measurement behind
// docs/decisions/0011-adoption-charts.md — our SVG charts (web/js/charts.js)
// against Chart.js and uPlot from npm, in headless Chromium: bytes (raw and
// gzip), milliseconds to draw the 活用状況 bar chart (4 bars) and weekly
// line chart (2 x 53 points), raster images left in an A4 PDF (print
// quality), and what a screen reader gets.
//
//   mkdir /tmp/charts && (cd /tmp/charts && npm install chart.js@4.5.1 uplot@1.6.32)
//   CHARTS_DIR=/tmp/charts node bench/adoption_charts.mjs
//
// Needs tests/browser's playwright-core (npm ci there), Debian's chromium
// and poppler-utils (pdfimages). The libraries are measured, not vendored.
import { readFileSync, mkdtempSync } from 'node:fs';
import { execSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const DIR = process.env.CHARTS_DIR || '/tmp/charts';
const OUT = mkdtempSync(path.join(os.tmpdir(), 'yk-charts-'));
const { chromium } = await import(path.join(ROOT, 'tests/browser/node_modules/playwright-core/index.mjs'));
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
const files = {
  ours: path.join(ROOT, 'web/js/charts.js'),
  chartjs: path.join(DIR, 'node_modules/chart.js/dist/chart.umd.min.js'),
  uplot: path.join(DIR, 'node_modules/uplot/dist/uPlot.iife.min.js'),
};
const libs = {};
for (const [k, f] of Object.entries(files)) {
  const text = readFileSync(f, 'utf8');
  libs[k] = k === 'ours' ? text.replace(/^export /gm, '') : text; // a classic script
}
const months = Array.from({ length: 12 }, (_, i) => `2024-${String(i + 4).padStart(2, '0')}`);
const weeks = Array.from({ length: 53 }, (_, i) => i);
const draw = {
  ours: `(box) => { box.appendChild(barChart('分布', [{label:'1-9回',value:95},{label:'10-19回',value:20},{label:'20-49回',value:9},{label:'50+回',value:3}])); box.appendChild(lineChart('週別', ${JSON.stringify(weeks.map(String))}, [{name:'利用者', values:${JSON.stringify(weeks.map((w) => 100 + (w * 37) % 50))}, cls:'a'},{name:'回数', values:${JSON.stringify(weeks.map((w) => 900 + (w * 91) % 400))}, cls:'b'}])); }`,
  chartjs: `(box) => { Chart.defaults.animation = false; const c1 = document.createElement('canvas'); box.appendChild(c1); new Chart(c1, {type:'bar', data:{labels:['1-9回','10-19回','20-49回','50+回'], datasets:[{label:'職員数', data:[95,20,9,3]}]}, options:{responsive:false, animation:false}}); const c2 = document.createElement('canvas'); box.appendChild(c2); new Chart(c2, {type:'line', data:{labels:${JSON.stringify(weeks.map(String))}, datasets:[{label:'利用者', data:${JSON.stringify(weeks.map((w) => 100 + (w * 37) % 50))}},{label:'回数', data:${JSON.stringify(weeks.map((w) => 900 + (w * 91) % 400))}}]}, options:{responsive:false, animation:false}}); }`,
  // uPlot draws lines only (bars need a plugin): its figure is for the line chart alone.
  uplot: `(box) => { new uPlot({width:640, height:240, series:[{}, {label:'利用者'}, {label:'回数'}]}, [${JSON.stringify(weeks)}, ${JSON.stringify(weeks.map((w) => 100 + (w * 37) % 50))}, ${JSON.stringify(weeks.map((w) => 900 + (w * 91) % 400))}], box); }`,
};
const out = {};
for (const name of Object.keys(libs)) {
  const page = await browser.newPage();
  await page.setContent(`<!doctype html><html><body><div id="box"></div></body></html>`);
  await page.addScriptTag({ content: libs[name] });
  const ms = await page.evaluate(`(() => { const f = ${draw[name]}; const box = document.getElementById('box'); f(box); box.replaceChildren(); const t0 = performance.now(); for (let i = 0; i < 50; i++) { f(box); box.replaceChildren(); } return (performance.now() - t0) / 50; })()`);
  await page.evaluate(`(() => { const f = ${draw[name]}; f(document.getElementById('box')); })()`);
  const pdf = path.join(OUT, `${name}.pdf`);
  await page.pdf({ path: pdf, format: 'A4' });
  const imgs = execSync(`pdfimages -list ${pdf} | tail -n +3 | wc -l`).toString().trim();
  const a11y = await page.evaluate(() => { const b = document.getElementById('box'); return { textNodes: b.innerText.trim().length, svgLabelled: !!b.querySelector('svg[role="img"][aria-label]'), canvases: b.querySelectorAll('canvas').length }; });
  const bytes = readFileSync(files[name]);
  out[name] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, ms_per_render: ms.toFixed(2), pdf_raster_images: Number(imgs), ...a11y };
  await page.close();
}
console.table(out);
await browser.close();
