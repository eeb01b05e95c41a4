/**
 * A dialog holding one small form: title, fields, an error from Boardpack if the save was
 * refused, and the submit and Cancel buttons (Enter submits, Esc cancels).
 */
import type { ReactNode } from 'react';
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

export interface FormDialogProps {
  title: string;
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

export function FormDialog(props: FormDialogProps) {
  return (
    <Dialog open onOpenChange={(_, d) => !d.open && props.onClose()}>
      <DialogSurface aria-describedby={props.describedBy}>
        <form
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

