/**
 * A connector config as indented JSON with one template per line: short enough to read in a
 * terminal and still valid JSON to paste into the Console's form.
 */
export const formatConfig = (config: { templates: readonly unknown[] } & Record<string, unknown>, indent = ''): string => {
  const { templates, ...fields } = config;
  const lines = Object.entries(fields).map(([key, value]) => `  "${key}": ${JSON.stringify(value)},`);
  const templateLines = templates.map((template) => `    ${JSON.stringify(template)}`).join(',\n');
  return ['{', ...lines, '  "templates": [', templateLines, '  ]', '}']
    .join('\n')
    .replace(/^/gm, indent);
};
