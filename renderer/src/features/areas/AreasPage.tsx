/**
 * The Areas page: the workspace's areas (code, name, kind, parent, population years), the
 * board's main area, and comparator groups. Add from the built-in geography or by hand,
 * rename, retire (kept for history) or bring back; each change is one step on Undo.
 */
import { useState } from 'react';
import { Button, Checkbox, Dropdown, Field, Input, MessageBar, MessageBarBody, Option, Select, Spinner, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { AreaListing } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { FormDialog } from '../../components/FormDialog';
import { useFocusKept } from '../../components/useFocusKept';

const KIND_WORDS: Record<string, string> = { county: 'county', district: 'district', unitary: 'unitary authority', region: 'region', force: 'police force area', csp: 'community safety partnership', comparator: 'comparator' };

type Editing = { kind: 'add' } | { kind: 'rename'; area: AreaListing; called: string } | { kind: 'group' } | null;

export function AreasPage() {
  const page = useApi('areas.page', {});
  const [editing, setEditing] = useState<Editing>(null);
  const [text, setText] = useState('');
  const [members, setMembers] = useState('');
  const [makeDefault, setMakeDefault] = useState(true);
  // An area Boardpack's geography does not hold (a ward, a neighbourhood, a partner's own area), entered by hand.
  const [byHand, setByHand] = useState(false);
  const [hand, setHand] = useState({ code: '', name: '', kind: 'district', parentCode: '' });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Back on the control pressed once its work is done (it is disabled meanwhile).
  useFocusKept(busy);
  const [message, setMessage] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);

  const act = async (work: () => Promise<string | null>) => {
    setBusy(true);
    setError(null);
    try {
      const done = await work();
      setEditing(null);
      if (done) setMessage({ intent: 'success', text: done });
    } catch (e) {
      const why = e instanceof Error ? e.message : String(e);
      if (editing) setError(why);
      else setMessage({ intent: 'error', text: why });
    } finally {
      setBusy(false);
    }
  };

  if (page.loading && !page.data) return <Spinner label="Loading the areas..." />;
  if (page.error) return <MessageBar intent="error"><MessageBarBody>{page.error}</MessageBarBody></MessageBar>;
  const data = page.data!;
  const nameOf = new Map(data.areas.map((a) => [a.code, a.name]));
  // Two areas can share a name (Blaby the district and Blaby the partnership): their buttons and
  // messages then say which, so a screen reader does not read two identical "Rename Blaby".
  const shared = new Set(data.areas.filter((a, i) => data.areas.findIndex((b) => b.name === a.name) !== i).map((a) => a.name));
  const called = (a: AreaListing) => (shared.has(a.name) ? `${a.name} (${KIND_WORDS[a.kind] ?? a.kind})` : a.name);

  return (
    <section className="areas-page" aria-label="Areas">
      <div className="toolbar">
        <Button appearance="primary" onClick={() => { setText(''); setByHand(false); setHand({ code: '', name: '', kind: 'district', parentCode: '' }); setError(null); setEditing({ kind: 'add' }); }}>Add area...</Button>
        <Button onClick={() => { setText('Most Similar Group'); setMembers(data.mainAreaCode ?? ''); setError(null); setEditing({ kind: 'group' }); }}>New comparator group...</Button>
      </div>
      {message && <MessageBar intent={message.intent}><MessageBarBody>{message.text}</MessageBarBody></MessageBar>}
      <Table aria-label="The workspace's areas" size="small">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Code</TableHeaderCell>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Kind</TableHeaderCell>
            <TableHeaderCell>Parent</TableHeaderCell>
            <TableHeaderCell>Population years</TableHeaderCell>
            <TableHeaderCell>Status</TableHeaderCell>
            <TableHeaderCell>Change</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {data.areas.map((a) => (
            <TableRow key={a.code} className={a.retiredOn ? 'retired' : undefined}>
              <TableCell>{a.code}</TableCell>
              <TableCell>{a.name}</TableCell>
              <TableCell>{KIND_WORDS[a.kind] ?? a.kind}</TableCell>
              <TableCell>{a.parentCode ? `${nameOf.get(a.parentCode) ?? ''} (${a.parentCode})` : ''}</TableCell>
              <TableCell>{a.populationYears.join(', ')}</TableCell>
              <TableCell>{[a.main ? 'main area' : '', a.retiredOn ? `retired ${a.retiredOn}` : ''].filter(Boolean).join(', ')}</TableCell>
              <TableCell>
                <Button size="small" onClick={() => { setText(a.name); setError(null); setEditing({ kind: 'rename', area: a, called: called(a) }); }} aria-label={`Rename ${called(a)}`}>Rename</Button>{' '}
                {!a.main && !a.retiredOn && <Button size="small" ref={focusRenameWhenGone} disabled={busy} onClick={() => void act(async () => { await call('areas.setMain', { area: a.code }); return `${called(a)} is now the board's main area.`; })} aria-label={`Make ${called(a)} the main area`}>Make main</Button>}{' '}
                {!a.main && (
                  <Button
                    size="small"
                    disabled={busy}
                    aria-label={`${a.retiredOn ? 'Bring back' : 'Retire'} ${called(a)}`}
                    onClick={() => void act(async () => {
                      await call('areas.retire', { area: a.code, on: a.retiredOn ? null : new Date().toISOString().slice(0, 10) });
                      return a.retiredOn ? `${called(a)} is back in use.` : `${called(a)} is retired; its values are kept.`;
                    })}
                  >
                    {a.retiredOn ? 'Bring back' : 'Retire'}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>

      <h2>Comparator groups</h2>
      <p>The County Comparison and the scorecard's position rank the main area within the group an indicator names, else the default group, else every area of its kind.</p>
      <Field label="Default comparator group">
        <Dropdown
          value={data.defaultGroup ?? 'None: every area of the main area\u2019s kind'}
          selectedOptions={[data.defaultGroup ?? '']}
          onOptionSelect={(_, d) => void act(async () => { await call('areas.useGroup', { name: d.optionValue ? d.optionValue : null }); return null; })}
        >
          <Option value="">None: every area of the main area’s kind</Option>
          {data.groups.map((g) => <Option key={g.name} value={g.name}>{g.name}</Option>)}
        </Dropdown>
      </Field>
      {data.groups.length === 0 ? <p>No comparator groups yet.</p> : (
        <ul className="groups">
          {data.groups.map((g) => (
            <li key={g.name}>
              <strong>{g.name}</strong>: {g.memberCodes.map((c) => `${nameOf.get(c) ?? c} (${c})`).join(', ')}{' '}
              <Button size="small" onClick={() => void act(async () => { await call('areas.deleteGroup', { name: g.name }); return `Deleted the group ${g.name}.`; })}>Delete</Button>
            </li>
          ))}
        </ul>
      )}

      {editing?.kind === 'add' && (
        <FormDialog
          title="Add an area"
          submit="Add"
          busy={busy}
          error={error}
          canSubmit={byHand ? hand.code.trim() !== '' && hand.name.trim() !== '' : text.trim() !== ''}
          onSubmit={() => void act(async () => {
            if (byHand) {
              const r = await call('areas.add', { code: hand.code.trim(), name: hand.name.trim(), kind: hand.kind as 'district', parentCode: hand.parentCode.trim() || null });
              return [`Added ${hand.name.trim()} (${hand.code.trim()}).`, ...r.messages].join(' ');
            }
            const r = await call('areas.add', { from: text });
            return [`Added ${text}.`, ...r.messages].join(' ');
          })}
          onClose={() => setEditing(null)}
        >
          {!byHand && (
            <Field label="Area" hint="An ONS code or name from the built-in geography of England and Wales, e.g. Rutland or E06000017.">
              <Input value={text} onChange={(_, d) => setText(d.value)} autoFocus />
            </Field>
          )}
          <Checkbox checked={byHand} onChange={(_, d) => setByHand(d.checked === true)} label="Not in the built-in geography: enter it by hand" />
          {byHand && (
            <>
              <Field label="Code" hint="The area's code, e.g. a ward's E05 code or one of your own.">
                <Input value={hand.code} onChange={(_, d) => setHand({ ...hand, code: d.value })} autoFocus />
              </Field>
              <Field label="Name">
                <Input value={hand.name} onChange={(_, d) => setHand({ ...hand, name: d.value })} />
              </Field>
              <Field label="Kind">
                <Select value={hand.kind} onChange={(_, d) => setHand({ ...hand, kind: d.value })}>
                  {Object.entries(KIND_WORDS).map(([k, w]) => <option key={k} value={k}>{w}</option>)}
                </Select>
              </Field>
              <Field label="Parent" hint="The code of the area it lies in (optional), e.g. the county's.">
                <Input value={hand.parentCode} onChange={(_, d) => setHand({ ...hand, parentCode: d.value })} />
              </Field>
            </>
          )}
        </FormDialog>
      )}
      {editing?.kind === 'rename' && (
        <FormDialog title={`Rename ${editing.called}`} submit="Rename" busy={busy} error={error} canSubmit={text.trim() !== ''} onSubmit={() => void act(async () => { await call('areas.rename', { area: editing.area.code, name: text }); return `Renamed ${editing.called} to ${text}.`; })} onClose={() => setEditing(null)}>
          <Field label="Name">
            <Input value={text} onChange={(_, d) => setText(d.value)} autoFocus />
          </Field>
        </FormDialog>
      )}
      {editing?.kind === 'group' && (
        <FormDialog
          title="Comparator group"
          submit="Save"
          busy={busy}
          error={error}
          canSubmit={text.trim() !== '' && members.trim() !== ''}
          onSubmit={() => void act(async () => {
            const r = await call('areas.saveGroup', { name: text, members: members.split(/[,;\n]/).map((m) => m.trim()).filter(Boolean), makeDefault });
            return [`Saved the group ${text}.`, ...r.messages].join(' ');
          })}
          onClose={() => setEditing(null)}
        >
          <Field label="Name">
            <Input value={text} onChange={(_, d) => setText(d.value)} autoFocus />
          </Field>
          <Field label="Areas" hint="ONS codes or names, separated by commas (e.g. a force's Most Similar Group); areas not yet here are added from the built-in geography.">
            <Input value={members} onChange={(_, d) => setMembers(d.value)} />
          </Field>
          <Checkbox checked={makeDefault} onChange={(_, d) => setMakeDefault(d.checked === true)} label="Use it when an indicator names no group" />
        </FormDialog>
      )}
    </section>
  );
}

/**
 * Make main goes once its area is the main one: if it had focus, focus moves to the same row's
 * Rename first, so the analyst keeps their place instead of starting again from the top.
 */
function focusRenameWhenGone(button: HTMLButtonElement | null): (() => void) | undefined {
  if (!button) return undefined;
  const rename = button.parentElement?.querySelector('button');
  return () => {
    if (document.activeElement === button && rename && rename !== button) rename.focus();
  };
}
