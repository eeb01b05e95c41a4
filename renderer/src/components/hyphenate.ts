/**
 * British English hyphenation for the screen's long header and label words. Chromium's
 * `hyphens: auto` needs a hyphenation dictionary that Linux and Windows builds do not carry
 * offline, so a word too long for its column would break between any two letters ("Comparis /
 * on"). Here a long word gets soft hyphens (U+00AD) where British English allows a break, from
 * the TeX en-GB patterns in the `hyphen` package (offline, no dictionary download): the browser
 * may break there, showing a hyphen. <Hyphenated> gives them only to a word wider than its column.
 * A soft hyphen is invisible where the word is not broken; screen readers pass over it, and
 * copies leave it out (`keepCopiesClean`).
 */
import { hyphenateSync } from 'hyphen/en-gb';

export const SOFT_HYPHEN = '\u00AD';

/** Words shorter than this are never broken ("edited" stays whole). */
const MIN_WORD = 7;
/** British typesetting's minimum letters before and after a break (TeX's en-GB: 2 and 3). */
const LEFT_MIN = 2;
const RIGHT_MIN = 3;

/** Drops the break points that would leave fewer than LEFT_MIN or RIGHT_MIN letters on a line. */
function trimBreaks(word: string): string {
  const parts = word.split(SOFT_HYPHEN);
  if (parts.length === 1) return word;
  const out: string[] = [];
  let before = 0;
  const total = parts.reduce((n, p) => n + p.length, 0);
  for (const [i, part] of parts.entries()) {
    if (i > 0) {
      const ok = before >= LEFT_MIN && total - before >= RIGHT_MIN;
      out.push(ok ? SOFT_HYPHEN : '');
    }
    out.push(part);
    before += part.length;
  }
  return out.join('');
}

const cache = new Map<string, string>();

/** `text` with soft hyphens at the places British English allows a long word to break. */
export function hyphenate(text: string): string {
  let done = cache.get(text);
  if (done === undefined) {
    const marked = hyphenateSync(withoutSoftHyphens(text), { hyphenChar: SOFT_HYPHEN, minWordLength: MIN_WORD });
    done = marked.replace(/[^\s/()\-–,.:;]+/g, trimBreaks);
    if (cache.size > 2000) cache.clear();
    cache.set(text, done);
  }
  return done;
}

export function withoutSoftHyphens(text: string): string {
  return text.replaceAll(SOFT_HYPHEN, '');
}

/**
 * Copying text off the screen gives the words as they are spelt: the soft hyphens come out of
 * the plain text and the HTML put on the clipboard (a pasted "Com\u00ADparison" would not match
 * "Comparison" in Excel). Runs after the page's own copy handlers (the values grid writes its
 * own tab-separated text) and leaves alone a copy they have already handled.
 */
export function keepCopiesClean(win: Window): () => void {
  const onCopy = (e: ClipboardEvent) => {
    if (e.defaultPrevented || !e.clipboardData) return;
    const selection = win.getSelection();
    if (!selection || selection.rangeCount === 0) return;
    const text = selection.toString();
    if (!text.includes(SOFT_HYPHEN)) return;
    const holder = win.document.createElement('div');
    for (let i = 0; i < selection.rangeCount; i++) holder.appendChild(selection.getRangeAt(i).cloneContents());
    e.clipboardData.setData('text/plain', withoutSoftHyphens(text));
    e.clipboardData.setData('text/html', withoutSoftHyphens(holder.innerHTML).replaceAll('&shy;', ''));
    e.preventDefault();
  };
  win.addEventListener('copy', onCopy);
  return () => win.removeEventListener('copy', onCopy);
}
