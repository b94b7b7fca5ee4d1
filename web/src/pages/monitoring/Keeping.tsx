// What the air-station and water-section pages share for keeping their data (administrators and reviewers; the
// server checks it again): the import drawer, the registry drawer with the entry being changed, the column of
// edit buttons, and the version that makes the page read its data again after either drawer saved.
import { useState, type ReactNode } from 'react';
import { Button } from 'antd';
import { useAuth } from '../../auth.js';
import { ImportDrawer } from './ImportDrawer.js';
import { RegistryDrawer } from './RegistryDrawer.js';
import { useMonitoringText } from './strings.js';
import type { AirStation, WaterSection } from './types.js';

type Kinds = { air: AirStation; water: WaterSection };

export function useKeeping<K extends keyof Kinds>(kind: K) {
  const { m } = useMonitoringText();
  const { user } = useAuth();
  const [version, setVersion] = useState(0);
  const [importOpen, setImportOpen] = useState(false);
  // The registry drawer, open or not, with the entry to change (null: a new one); kept while it closes.
  const [editing, setEditing] = useState<{ open: boolean; entry: Kinds[K] | null }>({ open: false, entry: null });
  const canKeep = user?.role === 'admin' || user?.role === 'reviewer';
  const saved = () => setVersion((v) => v + 1);

  /** The table column of edit buttons, for those who may keep the registry. */
  const editColumn = <Row extends Kinds[K]>() =>
    canKeep
      ? [
          {
            title: m.registry.actions,
            key: 'actions',
            width: 80,
            fixed: 'right' as const,
            render: (_: unknown, entry: Row) => (
              <Button size="small" type="link" onClick={() => setEditing({ open: true, entry })} data-testid="registry-edit">
                {m.registry.edit}
              </Button>
            ),
          },
        ]
      : [];

  /** Both drawers, for those who may keep the data; `codes` are the entries already registered. */
  const drawers = (codes: ReadonlySet<string>): ReactNode =>
    canKeep ? (
      <>
        <ImportDrawer open={importOpen} onClose={() => setImportOpen(false)} initialKind={kind} onImported={saved} />
        <RegistryDrawer
          open={editing.open}
          target={{ kind, entry: editing.entry } as { kind: 'air'; entry: AirStation | null } | { kind: 'water'; entry: WaterSection | null }}
          existingCodes={codes}
          onClose={() => setEditing((e) => ({ ...e, open: false }))}
          onSaved={saved}
        />
      </>
    ) : null;

  return {
    version,
    canKeep,
    openImport: canKeep ? () => setImportOpen(true) : undefined,
    openRegister: canKeep ? () => setEditing({ open: true, entry: null }) : undefined,
    editColumn,
    drawers,
  };
}
