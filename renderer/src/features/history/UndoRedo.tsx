/**
 * Undo and redo for the whole app: the buttons in the app bar, Ctrl+Z / Ctrl+Y (and
 * Ctrl+Shift+Z) anywhere outside a text box (where the browser's own text undo applies), and a
 * toast after every change saying what happened, with Undo on it.
 */
import { useCallback, useEffect, useRef } from 'react';
import {
  Button,
  Link,
  Toast,
  ToastBody,
  Toaster,
  ToastTitle,
  ToastTrigger,
  Tooltip,
  useId,
  useToastController,
} from '@fluentui/react-components';
import { call } from '../../api/client';
import { useApi } from '../../api/useApi';

function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'file'].includes(target.type);
}

export function UndoRedo() {
  const history = useApi('history.get', {});
  const toasterId = useId('toaster');
  const { dispatchToast } = useToastController(toasterId);
  // The newest action seen so far: a toast is shown only for actions newer than it.
  const newestSeen = useRef<number | null>(null);

  const say = useCallback(
    (title: string, body: string | null, intent: 'success' | 'error' | 'info', action?: { label: string; run(): void }) => {
      dispatchToast(
        <Toast>
          <ToastTitle
            action={
              action ? (
                <ToastTrigger>
                  <Link onClick={action.run}>{action.label}</Link>
                </ToastTrigger>
              ) : undefined
            }
          >
            {title}
          </ToastTitle>
          {body && <ToastBody>{body}</ToastBody>}
        </Toast>,
        { intent, timeout: intent === 'error' ? 8000 : 5000 },
      );
    },
    [dispatchToast],
  );

  const undo = useCallback(async () => {
    try {
      const state = await call('history.undo', {});
      const done = state.redo;
      if (done) say(`Undone: ${done.label}`, null, 'info', done.canRedo ? { label: 'Redo', run: () => void redo() } : undefined);
    } catch (e) {
      say('Could not undo', e instanceof Error ? e.message : String(e), 'error');
    }
    // `redo` is declared below; it is only called later, from a toast.
  }, [say]);

  const redo = useCallback(async () => {
    try {
      const state = await call('history.redo', {});
      if (state.undo) say(`Redone: ${state.undo.label}`, null, 'info', { label: 'Undo', run: () => void undo() });
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

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
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
  }, [undo, redo]);

  const next = history.data?.undo ?? null;
  const again = history.data?.redo ?? null;
  return (
    <div className="undo-redo" role="group" aria-label="Undo and redo">
      <Tooltip content={next ? `Undo: ${next.label} (Ctrl+Z)` : 'Nothing to undo'} relationship="description">
        <Button appearance="subtle" size="small" disabled={!next} onClick={() => void undo()}>
          Undo
        </Button>
      </Tooltip>
      <Tooltip content={again ? `Redo: ${again.label} (Ctrl+Y)` : 'Nothing to redo'} relationship="description">
        <Button appearance="subtle" size="small" disabled={!again || !again.canRedo} onClick={() => void redo()}>
          Redo
        </Button>
      </Tooltip>
      <Toaster toasterId={toasterId} position="bottom-end" />
    </div>
  );
}
