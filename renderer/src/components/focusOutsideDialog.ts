/**
 * The control focused last outside any dialog: where focus belongs once a dialog has gone, even
 * when a field inside it took focus as it opened, or the button pressed inside it has gone too.
 */
const DIALOGS = '[role="dialog"], [role="alertdialog"]';

export const inDialog = (el: Element) => el.closest(DIALOGS) !== null;
export const anyDialogOpen = () => document.querySelector(DIALOGS) !== null;

let lastOutsideDialog: HTMLElement | null = null;
// Guarded: tests that read the renderer's words load this module in Node, without a page.
globalThis.document?.addEventListener(
  'focusin',
  (event) => {
    if (event.target instanceof HTMLElement && !inDialog(event.target)) lastOutsideDialog = event.target;
  },
  true,
);

export function focusedLastOutsideDialog(): HTMLElement | null {
  return lastOutsideDialog;
}
