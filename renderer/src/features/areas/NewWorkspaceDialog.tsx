/**
 * "New workspace...": the file's name and place, and whose board it is (a county, unitary,
 * district, CSP or police force area, typed by part of its name or code). The workspace comes
 * with the board's areas and populations built in, titled by its file's name; it can start with
 * the open workspace's outcomes and indicator definitions (without values).
 */
import { useEffect, useState } from 'react';
import { Checkbox, Combobox, Field, Input, Option } from '@fluentui/react-components';
import type { GeographyMatch, WorkspaceInfo } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';

/** In the open workspace's folder, unless the analyst types another place. */
function suggestedPath(info: WorkspaceInfo | null): string {
  const file = info?.file ?? '';
  const cut = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const folder = cut >= 0 ? file.slice(0, cut + 1) : '';
  return `${folder}Safer Communities Board.boardpack`;
}

export function NewWorkspaceDialog(props: { info: WorkspaceInfo | null; onClose(): void; onCreated?(messages: string[]): void }) {
  const [target, setTarget] = useState(suggestedPath(props.info));
  const [boardText, setBoardText] = useState('');
  const [board, setBoard] = useState<GeographyMatch | null>(null);
  const [matches, setMatches] = useState<GeographyMatch[]>([]);
  const [copy, setCopy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let live = true;
    if (boardText.trim() === '') {
      setMatches([]);
      return;
    }
    call('geography.search', { text: boardText, limit: 12 }).then(
      (found) => live && setMatches(found),
      () => live && setMatches([]),
    );
    return () => {
      live = false;
    };
  }, [boardText]);

  const create = async () => {
    setBusy(true);
    setError(null);
    try {
      const area = board?.code ?? boardText.trim();
      if (area === '') {
        await call('workspace.create', { path: target });
        props.onCreated?.([]);
      } else {
        const made = await call('workspace.createForBoard', { path: target, area, ...(copy && props.info?.file ? { indicatorsFrom: props.info.file } : {}) });
        props.onCreated?.(made.messages);
      }
      props.onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <FormDialog title="New workspace" modalType="non-modal" submit="Create" busy={busy} error={error} canSubmit={target.trim() !== ''} onSubmit={() => void create()} onClose={props.onClose}>
      <p>A workspace file for your board. Boardpack opens it now and again next time; this workspace stays where it is.</p>
      <Field label="File" hint="A folder you can write to, e.g. on the network drive; the name ends in .boardpack and becomes the title.">
        <Input value={target} onChange={(_, d) => setTarget(d.value)} autoFocus />
      </Field>
      <Field
        label="Whose board?"
        hint={board ? `${board.name}: ${board.description}` : 'A county (its districts come with it), unitary, district, community safety partnership or police force area: type part of its name or its ONS code. Leave blank for an empty workspace.'}
      >
        <Combobox
          freeform
          placeholder="e.g. Leicestershire or E10000018"
          value={boardText}
          selectedOptions={board ? [board.code] : []}
          onChange={(e) => {
            setBoardText(e.target.value);
            setBoard(null);
          }}
          onOptionSelect={(_, d) => {
            const chosen = matches.find((m) => m.code === d.optionValue) ?? null;
            setBoard(chosen);
            if (chosen) setBoardText(`${chosen.name} (${chosen.code})`);
          }}
        >
          {matches.map((m) => (
            <Option key={m.code} value={m.code} text={`${m.name} (${m.code})`} disabled={m.retired}>
              {`${m.name} (${m.code}): ${m.description}`}
            </Option>
          ))}
        </Combobox>
      </Field>
      {props.info?.file && (
        <Checkbox
          checked={copy}
          onChange={(_, d) => setCopy(d.checked === true)}
          label={`Start with the outcomes and indicator definitions of "${props.info.title}" (no values)`}
        />
      )}
    </FormDialog>
  );
}
