/** Every judgement where the analyst chose differently from Boardpack's suggestion, with the reason. */
import type { AppendixModel, AppendixSuggestion } from '../../../../shared/domain/appendix';
import { DIRECTION_ORDER, JUDGEMENT_TITLES, RAG_WORDS, arrowAndWords, type Judgement } from '../../../../shared/domain/vocabulary';

/** "↑ improving", "Red", "Top": a suggested or shown judgement as the appendix key words it. */
const WORDS: Record<string, string> = { ...Object.fromEntries(DIRECTION_ORDER.map((d) => [d, arrowAndWords(d)])), ...RAG_WORDS };
const word = (v: string | null) => (v === null ? 'none' : (WORDS[v] ?? v));

export function OverridesList({ model }: { model: AppendixModel }) {
  const overrides = model.outcomes.flatMap((o) =>
    o.indicators.flatMap((row) =>
      (
        [
          ['direction', row.direction],
          ['progress', row.progress],
          ['county', row.countyComparison],
        ] as Array<[Judgement, AppendixSuggestion<string>]>
      )
        .filter(([, s]) => s.overridden)
        .map(([judgement, s]) => ({ key: `${row.indicatorId}-${judgement}`, name: row.name, judgement, s })),
    ),
  );
  if (overrides.length === 0) return null;
  return (
    <section className="paper overrides" aria-labelledby="overrides-heading">
      <h3 id="overrides-heading">Judgements changed by the analyst ({overrides.length})</h3>
      <table className="plain">
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col">Judgement</th>
            <th scope="col">Suggested</th>
            <th scope="col">Shown</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {overrides.map((o) => (
            <tr key={o.key}>
              <td>{o.name}</td>
              <td>{JUDGEMENT_TITLES[o.judgement]}</td>
              <td>{word(o.s.suggested)}</td>
              <td>{word(o.s.shown)}</td>
              <td>{/^Override: (.*) \(suggested: /.exec(o.s.reason)?.[1] ?? o.s.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
