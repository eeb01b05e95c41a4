/**
 * Making Data Count style variation and assurance icons, drawn as inline SVG from the shapes in
 * shared/domain/mdcIcons.ts (the agenda pack draws the same shapes). Each icon is an image
 * with its words as accessible name and tooltip: "Special cause variation: improvement (high)".
 */
import type { Plugin } from 'chart.js';
import { mdcIconShapes, type MdcIcon as MdcIconData } from '../../../../shared/domain/mdcIcons';

export function MdcIcon({ icon, size = 40, detail = size >= 32 ? 'full' : 'compact' }: { icon: MdcIconData; size?: number; detail?: 'full' | 'compact' }) {
  return (
    <svg
      className={`mdc-icon mdc-${icon.kind}`}
      data-letter={icon.letter ?? ''}
      width={size}
      height={size}
      viewBox="0 0 100 100"
      role="img"
      aria-label={icon.label}
    >
      <title>{icon.label}</title>
      {mdcIconShapes(icon, detail).map((s, i) =>
        s.type === 'circle' ? (
          <circle key={i} cx={s.cx} cy={s.cy} r={s.r} fill={s.fill} stroke={s.stroke ?? undefined} strokeWidth={s.stroke ? s.strokeWidth : undefined} strokeDasharray={s.dash ?? undefined} />
        ) : (
          <path key={i} d={s.d} fill={s.fill} stroke={s.stroke ?? undefined} strokeWidth={s.stroke ? s.strokeWidth : undefined} strokeLinecap="round" strokeLinejoin="round" />
        ),
      )}
    </svg>
  );
}

/**
 * A chart.js plugin for printed charts (saved, copied, in the agenda pack): draws the icons in
 * the top right corner of the canvas, beside the title, as Making Data Count charts show them.
 */
export function mdcIconsPlugin(icons: readonly MdcIconData[], size = 38): Plugin<'line'> {
  return {
    id: 'boardpackMdcIcons',
    afterDraw(chart) {
      const { ctx } = chart;
      const gap = 6;
      icons.forEach((icon, i) => {
        const x = chart.width - 8 - (icons.length - i) * size - (icons.length - 1 - i) * gap;
        drawMdcIcon(ctx, icon, x, 4, size);
      });
    },
  };
}

/** Draws an icon's shapes on a canvas at (x, y), `size` pixels square. */
export function drawMdcIcon(ctx: CanvasRenderingContext2D, icon: MdcIconData, x: number, y: number, size: number): void {
  ctx.save();
  ctx.translate(x, y);
  ctx.scale(size / 100, size / 100);
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  for (const s of mdcIconShapes(icon, size >= 32 ? 'full' : 'compact')) {
    const path = new Path2D();
    if (s.type === 'circle') path.arc(s.cx, s.cy, s.r, 0, Math.PI * 2);
    else path.addPath(new Path2D(s.d));
    if (s.fill !== 'none') {
      ctx.fillStyle = s.fill;
      ctx.fill(path);
    }
    if (s.stroke) {
      ctx.strokeStyle = s.stroke;
      ctx.lineWidth = s.strokeWidth;
      ctx.setLineDash(s.type === 'circle' && s.dash ? s.dash.split(' ').map(Number) : []);
      ctx.stroke(path);
    }
  }
  ctx.restore();
}
