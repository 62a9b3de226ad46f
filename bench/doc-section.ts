/**
 * One `## ` section of a Markdown document, from its heading to the next `## ` heading (or the
 * end): the benches that write docs/benchmarks.md each own a section and keep the others.
 */

const bounds = (doc: string, heading: string): [number, number] | undefined => {
  const lines = doc.split('\n');
  const start = lines.findIndex((line) => line.trimEnd() === heading);
  if (start < 0) {
    return undefined;
  }
  const after = lines.findIndex((line, index) => index > start && /^## /.test(line));
  return [start, after < 0 ? lines.length : after];
};

/** The section under `heading`, without trailing blank lines, or undefined when there is none. */
export const sectionOf = (doc: string, heading: string): string | undefined => {
  const found = bounds(doc, heading);
  return found ? doc.split('\n').slice(...found).join('\n').trimEnd() : undefined;
};

/** `doc` with the section under `heading` replaced by `section`, or with it appended. */
export const replaceSection = (doc: string, heading: string, section: string): string => {
  const found = bounds(doc, heading);
  const lines = doc.split('\n');
  if (!found) {
    return `${doc.trimEnd()}${doc.trim() === '' ? '' : '\n\n'}${section.trimEnd()}\n`;
  }
  const before = lines.slice(0, found[0]).join('\n').trimEnd();
  const after = lines.slice(found[1]).join('\n').trim();
  return `${before}${before === '' ? '' : '\n\n'}${section.trimEnd()}\n${after === '' ? '' : `\n${after}\n`}`;
};
