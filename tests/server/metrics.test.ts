import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp } from '../../src/server/app.ts';
import { DEMO_UNIT_IDS } from '../../src/server/demo/demo-units.ts';
import { deviceHeaders, enrolTestDevice, seedAccounts } from '../helpers/auth.ts';
import { signedChain } from '../helpers/signed-logs.ts';
import { closeTestEngines, openTestDatabase, type TestDatabase } from '../helpers/stores.ts';

afterAll(closeTestEngines);

const TOKEN = 'metrics-token-of-the-province';

describe('GET /metrics', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await openTestDatabase('pglite');
    await db.store.migrate();
    await seedAccounts(db.store);
  });
  afterEach(() => db.dispose());

  const scrape = (app: ReturnType<typeof createApp>, authorization?: string) =>
    app.request('/metrics', { headers: authorization === undefined ? {} : { Authorization: authorization } });

  it('is not served without a token in the settings', async () => {
    const app = createApp({ store: db.store, version: 'test' });
    expect((await scrape(app, `Bearer ${TOKEN}`)).status).toBe(404);
  });

  it('answers only the bearer token, in the Prometheus text format', async () => {
    const app = createApp({ store: db.store, version: 'test', metricsToken: TOKEN });
    expect((await scrape(app)).status).toBe(401);
    expect((await scrape(app, 'Bearer wrong-token-of-some-length')).status).toBe(401);
    const response = await scrape(app, `Bearer ${TOKEN}`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(await response.text()).toContain('# TYPE loaxa_process_cpu_seconds_total counter');
  });

  it('counts requests by route pattern and status, times the sync, and counts pushed logs by outcome', async () => {
    const app = createApp({ store: db.store, version: 'test', metricsToken: TOKEN });
    const device = await enrolTestDevice(app, DEMO_UNIT_IDS.taPhin);
    await app.request('/api/health');
    await app.request(`/api/sync/pull?cursor=0&limit=10`, { headers: deviceHeaders(device.token) });
    await app.request('/api/nothing/here?x=1');
    const [first, second] = await signedChain(device.privateKey, device.deviceId, DEMO_UNIT_IDS.taPhin, 2);
    const push = (logs: unknown[]) =>
      app.request('/api/sync/push', {
        method: 'POST',
        headers: deviceHeaders(device.token, true),
        body: JSON.stringify({ logs }),
      });
    await push([first, { ...second!, notes: 'sửa sau khi ký' }]);
    await push([first, second]);

    const text = await (await scrape(app, `Bearer ${TOKEN}`)).text();
    expect(text).toContain('loaxa_http_requests_total{method="GET",route="/api/health",status="200"} 1');
    expect(text).toContain('loaxa_http_requests_total{method="GET",route="/api/*",status="404"} 1');
    expect(text).toContain('loaxa_http_requests_total{method="POST",route="/api/sync/push",status="200"} 2');
    expect(text).toContain('loaxa_http_request_duration_seconds_count{route="/api/sync/pull"} 1');
    expect(text).toContain('loaxa_push_logs_total{outcome="accepted"} 2');
    expect(text).toContain('loaxa_push_logs_total{outcome="duplicate"} 1');
    expect(text).toContain('loaxa_push_logs_total{outcome="rejected_not_signed"} 1');
  });
});
