/**
 * Splits an API message into the fields it names and the rest: the contract reports
 * `indicators.save: "name": Give the indicator a name; "decimals": Decimals from 0 to 6`,
 * and the form shows each beside its field.
 */
export function fieldProblems(message: string): { fields: Record<string, string>; rest: string | null } {
  const fields: Record<string, string> = {};
  const pattern = /"(\w+)": ([^;]+)/g;
  if (!/^[\w.]+: "/.test(message)) return { fields, rest: message };
  for (const match of message.matchAll(pattern)) fields[match[1]!] = match[2]!.trim();
  return { fields, rest: Object.keys(fields).length > 0 ? null : message };
}
