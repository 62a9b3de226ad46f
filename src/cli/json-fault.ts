/** Where a text stops being JSON, and why, without any of the text itself. */
export type JsonFault = { readonly line: number; readonly column: number; readonly reason: string };

class Stop {
  constructor(
    readonly offset: number,
    readonly reason: string
  ) {}
}

const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const hex4 = /^[\dA-Fa-f]{4}$/;
const blanks = ' \t\n\r';

/** The 1-based line and column of an offset; a CR LF counts as one line break. */
const positionOf = (text: string, offset: number) => {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
};

/**
 * Finds the first place a text breaks JSON's grammar. The config file may hold the secret key, and
 * JSON.parse quotes the text around a fault (and on Node 20 gives no position at all), so the CLI
 * reports this instead: a line, a column and a reason, never a character of the file.
 */
export const findJsonFault = (text: string): JsonFault | undefined => {
  let at = 0;
  const stop = (reason: string): never => {
    throw new Stop(at, at >= text.length ? 'the file ends before the JSON does' : reason);
  };
  const skipBlanks = () => {
    while (at < text.length && blanks.includes(text.charAt(at))) {
      at += 1;
    }
  };
  const readString = () => {
    at += 1;
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at += 1;
        return;
      }
      if (char === '\\') {
        const next = text.charAt(at + 1);
        if ('"\\/bfnrt'.includes(next) && next !== '') {
          at += 2;
        } else if (next === 'u' && hex4.test(text.slice(at + 2, at + 6))) {
          at += 6;
        } else {
          stop('an invalid escape sequence in a string');
        }
      } else if (char.charCodeAt(0) < 0x20) {
        stop('a line break or control character inside a string (a missing closing quote?)');
      } else {
        at += 1;
      }
    }
    stop('a string is not closed');
  };
  const readValue = (): void => {
    skipBlanks();
    const char = text.charAt(at);
    if (char === '{') {
      readContainer('}', () => {
        skipBlanks();
        if (text.charAt(at) !== '"') {
          stop('expected a property name in double quotes (a trailing comma, or an unquoted key?)');
        }
        readString();
        skipBlanks();
        if (text.charAt(at) !== ':') {
          stop('expected ":" after the property name');
        }
        at += 1;
        readValue();
      });
    } else if (char === '[') {
      readContainer(']', readValue);
    } else if (char === '"') {
      readString();
    } else {
      numberPattern.lastIndex = at;
      const number = numberPattern.exec(text)?.[0];
      const word = ['true', 'false', 'null'].find((literal) => text.startsWith(literal, at));
      const length = number?.length ?? word?.length;
      if (length === undefined) {
        stop('expected a value (a string in double quotes, a number, true, false, null, an object or an array)');
      }
      at += length ?? 0;
    }
  };
  const readContainer = (close: string, readItem: () => void) => {
    at += 1;
    skipBlanks();
    if (text.charAt(at) === close) {
      at += 1;
      return;
    }
    for (;;) {
      readItem();
      skipBlanks();
      const char = text.charAt(at);
      if (char === close) {
        at += 1;
        return;
      }
      if (char !== ',') {
        stop(`expected "," or "${close}"`);
      }
      at += 1;
    }
  };

  try {
    readValue();
    skipBlanks();
    if (at < text.length) {
      stop('more text after the JSON value');
    }
    return undefined;
  } catch (error) {
    if (error instanceof Stop) {
      return { ...positionOf(text, error.offset), reason: error.reason };
    }
    // Nesting deep enough to exhaust the stack: no position, but still no text.
    return { line: 1, column: 1, reason: 'nested too deeply to read' };
  }
};
