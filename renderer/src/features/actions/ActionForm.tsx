/**
 * Adding or editing one action: the board's columns as fields. Checks here are only for what
 * the analyst can fix before saving; the API checks everything again and its message is shown.
 */
import { useState } from 'react';
import { Button, Field, Input, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import type { ActionLogEntry } from '../../../../shared/api/types';
import type { Rag } from '../../../../shared/domain/types';
import { RAG_WORDS } from '../../../../shared/domain/vocabulary';

export interface ActionDraft {
  number: string;
  raisedOn: string;
  action: string;
  officer: string;
  comments: string;
  status: Rag;
}

export function draftFrom(entry: ActionLogEntry | null, today: string): ActionDraft {
  if (!entry) return { number: '', raisedOn: today, action: '', officer: '', comments: '', status: 'A' };
  return { number: String(entry.number), raisedOn: entry.raisedOn, action: entry.action, officer: entry.officer, comments: entry.comments, status: entry.status };
}

export function ActionForm(props: { editing: ActionLogEntry | null; initial: ActionDraft; nextNumber: number; busy: boolean; onSave(draft: ActionDraft): void; onCancel(): void }) {
  const [draft, setDraft] = useState<ActionDraft>(props.initial);
  const [tried, setTried] = useState(false);
  const set = <K extends keyof ActionDraft>(key: K, value: ActionDraft[K]) => setDraft((d) => ({ ...d, [key]: value }));
  const numberProblem = draft.number.trim() !== '' && !/^[1-9]\d{0,5}$/.test(draft.number.trim()) ? 'A whole number of 1 or more.' : undefined;
  const actionProblem = tried && draft.action.trim() === '' ? 'Say what the action is.' : undefined;
  const dateProblem = tried && draft.raisedOn === '' ? 'Give the date the action was raised.' : undefined;
  const heading = props.editing ? `Edit action ${props.editing.number}` : 'Add an action';

  const submit = () => {
    setTried(true);
    if (numberProblem || draft.action.trim() === '' || draft.raisedOn === '') return;
    props.onSave(draft);
  };

  return (
    <form
      className="paper action-form"
      aria-labelledby="action-form-heading"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') props.onCancel();
      }}
    >
      <h3 id="action-form-heading">{heading}</h3>
      <div className="action-form-row">
        <Field label="No." validationMessage={numberProblem} hint={props.editing ? undefined : `Leave blank for ${props.nextNumber}`} className="action-number">
          {/* The form opens where the analyst starts typing. */}
          <Input value={draft.number} inputMode="numeric" autoFocus onChange={(_, d) => set('number', d.value)} />
        </Field>
        <Field label="Date raised" required validationMessage={dateProblem}>
          <Input type="date" value={draft.raisedOn} onChange={(_, d) => set('raisedOn', d.value)} />
        </Field>
        <Field label="Responsible officer" className="action-officer">
          <Input value={draft.officer} maxLength={200} onChange={(_, d) => set('officer', d.value)} />
        </Field>
        <Field label="Status">
          <RadioGroup layout="horizontal" value={draft.status} onChange={(_, d) => set('status', d.value as Rag)}>
            {(['R', 'A', 'G'] as const).map((rag) => (
              <Radio key={rag} value={rag} label={RAG_WORDS[rag]} />
            ))}
          </RadioGroup>
        </Field>
      </div>
      <Field label="Action" required validationMessage={actionProblem}>
        <Textarea value={draft.action} maxLength={2000} resize="vertical" rows={2} onChange={(_, d) => set('action', d.value)} />
      </Field>
      <Field label="Comments">
        <Textarea value={draft.comments} maxLength={4000} resize="vertical" rows={2} onChange={(_, d) => set('comments', d.value)} />
      </Field>
      <div className="button-row">
        <Button appearance="primary" type="submit" disabled={props.busy}>
          {props.editing ? 'Save changes' : 'Add action'}
        </Button>
        <Button type="button" onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
