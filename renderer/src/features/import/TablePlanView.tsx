/**
 * How Boardpack reads one tidy or wide table: the detected shape, each column's role (with the
 * reason, and a dropdown to change it), values for every row, the first values as they will
 * be held, the problems found, areas it cannot match and indicators it would create.
 */
import { Checkbox, Dropdown, Input, MessageBar, MessageBarBody, Option, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ImportColumnRole, ImportTablePlan } from '../../../../shared/api/types';
import type { Polarity, Unit } from '../../../../shared/domain/types';
import { MEASURE_TYPE_NAMES } from '../../../../shared/domain/definition-words';
import { POLARITY_NAMES, UNIT_NAMES, sentenceCase } from '../../../../shared/domain/vocabulary';

export const ROLE_WORDS: Record<ImportColumnRole, string> = {
  indicator: 'Indicator',
  area: 'Area (code or name)',
  area_name: 'Area name (extra)',
  period: 'Period',
  value: 'Value',
  numerator: 'Numerator',
  denominator: 'Denominator',
  unit: 'Unit',
  note: 'Note',
  label: 'Label',
  breakdown: 'Breakdown (a series for each value)',
  period_values: 'Values for the period in the header',
  area_values: 'Values for the area in the header',
  ignore: 'Nothing (leave out)',
};
const ROLES = Object.keys(ROLE_WORDS) as ImportColumnRole[];
/** The Indicators screen's words for a unit and a polarity, as a choice starts: "Percentage", "Lower is better". */
const UNIT_WORDS = Object.fromEntries(Object.entries(UNIT_NAMES).map(([u, words]) => [u, sentenceCase(words)])) as Record<Unit, string>;
const POLARITY_WORDS = Object.fromEntries(Object.entries(POLARITY_NAMES).map(([p, words]) => [p, sentenceCase(words)])) as Record<Polarity, string>;

/** "A", "B", ... "AA": the spreadsheet's name for a column. */
function columnLetter(index: number): string {
  let n = index + 1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const SOURCE_WORDS: Record<ImportTablePlan['mappingSource'], string> = {
  detected: 'Boardpack guessed what each column holds; change any that are wrong.',
  remembered: 'Read the way you mapped a file of this shape before.',
  yours: 'Read the way you chose.',
};

export interface TableChoice {
  sheet?: string;
  columns?: Array<{ index: number; role: ImportColumnRole }>;
  fixed?: { indicator?: string; area?: string; period?: string };
  filters?: Array<{ column: string; value: string }>;
}

export interface TablePlanViewProps {
  plan: ImportTablePlan;
  busy: boolean;
  createAreas: boolean;
  onCreateAreas(create: boolean): void;
  onChange(choice: TableChoice): void;
  indicatorChoices: Record<string, { unit: Unit; polarity: Polarity }>;
  onIndicatorChoice(name: string, choice: { unit: Unit; polarity: Polarity }): void;
}

function FixedInput({ label, value, disabled, onCommit }: { label: string; value: string; disabled: boolean; onCommit(v: string): void }) {
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <label className="import-fixed">
      <span>{label}</span>
      <Input
        size="small"
        value={text}
        disabled={disabled}
        aria-label={label}
        onChange={(_, d) => setText(d.value)}
        onBlur={() => text !== value && onCommit(text)}
        onKeyDown={(e) => e.key === 'Enter' && text !== value && onCommit(text)}
      />
    </label>
  );
}

/** Every problem found in a table: row, column, the value, what is wrong and how to fix it. */
export function ProblemsTable({ plan }: { plan: ImportTablePlan }) {
  const where = `${plan.file}${plan.sheet ? `, sheet "${plan.sheet}"` : ''}`;
  return (
    <Table size="small" aria-label={`Problems in ${where}`} className="import-problems">
      <TableHeader>
        <TableRow>
          <TableHeaderCell className="num">Row</TableHeaderCell>
          <TableHeaderCell>Column</TableHeaderCell>
          <TableHeaderCell>Value</TableHeaderCell>
          <TableHeaderCell>What is wrong</TableHeaderCell>
          <TableHeaderCell>How to fix it</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {plan.problems.map((p, i) => (
          <TableRow key={`${p.row}/${p.column}/${i}`}>
            <TableCell className="num">{p.row}</TableCell>
            <TableCell>{p.column}</TableCell>
            <TableCell className="import-value">{p.value}</TableCell>
            <TableCell>{p.problem}</TableCell>
            <TableCell>{p.fix}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

export function TablePlanView({ plan, busy, createAreas, onCreateAreas, onChange, indicatorChoices, onIndicatorChoice }: TablePlanViewProps) {
  const where = `${plan.file}${plan.sheet ? `, sheet "${plan.sheet}"` : ''}`;
  const filters = plan.breakdowns.filter((b) => b.filter !== null).map((b) => ({ column: b.column, value: b.filter! }));
  const setRole = (index: number, role: ImportColumnRole) => {
    onChange({ sheet: plan.sheet || undefined, columns: plan.columns.map((c) => ({ index: c.index, role: c.index === index ? role : c.role })), fixed: plan.fixed, filters: filters.filter((f) => f.column !== plan.columns[index]?.header) });
  };
  const setFixed = (key: 'indicator' | 'area' | 'period', value: string) => {
    onChange({ sheet: plan.sheet || undefined, columns: plan.columns.map((c) => ({ index: c.index, role: c.role })), fixed: { ...plan.fixed, [key]: value }, filters });
  };
  /** One value of a breakdown column (the others are left out), or all of them, each its own series. */
  const setFilter = (index: number, column: string, value: string | null) => {
    onChange({
      sheet: plan.sheet || undefined,
      columns: plan.columns.map((c) => ({ index: c.index, role: c.index === index ? (value === null ? 'breakdown' : 'ignore') : c.role })),
      fixed: plan.fixed,
      filters: [...filters.filter((f) => f.column !== column), ...(value === null ? [] : [{ column, value }])],
    });
  };
  const shapeWords = plan.shape === 'tidy' ? 'a tidy table: one value per row' : plan.columns.some((c) => c.role === 'area_values') ? 'a wide table: areas across' : 'a wide table: periods across';
  return (
    <section className="import-table" aria-label={`How Boardpack reads ${where}`}>
      <h4>
        {where}: {shapeWords}, header on row {plan.headerRow}
      </h4>
      <p className="import-note">{SOURCE_WORDS[plan.mappingSource]}</p>
      {plan.sheets.length > 1 && (
        <label className="import-fixed">
          <span>Sheet</span>
          <Dropdown
            size="small"
            aria-label={`Sheet of ${plan.file}`}
            value={plan.sheet}
            selectedOptions={[plan.sheet]}
            disabled={busy}
            onOptionSelect={(_, d) => d.optionValue && d.optionValue !== plan.sheet && onChange({ sheet: d.optionValue })}
          >
            {plan.sheets.map((s) => (
              <Option key={s} value={s}>
                {s}
              </Option>
            ))}
          </Dropdown>
        </label>
      )}
      <Table size="small" aria-label={`Columns of ${where}`} className="import-columns">
        <TableHeader>
          <TableRow>
            <TableHeaderCell className="col-letter">Column</TableHeaderCell>
            <TableHeaderCell>Header in the file</TableHeaderCell>
            <TableHeaderCell className="col-role">Holds</TableHeaderCell>
            <TableHeaderCell>Why</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {plan.columns.map((c) => (
            <TableRow key={c.index}>
              <TableCell className="col-letter">{columnLetter(c.index)}</TableCell>
              <TableCell>{c.header || <em>(blank)</em>}</TableCell>
              <TableCell className="col-role">
                <Dropdown
                  size="small"
                  aria-label={`What column ${columnLetter(c.index)} (${c.header || 'blank'}) holds`}
                  value={ROLE_WORDS[c.role]}
                  selectedOptions={[c.role]}
                  disabled={busy}
                  onOptionSelect={(_, d) => d.optionValue && d.optionValue !== c.role && setRole(c.index, d.optionValue as ImportColumnRole)}
                >
                  {ROLES.map((r) => (
                    <Option key={r} value={r}>
                      {ROLE_WORDS[r]}
                    </Option>
                  ))}
                </Dropdown>
              </TableCell>
              <TableCell className="import-reason">{c.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <div className="import-fixed-row">
        <span className="import-note">The same for every row (when no column holds it):</span>
        <FixedInput label="Indicator" value={plan.fixed.indicator ?? ''} disabled={busy} onCommit={(v) => setFixed('indicator', v)} />
        <FixedInput label="Area" value={plan.fixed.area ?? ''} disabled={busy} onCommit={(v) => setFixed('area', v)} />
        <FixedInput label="Period" value={plan.fixed.period ?? ''} disabled={busy} onCommit={(v) => setFixed('period', v)} />
      </div>
      {plan.breakdowns.length > 0 && (
        <div className="import-breakdowns">
          <h4>Breakdowns: columns that tell series apart</h4>
          {plan.breakdowns.map((b) => (
            <label key={b.index} className="import-fixed">
              <span>{b.column || columnLetter(b.index)}</span>
              <Dropdown
                size="small"
                aria-label={`Rows of ${b.column || columnLetter(b.index)} to import`}
                value={b.filter === null ? 'Every value, each its own series' : `Only "${b.filter}"`}
                selectedOptions={[b.filter ?? '\u0000all']}
                disabled={busy}
                onOptionSelect={(_, d) => d.optionValue !== undefined && setFilter(b.index, b.column, d.optionValue === '\u0000all' ? null : d.optionValue)}
              >
                <Option value={'\u0000all'}>Every value, each its own series</Option>
                {b.values.map((v) => (
                  <Option key={v} value={v} text={`Only "${v}"`}>
                    {`Only "${v}"`}
                  </Option>
                ))}
              </Dropdown>
            </label>
          ))}
          {plan.rowsFilteredOut > 0 && <p className="import-note">{plan.rowsFilteredOut.toLocaleString('en-GB')} rows left out by the filter.</p>}
          <ul aria-label={`Series from ${where}`}>
            {plan.series.slice(0, 50).map((s) => (
              <li key={s.name}>
                {s.name}: {s.values.toLocaleString('en-GB')} {s.values === 1 ? 'value' : 'values'}
                {s.isNew ? ' (new)' : ''}
              </li>
            ))}
          </ul>
        </div>
      )}
      {plan.blocking && (
        <MessageBar intent="warning">
          <MessageBarBody>{plan.blocking}</MessageBarBody>
        </MessageBar>
      )}
      {plan.preview.length > 0 && (
        <>
          <h4>
            First values as Boardpack will hold them ({plan.valuesRead.toLocaleString('en-GB')} values from {plan.rowsRead.toLocaleString('en-GB')} rows)
          </h4>
          <Table size="small" aria-label={`First values of ${where}`} className="import-preview">
            <TableHeader>
              <TableRow>
                <TableHeaderCell className="num">Row</TableHeaderCell>
                <TableHeaderCell>Indicator</TableHeaderCell>
                <TableHeaderCell>Area</TableHeaderCell>
                <TableHeaderCell>Period</TableHeaderCell>
                <TableHeaderCell className="num">Value</TableHeaderCell>
                <TableHeaderCell className="num">Numerator</TableHeaderCell>
                <TableHeaderCell className="num">Denominator</TableHeaderCell>
                <TableHeaderCell>Label / note</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.preview.map((p, i) => (
                <TableRow key={`${p.row}/${i}`}>
                  <TableCell className="num">{p.row}</TableCell>
                  <TableCell>{p.indicator}</TableCell>
                  <TableCell>{p.area}</TableCell>
                  <TableCell>{p.period}</TableCell>
                  <TableCell className="num">{p.value}</TableCell>
                  <TableCell className="num">{p.numerator}</TableCell>
                  <TableCell className="num">{p.denominator}</TableCell>
                  <TableCell>{[p.label, p.note].filter((x) => x).join('; ')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </>
      )}
      {plan.problemCount > 0 && (
        <>
          <h4>
            {plan.problemCount.toLocaleString('en-GB')} {plan.problemCount === 1 ? 'problem' : 'problems'}: the {plan.shape === 'wide' ? 'cells' : 'rows'} affected are left out; the rest imports
          </h4>
          <ProblemsTable plan={plan} />
          {plan.problemCount > plan.problems.length && <p className="import-note">... and {(plan.problemCount - plan.problems.length).toLocaleString('en-GB')} more.</p>}
        </>
      )}
      {plan.unmatchedAreas.length > 0 && (
        <div className="import-unmatched">
          <h4>Areas this workspace does not have</h4>
          <ul>
            {plan.unmatchedAreas.slice(0, 30).map((a) => (
              <li key={a.name}>
                {a.name}
                {a.code ? ` (${a.code})` : ''}: {a.rows.toLocaleString('en-GB')} {a.rows === 1 ? 'value' : 'values'}
              </li>
            ))}
          </ul>
          <Checkbox checked={createAreas} disabled={busy} onChange={(_, d) => onCreateAreas(d.checked === true)} label="Create these as new areas (otherwise their values are left out)" />
        </div>
      )}
      {plan.newIndicators.length > 0 && (
        <>
          <h4>New indicators Boardpack would create</h4>
          <Table size="small" aria-label={`New indicators from ${where}`} className="import-new-indicators">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Name</TableHeaderCell>
                <TableHeaderCell className="col-role">Unit</TableHeaderCell>
                <TableHeaderCell className="col-role">Polarity</TableHeaderCell>
                <TableHeaderCell>Measure type</TableHeaderCell>
                <TableHeaderCell>Why</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {plan.newIndicators.slice(0, 50).map((n) => {
                const chosen = indicatorChoices[n.name] ?? { unit: n.unit, polarity: n.polarity };
                return (
                  <TableRow key={n.name}>
                    <TableCell>{n.name}</TableCell>
                    <TableCell className="col-role">
                      <Dropdown size="small" aria-label={`Unit of ${n.name}`} value={UNIT_WORDS[chosen.unit]} selectedOptions={[chosen.unit]} disabled={busy} onOptionSelect={(_, d) => d.optionValue && onIndicatorChoice(n.name, { ...chosen, unit: d.optionValue as Unit })}>
                        {(Object.keys(UNIT_WORDS) as Unit[]).map((u) => (
                          <Option key={u} value={u}>
                            {UNIT_WORDS[u]}
                          </Option>
                        ))}
                      </Dropdown>
                    </TableCell>
                    <TableCell className="col-role">
                      <Dropdown size="small" aria-label={`Polarity of ${n.name}`} value={POLARITY_WORDS[chosen.polarity]} selectedOptions={[chosen.polarity]} disabled={busy} onOptionSelect={(_, d) => d.optionValue && onIndicatorChoice(n.name, { ...chosen, polarity: d.optionValue as Polarity })}>
                        {(Object.keys(POLARITY_WORDS) as Polarity[]).map((p) => (
                          <Option key={p} value={p}>
                            {POLARITY_WORDS[p]}
                          </Option>
                        ))}
                      </Dropdown>
                    </TableCell>
                    <TableCell title={n.measureTypeReason}>{MEASURE_TYPE_NAMES[n.measureType]}</TableCell>
                    <TableCell className="import-reason">{n.reason}</TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </>
      )}
    </section>
  );
}
