/** An outcome's title (as printed in the appendix) and its short title (for tabs and lists). */
import { useEffect, useState } from 'react';
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, MessageBar, MessageBarBody, Textarea } from '@fluentui/react-components';
import type { Outcome } from '../../../../shared/api/types';
import { call } from '../../api/client';
import { useReturnFocus } from '../../components/FormDialog';
import { fieldProblems } from './problems';

export function OutcomeDialog(props: { open: boolean; outcome: Outcome | null; onClose(): void; onSaved(outcome: Outcome, message: string): void }) {
  const { open, outcome, onClose, onSaved } = props;
  useReturnFocus(open);
  const [title, setTitle] = useState('');
  const [shortTitle, setShortTitle] = useState('');
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  useEffect(() => {
    if (!open) return;
    setTitle(outcome?.title ?? '');
    setShortTitle(outcome?.shortTitle ?? '');
    setProblems({});
    setGeneral(null);
  }, [open, outcome]);

  const save = async () => {
    if (title.trim() === '') {
      setProblems({ title: 'Give the outcome a title' });
      return;
    }
    try {
      const saved = await call('outcomes.save', { ...(outcome ? { id: outcome.id } : {}), title, shortTitle });
      onSaved(saved, outcome ? `Saved the outcome "${saved.title}".` : `Added the outcome "${saved.title}".`);
    } catch (e) {
      const { fields, rest } = fieldProblems(e instanceof Error ? e.message : String(e));
      setProblems(fields);
      setGeneral(rest);
    }
  };

  return (
    <Dialog open={open} onOpenChange={(_, d) => !d.open && onClose()}>
      <DialogSurface>
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <DialogBody>
            <DialogTitle>{outcome ? 'Edit outcome' : 'New outcome'}</DialogTitle>
            <DialogContent className="definition-form">
              <Field label="Title" required validationMessage={problems.title} hint="As printed in the appendix's Outcomes column">
                <Textarea value={title} onChange={(_, d) => setTitle(d.value)} rows={3} resize="vertical" />
              </Field>
              <Field label="Short title" validationMessage={problems.shortTitle} hint="Optional, for lists, e.g. Crime">
                <Input value={shortTitle} onChange={(_, d) => setShortTitle(d.value)} />
              </Field>
              {general && (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{general}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit">
                {outcome ? 'Save' : 'Add outcome'}
              </Button>
              <Button onClick={onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
