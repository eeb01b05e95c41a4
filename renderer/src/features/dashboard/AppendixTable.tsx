/**
 * The appendix as printed: outcome cells spanning their indicators, RAG letters on colour
 * (the letter always shown), arrows. It renders the same model as the exports, cell for cell.
 * Text from the workspace is rendered as text, never as HTML.
 */
import type { ReactNode } from 'react';
import type { AppendixIndicatorRow, AppendixModel, AppendixOutcomeBlock, AppendixSuggestion } from '../../../../shared/domain/appendix';
import { appendixHeaders } from '../../../../shared/domain/appendix';
import type { Sparkline as SparklineData } from '../../../../shared/api/types';
import { DIRECTION_ORDER, DIRECTION_WORDS, NO_JUDGEMENT, RAG_KEY_LINE, RAG_WORDS, arrowAndWords } from '../../../../shared/domain/vocabulary';
import { Sparkline } from './Sparkline';

/** The ten published columns, with the sparkline column after the indicator's name. */
const WIDTHS = ['12%', '5%', '16.5%', '15%', '7.5%', '7.5%', '9.5%', '6%', '6%', '6.5%', '8.5%'];
const SPARK_COLUMN = 4;

function OverrideMark({ s }: { s: AppendixSuggestion<unknown> }) {
  if (!s.overridden) return null;
  return (
    <span className="override-mark" aria-label="overridden by the analyst">
      edited
    </span>
  );
}

/** Where the analyst can change a judgement (an open period); absent when published. */
export interface AppendixEditing {
  indicator(row: AppendixIndicatorRow, judgement: 'direction' | 'progress' | 'county'): void;
  outcome(block: AppendixOutcomeBlock): void;
}

/** A cell's content as a button that opens its editor, when editing is on. */
function Editable(props: { edit: (() => void) | undefined; label: string; children: ReactNode }) {
  if (!props.edit) return <>{props.children}</>;
  return (
    <button type="button" className="cell-edit" onClick={props.edit} aria-label={props.label}>
      {props.children}
    </button>
  );
}

function IndicatorCells({ row, spark, edit }: { row: AppendixIndicatorRow; spark: SparklineData | undefined; edit?: AppendixEditing }) {
  const rag = row.progress.shown;
  const on = (judgement: 'direction' | 'progress' | 'county') => (edit ? () => edit.indicator(row, judgement) : undefined);
  return (
    <>
      <td>{row.name}</td>
      <td className="spark">{spark && <Sparkline name={row.name} line={spark} decimals={spark.decimals} />}</td>
      <td className="num">{row.previous.text}</td>
      <td className="num">{row.latest.text}</td>
      <td className="arrow" title={row.direction.reason}>
        <Editable edit={on('direction')} label={`Direction of travel for ${row.name}: ${row.direction.shown ? DIRECTION_WORDS[row.direction.shown] : NO_JUDGEMENT}. Change`}>
          <span aria-hidden="true">{row.arrow}</span>
          <span className="sr-only">{row.direction.shown ? DIRECTION_WORDS[row.direction.shown] : NO_JUDGEMENT}</span>
          <OverrideMark s={row.direction} />
        </Editable>
      </td>
      <td className={`rag ${rag ? `rag-${rag}` : ''}`} title={row.progress.reason}>
        <Editable edit={on('progress')} label={`Progress for ${row.name}: ${rag ? RAG_WORDS[rag] : 'none'}. Change`}>
          {rag ?? ''}
          {rag && <span className="sr-only"> ({RAG_WORDS[rag]})</span>}
          <OverrideMark s={row.progress} />
        </Editable>
      </td>
      <td className="center" title={row.countyComparison.reason}>
        <Editable edit={on('county')} label={`County comparison for ${row.name}: ${row.countyComparison.shown ?? 'none'}. Change`}>
          {row.countyComparison.shown ?? '-'}
          <OverrideMark s={row.countyComparison} />
        </Editable>
      </td>
      <td>{row.districtComparison}</td>
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
      <div className="appendix-title" role="heading" aria-level={2}>
        {model.title}
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
                {h}
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
                      {block.title}
                    </td>
                    <td className={`rag ${block.rag ? `rag-${block.rag}` : ''}`} rowSpan={block.indicators.length}>
                      <Editable edit={edit ? () => edit.outcome(block) : undefined} label={`RAG for the outcome ${block.title}: ${block.rag ? RAG_WORDS[block.rag] : 'none'}. Change`}>
                        {block.rag ?? ''}
                        {block.rag && <span className="sr-only"> ({RAG_WORDS[block.rag]})</span>}
                      </Editable>
                    </td>
                    <td className="comment" rowSpan={block.indicators.length}>
                      <Editable edit={edit ? () => edit.outcome(block) : undefined} label={`Comment for the outcome ${block.title}. Edit`}>
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
      <div className="key" aria-label="Key">
        {DIRECTION_ORDER.map((d) => (
          <span key={d}>{arrowAndWords(d)}</span>
        ))}
        <span>{RAG_KEY_LINE}</span>
        <span>
          <span className="override-mark">edited</span> the analyst's judgement differs from the suggestion (hover for the reason)
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
