/**
 * Reads what `emulator` prints back the way a person copies it: the JSON block as it stands, and
 * the field list as label → value (a JSON field's value being the lines printed under it).
 */

/** The JSON config: from the first line that is `{` to the next that is `}`, parsed as printed. */
export const printedConfig = (output: string): Record<string, unknown> => {
  const lines = output.split('\n');
  const start = lines.indexOf('{');
  const end = lines.indexOf('}', start);
  if (start === -1 || end === -1) {
    throw new Error(`no JSON block in:\n${output}`);
  }
  return JSON.parse(lines.slice(start, end + 1).join('\n')) as Record<string, unknown>;
};

/** The field list after the line ending in "enter:": label → value, as printed. */
export const printedConsoleFields = (output: string): Record<string, string> => {
  const lines = output.split('\n');
  const start = lines.findIndex((line) => line.endsWith('enter:'));
  if (start === -1) {
    throw new Error(`no field list in:\n${output}`);
  }
  const fields: Array<{ label: string; value: string; below: string[] }> = [];
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('    ') && fields.length > 0) {
      fields.at(-1)!.below.push(line);
    } else if (/^ {2}\S/.test(line)) {
      const [, label, value] = /^ {2}(\S.*?) {2,}(.*)$/.exec(line) ?? [];
      fields.push({ label: label ?? line.trim(), value: value ?? '', below: [] });
    } else {
      break;
    }
  }
  return Object.fromEntries(
    fields.map(({ label, value, below }) => [label, below.length > 0 ? below.join('\n') : value])
  );
};
