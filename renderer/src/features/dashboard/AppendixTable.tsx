/**
 * The appendix as printed: outcome cells spanning their indicators, RAG letters on colour
 * (the letter always shown), arrows. It renders the same model as the exports, cell for cell.
 * Text from the workspace is rendered as text, never as HTML.
 */
import { useState, type ReactNode } from 'react';
import { Badge, Tooltip } from '@fluentui/react-components';
import type { AppendixIndicatorRow, AppendixModel, AppendixOutcomeBlock, AppendixSuggestion } from '../../../../shared/domain/appendix';
import { appendixHeaders } from '../../../../shared/domain/appendix';
import type { Sparkline as SparklineData } from '../../../../shared/api/types';
import { DIRECTION_ORDER, DIRECTION_WORDS, NO_JUDGEMENT, RAG_KEY_LINE, RAG_WORDS, arrowAndWords } from '../../../../shared/domain/vocabulary';
import { Sparkline } from './Sparkline';
import { MdcIcon } from '../charts/MdcIcons';
import { assuranceIcon, variationIcon, type MdcIcon as MdcIconData } from '../../../../shared/domain/mdcIcons';
import { Hyphenated } from '../../components/Hyphenated';

/** The Making Data Count icons the trend column shows, once each, for the key. */
function iconsShown(sparklines: ReadonlyMap<number, SparklineData> | undefined): MdcIconData[] {
  const byLabel = new Map<string, MdcIconData>();
  for (const line of sparklines?.values() ?? []) {
    if (!line.spc || line.points.length < 2) continue;
    for (const icon of [variationIcon(line.spc.variation, line.spc.side), assuranceIcon(line.spc.assurance)]) if (icon) byLabel.set(icon.label, icon);
  }
  return [...byLabel.values()];
}

/** The ten published columns, with the sparkline column after the indicator's name. */
const WIDTHS = ['11%', '6%', '15%', '14%', '7%', '7%', '9%', '6.5%', '6.5%', '8%', '10%'];
const SPARK_COLUMN = 4;

/** "edited" beside a judgement the analyst changed (its words are in the cell's accessible name). */
function OverrideMark({ s }: { s: AppendixSuggestion<unknown> }) {
  if (!s.overridden) return null;
  return (
    <span className="override-mark" aria-hidden="true">
      edited
    </span>
  );
}

/** Where the analyst can change a judgement (an open period); absent when published. */
export interface AppendixEditing {
  indicator(row: AppendixIndicatorRow, judgement: 'direction' | 'progress' | 'county'): void;
  outcome(block: AppendixOutcomeBlock): void;
}

/**
 * A judgement cell: its content, with the calculation behind it in a Fluent tooltip that opens
 * on hover and on keyboard focus and is announced as the control's description. In an open
 * period the content is a button that opens the editor (which shows the calculation too); in a
 * published one it is a button that shows or hides the calculation with Enter or Space.
 */
function JudgementCell(props: { edit: (() => void) | undefined; label: string; why: string; focusKey: string; children: ReactNode }) {
  const [pinned, setPinned] = useState(false);
  const [hovered, setHovered] = useState(false);
  const describedBy = `why-${props.focusKey}`;
  const content = (
    <>
      <span className="tooltip-text">{props.why}</span>
    </>
  );
  const button = props.edit ? (
    <button type="button" className="cell-edit" onClick={props.edit} aria-label={props.label} aria-describedby={describedBy} data-focus-key={props.focusKey}>
      {props.children}
    </button>
  ) : (
    <button
      type="button"
      className="cell-edit cell-why"
      aria-label={props.label}
      aria-describedby={describedBy}
      aria-expanded={pinned || hovered}
      data-focus-key={props.focusKey}
      // Shown (pinned, or opened by hover or focus): Enter hides it, whichever opened it.
      onClick={() => {
        if (pinned || hovered) {
          setPinned(false);
          setHovered(false);
        } else setPinned(true);
      }}
      onBlur={() => setPinned(false)}
    >
      {props.children}
    </button>
  );
  return (
    <>
      <Tooltip
        content={content}
        relationship="inaccessible"
        withArrow
        positioning="below"
        visible={pinned || hovered}
        onVisibleChange={(_, d) => {
          setHovered(d.visible);
          if (!d.visible) setPinned(false);
        }}
      >
        {button}
      </Tooltip>
      <span id={describedBy} className="sr-only">
        {props.why}
      </span>
    </>
  );
}

/** An outcome cell's content as a button that opens its editor, when editing is on. */
function Editable(props: { edit: (() => void) | undefined; label: string; focusKey: string; children: ReactNode }) {
  if (!props.edit) return <>{props.children}</>;
  return (
    <button type="button" className="cell-edit" onClick={props.edit} aria-label={props.label} data-focus-key={props.focusKey}>
      {props.children}
    </button>
  );
}

function IndicatorCells({ row, spark, edit }: { row: AppendixIndicatorRow; spark: SparklineData | undefined; edit?: AppendixEditing }) {
  const rag = row.progress.shown;
  const on = (judgement: 'direction' | 'progress' | 'county') => (edit ? () => edit.indicator(row, judgement) : undefined);
  const change = edit ? '. Change' : '';
  return (
    <>
      <td><Hyphenated text={row.name} /></td>
      <td className="spark">{spark && <Sparkline name={row.name} line={spark} decimals={spark.decimals} />}</td>
      <td className="num">
        <Hyphenated text={row.previous.text} />
      </td>
      <td className="num">
        <Hyphenated text={row.latest.text} />
      </td>
      <td className="arrow">
        <JudgementCell
          edit={on('direction')}
          why={row.direction.reason}
          focusKey={`${row.indicatorId}-direction`}
          label={`Direction of travel for ${row.name}: ${row.direction.shown ? DIRECTION_WORDS[row.direction.shown] : NO_JUDGEMENT}${row.direction.overridden ? ' (edited)' : ''}${change}`}
        >
          <span aria-hidden="true">{row.arrow}</span>
          <OverrideMark s={row.direction} />
        </JudgementCell>
      </td>
      <td className={`rag ${rag ? `rag-${rag}` : ''}`}>
        <JudgementCell
          edit={on('progress')}
          why={row.progress.reason}
          focusKey={`${row.indicatorId}-progress`}
          label={`Progress for ${row.name}: ${rag ? RAG_WORDS[rag] : 'none'}${row.progress.overridden ? ' (edited)' : ''}${change}`}
        >
          {rag ?? ''}
          <OverrideMark s={row.progress} />
        </JudgementCell>
      </td>
      <td className="center">
        <JudgementCell
          edit={on('county')}
          why={row.countyComparison.reason}
          focusKey={`${row.indicatorId}-county`}
          label={`County comparison for ${row.name}: ${row.countyComparison.shown ?? 'none'}${row.countyComparison.overridden ? ' (edited)' : ''}${change}`}
        >
          {row.countyComparison.shown ?? '-'}
          <OverrideMark s={row.countyComparison} />
        </JudgementCell>
      </td>
      <td><Hyphenated text={row.districtComparison} /></td>
    </>
  );
}

export function AppendixTable({ model, sparklines, edit }: { model: AppendixModel; sparklines?: ReadonlyMap<number, SparklineData>; edit?: AppendixEditing }) {
  const headers = appendixHeaders(model);
  if (model.outcomes.length === 0) {
    return (
      <div className="paper empty" role="status">
        <h3>No figures for {model.periodName} yet</h3>
        <p>No indicator has a value for the previous year or the latest 12 months of this period. Import the quarter's figures to fill it.</p>
      </div>
    );
  }
  return (
    <div className="paper">
      <div className="appendix-head">
        <div className="appendix-title" role="heading" aria-level={2}>
          {model.title}
        </div>
        {model.locked && (
          <Badge appearance="filled" color="brand" size="large" className="published-badge">
            Published: figures and judgements are locked
          </Badge>
        )}
      </div>
      <table className="appendix" aria-label={model.title}>
        <colgroup>
          {WIDTHS.map((w, i) => (
            <col key={i} style={{ width: w }} />
          ))}
        </colgroup>
        <thead>
          <tr>
            {headers.map((h, i) => [
              i === SPARK_COLUMN && (
                <th key="spark" scope="col" className="spark">
                  Trend
                </th>
              ),
              <th key={h} scope="col" className={i === 1 || i >= 6 ? 'center' : undefined}>
                <Hyphenated text={h} />
              </th>,
            ])}
          </tr>
        </thead>
        <tbody>
          {model.outcomes.map((block) =>
            block.indicators.map((row, i) => (
              <tr key={row.indicatorId}>
                {i === 0 && (
                  <>
                    <td className="outcome" rowSpan={block.indicators.length}>
                      <Hyphenated text={block.title} />
                    </td>
                    <td className={`rag ${block.rag ? `rag-${block.rag}` : ''}`} rowSpan={block.indicators.length}>
                      <Editable edit={edit ? () => edit.outcome(block) : undefined} focusKey={`outcome-${block.outcomeId}-rag`} label={`RAG for the outcome ${block.title}: ${block.rag ? RAG_WORDS[block.rag] : 'none'}. Change`}>
                        {block.rag ?? ''}
                        {block.rag && <span className="sr-only"> ({RAG_WORDS[block.rag]})</span>}
                      </Editable>
                    </td>
                    <td className="comment" rowSpan={block.indicators.length}>
                      <Editable edit={edit ? () => edit.outcome(block) : undefined} focusKey={`outcome-${block.outcomeId}-comment`} label={`Comment for the outcome ${block.title}. Edit`}>
                        {block.comment || (edit ? <span className="placeholder">Add a comment</span> : '')}
                      </Editable>
                    </td>
                  </>
                )}
                <IndicatorCells row={row} spark={sparklines?.get(row.indicatorId)} edit={edit} />
              </tr>
            )),
          )}
        </tbody>
      </table>
      {iconsShown(sparklines).length > 0 && (
        <div className="key icon-key" role="group" aria-label="Key to the icons under the trend lines">
          <span>Under the trend lines (Making Data Count, the county's monthly series):</span>
          {iconsShown(sparklines).map((icon) => (
            <span key={icon.label} className="icon-key-item">
              <MdcIcon icon={icon} size={16} />
              {icon.label}
            </span>
          ))}
        </div>
      )}
      <div className="key" aria-label="Key">
        {DIRECTION_ORDER.map((d) => (
          <span key={d}>{arrowAndWords(d)}</span>
        ))}
        <span>{RAG_KEY_LINE}</span>
        <span>
          <span className="override-mark">edited</span> the analyst's judgement differs from the suggestion (hover or focus the cell for the reason)
        </span>
      </div>
      <div className="notes">
        {model.footnotes.map((f) => (
          <p key={f}>{f}</p>
        ))}
        <p>{model.method}</p>
        {model.sources.map((s) => (
          <p key={s}>{s}</p>
        ))}
      </div>
    </div>
  );
}
