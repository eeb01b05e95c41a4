/**
 * The exceptions panel: the indicators the covering report should mention for this period,
 * each with a drafted sentence, and "Nothing exceptional to report." for the rest. "Copy text"
 * puts the whole panel on the clipboard as plain text, ready to paste into the report.
 */
import { useState } from 'react';
import { Button, MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { ExceptionReason } from '../../../../shared/api/types';
import { DIRECTION_WORDS, RAG_WORDS, sentenceCase } from '../../../../shared/domain/vocabulary';
import { useApi } from '../../api/useApi';
import './exceptions.css';

const REASON_WORDS: Record<ExceptionReason, string> = {
  worsening: sentenceCase(DIRECTION_WORDS.worsening),
  red: RAG_WORDS.R,
  beyond_tolerance: 'Beyond tolerance',
  special_cause: 'Special cause',
};

async function copyText(text: string): Promise<void> {
  if (navigator.clipboard?.writeText) {
    await navigator.clipboard.writeText(text);
    return;
  }
  // Older shells without the async clipboard: copy from a hidden text area.
  const area = document.createElement('textarea');
  area.value = text;
  area.setAttribute('readonly', '');
  area.style.position = 'fixed';
  area.style.opacity = '0';
  document.body.appendChild(area);
  area.select();
  const ok = document.execCommand('copy');
  area.remove();
  if (!ok) throw new Error('The text could not be copied; select it and press Ctrl+C instead.');
}

export function ExceptionsPanel({ period }: { period: string }) {
  const report = useApi('dashboard.exceptions', { period });
  const [copied, setCopied] = useState<string | null>(null);
  const data = report.data;
  const items = data ? data.outcomes.reduce((n, o) => n + o.items.length, 0) : 0;

  const copy = async () => {
    if (!data) return;
    try {
      await copyText(data.text);
      setCopied(items > 0 ? `Copied ${items} ${items === 1 ? 'sentence' : 'sentences'} for the covering report.` : 'Copied "Nothing exceptional to report."');
    } catch (e) {
      setCopied(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section className="paper exceptions-panel" aria-labelledby="exceptions-heading">
      <div className="exceptions-head">
        <h3 id="exceptions-heading">Exceptions for {period}</h3>
        {data && (
          <span className="exceptions-count">
            {items} of {data.checked} indicators to mention
          </span>
        )}
        <Button onClick={() => void copy()} disabled={!data}>
          Copy text
        </Button>
        <span className="exceptions-copied" role="status" aria-live="polite">
          {copied}
        </span>
      </div>
      <p className="exceptions-hint">
        Indicators that worsened, are Red, moved by more than their tolerance, or show special cause variation in the quarter
        {data?.area ? ` (${data.area}'s monthly figures)` : ''}, with a sentence drafted for the covering report. Edit it there as you see fit.
      </p>
      {report.error && (
        <MessageBar intent="error">
          <MessageBarBody>{report.error}</MessageBarBody>
        </MessageBar>
      )}
      {report.loading && !data && <Spinner size="tiny" label="Finding exceptions..." />}
      {data && items === 0 && <p className="nothing-exceptional">Nothing exceptional to report.</p>}
      {data &&
        items > 0 &&
        data.outcomes.map((outcome) => (
          <div key={outcome.outcomeId} className="exceptions-outcome">
            <h4>{outcome.title}</h4>
            {outcome.items.length === 0 ? (
              <p className="nothing-exceptional">Nothing exceptional to report.</p>
            ) : (
              <ul>
                {outcome.items.map((item) => (
                  <li key={item.indicatorId}>
                    <span className="exception-tags">
                      {item.reasons.map((r) => (
                        <span key={r} className={`exception-tag tag-${r}`}>
                          {REASON_WORDS[r]}
                        </span>
                      ))}
                    </span>
                    <span className="exception-sentence">{item.sentence}</span>
                  </li>
                ))}
              </ul>
            )}
          </div>
        ))}
    </section>
  );
}
