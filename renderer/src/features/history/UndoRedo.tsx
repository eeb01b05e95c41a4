/**
 * Undo and redo for the whole app: the buttons in the app bar, Ctrl+Z / Ctrl+Y (and
 * Ctrl+Shift+Z) anywhere outside a text box (where the browser's own text undo applies), and,
 * after every change, one short line in the app bar saying what happened, with Undo (or Redo)
 * on it. The line sits in the bar, never over the page's figures; a newer one replaces it, and
 * it goes after a few seconds.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button, Link, Tooltip } from '@fluentui/react-components';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';
import { NOTICE_CHARACTERS, shortLabel } from './notice';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type);
}

interface Notice {
  id: number;
  text: string;
  full: string;
  intent: 'success' | 'error' | 'info';
  action?: { label: string; run(): void };
}

export function UndoRedo() {
  const history = useApi('history.get', {});
  // The newest action seen so far: a notice is shown only for actions newer than it.
  const newestSeen = useRef<number | null>(null);
  const [notice, setNotice] = useState<Notice | null>(null);
  const counter = useRef(0);

  const say = useCallback((title: string, body: string | null, intent: 'success' | 'error' | 'info', action?: { label: string; run(): void }) => {
    const full = body ? `${title}: ${body}` : title;
    setNotice({ id: ++counter.current, text: body ? full : shortLabel(title), full, intent, action });
  }, []);

  // One notice at a time, gone after a few seconds (an error stays longer).
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice((n) => (n?.id === notice.id ? null : n)), notice.intent === 'error' ? 10_000 : 6_000);
    return () => clearTimeout(timer);
  }, [notice]);

  const undo = useCallback(async () => {
    try {
      const state = await call('history.undo', {});
      const done = state.redo;
      if (done) say(`Undone: ${shortLabel(done.label, NOTICE_CHARACTERS - 8)}`, null, 'info', done.canRedo ? { label: 'Redo', run: () => void redo() } : undefined);
    } catch (e) {
      say('Could not undo', e instanceof Error ? e.message : String(e), 'error');
    }
    // `redo` is declared below; it is only called later, from a toast.
  }, [say]);

  const redo = useCallback(async () => {
    try {
      const state = await call('history.redo', {});
      if (state.undo) say(`Redone: ${shortLabel(state.undo.label, NOTICE_CHARACTERS - 8)}`, null, 'info', { label: 'Undo', run: () => void undo() });
    } catch (e) {
      say('Could not redo', e instanceof Error ? e.message : String(e), 'error');
    }
  }, [say, undo]);

  // A toast for each new action, wherever it was made.
  useEffect(() => {
    const top = history.data?.undo ?? null;
    if (!history.data) return;
    const newest = Math.max(newestSeen.current ?? 0, ...history.data.done.map((e) => e.id), ...history.data.undone.map((e) => e.id));
    if (newestSeen.current !== null && top && top.id > newestSeen.current) say(top.label, null, 'success', { label: 'Undo', run: () => void undo() });
    newestSeen.current = newest;
  }, [history.data, say, undo]);

  // Ctrl+S, as in Office: Boardpack saves each change as it is made, a moment later; this saves
  // it now and says so. In the browser it also keeps the browser's own "Save page" away.
  const save = useCallback(async () => {
    const typing = isTextField(document.activeElement);
    try {
      const info = await call('workspace.save', {});
      const where = info.file ? `every change is in "${info.file.split(/[\\/]/).pop()}"` : 'every change is saved';
      // In a field, its text is not a change yet (Enter or its Save button makes it one): said in few words, the bar is narrow.
      if (typing) say('Saved all but the field you are typing in', null, 'success');
      else say('Saved', where, 'success');
    } catch (e) {
      say('Could not save', e instanceof Error ? e.message : String(e), 'error');
    }
  }, [say]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 's') {
        e.preventDefault();
        void save();
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextField(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void redo();
      }
    };
    // Edit > Undo and Edit > Redo in the native menu arrive as commands.
    const onCommand = (e: Event) => {
      const name = (e as CustomEvent<unknown>).detail;
      if (name === 'save') return void save();
      if (name !== 'undo' && name !== 'redo') return;
      if (isTextField(document.activeElement)) document.execCommand(name);
      else void (name === 'undo' ? undo() : redo());
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('boardpack:command', onCommand);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('boardpack:command', onCommand);
    };
  }, [undo, redo, save]);

  const next = history.data?.undo ?? null;
  const again = history.data?.redo ?? null;
  return (
    <div className="undo-redo" role="group" aria-label="Undo and redo">
      <div className={`undo-notice${notice ? ` undo-notice-${notice.intent}` : ''}`} role="status" aria-live="polite">
        {notice && (
          <>
            <span className="undo-notice-text" title={notice.full !== notice.text ? notice.full : undefined}>
              {notice.text}
            </span>
            {notice.action && (
              <Link
                className="undo-notice-action"
                onClick={() => {
                  setNotice(null);
                  notice.action!.run();
                }}
              >
                {notice.action.label}
              </Link>
            )}
          </>
        )}
      </div>
      {/* Focusable while off, as in Office: undoing the last change by keyboard leaves focus on Undo, not on the page. */}
      <Tooltip content={next ? `Undo: ${next.label} (Ctrl+Z)` : 'Nothing to undo'} relationship="description">
        <Button appearance="subtle" size="small" disabledFocusable={!next} onClick={() => void undo()}>
          Undo
        </Button>
      </Tooltip>
      <Tooltip content={again ? `Redo: ${again.label} (Ctrl+Y)` : 'Nothing to redo'} relationship="description">
        <Button appearance="subtle" size="small" disabledFocusable={!again || !again.canRedo} onClick={() => void redo()}>
          Redo
        </Button>
      </Tooltip>
    </div>
  );
}
