import { describe, expect, it } from 'vitest';
import { failedFields, issueFields, topField } from '../../../src/app/staff/form-issues.ts';
import { StaffApiError } from '../../../src/client/staff/staff-api.ts';

const FIELDS = ['title', 'airing', 'targetUnitIds'] as const;
const fieldOf = (path: string) => topField(FIELDS, path);

describe('staff form issues', () => {
  it('maps nested and indexed issue paths onto the form field showing them', () => {
    expect(fieldOf('airing.times')).toBe('airing');
    expect(fieldOf('targetUnitIds[3]')).toBe('targetUnitIds');
    expect(fieldOf('title')).toBe('title');
    expect(fieldOf('(root)')).toBeUndefined();
    expect(fieldOf('titles')).toBeUndefined();
  });

  it('names each field once and leaves out paths the form does not show', () => {
    const issues = [
      { field: 'airing.times', message: 'too many' },
      { field: 'airing.perDays', message: 'too few' },
      { field: 'rev', message: 'server-owned' },
      { field: 'title', message: 'empty' },
    ];
    expect(issueFields(issues, fieldOf)).toEqual(['airing', 'title']);
  });

  it('reads the fields of a refused staff call, and none from any other failure', () => {
    const refused = new StaffApiError(400, 'invalid_request', 'Invalid request', [
      { field: 'targetUnitIds.0', message: 'not a uuid' },
    ]);
    expect(failedFields(refused, fieldOf)).toEqual(['targetUnitIds']);
    expect(failedFields(new StaffApiError(409, 'version_conflict', 'stale'), fieldOf)).toEqual([]);
    expect(failedFields(new TypeError('Failed to fetch'), fieldOf)).toEqual([]);
  });
});
