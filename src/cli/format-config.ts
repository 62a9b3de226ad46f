/** The widest line the CLI prints: it stays whole in a terminal and in a copy. */
export const maxPrintedLine = 100;

const fits = (column: number, text: string, width: number) => column + [...text].length + 1 <= width;

const render = (value: unknown, indent: string, column: number, width: number): string => {
  const flat = JSON.stringify(value);
  if (value === null || typeof value !== 'object' || fits(column, flat, width)) {
    return flat;
  }
  const inner = `${indent}  `;
  const entries = Array.isArray(value)
    ? value.map((item) => `${inner}${render(item, inner, inner.length, width)}`)
    : Object.entries(value).map(([key, item]) => {
        const prefix = `${inner}${JSON.stringify(key)}: `;
        return `${prefix}${render(item, inner, [...prefix].length, width)}`;
      });
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${entries.join(',\n')}\n${indent}${close}`;
};

/**
 * JSON that keeps each object or array on one line while it fits in `width` and breaks it one
 * entry per line when not, so a config reads in a terminal, copies without broken lines, and is
 * still valid JSON to paste. `indent` prefixes every line.
 */
export const formatJson = (value: unknown, indent = '', width = maxPrintedLine): string =>
  render(value, indent, indent.length, width)
    .split('\n')
    .map((line, index) => (index === 0 ? `${indent}${line}` : line))
    .join('\n');
