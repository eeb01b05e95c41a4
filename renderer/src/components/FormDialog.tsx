/**
 * A dialog holding one small form: title, fields, an error from Boardpack if the save was
 * refused, and the submit and Cancel buttons (Enter submits, Ctrl+Enter submits from a
 * multi-line box too, Esc cancels). When it closes, focus goes back to the control that
 * opened it, so a keyboard user carries on where they were.
 */
import { useLayoutEffect, type ReactNode } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  MessageBar,
  MessageBarBody,
} from '@fluentui/react-components';
import { anyDialogOpen, focusedLastOutsideDialog, inDialog } from './focusOutsideDialog';

export interface FormDialogProps {
  title: string;
  /**
   * 'non-modal' for a dialog whose success replaces the page under it (New workspace): a modal
   * unmounted in the same update as the page left aria-hidden on the app's root, so screen
   * readers (and role queries) saw nothing until the next dialog.
   */
  modalType?: 'modal' | 'non-modal';
  /** The id of the text that explains the dialog, read out when it opens. */
  describedBy?: string;
  submit: string;
  busy: boolean;
  error: string | null;
  canSubmit: boolean;
  onSubmit(): void;
  onClose(): void;
  children: ReactNode;
}

/**
 * The element that had focus when a dialog opened (`open` turned true): focus returns to it on
 * close, or to the element now carrying the same `data-focus-key` if it was drawn again.
 */
export function useReturnFocus(open = true): void {
  useLayoutEffect(() => {
    if (!open) return;
    const focused = document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null;
    // A field with autoFocus takes focus as the dialog is drawn, before this runs: the opener is
    // then the control focused last outside any dialog.
    const opener = focused && inDialog(focused) ? focusedLastOutsideDialog() : focused;
    const key = opener?.dataset.focusKey;
    return () => {
      // After the dialog's own focus handling has finished.
      setTimeout(() => {
        // A modal closed in the same update that replaced the page under it can leave the app's
        // root hidden from screen readers (Fluent's modal hides everything else while it is open
        // and does not always come back for a root whose content changed). With no dialog open,
        // nothing should be hidden.
        const root = document.getElementById('root');
        if (root?.getAttribute('aria-hidden') === 'true' && !anyDialogOpen()) root.removeAttribute('aria-hidden');
        const target = opener?.isConnected ? opener : key ? document.querySelector<HTMLElement>(`[data-focus-key="${CSS.escape(key)}"]`) : null;
        target?.focus();
      }, 0);
    };
  }, [open]);
}

export function FormDialog(props: FormDialogProps) {
  useReturnFocus();
  return (
    <Dialog open modalType={props.modalType ?? 'modal'} onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface aria-describedby={props.describedBy}>
        <form
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey) {
              e.preventDefault();
              if (!props.busy && props.canSubmit) props.onSubmit();
            }
          }}
          onSubmit={(e) => {
            e.preventDefault();
            props.onSubmit();
          }}
        >
          <DialogBody>
            <DialogTitle>{props.title}</DialogTitle>
            <DialogContent className="dialog-stack">
              {props.children}
              {props.error && (
                <MessageBar intent="error">
                  <MessageBarBody>{props.error}</MessageBarBody>
                </MessageBar>
              )}
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={props.busy || !props.canSubmit}>
                {props.submit}
              </Button>
              <Button onClick={props.onClose}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}

