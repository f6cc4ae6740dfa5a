import type { StaffAction } from '../../domain/authz.ts';
import type { Unit } from '../../domain/schemas/unit.ts';
import { mayOn, session, units } from './session.ts';
import { subtreeRows } from './unit-tree.ts';

/**
 * A labelled choice among the units of the account's subtree it may do `action` on, indented by depth;
 * `allLabel` adds an "all" choice; `accepts` narrows the units offered further.
 */
export function UnitSelect({
  id,
  label,
  testId,
  action,
  value,
  onChange,
  allLabel,
  accepts,
}: {
  id: string;
  label: string;
  testId: string;
  action: StaffAction;
  value: string;
  onChange: (unitId: string) => void;
  allLabel?: string;
  accepts?: (unit: Unit) => boolean;
}) {
  const rootId = session.value?.user.unitId ?? '';
  const rows = subtreeRows(units.value, rootId).filter(
    (row) => mayOn(action, row.unit.id) && (accepts === undefined || accepts(row.unit)),
  );
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <select id={id} data-testid={testId} value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        {allLabel !== undefined && <option value="">{allLabel}</option>}
        {rows.map(({ unit, depth }) => (
          <option key={unit.id} value={unit.id}>
            {`${'\u2003'.repeat(depth)}${unit.name}`}
          </option>
        ))}
      </select>
    </div>
  );
}
