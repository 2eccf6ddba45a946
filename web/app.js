// app.js: entry point of the yakuba web UI (loaded by index.html as an ES
// module). Decides between the login page, the forced password change and
// the navigation frame, and routes "#/<page>" hashes to the page modules in
// js/pages/. Routing uses the hash because the server serves only the
// files that exist (there is no catch-all page), and a reload must land on
// the same page.
//
// A page module exports render(body, ctx): it fills body (the heading is
// already there and focused), may await API calls, and must check
// ctx.alive() after each await because the user may have moved on. ctx has
// me (the user), city, isAdmin and onCityChanged(name). ctx.turn(key) is for
// a list a user can ask for again before the last answer arrived (a filter,
// a page, a campaign): it returns a check that is true only while the page
// is alive and no later turn of the same key has started, so an answer that
// arrives late never replaces a newer one. A page throws
// ApiError for failures it does not show itself; the frame shows them.
// Rules every page keeps: text only through text nodes (never innerHTML),
// no inline style or handler (CSP), a <label> for every input, status and
// errors in role=status/alert regions, and Japanese text for staff.

import { h, replace, announce, notice } from './js/dom.js';
import { api, setCsrf, onAuthProblem } from './js/api.js';
import { renderLogin, renderPasswordForm } from './js/pages/auth.js';
import { placeholderPage } from './js/pages/placeholders.js';
import { renderGenai } from './js/pages/genai.js';
import { renderUsers } from './js/pages/users.js';
import { renderDepartments } from './js/pages/departments.js';
import { renderRoster } from './js/pages/roster.js';
import { renderSettings } from './js/pages/settings.js';
import { renderAudit } from './js/pages/audit.js';
// 問い合わせAI (issue 3): the inquiry page and the knowledge-base editor pages.
import { renderAsk } from './js/pages/ask.js';
import { renderKb } from './js/pages/kb.js';
import { renderUnanswered } from './js/pages/unanswered.js';
import { renderSynonyms } from './js/pages/synonyms.js';
import { renderAdoption } from './js/pages/adoption.js';
// 研修 (issue 11): staff page and the managers' page.
import { renderTraining } from './js/pages/training.js';
import { renderTrainingAdmin } from './js/pages/training-admin.js';
// メンタルヘルス (issue 12): stress check, implementer and group pages, opinion box, self-care chat.
import { renderWellbeing } from './js/pages/stress.js';
import { renderStressImplementer, renderStressAnalysis } from './js/pages/stress-admin.js';
import { renderOpinions } from './js/pages/opinions.js';
import { renderSelfcare } from './js/pages/selfcare.js';
import { renderWellbeingAdmin } from './js/pages/wellbeing-admin.js';

const PRODUCT = 'yakuba 職員ポータル';

// The page map: nav order, titles, which roles may see them (the same
// roles as the API routes the page calls; see src/api/routes.def). "group"
// decides the nav section; pages without a group are reachable by link only.
const ALL = ['admin', 'editor', 'staff', 'implementer', 'head'];
const ROUTES = [
  { path: 'inquiry', title: '問い合わせ', group: 'work', roles: ALL, render: renderAsk },
  { path: 'assistant', title: '生成AI', group: 'work', roles: ALL, render: placeholderPage('assistant') },
  { path: 'usage', title: '活用状況', group: 'work', roles: ['admin', 'editor', 'head'], render: placeholderPage('usage') },
  { path: 'training', title: '研修', group: 'work', roles: ALL, render: placeholderPage('training') },
  { path: 'wellbeing', title: 'メンタルヘルス', group: 'work', roles: ALL, render: placeholderPage('wellbeing') },
  { path: 'kb', title: 'ナレッジ管理', group: 'admin', roles: ['admin', 'editor'], render: renderKb },
  { path: 'unanswered', title: '未回答の質問', group: 'admin', roles: ['admin', 'editor'], render: renderUnanswered },
  { path: 'synonyms', title: '同義語', group: 'admin', roles: ['admin', 'editor'], render: renderSynonyms },
  { path: 'users', title: '利用者', group: 'admin', roles: ['admin'], render: renderUsers },
  { path: 'departments', title: '所属', group: 'admin', roles: ['admin', 'editor'], render: renderDepartments },
  { path: 'staff', title: '職員名簿', group: 'admin', roles: ['admin', 'editor'], render: renderRoster },
  { path: 'settings', title: '設定', group: 'admin', roles: ['admin'], render: renderSettings },
  { path: 'audit', title: '監査ログ', group: 'admin', roles: ['admin'], render: renderAudit },
  { path: 'password', title: 'パスワードの変更', roles: ALL, render: renderOwnPassword },
];
const DEFAULT_ROUTE = 'inquiry';
// 生成AI: the page (js/pages/genai.js) takes the place of its placeholder.
// Kept as its own statement so that page registrations from parallel
// branches do not touch the same lines of ROUTES.
ROUTES.find((r) => r.path === 'assistant').render = renderGenai;
// 活用状況 (issue 10): the page takes the place of its placeholder.
ROUTES.find((r) => r.path === 'usage').render = renderAdoption;
// 研修: the page takes the place of its placeholder; the managers' page
// follows it in the admin group.
ROUTES.find((r) => r.path === 'training').render = renderTraining;
ROUTES.splice(ROUTES.findIndex((r) => r.path === 'kb'), 0,
  { path: 'training-admin', title: '研修の管理', group: 'admin', roles: ['admin', 'editor'], render: renderTrainingAdmin });
// メンタルヘルス: the page takes the place of its placeholder; its other
// pages follow the admin section (own statements, for the same reason).
ROUTES.find((r) => r.path === 'wellbeing').render = renderWellbeing;
ROUTES.push(
  { path: 'opinions', title: '意見箱', roles: ALL, render: renderOpinions },
  { path: 'selfcare', title: 'セルフケア相談', roles: ALL, render: renderSelfcare },
  { path: 'stress-results', title: 'ストレスチェック（実施者）', group: 'admin', roles: ['implementer'], render: renderStressImplementer },
  { path: 'stress-analysis', title: 'ストレスチェック集団分析', group: 'admin', roles: ['admin', 'editor', 'implementer'], render: renderStressAnalysis },
  { path: 'wellbeing-admin', title: 'メンタルヘルスの管理', group: 'admin', roles: ['admin', 'implementer'], render: renderWellbeingAdmin },
);

const state = {
  me: null,          // user object from /api/v1/me
  city: '',
  frame: null,       // {main, nav, links: Map(path → <a>), toggle}
  seq: 0,            // render generation; stale async renders check it
  screen: 'boot',    // boot | login | password | frame
};

const root = () => document.getElementById('app');
const myRoles = () => (state.me && Array.isArray(state.me.roles) ? state.me.roles : []);
const hasRole = (role) => myRoles().includes(role);
const allowed = (route) => route.roles.some(hasRole);

function routeName() {
  const m = /^#\/([a-z-]+)/.exec(window.location.hash);
  return m ? m[1] : DEFAULT_ROUTE;
}

function setTitle(page) {
  const city = state.city ? `${state.city} ` : '';
  document.title = page ? `${page} | ${city}${PRODUCT}` : `${city}${PRODUCT}`;
}

// ---- session states -------------------------------------------------------

function applyMe(me) {
  state.me = me.user || null;
  state.city = me.city_name || '';
  state.passwordMin = Number.isInteger(me.password_min_length) ? me.password_min_length : null;
  setCsrf(me.csrf_token);
  if (me.must_change_password || (state.me && state.me.must_change_password)) showForcedPassword();
  else showFrame();
}

async function loadMe() {
  const me = await api('GET', '/api/v1/me', undefined, { keep401: true });
  applyMe(me);
}

function showLogin(message) {
  state.seq += 1;
  state.frame = null;
  state.me = null;
  state.screen = 'login';
  setCsrf('');
  setTitle('ログイン');
  renderLogin(root(), {
    product: PRODUCT,
    message,
    onLoggedIn: async (resp) => {
      setCsrf(resp.csrf_token);
      await loadMe();
    },
  });
}

function showForcedPassword() {
  state.seq += 1;
  state.frame = null;
  state.screen = 'password';
  setTitle('パスワードの変更');
  const wrap = h('div', { class: 'auth-page' },
    authHeader(),
    h('main', { id: 'main', class: 'auth-main', tabindex: '-1' }));
  replace(root(), wrap);
  const card = h('section', { class: 'card auth-card', 'aria-labelledby': 'pw-title' });
  wrap.querySelector('main').appendChild(card);
  const title = h('h1', { id: 'pw-title', class: 'page-title', tabindex: '-1' }, 'パスワードの変更');
  card.append(title,
    h('p', { class: 'lead' }, '初めてのログイン、または管理者がパスワードを再発行したため、ご自分だけが知っているパスワードに変更してください。変更するまで、ほかの画面は使えません。'));
  renderPasswordForm(card, {
    user: state.me,
    minLength: state.passwordMin,
    onDone: async () => {
      // Shown on the first page after the change, not only to screen readers.
      state.flash = 'パスワードを変更しました。次回から新しいパスワードでログインしてください。';
      await loadMe();
    },
  });
  card.appendChild(h('p', { class: 'auth-aside' },
    h('button', { type: 'button', class: 'btn btn-link', onclick: logout }, 'ログアウトして終了する')));
  title.focus();
}

function authHeader() {
  return h('header', { class: 'site-header' },
    h('div', { class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '役'),
      h('span', { class: 'brand-text' },
        state.city ? h('span', { class: 'brand-city' }, state.city) : null,
        h('span', { class: 'brand-product' }, PRODUCT))));
}

async function logout() {
  try {
    await api('POST', '/api/v1/logout', {}, { keep401: true });
  } catch (_) {
    // The session may already be gone; the login page is right either way.
  }
  showLogin({ kind: 'info', text: 'ログアウトしました。' });
}

// ---- frame ------------------------------------------------------------------

function showFrame() {
  state.screen = 'frame';
  const links = new Map();
  const navList = (group) => h('ul', { class: 'nav-list' },
    ROUTES.filter((r) => r.group === group && allowed(r)).map((r) => {
      const a = h('a', { href: `#/${r.path}`, class: 'nav-link' }, r.title);
      links.set(r.path, a);
      // A page still a placeholder says so beside its link (outside the
      // link, so that its name stays the page title).
      const pending = r.render && r.render.isPlaceholder
        ? h('span', { class: 'nav-pending' }, '準備中') : null;
      return h('li', { class: pending ? 'has-pending' : null }, a, pending);
    }));

  const nav = h('nav', { id: 'site-nav', class: 'site-nav', 'aria-label': 'メインメニュー' },
    h('h2', { class: 'nav-heading' }, '業務'),
    navList('work'),
    ROUTES.some((r) => r.group === 'admin' && allowed(r))
      ? [h('h2', { class: 'nav-heading' }, '管理'), navList('admin')] : null);

  const toggle = h('button', {
    type: 'button', class: 'menu-toggle', 'aria-expanded': 'false', 'aria-controls': 'site-nav',
  }, h('span', { class: 'menu-icon', 'aria-hidden': 'true' }), 'メニュー');
  const setOpen = (open) => {
    toggle.setAttribute('aria-expanded', open ? 'true' : 'false');
    nav.classList.toggle('is-open', open);
  };
  toggle.addEventListener('click', () => setOpen(toggle.getAttribute('aria-expanded') !== 'true'));
  nav.addEventListener('keydown', (ev) => {
    if (ev.key === 'Escape' && toggle.getAttribute('aria-expanded') === 'true') {
      setOpen(false);
      toggle.focus();
    }
  });

  const name = state.me ? (state.me.display_name || state.me.login) : '';
  const header = h('header', { class: 'site-header' },
    h('div', { class: 'brand' },
      h('span', { class: 'brand-mark', 'aria-hidden': 'true' }, '役'),
      h('span', { class: 'brand-text' },
        h('span', { class: 'brand-city', id: 'city-name' }, state.city || '（自治体名未設定）'),
        h('span', { class: 'brand-product' }, PRODUCT))),
    toggle,
    h('div', { class: 'user-box' },
      h('span', { class: 'user-name' }, h('span', { class: 'visually-hidden' }, 'ログイン中: '), name, ' さん'),
      h('a', { href: '#/password', class: 'user-link' }, 'パスワード変更'),
      h('button', { type: 'button', class: 'btn btn-small', onclick: logout }, 'ログアウト')));

  const main = h('main', { id: 'main', class: 'main', tabindex: '-1' });
  replace(root(), h('div', { class: 'frame' }, header, h('div', { class: 'layout' }, nav, main)));
  state.frame = { main, nav, links, setOpen };
  renderRoute();
}

async function renderRoute() {
  if (state.screen !== 'frame' || !state.frame) return;
  const name = routeName();
  const route = ROUTES.find((r) => r.path === name);
  const { main, links, setOpen } = state.frame;
  setOpen(false);
  for (const [path, a] of links) {
    if (path === name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
  state.seq += 1;
  const seq = state.seq;
  const title = !route ? 'ページが見つかりません' : route.title;
  const heading = h('h1', { class: 'page-title', tabindex: '-1' }, title);
  const body = h('div', { class: 'page-body' });
  const flash = state.flash ? notice('success', state.flash) : null;
  state.flash = null;
  replace(main, heading, ...(flash ? [flash] : []), body);
  setTitle(title);
  heading.focus();
  if (!route) {
    body.appendChild(notice('info', 'このアドレスのページはありません。左のメニューから選んでください。'));
    return;
  }
  if (!allowed(route)) {
    body.appendChild(notice('error', 'このページを使う権限がありません。必要な場合は管理者にご相談ください。'));
    return;
  }
  const turns = new Map();
  const ctx = {
    me: state.me,
    city: state.city,
    isAdmin: hasRole('admin'),
    alive: () => seq === state.seq,
    turn: (key) => {
      const n = (turns.get(key) || 0) + 1;
      turns.set(key, n);
      return () => seq === state.seq && turns.get(key) === n;
    },
    onCityChanged: (city) => {
      state.city = city;
      const el = document.getElementById('city-name');
      if (el) el.textContent = city || '（自治体名未設定）';
      setTitle(title);
    },
  };
  // Screen readers hear the page once it is complete; tests wait for it too.
  body.setAttribute('aria-busy', 'true');
  try {
    await route.render(body, ctx);
  } catch (err) {
    if (ctx.alive() && err && err.status !== 401) {
      body.appendChild(notice('error', err.message || '表示できませんでした。'));
    }
  } finally {
    body.removeAttribute('aria-busy');
  }
}

async function renderOwnPassword(body) {
  body.appendChild(h('p', { class: 'lead' }, 'ご自分のログイン用パスワードを変更します。変更すると、ほかの端末でのログインは終了します。'));
  const card = h('div', { class: 'card narrow' });
  body.appendChild(card);
  renderPasswordForm(card, {
    user: state.me,
    minLength: state.passwordMin,
    onDone: async () => {
      card.replaceChildren(notice('success', 'パスワードを変更しました。次回から新しいパスワードでログインしてください。'));
      announce('パスワードを変更しました。');
    },
  });
}

// ---- boot -------------------------------------------------------------------

function bootError(err) {
  state.screen = 'boot';
  replace(root(), h('main', { id: 'main', class: 'auth-main', tabindex: '-1' },
    h('section', { class: 'card auth-card' },
      h('h1', { class: 'page-title' }, '画面を表示できませんでした'),
      notice('error', err.message),
      h('button', { type: 'button', class: 'btn btn-primary', onclick: () => boot() }, '再読み込み'))));
}

async function boot() {
  try {
    await loadMe();
  } catch (err) {
    if (err.status === 401) showLogin(null);
    else bootError(err);
  }
}

onAuthProblem({
  unauthenticated: () => {
    if (state.screen === 'login') return;
    showLogin({ kind: 'error', text: 'ログインの有効期限が切れたか、ログアウトされました。もう一度ログインしてください。' });
  },
  // The server says so for this call: go to the password page directly
  // (asking /me again and re-rendering could loop if the two disagreed).
  passwordRequired: () => {
    if (state.screen !== 'password') showForcedPassword();
  },
});

window.addEventListener('hashchange', () => { renderRoute(); });

document.getElementById('skip-link').addEventListener('click', (ev) => {
  // The hash is used for routing, so move focus without changing it.
  ev.preventDefault();
  const main = document.getElementById('main');
  if (main) main.focus();
});

boot();
