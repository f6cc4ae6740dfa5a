/** The IndexedDB stores as earlier versions of the app shipped them, for the schema upgrade tests. */

/** The stores exactly as version 5 shipped them. */
export const V5_STORES = {
  bulletins: 'id, status, urgency, topic, validFrom, validUntil, updatedAt, rev',
  bulletinSearch: 'id',
  slots: '[bulletinId+lang], lang, status, bulletinId, audioId',
  localSlots: '[bulletinId+lang], bulletinId, status, audioId, submissionId',
  units: 'id, parentId',
  logs: 'id, &[deviceId+seq], startedAt, createdAt, correctsLogId, [bulletinId+startedAt], [unitId+startedAt], [channel+startedAt], [lang+startedAt]',
  outbox: 'id, seq, queuedAt, rejectedReason',
  attachments: 'id',
  meta: 'key',
  deviceKeys: 'deviceId',
  logReceipts: 'id',
  uploads: 'id',
};

/** Version 6 changed no store. */
export const V6_STORES = V5_STORES;

/** The stores exactly as version 7 shipped them: version 6's and the re-sync's received set. */
export const V7_STORES = { ...V6_STORES, resyncReceived: 'key' };
