// Running as a service: `make install DESTDIR=...` builds the tree a package
// needs (binary, hardened systemd units, sysusers/tmpfiles entries, the
// 0700 database directory), the units pass `systemd-analyze verify`, and
// yakuba-backup copies the database and keeps only the newest N copies.
// Also checks that docs/settings.md matches src/store/settings.def.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { statSync, readFileSync, readdirSync, writeFileSync, existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { tempDir, initDb, BIN, sqlite, cleanup } from './lib.mjs';

const dirs = [];
after(() => dirs.forEach(cleanup));

function make(args) {
  // The ASan build is what the tests run; install copies that binary.
  const r = spawnSync('make', ['--no-print-directory', 'install', 'MODE=asan', ...args], { encoding: 'utf8', timeout: 300000 });
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return r;
}

const mode = (p) => statSync(p).mode & 0o7777;

test('make install DESTDIR= builds the whole tree and touches nothing else', () => {
  const d = tempDir(); dirs.push(d);
  const root = path.join(d, 'root');
  make([`DESTDIR=${root}`]);
  assert.equal(mode(path.join(root, 'usr/bin/yakuba')), 0o755);
  assert.equal(mode(path.join(root, 'usr/libexec/yakuba/yakuba-backup')), 0o755);
  assert.equal(mode(path.join(root, 'var/lib/yakuba')), 0o700);
  assert.equal(mode(path.join(root, 'var/lib/yakuba/backup')), 0o700);
  const unit = readFileSync(path.join(root, 'lib/systemd/system/yakuba.service'), 'utf8');
  for (const line of ['User=yakuba', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'PrivateTmp=yes',
    'ReadWritePaths=/var/lib/yakuba', 'StateDirectoryMode=0700', 'ProtectHome=yes', 'CapabilityBoundingSet=',
    'RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX', 'StandardOutput=journal',
    'ExecStart=/usr/bin/yakuba serve --db ${YAKUBA_DB} --listen ${YAKUBA_LISTEN}',
    'ExecStartPre=/usr/libexec/yakuba/yakuba-backup --tag start --keep 3 --if-exists']) {
    assert.ok(unit.split('\n').includes(line), `yakuba.service lacks ${line}`);
  }
  assert.ok(!unit.includes('@BINDIR@'), 'placeholders are substituted');
  const timer = readFileSync(path.join(root, 'lib/systemd/system/yakuba-backup.timer'), 'utf8');
  assert.match(timer, /^OnCalendar=\*-\*-\* 02:30:00$/m);
  assert.match(timer, /^Persistent=true$/m);
  assert.match(readFileSync(path.join(root, 'usr/lib/sysusers.d/yakuba.conf'), 'utf8'), /^u yakuba - .* \/var\/lib\/yakuba \/usr\/sbin\/nologin$/m);
  assert.match(readFileSync(path.join(root, 'usr/lib/tmpfiles.d/yakuba.conf'), 'utf8'), /^d \/var\/lib\/yakuba +0700 yakuba yakuba -$/m);
  for (const f of ['README.md', 'install.md', 'settings.md']) {
    assert.ok(existsSync(path.join(root, 'usr/share/doc/yakuba', f)), f);
  }
  // A local /etc/default/yakuba survives the next install.
  const conf = path.join(root, 'etc/default/yakuba');
  writeFileSync(conf, 'YAKUBA_LISTEN=127.0.0.1:9090\n');
  make([`DESTDIR=${root}`]);
  assert.equal(readFileSync(conf, 'utf8'), 'YAKUBA_LISTEN=127.0.0.1:9090\n');
});

test('the units pass systemd-analyze verify', (t) => {
  if (spawnSync('systemd-analyze', ['--version']).status !== 0) return t.skip('no systemd-analyze');
  const d = tempDir(); dirs.push(d);
  // Installed under d itself, so that ExecStart= names a file that exists.
  make(['DESTDIR=/', `PREFIX=${d}/usr`, `UNITDIR=${d}/unit`, `SYSUSERSDIR=${d}/sysusers`,
    `TMPFILESDIR=${d}/tmpfiles`, `SYSCONFDIR=${d}/etc`, `STATEDIR=${d}/state`]);
  const units = ['yakuba.service', 'yakuba-backup.service', 'yakuba-backup.timer'].map((u) => path.join(d, 'unit', u));
  const r = spawnSync('systemd-analyze', ['verify', ...units], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.trim(), '', 'no warnings');
});

// The Debian package (debian/, `make deb`) is built from `make install
// DESTDIR=`: no copy of a unit, sysusers or tmpfiles file of its own, and
// every path its scripts and rules name is one `make install` installs.
// (Building the package takes minutes; `make deb` is not part of make test.)
test('debian/ is consistent with what make install installs', () => {
  const d = tempDir(); dirs.push(d);
  const root = path.join(d, 'root');
  make([`DESTDIR=${root}`]);
  const rules = readFileSync('debian/rules', 'utf8');
  assert.match(rules, /^\t\$\(MAKE\) MODE=release BUILD=\$\(PKGBUILD\) build$/m);
  assert.match(rules, /^\t\$\(MAKE\) MODE=release BUILD=\$\(PKGBUILD\) install DESTDIR=\$\(CURDIR\)\/debian\/yakuba$/m);
  const copies = readdirSync('debian').filter((f) => /\.(service|timer|sysusers|tmpfiles|install|dirs|links)$/.test(f));
  assert.deepEqual(copies, [], 'debian/ must not hold its own copies of what make install installs');
  // Units handed to dh_installsystemd, directories chmod-ed or overridden.
  const units = rules.match(/dh_installsystemd .*/)[0].split(/\s+/).filter((w) => /\.(service|timer)$/.test(w));
  assert.deepEqual(units, ['yakuba.service', 'yakuba-backup.timer']);
  for (const u of units) assert.ok(existsSync(path.join(root, 'lib/systemd/system', u)), u);
  const postinst = readFileSync('debian/postinst', 'utf8');
  // Paths the script acts on (not those in the messages it prints).
  const acting = postinst.split('\n').filter((l) => !/^\s*(#|echo )/.test(l)).join('\n');
  const named = [...acting.matchAll(/(\/(?:usr|var|etc|lib)\/[\w./-]+)/g)].map((m) => m[1].replace(/[.]$/, ''));
  assert.ok(named.includes('/usr/lib/sysusers.d/yakuba.conf'));
  for (const p of named.filter((x) => x.includes('yakuba'))) assert.ok(existsSync(path.join(root, p)), `postinst names ${p}, which make install does not install`);
  const overrides = readFileSync('debian/yakuba.lintian-overrides', 'utf8');
  for (const m of overrides.matchAll(/non-standard-dir-perm 0700 != 0755 \[(.*)\/\]/g)) {
    assert.equal(mode(path.join(root, m[1])), 0o700, m[1]);
    assert.ok(rules.includes(`debian/yakuba/${m[1]}`), `rules keeps ${m[1]} at 0700 after dh_fixperms`);
  }
  // The package builds with the libraries scripts/deps.sh installs.
  const deps = readFileSync('scripts/deps.sh', 'utf8').match(/APT_PKGS=\(([\s\S]*?)\)/)[1].split(/\s+/);
  const control = readFileSync('debian/control', 'utf8');
  const buildDeps = control.match(/^Build-Depends:([\s\S]*?)^\S/m)[1].split(',').map((x) => x.trim().split(/\s/)[0]);
  for (const p of deps.filter((x) => x.endsWith('-dev'))) assert.ok(buildDeps.includes(p), `Build-Depends lacks ${p}`);
  assert.match(control, /^Depends:.*\bunidic-mecab\b/m);
  assert.match(readFileSync('debian/changelog', 'utf8'), /^yakuba \(\d+\.\d+\.\d+\) /);
});

function backup(env, args) {
  return spawnSync('sh', [path.resolve('packaging/yakuba-backup'), ...args], {
    encoding: 'utf8', env: { ...process.env, YAKUBA_BIN: BIN, ...env },
  });
}

test('yakuba-backup copies the database and keeps the newest N of its tag', () => {
  const d = tempDir(); dirs.push(d);
  const { db } = initDb(d);
  const out = path.join(d, 'backup');
  mkdirSync(out);
  const old = ['nightly-20250101T000000Z.db', 'nightly-20250102T000000Z.db', 'nightly-20250103T000000Z.db'];
  const others = ['start-20240101T000000Z.db', 'notes.txt', 'nightly-manual.db'];
  for (const f of [...old, ...others]) writeFileSync(path.join(out, f), 'x');
  const r = backup({ YAKUBA_DB: db, YAKUBA_BACKUP_DIR: out }, ['--keep', '2']);
  assert.equal(r.status, 0, r.stderr);
  const left = readdirSync(out).sort();
  const fresh = left.filter((f) => /^nightly-\d{8}T\d{6}Z\.db$/.test(f) && !old.includes(f));
  assert.equal(fresh.length, 1, left.join(' '));
  // The new copy and the newest old one stay; the two oldest go; others stay.
  assert.deepEqual(left, [...others, 'nightly-20250103T000000Z.db', fresh[0]].sort());
  assert.equal(sqlite(path.join(out, fresh[0]), 'PRAGMA integrity_check'), 'ok');
  assert.equal(sqlite(path.join(out, fresh[0]), "SELECT login FROM users WHERE login = 'admin'"), 'admin');
  assert.equal(mode(path.join(out, fresh[0])) & 0o077, 0, 'copies are private');
  assert.ok(!left.some((f) => f.endsWith('.tmp')));
});

test('yakuba-backup refuses bad options and a missing database', () => {
  const d = tempDir(); dirs.push(d);
  const out = path.join(d, 'b');
  const missing = { YAKUBA_DB: path.join(d, 'none.db'), YAKUBA_BACKUP_DIR: out };
  assert.equal(backup(missing, []).status, 1);
  const skip = backup(missing, ['--if-exists', '--tag', 'start']);
  assert.equal(skip.status, 0, skip.stderr);
  assert.ok(!existsSync(out), 'nothing created when there is no database yet');
  assert.equal(backup(missing, ['--keep', '0']).status, 2);
  assert.equal(backup(missing, ['--keep', 'x']).status, 2);
  assert.equal(backup(missing, ['--tag', '../etc']).status, 2);
  assert.equal(backup(missing, ['--bogus']).status, 2);
});

test('docs/settings.md is generated from settings.def', () => {
  const r = spawnSync('bash', ['scripts/gen-settings-doc.sh', '--print'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const doc = readFileSync('docs/settings.md', 'utf8');
  const m = doc.match(/<!-- settings:begin -->\n([\s\S]*?)<!-- settings:end -->/);
  assert.ok(m);
  assert.equal(m[1], r.stdout, 'run scripts/gen-settings-doc.sh to refresh docs/settings.md');
  assert.match(r.stdout, /`pii_policy` \| enum \| `mask` \| `mask` 伏せ字にして送信<br>`block` 送信しない<br>`warn` 警告のみ/);
});
