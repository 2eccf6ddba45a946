// Roster sync (人事異動), accounts from the roster and directory login.
//
// The CLI part runs `yakuba staff sync` (preview, then --apply), `staff
// list [--all]`, `user add-from-roster` and `user list` on a temporary
// database; the API part drives POST /api/v1/staff/sync and
// /api/v1/users/from-roster on the real server; the LDAP part starts a real
// slapd (Debian's slapd package) on 127.0.0.1 with an ephemeral port and a
// throw-away directory, and logs in with directory passwords.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, mkdirSync, existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { run, tempDir, initDb, startServer, stopServer, adminClient, Client, sqlite, cleanup } from './lib.mjs';

const HEADER_OLD = '職員番号,氏名,所属,役割,メール\n'; // the old tier header is still accepted
const HEADER = '職員番号,氏名,所属,DX区分,メール\n';

const APRIL = HEADER_OLD
  + '2001,架空 一郎,市民部/市民課,一般職員,\n'
  + '2002,架空 二郎,市民部/保険年金課,DX推進リーダー,jiro@example.lg.jp\n'
  + '2003,架空 三子,総務部/情報政策課,幹部,\n'
  + '2004,架空 四郎,市民部/市民課,一般職員,\n';

// Next April: 2001 moves to 総務部/情報政策課, 2002's tier changes, 2003
// leaves, 2005 is new, 2004 unchanged.
const NEXT = HEADER
  + '2001,架空 一郎,総務部/情報政策課,一般職員,\n'
  + '2002,架空 二郎,市民部/保険年金課,一般職員,jiro@example.lg.jp\n'
  + '2004,架空 四郎,市民部/市民課,一般職員,\n'
  + '2005,架空 五郎,福祉部/福祉課,一般職員,\n';

function write(dir, name, text) {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
}

test('CLI: staff sync previews then applies; transfer, retirement, refused files; accounts from the roster', () => {
  const dir = tempDir();
  try {
    const { db } = initDb(dir);
    const april = write(dir, 'april.csv', APRIL);
    const next = write(dir, 'next.csv', NEXT);

    let r = run(['staff', 'sync', april, '--db', db, '--apply']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /新規 4/);

    // Accounts for 市民部 and everything under it: 2001, 2002, 2004 (not 2003).
    r = run(['user', 'add-from-roster', '--department', '市民部', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    const sheet = r.stdout.split('\n').filter((l) => /^\d{4}\t/.test(l));
    assert.deepEqual(sheet.map((l) => l.split('\t')[0]).sort(), ['2001', '2002', '2004']);
    for (const l of sheet) {
      const [no, , , login, otp] = l.split('\t');
      assert.equal(login, no, 'login = employee number');
      assert.match(otp, /^[A-Za-z2-9]{16}$/);
    }
    // The same again creates nothing and says why.
    r = run(['user', 'add-from-roster', '--department', '市民部/市民課', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /作成 0 件、作成しなかった職員 2 件/);
    assert.match(r.stdout, /アカウントがあります（2001）/);
    // An account for 2003 too (a person who will leave).
    r = run(['user', 'add-from-roster', '--employee', '2003', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    // Unknown department / number: refused.
    r = run(['user', 'add-from-roster', '--department', '存在しない部', '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /所属「存在しない部」が見つかりません/);
    r = run(['user', 'add-from-roster', '--db', db]);
    assert.equal(r.status, 2);

    // Usage recorded in April stays where it happened.
    const deptCity = sqlite(db, "SELECT id FROM departments WHERE path = '市民部/市民課'");
    const uid2001 = sqlite(db, "SELECT id FROM users WHERE login = '2001'");
    sqlite(db, `INSERT INTO usage_events(at, user_id, department_id, feature, outcome) VALUES (1700000000, ${uid2001}, ${deptCity}, 'ask', 'answer')`);

    // Preview: names every employee number that is new, gone or changed, and changes nothing.
    const before = sqlite(db, 'SELECT group_concat(employee_no || department_id || tier || coalesce(left_at, 0)) FROM staff');
    r = run(['staff', 'sync', next, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^新規\t2005\t架空 五郎\t福祉部\/福祉課/m);
    assert.match(r.stdout, /^退職\t2003\t架空 三子\t総務部\/情報政策課\t幹部\tアカウントを無効化$/m);
    assert.match(r.stdout, /^変更\t2001\t架空 一郎\t所属\t市民部\/市民課 → 総務部\/情報政策課$/m);
    assert.match(r.stdout, /^変更\t2002\t架空 二郎\tDX区分\tDX推進リーダー → 一般職員$/m);
    assert.doesNotMatch(r.stdout, /\t2004\t/);
    assert.match(r.stdout, /新規 1、復帰 0、変更 2（うち異動 1）、退職 1、変更なし 1/);
    assert.match(r.stdout, /まだ何も変更していません/);
    assert.equal(sqlite(db, 'SELECT group_concat(employee_no || department_id || tier || coalesce(left_at, 0)) FROM staff'), before);
    const fp = r.stdout.match(/確認番号 ([0-9a-f]{16})/)[1];

    // A wrong fingerprint is refused; the right one applies.
    r = run(['staff', 'sync', next, '--db', db, '--apply', '--expect', '0123456789abcdef']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /プレビューの後に名簿が変わっています/);
    r = run(['staff', 'sync', next, '--db', db, '--apply', '--expect', fp]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /反映しました（所属の作成 2、無効にしたアカウント 1、所属を移したアカウント 1）/);

    // The transfer moved 2001 and their account; past usage did not move.
    const deptIt = sqlite(db, "SELECT id FROM departments WHERE path = '総務部/情報政策課'");
    assert.equal(sqlite(db, "SELECT department_id FROM users WHERE login = '2001'"), deptIt);
    assert.equal(sqlite(db, `SELECT department_id FROM usage_events WHERE user_id = ${uid2001}`), deptCity);

    // staff list: current staff only; --all adds those who left, marked.
    r = run(['staff', 'list', '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    const current = r.stdout.trim().split('\n').map((l) => l.split('\t')[0]).sort();
    assert.deepEqual(current, ['2001', '2002', '2004', '2005']);
    r = run(['staff', 'list', '--all', '--db', db]);
    const left = r.stdout.trim().split('\n').filter((l) => l.endsWith('\t退職'));
    assert.equal(left.length, 1);
    assert.match(left[0], /^2003\t架空 三子\t/);

    // user list marks the retired person's account 無効.
    r = run(['user', 'list', '--db', db]);
    assert.match(r.stdout, /\t2003\t架空 三子\t[^\n]*\t無効$/m);
    assert.match(r.stdout, /\t2001\t架空 一郎\t総務部\/情報政策課\tstaff\t初期パスワード$/m);
    // A retired person cannot get a new account.
    r = run(['user', 'add-from-roster', '--employee', '2003', '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /現在の名簿にありません/);

    // Refused files change nothing: a bad row, and a file without staff.
    const snapshot = sqlite(db, 'SELECT group_concat(employee_no || department_id || tier || coalesce(left_at, 0)) FROM staff');
    const bad = write(dir, 'bad.csv', HEADER + '2001,架空 一郎,総務部,係長,\n');
    r = run(['staff', 'sync', bad, '--db', db, '--apply']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.csv:2: 「DX区分」の「係長」は使えません/);
    assert.match(r.stderr, /名簿は何も変更していません/);
    const empty = write(dir, 'empty.csv', HEADER);
    r = run(['staff', 'sync', empty, '--db', db, '--apply']);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /職員が 1 人もいません/);
    assert.equal(sqlite(db, 'SELECT group_concat(employee_no || department_id || tier || coalesce(left_at, 0)) FROM staff'), snapshot);
    // Both refusals and the sync are in the audit log.
    assert.equal(sqlite(db, "SELECT count(*) FROM audit_log WHERE action = 'staff.sync.refused'"), '3');
    const detail = JSON.parse(sqlite(db, "SELECT detail FROM audit_log WHERE action = 'staff.sync' ORDER BY id DESC LIMIT 1"));
    assert.deepEqual(detail.left, ['2003']);
    assert.deepEqual(detail.transferred, ['2001']);
    assert.deepEqual(detail.new, ['2005']);

    // 2003 comes back (再任用): returned, account stays disabled until an admin enables it.
    const back = write(dir, 'back.csv', NEXT + '2003,架空 三子,総務部/情報政策課,幹部,\n');
    r = run(['staff', 'sync', back, '--db', db, '--apply']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^復帰\t2003\t/m);
    assert.equal(sqlite(db, "SELECT left_at IS NULL FROM staff WHERE employee_no = '2003'"), '1');
  } finally {
    cleanup(dir);
  }
});

test('API: sync preview → apply ends the retired person\'s session; accounts from the roster; roles', async () => {
  const dir = tempDir();
  const { db, password } = initDb(dir);
  const srv = await startServer(db);
  try {
    const admin = await adminClient(srv.base, password);
    const upload = (q, text) => admin.request('POST', `/api/v1/staff/sync?${q}`, { body: text, headers: { 'content-type': 'text/csv' } });
    let r = await upload('filename=april.csv&apply=1', APRIL);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.data.added, 4);
    assert.equal(r.data.applied, true);

    r = await admin.post('/api/v1/users/from-roster', { employee_nos: ['2003', '2001'] });
    assert.equal(r.status, 201, r.text);
    assert.equal(r.data.created, 2);
    const otp = Object.fromEntries(r.data.accounts.map((a) => [a.login, a.one_time_password]));
    assert.match(otp['2003'], /^[A-Za-z2-9]{16}$/);
    // SSO-only accounts need SSO or the directory switched on.
    r = await admin.post('/api/v1/users/from-roster', { employee_nos: ['2004'], sso_only: true });
    assert.equal(r.status, 400);
    assert.equal(r.data.error.field, 'sso_only');
    r = await admin.post('/api/v1/users/from-roster', { employee_nos: ['9999'] });
    assert.equal(r.status, 404);
    r = await admin.post('/api/v1/users/from-roster', { employee_nos: 'x' });
    assert.equal(r.status, 400);
    r = await admin.post('/api/v1/users/from-roster', { bogus: 1 });
    assert.equal(r.status, 400);

    // 2003 logs in.
    const leaver = new Client(srv.base);
    assert.equal((await leaver.login('2003', otp['2003'])).status, 200);
    assert.equal((await leaver.get('/api/v1/me')).status, 200);

    // Preview changes nothing.
    r = await upload('filename=next.csv', NEXT);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.data.applied, false);
    const kinds = Object.fromEntries(r.data.changes.map((c) => [c.employee_no, c.kind]));
    assert.deepEqual(kinds, { 2001: 'changed', 2002: 'changed', 2003: 'gone', 2005: 'new' });
    const t2001 = r.data.changes.find((c) => c.employee_no === '2001');
    assert.deepEqual(t2001.what, ['department']);
    assert.equal(t2001.old_department, '市民部/市民課');
    assert.equal(r.data.changes.find((c) => c.employee_no === '2003').accounts, 1);
    assert.equal((await leaver.get('/api/v1/me')).status, 200, 'preview must not end sessions');
    const fp = r.data.fingerprint;

    // A changed database since the preview: refused with 409.
    r = await upload(`filename=next.csv&apply=1&expect=${'0'.repeat(16)}`, NEXT);
    assert.equal(r.status, 409);
    r = await upload('filename=next.csv&apply=2', NEXT);
    assert.equal(r.status, 400);

    r = await upload(`filename=next.csv&apply=1&expect=${fp}`, NEXT);
    assert.equal(r.status, 200, r.text);
    assert.equal(r.data.applied, true);
    assert.equal(r.data.accounts_disabled, 1);
    assert.equal(r.data.accounts_moved, 1);
    // The retired person's session ended; they cannot log in again.
    assert.equal((await leaver.get('/api/v1/me')).status, 401);
    assert.equal((await new Client(srv.base).login('2003', otp['2003'])).status, 403);

    // Lists: current staff only, or with those who left.
    r = await admin.get('/api/v1/staff');
    assert.equal(r.data.total, 4);
    r = await admin.get('/api/v1/staff?all=1');
    assert.equal(r.data.total, 5);
    const gone = r.data.staff.find((s) => s.employee_no === '2003');
    assert.ok(gone.left_at, 'left_at set');

    // A refused file: 400 with FILE:LINE details, nothing stored.
    r = await upload('filename=bad.csv&apply=1', HEADER + '2001,架空 一郎,総務部,係長,\n');
    assert.equal(r.status, 400);
    assert.match(r.data.error.details[0].text, /^bad\.csv:2: 「DX区分」の「係長」は使えません/);
    r = await admin.get('/api/v1/staff?all=1');
    assert.equal(r.data.total, 5);

    // Editors may read the roster but not sync it or make accounts.
    r = await admin.post('/api/v1/users', { login: 'ed', display_name: '編集 者', roles: ['editor'] });
    const ed = new Client(srv.base);
    await ed.login('ed', r.data.one_time_password);
    await ed.post('/api/v1/me/password', { current: r.data.one_time_password, new: 'editor-Password-2026' });
    r = await ed.request('POST', '/api/v1/staff/sync?filename=x.csv', { body: NEXT, headers: { 'content-type': 'text/csv' } });
    assert.equal(r.status, 403);
    r = await ed.post('/api/v1/users/from-roster', { employee_nos: ['2004'] });
    assert.equal(r.status, 403);
  } finally {
    assert.equal(await stopServer(srv), 0);
    cleanup(dir);
  }
});

// ---- directory login against a real slapd ---------------------------------

const SLAPD = '/usr/sbin/slapd';

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.on('connect', () => { c.destroy(); resolve(true); });
    c.on('error', () => resolve(false));
  });
}

const SUFFIX = 'dc=midori,dc=example';

// A throw-away directory: slapd -f with a temporary config and database,
// bounded by timeout(1) so that it cannot outlive a crashed test.
async function startSlapd(dir) {
  const dbDir = path.join(dir, 'ldap-db');
  mkdirSync(dbDir);
  const conf = write(dir, 'slapd.conf', [
    'include /etc/ldap/schema/core.schema',
    'include /etc/ldap/schema/cosine.schema',
    'include /etc/ldap/schema/inetorgperson.schema',
    'modulepath /usr/lib/ldap',
    'moduleload back_mdb',
    `pidfile ${path.join(dir, 'slapd.pid')}`,
    'database mdb',
    'maxsize 10485760',
    `suffix "${SUFFIX}"`,
    `rootdn "cn=admin,${SUFFIX}"`,
    'rootpw admin-secret',
    `directory ${dbDir}`,
    '',
  ].join('\n'));
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const child = spawn('timeout', ['120', SLAPD, '-f', conf, '-h', `ldap://127.0.0.1:${port}/`, '-d', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d) => { err += d; });
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) break;
      if (await canConnect(port)) {
        const ldif = write(dir, 'people.ldif', [
          `dn: ${SUFFIX}`, 'objectClass: dcObject', 'objectClass: organization', 'o: midori', 'dc: midori', '',
          `dn: ou=people,${SUFFIX}`, 'objectClass: organizationalUnit', 'ou: people', '',
          // On the roster (2001), by uid with an employee number.
          `dn: uid=kaku1,ou=people,${SUFFIX}`, 'objectClass: inetOrgPerson', 'uid: kaku1', 'cn: Kaku Ichiro', 'sn: Kaku', 'employeeNumber: 2001', 'userPassword: dir-Password-2001', '',
          // In the directory but not on the roster.
          `dn: uid=outsider,ou=people,${SUFFIX}`, 'objectClass: inetOrgPerson', 'uid: outsider', 'cn: Out Sider', 'sn: Sider', 'employeeNumber: 7777', 'userPassword: dir-Password-7777', '',
          // A person whose uid is their employee number (pattern mode).
          `dn: uid=2004,ou=people,${SUFFIX}`, 'objectClass: inetOrgPerson', 'uid: 2004', 'cn: Kaku Shiro', 'sn: Kaku', 'userPassword: dir-Password-2004', '',
        ].join('\n'));
        const add = spawnSync('ldapadd', ['-x', '-H', `ldap://127.0.0.1:${port}`, '-D', `cn=admin,${SUFFIX}`, '-w', 'admin-secret', '-f', ldif], { encoding: 'utf8', timeout: 20000 });
        if (add.status !== 0) throw new Error(`ldapadd: ${add.stderr}`);
        return { child, port };
      }
      await new Promise((res) => setTimeout(res, 100));
    }
    child.kill('SIGTERM');
    if (attempt === 2) throw new Error(`slapd did not start: ${err}`);
  }
  throw new Error('slapd did not start');
}

function stopSlapd(s) {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.on('exit', () => resolve());
    s.child.kill('SIGTERM');
  });
}

test('directory login (LDAP): search by employee number, bind DN pattern, wrong password, unknown user, not on the roster', { skip: !existsSync(SLAPD) && 'slapd not installed (scripts/deps.sh)' }, async () => {
  const dir = tempDir();
  let slapd = null;
  let srv = null;
  try {
    slapd = await startSlapd(dir);
    const { db, password } = initDb(dir);
    const april = write(dir, 'april.csv', APRIL);
    assert.equal(run(['staff', 'sync', april, '--db', db, '--apply']).status, 0);
    const url = `ldap://127.0.0.1:${slapd.port}`;
    // Search mode: the login typed is the directory uid; the entry's employeeNumber maps to the roster.
    srv = await startServer(db, [], {
      YAKUBA_LDAP_ENABLED: '1',
      YAKUBA_LDAP_URL: url,
      YAKUBA_LDAP_SEARCH_BASE: `ou=people,${SUFFIX}`,
      YAKUBA_LDAP_SEARCH_FILTER: '(uid={login})',
    });
    let c = new Client(srv.base);
    let r = await c.login('kaku1', 'dir-Password-2001');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.data.user.login, '2001', 'mapped to the roster by employee number');
    assert.equal(r.data.user.department, '市民部/市民課');
    assert.equal(r.data.user.must_change_password, false);
    assert.equal((await c.get('/api/v1/me')).status, 200);
    // The account is linked to the roster entry (it will follow transfers).
    assert.equal(sqlite(db, "SELECT s.employee_no FROM users u JOIN staff s ON s.id = u.staff_id WHERE u.login = '2001'"), '2001');
    // Second login: the same account, not a new one.
    r = await new Client(srv.base).login('kaku1', 'dir-Password-2001');
    assert.equal(r.status, 200);
    assert.equal(sqlite(db, "SELECT count(*) FROM users WHERE staff_id IS NOT NULL"), '1');

    // Wrong password, unknown user, not on the roster, empty password: all 401, same message.
    for (const [login, pw, reason] of [
      ['kaku1', 'wrong-password', 'directory_rejected'],
      ['nobody', 'whatever-password', 'directory_rejected'],
      ['outsider', 'dir-Password-7777', 'not_on_roster'],
    ]) {
      r = await new Client(srv.base).login(login, pw);
      assert.equal(r.status, 401, `${login}: ${r.text}`);
      assert.match(r.data.error.message, /^ログイン名またはパスワードが/);
      // A name that is no local login is audited as a keyed digest, never
      // as typed (it may be a password typed into the wrong field): take
      // the newest failure row, which this attempt just wrote.
      assert.equal(sqlite(db, "SELECT json_extract(detail, '$.reason') FROM audit_log WHERE action = 'login.failed' ORDER BY id DESC LIMIT 1"), reason);
    }
    r = await new Client(srv.base).login('kaku1', '');
    assert.equal(r.status, 401, 'an empty password is never an anonymous bind');
    // The local admin still logs in with the local password.
    r = await new Client(srv.base).login('admin', password);
    assert.equal(r.status, 200);
    assert.equal(sqlite(db, "SELECT json_extract(detail, '$.via') FROM audit_log WHERE action = 'login' AND target = '2001' LIMIT 1"), 'ldap');
    assert.equal(await stopServer(srv), 0);
    srv = null;

    // Bind DN pattern mode: uid={login}; the entry has no employeeNumber, so the login is the number.
    srv = await startServer(db, [], {
      YAKUBA_LDAP_ENABLED: '1',
      YAKUBA_LDAP_URL: url,
      YAKUBA_LDAP_BIND_DN_PATTERN: `uid={login},ou=people,${SUFFIX}`,
    });
    r = await new Client(srv.base).login('2004', 'dir-Password-2004');
    assert.equal(r.status, 200, r.text);
    assert.equal(r.data.user.login, '2004');
    r = await new Client(srv.base).login('2004', 'dir-Password-2001');
    assert.equal(r.status, 401);
    assert.equal(await stopServer(srv), 0);
    srv = null;

    // The directory down: a clear refusal naming the directory.
    await stopSlapd(slapd);
    slapd = null;
    srv = await startServer(db, [], { YAKUBA_LDAP_ENABLED: '1', YAKUBA_LDAP_URL: url, YAKUBA_LDAP_BIND_DN_PATTERN: `uid={login},ou=people,${SUFFIX}`, YAKUBA_LDAP_TIMEOUT_SECONDS: '2' });
    r = await new Client(srv.base).login('2004', 'dir-Password-2004');
    assert.notEqual(r.status, 200);
    assert.match(r.data.error.message, /ディレクトリサーバーに接続できません/);
  } finally {
    if (srv) await stopServer(srv);
    if (slapd) await stopSlapd(slapd);
    cleanup(dir);
  }
});

test('users CSV import: CLI and API, all or nothing, linked to the roster by employee number', async () => {
  const dir = tempDir();
  const { db, password } = initDb(dir);
  try {
    assert.equal(run(['staff', 'sync', write(dir, 'april.csv', APRIL), '--db', db, '--apply']).status, 0);
    const good = write(dir, 'users.csv', 'ログイン名,氏名,所属,権限,メール,職員番号\n'
      + 'suzuki,鈴木 花,市民部/市民課,"staff,editor",suzuki@example.lg.jp,\n'
      + 'k2002,架空 二郎,,,,2002\n');
    let r = run(['user', 'import', good, '--db', db]);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^-\t鈴木 花\t市民部\/市民課\tsuzuki\t[A-Za-z2-9]{16}$/m);
    // The employee number links the account and gives it the roster's department.
    assert.match(r.stdout, /^2002\t架空 二郎\t市民部\/保険年金課\tk2002\t[A-Za-z2-9]{16}$/m);
    assert.equal(sqlite(db, "SELECT s.employee_no FROM users u JOIN staff s ON s.id = u.staff_id WHERE u.login = 'k2002'"), '2002');
    assert.equal(sqlite(db, "SELECT group_concat(role) FROM (SELECT role FROM user_roles r JOIN users u ON u.id = r.user_id WHERE u.login = 'suzuki' ORDER BY role)"), 'editor,staff');
    // Again: every row is a problem with its line, nothing is created.
    const before = sqlite(db, 'SELECT count(*) FROM users');
    r = run(['user', 'import', good, '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /users\.csv:2: 「ログイン名」の「suzuki」は既に使われています/);
    assert.match(r.stderr, /users\.csv:3: 「ログイン名」の「k2002」は既に使われています/);
    const bad = write(dir, 'bad.csv', 'ログイン名,氏名,所属,権限,職員番号\nnew1,新 一,無い部,,\nnew2,新 二,,boss,\nnew3,新 三,,,9999\n');
    r = run(['user', 'import', bad, '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad\.csv:3: 「権限」: 権限「boss」は不明です/);
    r = run(['user', 'import', write(dir, 'bad2.csv', 'ログイン名,氏名,所属,職員番号\nnew1,新 一,無い部,\nnew3,新 三,,9999\n'), '--db', db]);
    assert.equal(r.status, 1);
    assert.match(r.stderr, /bad2\.csv:2: 「所属」の「無い部」は登録されていません/);
    assert.match(r.stderr, /bad2\.csv:3: 「職員番号」の「9999」は現在の職員名簿にありません/);
    assert.equal(sqlite(db, 'SELECT count(*) FROM users'), before);

    // The same through the API.
    const srv = await startServer(db);
    try {
      const admin = await adminClient(srv.base, password);
      const post = (q, text) => admin.request('POST', `/api/v1/users/import?${q}`, { body: text, headers: { 'content-type': 'text/csv' } });
      let a = await post('filename=api.csv', 'login,name,department\napi1,API 一,総務部/情報政策課\n');
      assert.equal(a.status, 201, a.text);
      assert.equal(a.data.created, 1);
      assert.match(a.data.accounts[0].one_time_password, /^[A-Za-z2-9]{16}$/);
      a = await post('filename=api.csv', 'login,name,department\napi1,API 一,総務部/情報政策課\n');
      assert.equal(a.status, 400);
      assert.match(a.data.error.details[0].text, /^api\.csv:2: 「ログイン名」の「api1」は既に使われています/);
      a = await post('filename=sso.csv&sso_only=1', 'login,name\napi2,API 二\n');
      assert.equal(a.status, 400);
      assert.equal(a.data.error.field, 'sso_only');
    } finally {
      assert.equal(await stopServer(srv), 0);
    }
  } finally {
    cleanup(dir);
  }
});
