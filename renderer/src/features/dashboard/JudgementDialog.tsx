/**
 * The analyst's judgement of one indicator: direction of travel, progress RAG and county
 * comparison, each either Boardpack's suggestion (with its calculation) or the analyst's
 * choice with a short reason, which is printed on hover and listed with the overrides.
 */
import { useState } from 'react';
import { Field, Input, Radio, RadioGroup } from '@fluentui/react-components';
import type { AppendixIndicatorRow, AppendixSuggestion } from '../../../../shared/domain/appendix';
import { call } from '../../api/client';
import { ARROWS, DIRECTION_ORDER, DIRECTION_WORDS, JUDGEMENT_TITLES, RAG_ORDER, ragChoice, sentenceCase, type Judgement } from '../../../../shared/domain/vocabulary';
import { FormDialog } from '../../components/FormDialog';

export type { Judgement };

const CHOICES: Record<Judgement, Array<{ value: string; label: string }>> = {
  direction: DIRECTION_ORDER.map((d) => ({ value: d, label: `${ARROWS[d]} ${sentenceCase(DIRECTION_WORDS[d])}` })),
  progress: RAG_ORDER.map((r) => ({ value: r, label: ragChoice(r) })),
  county: [
    { value: 'Top', label: 'Top' },
    { value: 'Average', label: 'Average' },
    { value: 'Bottom', label: 'Bottom' },
    { value: '-', label: '- (no comparison)' },
  ],
};

const SUGGESTED = '__suggested__';

function wordFor(judgement: Judgement, value: string | null): string {
  return CHOICES[judgement].find((c) => c.value === value)?.label ?? 'none';
}

function suggestionOf(row: AppendixIndicatorRow, judgement: Judgement): AppendixSuggestion<string> {
  return judgement === 'direction' ? row.direction : judgement === 'progress' ? row.progress : row.countyComparison;
}

/** The suggestion's own calculation, without the override wording laid over it. */
function calculation(s: AppendixSuggestion<string>): string {
  const m = /\(suggested: (.*)\)$/.exec(s.reason);
  return s.overridden && m ? m[1]! : s.reason;
}

function overrideReason(s: AppendixSuggestion<string>): string {
  const m = /^Override: (.*) \(suggested: /.exec(s.reason);
  return s.overridden && m ? m[1]! : '';
}

export function JudgementDialog(props: { period: string; row: AppendixIndicatorRow; judgement: Judgement; onClose(): void }) {
  const { row, judgement } = props;
  const current = suggestionOf(row, judgement);
  const [choice, setChoice] = useState<string>(current.overridden ? (current.shown ?? SUGGESTED) : SUGGESTED);
  const [reason, setReason] = useState(overrideReason(current));
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const overriding = choice !== SUGGESTED && choice !== current.suggested;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await call('judgements.setIndicator', {
        period: props.period,
        indicatorId: row.indicatorId,
        judgement,
        choice: overriding ? choice : null,
        reason: overriding ? reason : '',
      });
      props.onClose();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  return (
    <FormDialog
      title={JUDGEMENT_TITLES[judgement]}
      describedBy="judgement-suggestion"
      submit="Save"
      busy={saving}
      error={error}
      canSubmit={!overriding || reason.trim().length >= 3}
      onSubmit={() => void save()}
      onClose={props.onClose}
    >
      <p className="dialog-subject">{row.name}</p>
      <p id="judgement-suggestion" className="suggestion">
        Boardpack suggests <strong>{wordFor(judgement, current.suggested)}</strong>: {calculation(current)}
      </p>
      <Field label="Show in the appendix">
        <RadioGroup value={choice} onChange={(_, d) => setChoice(d.value)}>
          <Radio value={SUGGESTED} label={`The suggestion (${wordFor(judgement, current.suggested)})`} />
          {CHOICES[judgement]
            .filter((c) => c.value !== current.suggested)
            .map((c) => (
              <Radio key={c.value} value={c.value} label={c.label} />
            ))}
        </RadioGroup>
      </Field>
      {overriding && (
        <Field
          label="Reason"
          hint="Where it appears: on screen, in the cell's calculation and in the list of changed judgements under the appendix; on paper, in the agenda pack's page for this indicator. The appendix PDF and Excel print the judgement only, not the reason."
          required
          validationMessage={reason.trim().length < 3 ? 'Say briefly why.' : undefined}
        >
          <Input value={reason} maxLength={300} onChange={(_, d) => setReason(d.value)} autoFocus />
        </Field>
      )}
    </FormDialog>
  );
}
