import { describe, expect, it } from 'vitest';
import type { LanguageSlot } from '../../../src/domain/schemas/language-slot.ts';
import { checkSlotEdit, isLocalSlot, resolveSlot, type LocalSlot } from '../../../src/domain/slot-edit.ts';
import { makeSlot } from '../../helpers/factories.ts';

const BULLETIN = '2cf18c26-7828-4cd7-8ce0-568bd4e57d22';
const AUDIO = 'a'.repeat(64);

function server(overrides: Partial<LanguageSlot>): LanguageSlot {
  return makeSlot(BULLETIN, { lang: 'khm', text: 'ក', audioId: AUDIO, ...overrides });
}

function local(overrides: Partial<LocalSlot> = {}): LocalSlot {
  return {
    ...makeSlot(BULLETIN, { lang: 'khm', text: 'ក', audioId: AUDIO }),
    status: 'submitted',
    baseRev: 4,
    ...overrides,
  };
}

describe('resolveSlot', () => {
  it('shows the pulled slot, or nothing, when there is no local edit', () => {
    const pulled = server({ rev: 2 });
    expect(resolveSlot(pulled, undefined)).toEqual({ slot: pulled, source: 'server', serverNewer: false });
    expect(resolveSlot(undefined, undefined)).toEqual({
      slot: undefined,
      source: 'none',
      serverNewer: false,
    });
  });

  it('shows the local edit while the server has nothing newer than its base', () => {
    const edit = local();
    for (const pulled of [undefined, server({ rev: 3 }), server({ rev: 4, text: 'ខ' })]) {
      expect(resolveSlot(pulled, edit)).toEqual({ slot: edit, source: 'local', serverNewer: false });
    }
  });

  it('lets a newer server slot win only as the approved or rejected review of the same text and recording', () => {
    const edit = local({ text: ' ក ' });
    for (const status of ['approved', 'rejected'] as const) {
      const reviewed = server({ rev: 5, status });
      expect(resolveSlot(reviewed, edit)).toEqual({ slot: reviewed, source: 'server', serverNewer: false });
    }
  });

  it('keeps the local edit, flagged, against any other newer server slot', () => {
    const edit = local();
    const others = [
      server({ rev: 5, status: 'approved', text: 'ខ' }),
      server({ rev: 5, status: 'approved', audioId: 'b'.repeat(64) }),
      server({ rev: 5, status: 'approved', audioId: null }),
      server({ rev: 5, status: 'submitted' }),
      server({ rev: 5, status: 'draft' }),
    ];
    for (const pulled of others) {
      expect(resolveSlot(pulled, edit)).toEqual({ slot: edit, source: 'local', serverNewer: true });
    }
  });

  it('tells local edits from pulled slots', () => {
    expect(isLocalSlot(local())).toBe(true);
    expect(isLocalSlot(server({}))).toBe(false);
    expect(isLocalSlot(undefined)).toBe(false);
  });
});

describe('checkSlotEdit', () => {
  const base = { text: 'ក', translator: 'Thạch Sóc', hasRecording: false, status: 'draft' as const };

  it('accepts text, a recording, or both', () => {
    expect(checkSlotEdit(base)).toEqual([]);
    expect(checkSlotEdit({ ...base, text: '', hasRecording: true, status: 'submitted' })).toEqual([]);
  });

  it('needs text or a recording, and a translator to submit', () => {
    expect(checkSlotEdit({ ...base, text: ' \n ' })).toEqual(['empty']);
    expect(checkSlotEdit({ ...base, translator: '', status: 'submitted' })).toEqual(['translatorMissing']);
    expect(checkSlotEdit({ ...base, translator: '' })).toEqual([]);
  });

  it('bounds the text and the translator name as the slot schema does', () => {
    expect(checkSlotEdit({ ...base, text: 'x'.repeat(30001) })).toEqual(['textTooLong']);
    expect(checkSlotEdit({ ...base, text: `  ${'x'.repeat(30000)}  ` })).toEqual([]);
    expect(checkSlotEdit({ ...base, translator: 'y'.repeat(201) })).toEqual(['translatorTooLong']);
  });
});
