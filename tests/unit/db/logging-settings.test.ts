import { describe, expect, it } from 'vitest';
import { applyPullPage } from '../../../src/client/db/bulletin-repository.ts';
import {
  getDeviceSettings,
  MAX_BROADCAST_SLOTS,
  setBroadcastSlots,
  setDefaultChannel,
  setDeviceUnit,
  setOperatorName,
  setRemindersEnabled,
} from '../../../src/client/db/settings-repository.ts';
import { freshDb } from '../../helpers/db.ts';
import { makePage, makeUnit } from '../../helpers/factories.ts';

describe('logging settings', () => {
  it('start with no operator, wired loudspeakers, broadcasts at 06:00 and 17:00, no reminders', async () => {
    expect(await getDeviceSettings(freshDb())).toMatchObject({
      operatorName: '',
      defaultChannel: 'wired_loudspeaker',
      broadcastSlots: ['06:00', '17:00'],
      remindersEnabled: false,
    });
  });

  it("default a team's channel to its vehicle until the operator picks one", async () => {
    const db = freshDb();
    const team = makeUnit({ level: 'team', name: 'Đội thông tin lưu động huyện' });
    await applyPullPage(db, makePage({ units: [team] }), 0);
    await setDeviceUnit(db, team.id);
    expect((await getDeviceSettings(db)).defaultChannel).toBe('mobile_vehicle');
    await setDefaultChannel(db, 'portable_speaker');
    expect((await getDeviceSettings(db)).defaultChannel).toBe('portable_speaker');
  });

  it('keep the operator name trimmed, clear it when emptied, and refuse one too long', async () => {
    const db = freshDb();
    await setOperatorName(db, '  Lò Văn Minh ');
    expect((await getDeviceSettings(db)).operatorName).toBe('Lò Văn Minh');
    await setOperatorName(db, '   ');
    expect((await getDeviceSettings(db)).operatorName).toBe('');
    await expect(setOperatorName(db, 'a'.repeat(121))).rejects.toThrow(RangeError);
  });

  it('keep broadcast times once each, earliest first, and refuse malformed ones or too many', async () => {
    const db = freshDb();
    await setBroadcastSlots(db, ['17:30', '05:45', '17:30']);
    expect((await getDeviceSettings(db)).broadcastSlots).toEqual(['05:45', '17:30']);
    await setBroadcastSlots(db, []);
    expect((await getDeviceSettings(db)).broadcastSlots).toEqual([]);
    await expect(setBroadcastSlots(db, ['06:00', '7h'])).rejects.toThrow(RangeError);
    await expect(setBroadcastSlots(db, ['24:00'])).rejects.toThrow(RangeError);
    const many = Array.from(
      { length: MAX_BROADCAST_SLOTS + 1 },
      (_, i) => `${String(i + 5).padStart(2, '0')}:00`,
    );
    await expect(setBroadcastSlots(db, many)).rejects.toThrow(RangeError);
    expect((await getDeviceSettings(db)).broadcastSlots).toEqual([]);
  });

  it('remember whether reminders are on', async () => {
    const db = freshDb();
    await setRemindersEnabled(db, true);
    expect((await getDeviceSettings(db)).remindersEnabled).toBe(true);
  });
});
