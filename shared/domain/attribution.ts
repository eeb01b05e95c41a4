/** Where Boardpack's built-in data comes from, for the About box (pure text). */

/** The About box's credits: where the built-in data comes from and under which licence. */
export const ABOUT_CREDITS = [
  'Built-in geography: local authority districts and unitaries, counties, regions, Community Safety Partnerships and police force areas of England and Wales, with mid-2023 population estimates, from the Office for National Statistics (LAD16-CSP16-PFA16 lookup; mid-year estimates), and the structural changes since 2016 with the orders that made them.',
  'Demo data: police.uk street-level crime (Leicestershire Police) and ONS mid-year population estimates.',
  'Contains public sector information licensed under the Open Government Licence v3.0.',
].join('\n');
