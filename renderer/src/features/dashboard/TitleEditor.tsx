/** The appendix title, editable until the period is published (it names the exported files too). */
import { useEffect, useState } from 'react';
import { Button, Input, Label, MessageBar, MessageBarBody } from '@fluentui/react-components';
import { call } from '../../api/client';

export function TitleEditor({ period, title, locked, onSaved }: { period: string; title: string; locked: boolean; onSaved(): void }) {
  const [text, setText] = useState(title);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => setText(title), [title]);
  const save = async () => {
    setError(null);
    try {
      await call('periods.setTitle', { period, title: text.trim() === '' ? null : text });
      onSaved();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };
  return (
    <div className="field title-editor">
      <Label htmlFor="appendix-title">Title</Label>
      <div className="title-row">
        <Input
          id="appendix-title"
          value={text}
          disabled={locked}
          onChange={(_, d) => setText(d.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') void save();
          }}
          style={{ minWidth: 420 }}
        />
        {/* Off once saved, but focusable: a keyboard user who pressed it stays on it. */}
        <Button onClick={() => void save()} disabled={locked || text === title} disabledFocusable={!locked && text === title}>
          Save title
        </Button>
      </div>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}
