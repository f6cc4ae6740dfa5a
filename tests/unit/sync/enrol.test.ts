import { describe, expect, it } from 'vitest';
import {
  markEnrolmentRevoked,
  readDeviceToken,
  storeEnrolment,
} from '../../../src/client/db/enrolment-repository.ts';
import { getPullCursor, setMeta } from '../../../src/client/db/meta-repository.ts';
import { getDeviceSettings } from '../../../src/client/db/settings-repository.ts';
import { getDeviceIdentity } from '../../../src/client/evidence/device-key.ts';
import { enrolDevice, readEnrolment } from '../../../src/client/sync/enrol.ts';
import type { EnrolRequest } from '../../../src/domain/accounts.ts';
import { freshDb } from '../../helpers/db.ts';
import { makeUnit } from '../../helpers/factories.ts';
import { fakeTransport } from '../../helpers/fake-transport.ts';

const TOKEN = 'tok_0123456789abcdefghijklmnop';

describe('enrolDevice', () => {
  it('sends the code, label and the device key, then stores token, enrolment and unit together', async () => {
    const db = freshDb();
    const unit = makeUnit({ name: 'Xã Tả Phìn' });
    const received: EnrolRequest[] = [];
    const transport = fakeTransport({
      'POST /api/devices/enrol': async (request) => {
        const body = (await request.json()) as EnrolRequest;
        received.push(body);
        return Response.json({ deviceId: body.deviceId, token: TOKEN, unit }, { status: 201 });
      },
    });

    const outcome = await enrolDevice(db, { code: 'k7qf-9m2x', label: '  Loa bản Sà Phìn ' }, transport);

    const identity = await getDeviceIdentity(db);
    expect(outcome).toEqual({ ok: true, unit });
    expect(received).toEqual([
      {
        code: 'K7QF9M2X',
        label: 'Loa bản Sà Phìn',
        deviceId: identity.deviceId,
        publicKey: identity.publicKeyJwk,
      },
    ]);
    expect(await readEnrolment(db)).toEqual({
      deviceId: identity.deviceId,
      unitId: unit.id,
      unitName: 'Xã Tả Phìn',
      label: 'Loa bản Sà Phìn',
      enrolledAt: expect.any(String),
      revokedAt: null,
    });
    expect(await readDeviceToken(db)).toBe(TOKEN);
    expect((await getDeviceSettings(db)).unit).toEqual(unit);
    expect(await getPullCursor(db)).toBe(0);
    expect(typeof localStorage === 'undefined' || localStorage.length === 0).toBe(true);
  });

  it('refuses a code that cannot be one without asking the server', async () => {
    const db = freshDb();
    const transport = fakeTransport({});

    expect(await enrolDevice(db, { code: 'abc', label: 'Loa' }, transport)).toEqual({
      ok: false,
      error: { kind: 'invalid', detail: 'pairing_code' },
    });
    expect(transport.calls).toEqual([]);
  });

  it('passes the server’s refusal on and stores nothing', async () => {
    const db = freshDb();
    const transport = fakeTransport({
      'POST /api/devices/enrol': () =>
        Response.json({ error: 'pairing_code_used', message: '' }, { status: 409 }),
    });

    expect(await enrolDevice(db, { code: 'K7QF9M2X', label: 'Loa' }, transport)).toEqual({
      ok: false,
      error: { kind: 'http', status: 409, code: 'pairing_code_used' },
    });
    expect(await readEnrolment(db)).toBeUndefined();
    expect(await readDeviceToken(db)).toBeUndefined();
  });

  it('refuses an answer enrolling another device id', async () => {
    const db = freshDb();
    const transport = fakeTransport({
      'POST /api/devices/enrol': () =>
        Response.json({ deviceId: crypto.randomUUID(), token: TOKEN, unit: makeUnit() }, { status: 201 }),
    });

    expect(await enrolDevice(db, { code: 'K7QF9M2X', label: 'Loa' }, transport)).toMatchObject({
      ok: false,
      error: { kind: 'invalid' },
    });
    expect(await readEnrolment(db)).toBeUndefined();
  });
});

describe('storeEnrolment', () => {
  it('starts the pull over for a new unit, and keeps it when the same unit enrols the device again', async () => {
    const db = freshDb();
    const unit = makeUnit();
    const grant = { deviceId: crypto.randomUUID(), label: 'Loa', token: TOKEN, unit };
    await setMeta(db, 'pullCursor', 40);
    await storeEnrolment(db, grant);
    expect(await getPullCursor(db)).toBe(0);
    await setMeta(db, 'pullCursor', 40);
    await markEnrolmentRevoked(db);

    await storeEnrolment(db, { ...grant, token: `${TOKEN}-2` });

    expect(await getPullCursor(db)).toBe(40);
    expect(await readEnrolment(db)).toMatchObject({ revokedAt: null });
    expect(await readDeviceToken(db)).toBe(`${TOKEN}-2`);
    await storeEnrolment(db, { ...grant, unit: makeUnit() });
    expect(await getPullCursor(db)).toBe(0);
  });
});
