/**
 * Starting a new reporting period, publishing (locking) one for the board pack, and unlocking
 * it again with a reason for the audit trail.
 */
import { useState } from 'react';
import { Button, Field, Input } from '@fluentui/react-components';
import { FormDialog } from '../../components/FormDialog';
import type { ReportingPeriod } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { focusHandoff } from '../../components/focusHandoff';
import { useFocusKept } from '../../components/useFocusKept';

type Open = 'new' | 'lock' | 'unlock' | null;

/** Publish becomes Unlock once the period is published, and back: focus follows. */
const lockButton = focusHandoff('period-lock');

export function PeriodActions(props: { period: ReportingPeriod | undefined; onCreated(name: string): void }) {
  const [open, setOpen] = useState<Open>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Back on the control pressed once its work is done (it is disabled meanwhile).
  useFocusKept(busy);
  const show = (which: Open) => {
    setText('');
    setError(null);
    setOpen(which);
  };
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      setOpen(null);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const period = props.period;
  return (
    <>
      <Button onClick={() => show('new')}>New period...</Button>
      {/* One place, two buttons: the same focus key, so focus comes back to Unlock after publishing and to Publish after unlocking. */}
      {period && !period.locked && (
        <Button data-focus-key="period-lock" ref={lockButton} onClick={() => show('lock')}>
          Publish (lock)...
        </Button>
      )}
      {period?.locked && (
        <Button data-focus-key="period-lock" ref={lockButton} onClick={() => show('unlock')}>
          Unlock...
        </Button>
      )}

      {open === 'new' && (
        <FormDialog
          title="New reporting period"
          submit="Create"
          busy={busy}
          error={error}
          canSubmit={text.trim() !== ''}
          onClose={() => setOpen(null)}
          onSubmit={() =>
            void run(async () => {
              const created = await call('periods.create', { name: text });
              props.onCreated(created.name);
            })
          }
        >
          <Field label="Reporting period" hint="A financial year and quarter, e.g. 2024/25 Q3 (Q3 ends in December).">
            <Input value={text} onChange={(_, d) => setText(d.value)} autoFocus />
          </Field>
        </FormDialog>
      )}
      {open === 'lock' && period && (
        <FormDialog
          title={`Publish ${period.name}?`}
          submit="Publish"
          busy={busy}
          error={error}
          canSubmit
          onClose={() => setOpen(null)}
          onSubmit={() => void run(async () => void (await call('periods.lock', { period: period.name })))}
        >
          <p>
            The appendix is kept exactly as it is now. Its figures, judgements and comments cannot be changed afterwards; imports that would change them are
            shown as conflicts. Exports of {period.name} will always print the same. You can unlock it later, giving a reason.
          </p>
        </FormDialog>
      )}
      {open === 'unlock' && period && (
        <FormDialog
          title={`Unlock ${period.name}?`}
          submit="Unlock"
          busy={busy}
          error={error}
          canSubmit={text.trim().length >= 3}
          onClose={() => setOpen(null)}
          onSubmit={() => void run(async () => void (await call('periods.unlock', { period: period.name, reason: text })))}
        >
          <p>The published figures of {period.name} can then change. The reason is kept in the audit trail with your name.</p>
          <Field label="Reason for unlocking" required>
            <Input value={text} onChange={(_, d) => setText(d.value)} autoFocus maxLength={500} />
          </Field>
        </FormDialog>
      )}
    </>
  );
}
