import { compareVietnamese } from '../../domain/fold.ts';
import type { Unit } from '../../domain/schemas/unit.ts';

/** A unit placed in the tree: its depth below the root the list starts from. */
export interface UnitRow {
  unit: Unit;
  depth: number;
}

/** The unit `rootId` and every unit below it, depth-first, siblings in Vietnamese alphabetical order. */
export function subtreeRows(units: readonly Unit[], rootId: string): UnitRow[] {
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) children.set(unit.parentId, [...(children.get(unit.parentId) ?? []), unit]);
  const rows: UnitRow[] = [];
  const visit = (unit: Unit, depth: number) => {
    if (rows.some((row) => row.unit.id === unit.id)) return;
    rows.push({ unit, depth });
    const below = [...(children.get(unit.id) ?? [])].sort((a, b) => compareVietnamese(a.name, b.name));
    for (const child of below) visit(child, depth + 1);
  };
  const root = units.find((u) => u.id === rootId);
  if (root) visit(root, 0);
  return rows;
}
