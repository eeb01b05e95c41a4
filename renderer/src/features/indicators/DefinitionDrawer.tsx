/**
 * An indicator's definition, every property, in a side panel. Saving first asks Boardpack
 * what the change would print differently; when it would, the analyst confirms after reading
 * it ("Changing the decimals from 2 to 1 changes how 2024/25 Q3 prints: ...").
 */
import { useEffect, useState } from 'react';
import {
  Button,
  Combobox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DrawerBody,
  DrawerFooter,
  DrawerHeader,
  DrawerHeaderTitle,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Option,
  OverlayDrawer,
  SpinButton,
  Textarea,
} from '@fluentui/react-components';
import type { ApiArgs } from '../../../../shared/api/contract';
import type { Indicator, IndicatorCatalogue } from '../../../../shared/api/types';
import type { MeasureType, Polarity, Unit } from '../../../../shared/domain/types';
import { guessMeasureType, MEASURE_TYPE_NAMES, MEASURE_TYPES_OF, sumsOverTime } from '../../../../shared/domain/definition-words';
import { POLARITY_NAMES, UNIT_NAMES } from '../../../../shared/domain/vocabulary';
import { call } from '../../api/client';
import { useReturnFocus } from '../../components/FormDialog';
import { fieldProblems } from './problems';
import { useFocusKept } from '../../components/useFocusKept';

type Form = {
  outcomeId: number | null;
  name: string;
  unit: Unit;
  measureType: MeasureType;
  polarity: Polarity;
  decimals: number;
  frequency: string;
  source: string;
  target: string;
  tolerancePercent: string;
  comparatorGroup: string;
  notes: string;
  footnote: string;
};

const BLANK: Form = { outcomeId: null, name: '', unit: 'count', measureType: 'flow', polarity: 'lower', decimals: 0, frequency: 'quarterly', source: '', target: '', tolerancePercent: '5', comparatorGroup: '', notes: '', footnote: '' };

function formOf(i: Indicator): Form {
  return {
    outcomeId: i.outcomeId,
    name: i.name,
    unit: i.unit,
    measureType: i.measureType,
    polarity: i.polarity,
    decimals: i.decimals,
    frequency: i.frequency,
    source: i.source,
    target: i.target === null ? '' : String(i.target),
    tolerancePercent: i.tolerancePercent === null ? '' : String(i.tolerancePercent),
    comparatorGroup: i.comparatorGroup,
    notes: i.notes,
    footnote: i.footnote,
  };
}

/** "6.5", "1,250", "" (none); anything else is a problem for that field. */
function readNumber(text: string): number | null | undefined {
  const t = text.trim().replace(/,/g, '').replace(/%$/, '');
  if (t === '') return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

export function DefinitionDrawer(props: {
  open: boolean;
  indicator: Indicator | null;
  /** For a new indicator: the outcome it starts in. */
  outcomeId?: number | null;
  catalogue: IndicatorCatalogue;
  onClose(): void;
  onSaved(indicator: Indicator, message: string): void;
}) {
  const { open, indicator, catalogue, onClose, onSaved } = props;
  useReturnFocus(open);
  const [form, setForm] = useState<Form>(BLANK);
  const [problems, setProblems] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [impacts, setImpacts] = useState<string[] | null>(null);
  const [busy, setBusy] = useState(false);
  // Back on the control pressed once its work is done (it is disabled meanwhile).
  useFocusKept(busy);

  useEffect(() => {
    if (!open) return;
    setForm(indicator ? formOf(indicator) : { ...BLANK, outcomeId: props.outcomeId ?? catalogue.outcomes.find((o) => !o.archived)?.id ?? null });
    setProblems({});
    setGeneral(null);
    setImpacts(null);
  }, [open, indicator, props.outcomeId, catalogue.outcomes]);

  const set = <K extends keyof Form>(key: K, value: Form[K]) => setForm((f) => ({ ...f, [key]: value }));
  const derivedFrom = indicator?.derivation ? [...catalogue.dataSeries, ...catalogue.outcomes.flatMap((o) => o.indicators)].find((i) => i.id === indicator.derivation!.fromIndicatorId) : undefined;

  const args = (): ApiArgs<'indicators.save'> | null => {
    const local: Record<string, string> = {};
    const target = readNumber(form.target);
    const tolerance = readNumber(form.tolerancePercent);
    if (target === undefined) local.target = 'Write the target as a number, e.g. 25 or 6.5, or leave it empty';
    if (tolerance === undefined) local.tolerancePercent = 'Write the tolerance as a percentage, e.g. 5';
    if (form.name.trim() === '') local.name = 'Give the indicator a name';
    setProblems(local);
    if (Object.keys(local).length > 0) return null;
    return {
      ...(indicator ? { id: indicator.id } : {}),
      outcomeId: form.outcomeId,
      name: form.name,
      unit: form.unit,
      measureType: form.measureType,
      polarity: form.polarity,
      decimals: form.decimals,
      frequency: form.frequency,
      source: form.source,
      target: target ?? null,
      tolerancePercent: tolerance ?? null,
      comparatorGroup: form.comparatorGroup,
      notes: form.notes,
      footnote: form.footnote,
    };
  };

  const fail = (e: unknown) => {
    const { fields, rest } = fieldProblems(e instanceof Error ? e.message : String(e));
    setProblems(fields);
    setGeneral(rest);
  };

  const save = async (confirmed: boolean) => {
    const a = args();
    if (!a) return;
    setBusy(true);
    setGeneral(null);
    try {
      if (!confirmed && indicator) {
        const dry = await call('indicators.save', { ...a, dryRun: true });
        if (dry.impacts.length > 0) {
          setImpacts(dry.impacts);
          return;
        }
      }
      const saved = await call('indicators.save', a);
      setImpacts(null);
      onSaved(saved.item!, indicator ? (saved.saved ? `Saved "${saved.item!.name}".` : 'Nothing had changed.') : `Added "${saved.item!.name}".`);
    } catch (e) {
      setImpacts(null);
      fail(e);
    } finally {
      setBusy(false);
    }
  };

  const outcomes = catalogue.outcomes.filter((o) => !o.archived || o.id === form.outcomeId);
  const outcomeText = form.outcomeId === null ? 'None: a data series (not printed)' : (catalogue.outcomes.find((o) => o.id === form.outcomeId)?.title ?? '');

  return (
    <OverlayDrawer open={open} position="end" size="medium" onOpenChange={(_, d) => !d.open && onClose()} aria-labelledby="definition-title">
      <DrawerHeader>
        <DrawerHeaderTitle id="definition-title" action={<Button appearance="subtle" aria-label="Close" onClick={onClose}>✕</Button>}>
          {indicator ? 'Edit indicator' : 'New indicator'}
        </DrawerHeaderTitle>
      </DrawerHeader>
      <DrawerBody>
        <form
          className="definition-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save(false);
          }}
        >
          <Field label="Name" required validationMessage={problems.name} hint="As printed in the appendix, with its unit, e.g. Vehicle Crime rate (per 1,000 population)">
            <Input value={form.name} onChange={(_, d) => set('name', d.value)} />
          </Field>
          <Field label="Outcome" validationMessage={problems.outcomeId}>
            <Dropdown value={outcomeText} selectedOptions={[String(form.outcomeId)]} onOptionSelect={(_, d) => set('outcomeId', d.optionValue === 'null' ? null : Number(d.optionValue))}>
              {outcomes.map((o) => (
                <Option key={o.id} value={String(o.id)} text={o.title}>
                  {o.title}
                </Option>
              ))}
              <Option value="null" text="None: a data series (not printed)">
                None: a data series (not printed)
              </Option>
            </Dropdown>
          </Field>
          <div className="form-row">
            <Field label="Unit" validationMessage={problems.unit} hint={derivedFrom ? `Worked out per 1,000 population from "${derivedFrom.name}"` : undefined}>
              <Dropdown
                value={UNIT_NAMES[form.unit]}
                selectedOptions={[form.unit]}
                disabled={!!derivedFrom}
                onOptionSelect={(_, d) => {
                  if (!d.optionValue) return;
                  const unit = d.optionValue as Unit;
                  // A measure type the new unit does not allow is guessed again.
                  setForm((f) => ({ ...f, unit, measureType: MEASURE_TYPES_OF[unit].includes(f.measureType) ? f.measureType : guessMeasureType(f.name, unit).type }));
                }}
              >
                {(Object.keys(UNIT_NAMES) as Unit[]).map((u) => (
                  <Option key={u} value={u}>
                    {UNIT_NAMES[u]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field
              label="Measure type"
              validationMessage={problems.measureType}
              hint={sumsOverTime(form.measureType) ? 'Months add up to longer spans (rolling 12 months)' : 'Never added up over months'}
            >
              <Dropdown value={MEASURE_TYPE_NAMES[form.measureType]} selectedOptions={[form.measureType]} onOptionSelect={(_, d) => d.optionValue && set('measureType', d.optionValue as MeasureType)}>
                {MEASURE_TYPES_OF[form.unit].map((t) => (
                  <Option key={t} value={t}>
                    {MEASURE_TYPE_NAMES[t]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label="Polarity" validationMessage={problems.polarity}>
              <Dropdown value={POLARITY_NAMES[form.polarity]} selectedOptions={[form.polarity]} onOptionSelect={(_, d) => d.optionValue && set('polarity', d.optionValue as Polarity)}>
                {(Object.keys(POLARITY_NAMES) as Polarity[]).map((p) => (
                  <Option key={p} value={p}>
                    {POLARITY_NAMES[p]}
                  </Option>
                ))}
              </Dropdown>
            </Field>
            <Field label="Decimals" validationMessage={problems.decimals}>
              <SpinButton
                value={form.decimals}
                min={0}
                max={6}
                onChange={(_, d) => {
                  const n = d.value ?? Number(d.displayValue);
                  if (Number.isInteger(n)) set('decimals', Math.min(6, Math.max(0, n)));
                }}
              />
            </Field>
          </div>
          <div className="form-row">
            <Field label="Frequency" validationMessage={problems.frequency}>
              <Combobox freeform value={form.frequency} selectedOptions={[form.frequency]} onChange={(e) => set('frequency', e.target.value)} onOptionSelect={(_, d) => d.optionValue !== undefined && set('frequency', d.optionValue)}>
                {catalogue.frequencies.map((f) => (
                  <Option key={f} value={f}>
                    {f}
                  </Option>
                ))}
              </Combobox>
            </Field>
            <Field label="Source" validationMessage={problems.source}>
              <Input value={form.source} onChange={(_, d) => set('source', d.value)} placeholder="e.g. Leicestershire Police" />
            </Field>
          </div>
          <div className="form-row">
            <Field label="Target" validationMessage={problems.target} hint="Optional, in the indicator's unit">
              <Input value={form.target} onChange={(_, d) => set('target', d.value)} inputMode="decimal" />
            </Field>
            <Field label="Tolerance (%)" validationMessage={problems.tolerancePercent} hint="Changes smaller than this are no significant change">
              <Input value={form.tolerancePercent} onChange={(_, d) => set('tolerancePercent', d.value)} inputMode="decimal" contentAfter="%" />
            </Field>
            <Field label="Comparator group" validationMessage={problems.comparatorGroup}>
              <Combobox freeform value={form.comparatorGroup} selectedOptions={[form.comparatorGroup]} onChange={(e) => set('comparatorGroup', e.target.value)} onOptionSelect={(_, d) => d.optionValue !== undefined && set('comparatorGroup', d.optionValue)}>
                {catalogue.comparatorGroups.map((g) => (
                  <Option key={g} value={g}>
                    {g}
                  </Option>
                ))}
              </Combobox>
            </Field>
          </div>
          <Field label="Notes" validationMessage={problems.notes} hint="For analysts; not printed">
            <Textarea value={form.notes} onChange={(_, d) => set('notes', d.value)} resize="vertical" rows={3} />
          </Field>
          <Field label="Footnote" validationMessage={problems.footnote} hint="Printed under the appendix when a value carries a marker">
            <Textarea value={form.footnote} onChange={(_, d) => set('footnote', d.value)} resize="vertical" rows={2} />
          </Field>
          {general && (
            <MessageBar intent="error" role="alert">
              <MessageBarBody>{general}</MessageBarBody>
            </MessageBar>
          )}
          <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
        </form>
      </DrawerBody>
      <DrawerFooter>
        <Button appearance="primary" disabled={busy} onClick={() => void save(false)}>
          {indicator ? 'Save' : 'Add indicator'}
        </Button>
        <Button onClick={onClose}>Cancel</Button>
      </DrawerFooter>
      <Dialog open={impacts !== null} onOpenChange={(_, d) => !d.open && setImpacts(null)}>
        <DialogSurface aria-describedby="impact-list">
          <DialogBody>
            <DialogTitle>This changes what the appendix prints</DialogTitle>
            <DialogContent>
              <ul id="impact-list" className="impact-list">
                {(impacts ?? []).map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" disabled={busy} onClick={() => void save(true)}>
                Save the change
              </Button>
              <Button onClick={() => setImpacts(null)}>Go back</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </OverlayDrawer>
  );
}
