/* widget.js: the 「AIに質問」 button a city's own web site embeds with
 *
 *   <script src="https://yakuba.example/widget.js" data-yakuba-base="https://yakuba.example" defer></script>
 *
 * It adds a floating button at the bottom right; the button opens a panel
 * holding an iframe of our /public.html?embed=1, so all asking happens on
 * our origin under our own CSP, and the host page never sees the API.
 *
 * A classic script (not a module: host pages include it with a plain
 * <script src>), in an IIFE so it leaks no globals. Its elements live in a
 * shadow root, so the host page's CSS cannot break them and ours cannot
 * leak out (open, so that tests and the host's own scripts can reach the
 * button; nothing secret lives there); the styles are a constructed stylesheet
 * (adoptedStyleSheets), which needs no inline <style> or style attribute.
 * Optional attributes: data-yakuba-label (button text),
 * data-yakuba-position="left" (bottom left instead of right).
 *
 * The server must allow the host site to frame /public.html (its
 * Content-Security-Policy frame-ancestors); see docs/qa-web.md.
 */
(function () {
  'use strict';

  var script = document.currentScript;
  // Included twice by mistake: one button is enough.
  if (!script || document.querySelector('[data-yakuba-widget]')) return;

  var base = script.getAttribute('data-yakuba-base') || '';
  if (!base) {
    try { base = new URL(script.src, document.baseURI).origin; } catch (e) { return; }
  }
  var src;
  try {
    var u = new URL('/public.html', base);
    if (u.protocol !== 'https:' && u.protocol !== 'http:') return;
    u.searchParams.set('embed', '1');
    src = u.href;
  } catch (e) {
    return;
  }
  var label = script.getAttribute('data-yakuba-label') || 'AIに質問';
  var left = script.getAttribute('data-yakuba-position') === 'left';

  var CSS = [
    ':host { all: initial; }',
    '.wrap { position: fixed; bottom: 1rem; z-index: 2147483000; display: flex; flex-direction: column; align-items: flex-end; font-family: "Noto Sans JP", "Hiragino Sans", "Yu Gothic UI", "Meiryo", system-ui, sans-serif; }',
    '.wrap.right { right: 1rem; } .wrap.left { left: 1rem; align-items: flex-start; }',
    '.open { display: inline-flex; align-items: center; gap: .4rem; min-height: 3rem; padding: .5rem 1.1rem; font: inherit; font-size: 1rem; font-weight: 700; color: #fff; background: #0b5a8c; border: 2px solid #fff; border-radius: 999px; box-shadow: 0 2px 10px rgba(0,0,0,.3); cursor: pointer; }',
    '.open:hover { background: #073f63; }',
    '.open:focus-visible, .close:focus-visible { outline: 3px solid #d35400; outline-offset: 2px; }',
    '.panel { display: flex; flex-direction: column; width: min(26rem, calc(100vw - 2rem)); height: min(40rem, calc(100vh - 6rem)); margin-bottom: .5rem; background: #fff; border: 1px solid #8a94a3; border-radius: 8px; box-shadow: 0 4px 24px rgba(0,0,0,.3); overflow: hidden; }',
    '.panel[hidden] { display: none; }',
    '.bar { display: flex; align-items: center; justify-content: space-between; gap: .5rem; padding: .35rem .5rem .35rem .9rem; color: #fff; background: #073f63; font-size: .95rem; font-weight: 700; }',
    '.close { min-width: 2.75rem; min-height: 2.75rem; font: inherit; font-size: 1.2rem; color: #fff; background: transparent; border: 1px solid #fff; border-radius: 6px; cursor: pointer; }',
    'iframe { flex: 1 1 auto; width: 100%; border: 0; }',
    '@media (max-width: 480px) { .panel { width: calc(100vw - 1rem); height: calc(100vh - 5.5rem); } .wrap.right { right: .5rem; } .wrap.left { left: .5rem; } }'
  ].join('\n');

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) e.setAttribute(k, attrs[k]);
    if (text) e.textContent = text;
    return e;
  }

  function mount() {
    var host = el('div', { 'data-yakuba-widget': '' });
    var root = host.attachShadow({ mode: 'open' });
    if ('adoptedStyleSheets' in root && typeof CSSStyleSheet === 'function' && 'replaceSync' in CSSStyleSheet.prototype) {
      var sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.appendChild(el('style', {}, CSS)); // old browsers; subject to the host's CSP
    }

    var wrap = el('div', { 'class': 'wrap ' + (left ? 'left' : 'right') });
    var panelId = 'yakuba-widget-panel';
    var titleId = 'yakuba-widget-title';
    var panel = el('div', { 'class': 'panel', id: panelId, role: 'dialog', 'aria-labelledby': titleId });
    panel.hidden = true;
    var bar = el('div', { 'class': 'bar' });
    bar.appendChild(el('span', { id: titleId }, label));
    var close = el('button', { type: 'button', 'class': 'close', 'aria-label': '閉じる' }, '×');
    bar.appendChild(close);
    panel.appendChild(bar);
    var open = el('button', { type: 'button', 'class': 'open', 'aria-expanded': 'false', 'aria-controls': panelId });
    open.appendChild(el('span', { 'aria-hidden': 'true' }, '💬'));
    open.appendChild(document.createTextNode(label));
    wrap.appendChild(panel);
    wrap.appendChild(open);
    root.appendChild(wrap);

    var frame = null;
    function show(on) {
      panel.hidden = !on;
      open.setAttribute('aria-expanded', on ? 'true' : 'false');
      if (on) {
        if (!frame) {
          // Created on first open, so a page that never asks loads nothing.
          frame = el('iframe', { src: src, title: label + '（よくある質問の案内）', loading: 'lazy', referrerpolicy: 'no-referrer' });
          panel.appendChild(frame);
        }
        close.focus();
      } else {
        open.focus();
      }
    }
    open.addEventListener('click', function () { show(panel.hidden); });
    close.addEventListener('click', function () { show(false); });
    panel.addEventListener('keydown', function (ev) {
      if (ev.key === 'Escape') show(false);
    });
    document.body.appendChild(host);
  }

  function mountOnce() {
    if (!document.querySelector('[data-yakuba-widget]')) mount();
  }
  if (document.body) mountOnce();
  else document.addEventListener('DOMContentLoaded', mountOnce);
})();
