/**
 * A file name to offer in the save dialog, from the appendix title:
 * "Appendix 1 - Safer Communities Performance Dashboard 2014/15 Q4" + "pdf" gives
 * "Appendix 1 - Safer Communities Performance Dashboard 2014-15 Q4.pdf". The name must be
 * valid on Windows (most users), which is the strictest of the platforms.
 */

/** Names Windows reserves for devices, whatever the extension. */
const RESERVED = /^(?:CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])$/i;
/** Leave room for the folder in Windows' 260-character path limit. */
const MAX_STEM = 120;

export function suggestedFileName(title: string, ext: string): string {
  const extension = ext.replace(/^\.+/, '').replace(/[^A-Za-z0-9]/g, '').toLowerCase();
  let stem = title
    .replace(/[/\\]/g, '-') // 2014/15 -> 2014-15
    .replace(/\s*:\s*/g, ' - ') // "Appendix 1: Dashboard" -> "Appendix 1 - Dashboard"
    .replace(/[<>"|?*]/g, '')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (stem.length > MAX_STEM) stem = stem.slice(0, MAX_STEM).trim();
  stem = stem.replace(/[. ]+$/, ''); // Windows drops trailing dots and spaces
  if (stem === '' || RESERVED.test(stem)) stem = stem === '' ? 'Appendix' : `${stem} appendix`;
  return extension ? `${stem}.${extension}` : stem;
}
