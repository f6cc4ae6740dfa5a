import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createAdmin } from '../../src/server/admin/create-admin.ts';
import { createApp } from '../../src/server/app.ts';
import { DEMO_PASSWORD } from '../../src/server/demo/demo-users.ts';
import { seedDemoData } from '../../src/server/demo/seed.ts';
import { runAdminCli } from '../helpers/admin-cli.ts';
import { startAppServer } from '../helpers/app-server.ts';
import { runningApp, signIn } from '../helpers/auth.ts';
import { ENGINES, closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const PASSWORD = 'núi Fansipan mùa đông';

describe.each(ENGINES)('create-admin on %s', (kind) => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase(kind);
    await db.store.migrate();
  });
  afterEach(() => db.dispose());

  it('creates the top unit of an empty database and its admin, who can sign in', async () => {
    const outcome = await createAdmin(db.store, {
      login: 'QuanTri.LaoCai',
      unitName: 'Tỉnh Lào Cai',
      displayName: 'Quản trị Sở VHTTDL',
      password: PASSWORD,
    });
    expect(outcome).toEqual({
      ok: true,
      login: 'quantri.laocai',
      unitName: 'Tỉnh Lào Cai',
      unitCreated: true,
    });
    const [top] = await db.store.accounts.topUnits();
    expect(top).toMatchObject({
      name: 'Tỉnh Lào Cai',
      level: 'province',
      parentId: null,
      languages: ['vie'],
    });
    const app = createApp({ store: db.store, version: 'test' });
    const me = await (
      await app.request('/api/auth/me', {
        headers: { cookie: await signIn(app, 'quantri.laocai', PASSWORD) },
      })
    ).json();
    expect(me).toMatchObject({ user: { role: 'admin', displayName: 'Quản trị Sở VHTTDL', unitId: top?.id } });
  });

  it('adds an admin to the existing top unit named without diacritics or case, never a second tree', async () => {
    await seedDemoData(db.store);
    const [demoTop] = await db.store.accounts.topUnits();
    expect(
      await createAdmin(db.store, {
        login: 'quantri.2',
        unitName: demoTop!.name.toUpperCase(),
        password: PASSWORD,
      }),
    ).toMatchObject({ ok: true, unitName: demoTop!.name, unitCreated: false });
    expect(
      await createAdmin(db.store, { login: 'quantri.3', unitName: 'Tỉnh Khác', password: PASSWORD }),
    ).toEqual({ ok: false, problem: 'other_top_unit', topUnits: [demoTop!.name] });
    expect(await db.store.accounts.topUnits()).toHaveLength(1);
  });

  it('refuses a weak password, a login taken and values the account schema refuses, creating nothing', async () => {
    const request = { login: 'quantri', unitName: 'Huyện Thanh Lâm', level: 'district', password: PASSWORD };
    expect(await createAdmin(db.store, { ...request, password: 'matkhau123' })).toEqual({
      ok: false,
      problem: 'common',
    });
    expect(await createAdmin(db.store, { ...request, password: 'ngắn' })).toEqual({
      ok: false,
      problem: 'too_short',
    });
    expect(await createAdmin(db.store, { ...request, login: 'a b' })).toMatchObject({
      ok: false,
      problem: 'invalid',
      field: 'login',
    });
    expect(await createAdmin(db.store, { ...request, level: 'commune' })).toMatchObject({
      ok: false,
      problem: 'invalid',
      field: 'level',
    });
    expect(await db.store.countUnits()).toBe(0);
    expect(await createAdmin(db.store, request)).toMatchObject({ ok: true, unitCreated: true });
    expect((await db.store.accounts.topUnits())[0]?.level).toBe('district');
    expect(await createAdmin(db.store, request)).toEqual({
      ok: false,
      problem: 'login_taken',
      login: 'quantri',
    });
    expect(await db.store.accounts.countUsers()).toBe(1);
  });
});

describe('npm run admin on PGlite, with the server stopped and running', () => {
  let dataDir: string;
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'loaxa-admin-'));
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('creates the first admin of an empty system, then another through the running server', async () => {
    const usage = await runAdminCli(dataDir, ['create-admin', '--login', 'quantri'], {
      stdin: `${PASSWORD}\n`,
    });
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Cần có --login và --unit');

    const first = await runAdminCli(
      dataDir,
      ['create-admin', '--login', 'quantri', '--unit', 'Tỉnh Lào Cai', '--name', 'Quản trị tỉnh'],
      { stdin: `${PASSWORD}\n` },
    );
    expect(first).toMatchObject({ code: 0, err: '' });
    expect(first.out).toContain('Đã tạo tài khoản quản trị "quantri" của Tỉnh Lào Cai (đơn vị vừa được tạo)');

    // A real deployment: no demo data, the admin signs in.
    const server = await startAppServer({
      dataDir,
      staticDir: join(dataDir, 'no-pwa'),
      env: { LOAXA_DEMO: '0' },
    });
    try {
      const app = runningApp(server.baseUrl);
      await signIn(app, 'quantri', PASSWORD);
      const demo = await app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ login: 'phong.vhtt', password: DEMO_PASSWORD }),
      });
      expect(demo.status).toBe(401);

      // The running server owns the PGlite files: the command goes through it.
      const second = await runAdminCli(
        dataDir,
        ['create-admin', '--login', 'quantri.2', '--unit', 'tinh lao cai'],
        { stdin: `${PASSWORD} thứ hai\n` },
      );
      expect(second).toMatchObject({ code: 0, err: '' });
      expect(second.out).toContain('"quantri.2" của Tỉnh Lào Cai.');
      await signIn(app, 'quantri.2', `${PASSWORD} thứ hai`);

      // A second server on the same data directory refuses to start rather than open the files twice.
      await expect(startAppServer({ dataDir, staticDir: join(dataDir, 'no-pwa') })).rejects.toThrow(/exited/);
    } finally {
      await server.stop();
    }
  });
});
