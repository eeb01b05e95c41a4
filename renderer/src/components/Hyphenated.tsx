/**
 * A header or label whose words break only between them, or, for a word wider than its column,
 * where British English hyphenates it (soft hyphens, see hyphenate.ts). Only such a word gets
 * soft hyphens: the browser would otherwise hyphenate any word at a line's end ("County Com- /
 * parison") even where it fits whole on the next line. A number range ("(2023-24)") never breaks
 * at its hyphen. The words are measured in the element's own font, again when the column's
 * width changes.
 */
import { useLayoutEffect, useRef, useState } from 'react';
import { hyphenate } from './hyphenate';

const RANGE = /^\S*\d[-–]\d\S*$/;
const NONE: ReadonlySet<string> = new Set();
let canvas: HTMLCanvasElement | null = null;

/** The words of `text` wider than `width` pixels in `font`. */
function wordsWiderThan(text: string, font: string, width: number): Set<string> {
  canvas ??= document.createElement('canvas');
  const ctx = canvas.getContext('2d');
  const wide = new Set<string>();
  if (!ctx) return wide;
  ctx.font = font;
  for (const word of text.split(/\s+/)) if (word && ctx.measureText(word).width > width) wide.add(word);
  return wide;
}

export function Hyphenated({ text }: { text: string }) {
  const ref = useRef<HTMLSpanElement>(null);
  const [wide, setWide] = useState<ReadonlySet<string>>(NONE);
  useLayoutEffect(() => {
    const span = ref.current;
    const box = span?.parentElement;
    if (!span || !box) return;
    const measure = () => {
      const style = getComputedStyle(box);
      const width = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (width <= 0) return;
      const found = wordsWiderThan(text, getComputedStyle(span).font, width);
      setWide((old) => (old.size === found.size && [...found].every((w) => old.has(w)) ? old : found));
    };
    measure();
    const observer = typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(measure);
    observer?.observe(box);
    return () => observer?.disconnect();
  }, [text]);
  const parts = text.split(/(\s+)/);
  return (
    <span ref={ref}>
      {parts.map((p, i) =>
        RANGE.test(p) ? (
          <span key={i} className="no-break">
            {p}
          </span>
        ) : wide.has(p) ? (
          hyphenate(p)
        ) : (
          p
        ),
      )}
    </span>
  );
}
