/** Area names as analysts and published files write them, made comparable. Pure: no I/O. */

/**
 * A comparable form of an area name: forgives case, spacing, punctuation, "&" for "and",
 * a " UA" suffix and "City of"/"County of" either side ("Bristol, City of" = "City of Bristol"
 * = "Bristol"). Note "City of London" becomes "london"; no district is called just London.
 */
export function normaliseAreaName(name: string): string {
  let s = name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[\u2018\u2019'.]/g, '')
    .replace(/[-\u2013\u2014_/(),]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  s = s.replace(/ (ua|unitary authority)$/, '');
  s = s.replace(/^(the )?(city|county|borough) of /, '').replace(/ (city|county|borough) of$/, '');
  return s.trim();
}
