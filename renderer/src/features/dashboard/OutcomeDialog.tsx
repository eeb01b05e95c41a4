/** An outcome's RAG and overall comment for the period, with a guide to what fits the printed page. */
import { useState } from 'react';
import { Field, Radio, RadioGroup, Textarea } from '@fluentui/react-components';
import { COMMENT_GUIDE_CHARACTERS, type AppendixOutcomeBlock } from '../../../../shared/domain/appendix';
import { RAG_ORDER, ragChoice } from '../../../../shared/domain/vocabulary';
import { call } from '../../api/client';
import { FormDialog } from '../../components/FormDialog';

const NONE = 'none';

export function OutcomeDialog(props: { period: string; outcome: AppendixOutcomeBlock; onClose(): void }) {
  const { outcome } = props;
  const [rag, setRag] = useState<string>(outcome.rag ?? NONE);
  const [comment, setComment] = useState(outcome.comment);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const length = comment.trim().length;
  const tooLong = length > COMMENT_GUIDE_CHARACTERS;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await call('judgements.setOutcome', { period: props.period, outcomeId: outcome.outcomeId, rag: rag === NONE ? null : (rag as 'R' | 'A' | 'G'), comment });
      props.onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDialog title="Outcome RAG and comment" submit="Save" busy={saving} error={error} canSubmit onSubmit={() => void save()} onClose={props.onClose}>
      <p className="dialog-subject">{outcome.title}</p>
      <Field label="RAG">
        <RadioGroup layout="horizontal" value={rag} onChange={(_, d) => setRag(d.value)}>
          {RAG_ORDER.map((r) => (
            <Radio key={r} value={r} label={ragChoice(r)} />
          ))}
          <Radio value={NONE} label="None" />
        </RadioGroup>
      </Field>
      <Field
        label="Comment"
        hint={`${length.toLocaleString('en-GB')} of about ${COMMENT_GUIDE_CHARACTERS} characters that fit the printed cell`}
        validationState={tooLong ? 'warning' : 'none'}
        validationMessage={tooLong ? 'Longer than fits the printed page: the row will grow and may split across pages.' : undefined}
      >
        <Textarea value={comment} onChange={(_, d) => setComment(d.value)} rows={8} resize="vertical" maxLength={4000} />
      </Field>
    </FormDialog>
  );
}
