import { ConnectorConfigFormItemType } from '@logto/connector-kit';

import { defaultMetadata } from '../constant.js';

import { formatJson } from './format-config.js';

const formItems = defaultMetadata.formItems ?? [];
const labelColumn = Math.max(...formItems.map(({ label }) => [...label].length)) + 2;

/**
 * A config as the Console form takes it: one line per field, named by the label the form shows
 * (in the form's order), with a switch as on/off and a JSON field's value on the lines below it.
 * The labels come from the form's own items, so the list cannot name a field the form lacks.
 */
export const formatConsoleFields = (config: Record<string, unknown>, indent = '  '): string =>
  formItems
    .filter(({ key }) => config[key] !== undefined)
    .map(({ key, label, type }) => {
      const value = config[key];
      const name = `${indent}${label.padEnd(labelColumn)}`;
      if (type === ConnectorConfigFormItemType.Switch) {
        return `${name}${value === true ? 'on' : 'off'}`;
      }
      if (type === ConnectorConfigFormItemType.Json) {
        return `${name}replace what is there with:\n${formatJson(value, `${indent}  `)}`;
      }
      return `${name}${String(value)}`;
    })
    .join('\n');
