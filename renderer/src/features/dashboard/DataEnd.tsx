/**
 * When the period on screen runs past the data (a quarter started before its figures came in):
 * says where the data end and what is needed, so "NA" and blank judgements are explained.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import type { Sparkline } from '../../../../shared/api/types';
import { addMonths, compareMonths } from '../../../../shared/domain/periods';
import type { Month } from '../../../../shared/domain/types';
import { dataEnd, monthInWords } from './words';

export function DataEnd(props: { period: string; lastMonth: Month; sparklines: readonly Sparkline[] }) {
  const end = dataEnd(props.sparklines);
  if (end === null || compareMonths(end, props.lastMonth) >= 0) return null;
  const from = addMonths(end, 1);
  const months = from === props.lastMonth ? monthInWords(from) : `${monthInWords(from)} to ${monthInWords(props.lastMonth)}`;
  return (
    <MessageBar intent="warning" layout="multiline" className="data-end" role="status">
      <MessageBarBody>
        <MessageBarTitle>
          The data end in {monthInWords(end)}; {props.period} runs to {monthInWords(props.lastMonth)}.
        </MessageBarTitle>
        Cells shown as NA, and judgements left blank, need the figures for {months}: import the partners' files (police.uk street-level crime for those months) on the
        Import tab, and they fill in here.
      </MessageBarBody>
    </MessageBar>
  );
}
