import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { ConnectorErrorCodes } from '@logto/connector-kit';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

import { parseAccount, startEmulator, type ApiOutcome, type Emulator } from '../../src/emulator/index.js';
import { redact, redactDeep } from '../../src/errors/redact.js';
import { SecretAutomaton } from '../../src/errors/redaction/secret-automaton.js';
import createConnector from '../../src/index.js';
import {
  closedPort,
  connector,
  everythingShown,
  expectConnectorError,
  message,
  okResponseFor,
  replyJson,
  secretId,
  secretKey,
  secrets,
  sessionToken,
  startFaultServer,
  validConfig,
  type FaultHandler,
  type FaultServer,
} from '../helpers/reliability.js';

/**
 * The SecretKey and the session token must never show: not in a thrown error (message, data,
 * JSON, stack), not in what the emulator logs or serves, not in what the CLI prints — even when
 * the server on the other end echoes what it received, which a proxy or a hostile endpoint can.
 * (The fault, code, fuzz, concurrency and clock suites check every error they see the same way.)
 */

/** An emulator account holding the test's secret key and session token. */
const tokenAccount = {
  secretId,
  secretKey,
  sessionToken,
  apps: [{ sdkAppId: '1400000001', region: 'ap-guangzhou' }],
  signatures: ['Logto演示'],
  templates: [{ id: '1000001', text: 'Code {1}, {2} minutes.', destination: 'mainland', verificationCode: true }],
};

let server: FaultServer;
beforeAll(async () => {
  server = await startFaultServer();
});
afterAll(async () => {
  await server.close();
});

/** What a server that echoes everything would put in its answer. */
const echoed = (headers: Record<string, string>) =>
  `token=${headers['x-tc-token'] ?? ''} auth=${headers.authorization ?? ''} key=${secretKey}`;

const hostileAnswers: Array<[string, FaultHandler]> = [
  [
    'Error.Message',
    (request, response) =>
      replyJson(response, {
        Response: { Error: { Code: 'AuthFailure.TokenFailure', Message: echoed(request.headers as Record<string, string>) }, RequestId: 'rq' },
      }),
  ],
  [
    'RequestId',
    (request, response) =>
      replyJson(response, {
        Response: { Error: { Code: 'InternalError', Message: 'x' }, RequestId: echoed(request.headers as Record<string, string>) },
      }),
  ],
  [
    'Error.Code',
    (_request, response) =>
      replyJson(response, { Response: { Error: { Code: `X.${sessionToken}`, Message: secretKey }, RequestId: sessionToken } }),
  ],
  [
    'per-number Message and PhoneNumber',
    (request, response) =>
      replyJson(response, {
        Response: {
          SendStatusSet: [
            {
              PhoneNumber: `+86${sessionToken}`,
              Code: 'FailedOperation.PhoneNumberInBlacklist',
              Message: echoed(request.headers as Record<string, string>),
            },
          ],
          RequestId: sessionToken,
        },
      }),
  ],
  [
    'an HTML 502 page that dumps the request headers',
    (request, response) => {
      response.writeHead(502, { 'content-type': 'text/html' });
      response.end(`<html><body><pre>${echoed(request.headers as Record<string, string>)}</pre></body></html>`);
    },
  ],
  [
    'a 200 body that is not JSON',
    (request, response) => {
      response.writeHead(200, { 'content-type': 'text/plain' });
      response.end(echoed(request.headers as Record<string, string>));
    },
  ],
  [
    'JSON of the wrong shape',
    (request, response) => replyJson(response, { Response: { Echo: echoed(request.headers as Record<string, string>) } }),
  ],
  [
    'too many items',
    (_request, response) =>
      replyJson(response, {
        Response: { SendStatusSet: [], RequestId: `${sessionToken}/${secretKey}` },
      }),
  ],
  [
    'JSON-escaped secrets',
    (_request, response) =>
      replyJson(response, { Response: { Error: { Code: 'X', Message: JSON.stringify({ secretKey, sessionToken }) }, RequestId: 'rq' } }),
  ],
];

describe('a server that echoes credentials', () => {
  it.each(hostileAnswers)('in %s: nothing secret reaches the error', async (_name, handle) => {
    server.handle = handle;
    const { sendMessage } = await connector();
    const error = await expectConnectorError(sendMessage(message('8613012345678'), validConfig(server.url)));
    // Still a useful error: the redaction marks where something was removed.
    expect(JSON.stringify(error.data)).toMatch(/\[redacted\]|redacted/);
  });

  it('a token cut by the 200-character excerpt of a page leaves no recognisable piece', async () => {
    for (const offset of [180, 190, 195, 199]) {
      server.handle = (request, response) => {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end(`${'x'.repeat(offset)} ${String(request.headers['x-tc-token'])} tail`);
      };
      const { sendMessage } = await connector();
      const error = await expectConnectorError(sendMessage(message('8613012345678'), validConfig(server.url)));
      const shown = JSON.stringify(error.data);
      // Any 12 characters of the token in a row would be a usable clue.
      for (let start = 0; start + 12 <= sessionToken.length; start += 1) {
        expect(shown, `offset ${offset}`).not.toContain(sessionToken.slice(start, start + 12));
      }
    }
  });
});

/**
 * A temporary-credential token as long as Tencent's STS tokens, in base64 with `/`, `+` and `=`:
 * the characters that proxies, JSON libraries and HTML pages escape.
 */
const longToken = Buffer.from(Array.from({ length: 239 }, (_, index) => (index * 73 + 41) % 256)).toString('base64');
const longTokenSecrets = [secretKey, longToken];

/** Each 12 characters of the secret in a row, as given and as `spell` writes them. */
const expectNoPieceOf = (shown: string, secret: string, spell: (text: string) => string = (text) => text) => {
  for (let start = 0; start + 12 <= secret.length; start += 1) {
    const piece = secret.slice(start, start + 12);
    expect(shown, `piece at ${start}`).not.toContain(piece);
    expect(shown, `spelled piece at ${start}`).not.toContain(spell(piece));
  }
};

/** PHP's json_encode writes `/` as `\/`; Gson writes `=` (and `<`, `>`, `&`, `'`) as `\u003d`… */
const phpJson = (value: unknown) => JSON.stringify(value).replaceAll('/', '\\/');
const gsonJson = (value: unknown) =>
  JSON.stringify(value).replace(/[=<>&']/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);
const htmlHex = (text: string) => text.replace(/[/+=]/g, (char) => `&#x${char.charCodeAt(0).toString(16).toUpperCase()};`);
const htmlDecimal = (text: string) => text.replace(/[/+=]/g, (char) => `&#${char.charCodeAt(0)};`);
const htmlNamed = (text: string) =>
  text.replaceAll('/', '&sol;').replaceAll('+', '&plus;').replaceAll('=', '&equals;');
const percentLower = (text: string) =>
  encodeURIComponent(text).replace(/%[\dA-F]{2}/g, (escape) => escape.toLowerCase());

describe('a proxy that echoes X-TC-Token in another spelling', () => {
  const echoes: Array<[string, (token: string) => string, FaultHandler]> = [
    [
      'a 502 JSON body escaped as PHP does (\\/)',
      (text) => text.replaceAll('/', '\\/'),
      (request, response) => {
        response.writeHead(502, { 'content-type': 'application/json' });
        response.end(phpJson({ error: 'Bad Gateway', headers: { 'X-TC-Token': request.headers['x-tc-token'] } }));
      },
    ],
    [
      'Error.Message of a body escaped as Gson does (\\u003d)',
      (text) => text.replaceAll('=', '\\u003d'),
      (request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          gsonJson({
            Response: { Error: { Code: 'InternalError', Message: `X-TC-Token=${String(request.headers['x-tc-token'])}` }, RequestId: 'rq' },
          })
        );
      },
    ],
    [
      'an HTML page with hexadecimal references (&#x2F;)',
      htmlHex,
      (request, response) => {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end(`<html><body><p>X-TC-Token: ${htmlHex(String(request.headers['x-tc-token']))}</p></body></html>`);
      },
    ],
    [
      'an HTML page with decimal references (&#47;)',
      htmlDecimal,
      (request, response) => {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end(`<pre>token ${htmlDecimal(String(request.headers['x-tc-token']))}</pre>`);
      },
    ],
    [
      'an HTML page with named references (&sol;)',
      htmlNamed,
      (request, response) => {
        response.writeHead(503, { 'content-type': 'text/html' });
        response.end(`<pre>token ${htmlNamed(String(request.headers['x-tc-token']))}</pre>`);
      },
    ],
    [
      'a percent-encoded query string',
      encodeURIComponent,
      (request, response) => {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`upstream GET /auth?token=${encodeURIComponent(String(request.headers['x-tc-token']))} failed`);
      },
    ],
    [
      'percent-encoding with lower-case hex',
      percentLower,
      (request, response) => {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`token=${percentLower(String(request.headers['x-tc-token']))}`);
      },
    ],
  ];

  it.each(echoes)('%s: no piece of the token reaches the error', async (_name, spell, handle) => {
    server.handle = handle;
    const { sendMessage } = await connector();
    const error = await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url, { sessionToken: longToken })),
      undefined,
      longTokenSecrets
    );
    const shown = everythingShown(error);
    expectNoPieceOf(shown, longToken, spell);
    expect(JSON.stringify(error.data)).toContain('[redacted]');
  });
});

/** Every 16 characters in a row of the token's base64, at each of the three byte alignments. */
const base64Pieces = (token: string): string[] => {
  const pieces: string[] = [];
  for (let shift = 0; shift < 3; shift += 1) {
    const encoded = Buffer.from(token.slice(shift), 'utf8').toString('base64').replace(/=+$/, '');
    for (let start = 0; start + 16 <= encoded.length; start += 4) {
      pieces.push(encoded.slice(start, start + 16));
    }
  }
  return pieces;
};

/**
 * No 12 characters of the token in a row, in any letter case, nor their bytes in base64 (either
 * alphabet, any alignment) or hex (either case): what a reader could decode back into a clue.
 */
const expectNoPieceInAnySpelling = (shown: string, token: string) => {
  const lower = shown.toLowerCase();
  const hex = Buffer.from(token, 'utf8').toString('hex');
  for (let start = 0; start + 12 <= token.length; start += 1) {
    expect(lower, `piece at ${start}`).not.toContain(token.slice(start, start + 12).toLowerCase());
    expect(lower, `hex piece at ${start}`).not.toContain(hex.slice(start * 2, start * 2 + 24));
  }
  for (const piece of base64Pieces(token)) {
    expect(shown, `base64 ${piece}`).not.toContain(piece);
    expect(shown, `base64url ${piece}`).not.toContain(piece.replaceAll('+', '-').replaceAll('/', '_'));
  }
};

const base64Of = (text: string) => Buffer.from(text, 'utf8').toString('base64');
const base64UrlOf = (text: string) => Buffer.from(text, 'utf8').toString('base64url');
const hexOf = (text: string) => Buffer.from(text, 'utf8').toString('hex');

describe('a server that echoes the token as bytes or in another letter case', () => {
  const tokenOf = (request: IncomingMessage) => String(request.headers['x-tc-token']);
  const echoes: Array<[string, FaultHandler]> = [
    [
      'a 502 page that dumps the header in base64',
      (request, response) => {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end(`<html><body><pre>x-tc-token (b64): ${base64Of(tokenOf(request))}</pre></body></html>`);
      },
    ],
    [
      'Error.Message with the token in base64url',
      (request, response) =>
        replyJson(response, {
          Response: { Error: { Code: 'AuthFailure.TokenFailure', Message: `token ${base64UrlOf(tokenOf(request))} expired` }, RequestId: 'rq' },
        }),
    ],
    [
      'Error.Message with the token in upper-case hex',
      (request, response) =>
        replyJson(response, {
          Response: { Error: { Code: 'InternalError', Message: `dump ${hexOf(tokenOf(request)).toUpperCase()}` }, RequestId: 'rq' },
        }),
    ],
    [
      'a per-number Message with the token in lower-case hex',
      (request, response) =>
        replyJson(response, {
          Response: {
            SendStatusSet: [{ PhoneNumber: '+8613012345678', Code: 'FailedOperation.ContainSensitiveWord', Message: hexOf(tokenOf(request)) }],
            RequestId: 'rq',
          },
        }),
    ],
    [
      'Error.Message with the token upper-cased',
      (request, response) =>
        replyJson(response, {
          Response: { Error: { Code: 'InternalError', Message: `TOKEN=${tokenOf(request).toUpperCase()}` }, RequestId: 'rq' },
        }),
    ],
    [
      'a body with the whole header line in base64, the token starting inside a group',
      (request, response) => {
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end(`upstream said ${base64Of(`X-TC-Token: ${tokenOf(request)}`)}`);
      },
    ],
    [
      'base64 of the token inside a percent-encoded query',
      (request, response) => {
        response.writeHead(502, { 'content-type': 'text/plain' });
        response.end(`GET /auth?t=${encodeURIComponent(base64Of(tokenOf(request)))} failed`);
      },
    ],
  ];

  it.each(echoes)('%s: no piece of the token in any spelling reaches the error', async (_name, handle) => {
    server.handle = handle;
    const { sendMessage } = await connector();
    for (const token of [sessionToken, longToken]) {
      const error = await expectConnectorError(
        sendMessage(message('8613012345678'), validConfig(server.url, { sessionToken: token })),
        undefined,
        [secretKey, token]
      );
      expectNoPieceInAnySpelling(everythingShown(error), token);
      expect(JSON.stringify(error.data)).toContain('[redacted]');
    }
  });
});

describe('a long Tencent Error.Message holding the token, cut at 300 characters', () => {
  const escapings: Array<[string, (body: unknown) => string]> = [
    ['escaped as PHP does', phpJson],
    ['escaped as Gson does', gsonJson],
    ['every character \\u-escaped', (body) => JSON.stringify(body).replace(/[A-Za-z\d+/=]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)],
  ];

  it.each(escapings)('top-level, %s: not even a short prefix is left before the cut', async (_name, write) => {
    for (const lead of [0, 6, 290, 296]) {
      server.handle = (request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          write({
            Response: {
              Error: { Code: 'AuthFailure.TokenFailure', Message: `${'x'.repeat(lead)}${String(request.headers['x-tc-token'])} expired` },
              RequestId: 'rq-long',
            },
          })
        );
      };
      const { sendMessage } = await connector();
      const error = await expectConnectorError(
        sendMessage(message('8613012345678'), validConfig(server.url, { sessionToken: longToken })),
        ConnectorErrorCodes.General,
        longTokenSecrets
      );
      const shown = everythingShown(error);
      expectNoPieceOf(shown, longToken);
      expect(shown, `lead ${lead}`).not.toMatch(new RegExp(`x${longToken.slice(0, 4).replace(/[+/]/g, '\\$&')}`));
      expect(shown).toContain('RequestId: rq-long');
    }
  });

  it('per number, escaped as PHP does', async () => {
    server.handle = (request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(
        phpJson({
          Response: {
            SendStatusSet: [
              { PhoneNumber: '+8613012345678', Code: 'FailedOperation.ContainSensitiveWord', Message: `xxxxxx${String(request.headers['x-tc-token'])}` },
            ],
            RequestId: 'rq-item',
          },
        })
      );
    };
    const { sendMessage } = await connector();
    const error = await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url, { sessionToken: longToken })),
      ConnectorErrorCodes.General,
      longTokenSecrets
    );
    expectNoPieceOf(everythingShown(error), longToken);
    expect(everythingShown(error)).toContain('+8613012345678');
  });
});

describe('redact', () => {
  const token = 'AbC/dEf=+gHi/jKl==mNoPqRs_TuV-wXyZ.0123~4567';
  const hidden = (text: string) => redact(`before ${text} after`, [token]);
  const unicodeEscape = (char: string, upper = false) => {
    const hex = char.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${upper ? hex.toUpperCase() : hex}`;
  };

  it.each([
    ['as given', token],
    ['JSON.stringify', JSON.stringify(token).slice(1, -1)],
    ['\\/ for every slash', token.replaceAll('/', '\\/')],
    ['\\u003d for every =', token.replaceAll('=', '\\u003d')],
    ['\\u escapes of every character, lower-case hex', [...token].map((char) => unicodeEscape(char)).join('')],
    ['\\u escapes of every character, upper-case hex', [...token].map((char) => unicodeEscape(char, true)).join('')],
    ['\\u escapes, mixed case, every other character', [...token].map((char, index) => (index % 2 ? unicodeEscape(char, index % 4 === 1) : char)).join('')],
    ['\\x escapes', [...token].map((char) => `\\x${char.charCodeAt(0).toString(16)}`).join('')],
    ['percent-encoding (encodeURIComponent)', encodeURIComponent(token)],
    ['percent-encoding of every character, upper-case hex', [...token].map((char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`).join('')],
    ['percent-encoding of every character, mixed case', [...token].map((char, index) => `%${index % 2 ? char.charCodeAt(0).toString(16) : char.charCodeAt(0).toString(16).toUpperCase()}`).join('')],
    ['HTML &#x2F; and &#X3d;', token.replaceAll('/', '&#x2F;').replaceAll('=', '&#X3d;')],
    ['HTML decimal with leading zeros', token.replaceAll('/', '&#0047;').replaceAll('+', '&#43;')],
    ['HTML named', token.replaceAll('/', '&sol;').replaceAll('=', '&equals;').replaceAll('_', '&lowbar;').replaceAll('.', '&period;')],
    ['HTML decimal for every character', [...token].map((char) => `&#${char.charCodeAt(0)};`).join('')],
    ['percent-encoding inside a JSON string', JSON.stringify(encodeURIComponent(token).replaceAll('%', '\\u0025')).slice(1, -1)],
    ['percent-encoding twice', encodeURIComponent(encodeURIComponent(token))],
    ['HTML inside JSON', token.replaceAll('/', '\\u0026#x2F;')],
    ['in upper case', token.toUpperCase()],
    ['in lower case', token.toLowerCase()],
    ['in base64', Buffer.from(token).toString('base64')],
    ['in base64url', Buffer.from(token).toString('base64url')],
    ['in lower-case hex', Buffer.from(token).toString('hex')],
    ['in upper-case hex', Buffer.from(token).toString('hex').toUpperCase()],
    ['in base64, percent-encoded', encodeURIComponent(Buffer.from(token).toString('base64'))],
    ['in base64 inside a JSON string escaped as PHP does', Buffer.from(token).toString('base64').replaceAll('/', '\\/')],
  ])('removes the token written %s', (_name, spelled) => {
    expect(hidden(spelled)).toBe('before [redacted] after');
  });

  it('removes a non-ASCII secret written as UTF-8 percent-encoding or as HTML references', () => {
    const secret = '密钥-Schlüssel-🔑-ключ';
    expect(redact(`a ${encodeURIComponent(secret)} b`, [secret])).toBe('a [redacted] b');
    expect(redact(`a ${[...secret].map((char) => `&#${char.codePointAt(0)};`).join('')} b`, [secret])).toBe('a [redacted] b');
    expect(redact(`a ${JSON.stringify(secret).slice(1, -1).replace(/[^\x20-\x7e]/g, (char) => unicodeEscape(char))} b`, [secret])).toBe('a [redacted] b');
  });

  it('removes the bytes of a piece in base64 or hex, whatever precedes it in what was encoded', () => {
    for (const lead of ['', 'a', 'ab', 'token: ']) {
      const base64 = Buffer.from(`${lead}${token.slice(3, 20)}`).toString('base64');
      expect(redact(`x ${base64} y`, [token]), `lead "${lead}"`).not.toContain(base64.slice(-12));
      const hex = Buffer.from(`${lead}${token.slice(3, 20)}`).toString('hex');
      expect(redact(`x ${hex} y`, [token]), `lead "${lead}"`).toMatch(/^x [\da-f]*\[redacted\] y$/);
    }
    // A short secret (a Redis password) is found whole in these spellings too.
    for (const spelled of [Buffer.from('hunter2').toString('base64'), Buffer.from('hunter2').toString('hex'), 'HUNTER2']) {
      expect(redact(`auth failed: ${spelled}.`, ['hunter2'])).toBe('auth failed: [redacted].');
    }
    // Ordinary base64 and hex (RequestIds, digests) stay.
    const ordinary = 'RequestId 5208ad9d-3c65-43f7-8b82-7108e04fd863 etag d41d8cd98f00b204e9800998ecf8427e b64 SGVsbG8gd29ybGQ=';
    expect(redact(ordinary, [token, secretKey])).toBe(ordinary);
  });

  it('removes every piece of 12 or more characters, wherever it stands', () => {
    expect(redact(`head ${token.slice(5, 17)} tail`, [token])).toBe('head [redacted] tail');
    expect(redact(`head ${encodeURIComponent(token.slice(20))}`, [token])).toBe('head [redacted]');
    // Eleven characters in the middle of a text are not a piece worth hiding (phone numbers, IDs).
    expect(redact(`head ${token.slice(5, 16)} tail`, [token])).toBe(`head ${token.slice(5, 16)} tail`);
  });

  it('removes a prefix of 4 or more characters that a cut left before the marker', () => {
    for (let length = 4; length < 12; length += 1) {
      expect(redact(`message: ${token.slice(0, length)}…`, [token]), `length ${length}`).toBe('message: [redacted]…');
    }
    expect(redact(`message: ${token.slice(0, 3)}…`, [token])).toBe(`message: ${token.slice(0, 3)}…`);
    // A cut through an escape sequence leaves its start behind; the prefix before it still goes.
    expect(redact(`message: ${encodeURIComponent(token).slice(0, 9)}…`, [token])).toBe('message: [redacted]…');
    expect(redact(`message: ${token.slice(0, 5)}\\u00…`, [token])).toBe('message: [redacted]…');
    expect(redact(`message: ${token.slice(0, 6)}&#x…`, [token])).toBe('message: [redacted]…');
  });

  it('leaves text without the secret as it is, escapes and all', () => {
    const text = 'Tencent said: 100% & more \\n &amp; &#x2F; %2F \\u003d … — RequestId: 1a2b';
    expect(redact(text, [token, secretKey])).toBe(text);
    expect(redact(text, [])).toBe(text);
    expect(redact(text, ['abc', undefined, 5])).toBe(text);
  });

  it('removes a secret whatever mix of spellings writes its characters (seeded property)', () => {
    const named: Record<string, string> = { '/': '&sol;', '=': '&equals;', '+': '&plus;', '&': '&amp;', '<': '&lt;', '\\': '&bsol;' };
    const hex = (char: string, upper: boolean) => {
      const digits = char.charCodeAt(0).toString(16);
      return upper ? digits.toUpperCase() : digits;
    };
    // A backslash is never left bare next to backslash escapes: no encoder writes that mix.
    const spellings: Array<(char: string, upper: boolean) => string> = [
      (char) => (char === '\\' ? '\\\\' : char),
      (char, upper) => `\\u${hex(char, upper).padStart(4, '0')}`,
      (char, upper) => `%${hex(char, upper).padStart(2, '0')}`,
      (char) => `&#${char.charCodeAt(0)};`,
      (char, upper) => `&#${upper ? 'X' : 'x'}${hex(char, upper)};`,
      (char) => named[char] ?? char,
      (char) => (char === '/' || char === '"' || char === '\\' ? `\\${char}` : char),
    ];
    const secretArbitrary = fc.string({ unit: fc.constantFrom(...'aZ09/=+&<"\\-_.~'.split('')), minLength: 12, maxLength: 60 });
    fc.assert(
      fc.property(
        secretArbitrary,
        fc.array(fc.tuple(fc.nat(spellings.length - 1), fc.boolean()), { minLength: 60, maxLength: 60 }),
        (secret, choices) => {
          const spelled = [...secret].map((char, index) => {
            const [which, upper] = choices[index]!;
            return spellings[which]!(char, upper);
          });
          const text = `<p>token: ${spelled.join('')} end</p>`;
          expect(redact(text, [secret])).toBe('<p>token: [redacted] end</p>');
        }
      ),
      { seed: 0x5ec2e7, numRuns: 500 }
    );
  });

  it('the automaton finds exactly the pieces a plain search finds (seeded property)', () => {
    const unit = fc.constantFrom('a', 'b', 'c');
    fc.assert(
      fc.property(fc.string({ unit, minLength: 1, maxLength: 12 }), fc.string({ unit, maxLength: 40 }), fc.integer({ min: 1, max: 6 }), (secret, text, minLength) => {
        // Plain search: mark every position covered by a substring of the secret at least that long.
        const covered = Array.from({ length: text.length }, () => false);
        for (let start = 0; start < text.length; start += 1) {
          for (let end = start + minLength; end <= text.length; end += 1) {
            if (secret.includes(text.slice(start, end))) {
              covered.fill(true, start, end);
            }
          }
        }
        const found = Array.from({ length: text.length }, () => false);
        for (const [start, end] of new SecretAutomaton(secret).runsIn(text, minLength)) {
          found.fill(true, start, end);
        }
        expect(found).toEqual(covered);
      }),
      { seed: 0xa07a, numRuns: 1000 }
    );
  });

  it('keeps the structure of the data it cleans', () => {
    const data = { errorDescription: `a ${token.replaceAll('/', '\\/')} b`, nested: [{ text: encodeURIComponent(token) }], count: 3 };
    expect(redactDeep(data, [token])).toEqual({ errorDescription: 'a [redacted] b', nested: [{ text: '[redacted]' }], count: 3 });
  });
});

describe('config and request errors', () => {
  it.each([
    ['the secret pasted into language', { language: secretKey }],
    ['the secret pasted into region', { region: secretKey }],
    ['the token with a space', { sessionToken: `${sessionToken} x` }],
    ['a template usageType holding the secret', { templates: [{ usageType: secretKey, templateCode: '1' }] }],
    ['a template destination holding the token', { templates: [{ usageType: 'Generic', templateCode: '1', destination: sessionToken }] }],
    ['the endpoint with the secret as password', { endpoint: `http://u:${secretKey}@127.0.0.1:1` }],
    ['the endpoint with the token as a path', { endpoint: `http://127.0.0.1:1/${sessionToken}` }],
  ])('invalid_config for %s does not quote it', async (_name, change) => {
    const { sendMessage } = await connector();
    await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url, change)),
      ConnectorErrorCodes.InvalidConfig
    );
  });

  it('connection refused, timeout and bad numbers carry no secret', async () => {
    const { sendMessage } = await connector();
    const port = await closedPort();
    await expectConnectorError(sendMessage(message('8613012345678'), validConfig(`http://127.0.0.1:${port}`)));
    await expectConnectorError(sendMessage(message(secretKey), validConfig(server.url)));
    await expectConnectorError(sendMessage(message(`86${sessionToken}`), validConfig(server.url)));
  });
});

describe('the Redis URL of abuseProtection', () => {
  /** A password with characters a URL must percent-encode, so both spellings are hunted. */
  const redisPassword = 'redis:PASS/9d2e@do-not-leak';
  const encoded = encodeURIComponent(redisPassword);
  const hidden = [...secrets, redisPassword, encoded];
  const withRedis = async (extra: Record<string, unknown> = {}) =>
    validConfig(server.url, {
      redisUrl: `redis://:${encoded}@127.0.0.1:${await closedPort()}/0`,
      pumpingProtection: true,
      // A budget per source only, so a send without an ip leaves Redis alone.
      abuseProtection: { perSource: { max: 5, windowSeconds: 60 }, perPrefix: false },
      ...extra,
    });

  it('invalid_config for a redisUrl that is no redis URL does not quote it', async () => {
    const { sendMessage } = await connector();
    await expectConnectorError(
      sendMessage(message('8613012345678'), validConfig(server.url, { pumpingProtection: true, redisUrl: `https://:${encoded}@cache:6379` })),
      ConnectorErrorCodes.InvalidConfig,
      hidden
    );
  });

  it('an answer that echoes the password in either spelling is redacted', async () => {
    server.handle = (_request, response) =>
      replyJson(response, { Response: { Error: { Code: 'InternalError', Message: `${redisPassword} ${encoded}` }, RequestId: 'rq' } });
    const { sendMessage } = await connector();
    const error = await expectConnectorError(sendMessage(message('8613012345678'), await withRedis()), undefined, hidden);
    expect(JSON.stringify(error.data)).toContain('[redacted]');
  });

  it('an unreachable Redis warns on stderr without the password, and the code is sent', async () => {
    server.handle = (_request, response, body) => replyJson(response, okResponseFor(body));
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      // Budgets apply only to real flows, which read the saved config.
      const config = await withRedis();
      const { sendMessage } = await createConnector({ getConfig: async () => config });
      await sendMessage(message('8613012345678', '123456', { ip: '192.0.2.10' }));
    } finally {
      vi.restoreAllMocks();
    }
    const text = written.join('');
    expect(text).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is unavailable/);
    for (const secret of hidden) {
      expect(text).not.toContain(secret);
    }
  });

  it('a Redis that echoes the password in base64, hex or upper case in its refusal: the warning holds none of it', async () => {
    server.handle = (_request, response, body) => replyJson(response, okResponseFor(body));
    const spellings = [
      Buffer.from(redisPassword).toString('base64'),
      Buffer.from(redisPassword).toString('base64url'),
      Buffer.from(redisPassword).toString('hex').toUpperCase(),
      redisPassword.toUpperCase(),
    ];
    // A server that answers every command, AUTH first, with an error quoting the password.
    const redis = createNetServer((socket) => {
      socket.on('data', () => socket.write(`-WRONGPASS bad password ${spellings.join(' ')}\r\n`));
    });
    await new Promise<void>((resolve) => redis.listen(0, '127.0.0.1', resolve));
    const { port } = redis.address() as AddressInfo;
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    // Past the once-a-minute limit of an earlier test's warning.
    const now = Date.now.bind(Date);
    vi.spyOn(Date, 'now').mockImplementation(() => now() + 120_000);
    try {
      const config = validConfig(server.url, {
        redisUrl: `redis://:${encoded}@127.0.0.1:${port}/0`,
        pumpingProtection: true,
        abuseProtection: { perSource: { max: 5, windowSeconds: 60 } },
      });
      const { sendMessage } = await createConnector({ getConfig: async () => config });
      await sendMessage(message('8613012345678', '123456', { ip: '192.0.2.11' }));
    } finally {
      vi.restoreAllMocks();
      await new Promise((resolve) => redis.close(resolve));
    }
    const text = written.join('');
    expect(text).toMatch(/Redis at redis:\/\/127\.0\.0\.1:\d+ is unavailable/);
    expect(text).toContain('WRONGPASS');
    for (const spelled of [...hidden, ...spellings]) {
      expect(text).not.toContain(spelled);
    }
  });
});

describe('the emulator', () => {
  let emulator: Emulator;
  const outcomes: ApiOutcome[] = [];
  beforeAll(async () => {
    emulator = await startEmulator({
      account: parseAccount(tokenAccount),
      onApiCall: (outcome) => outcomes.push(outcome),
    });
  });
  afterAll(async () => {
    await emulator.close();
  });

  it('neither its log records, answers, inbox page nor message list hold a credential', async () => {
    const { sendMessage } = await connector();
    const config = validConfig(emulator.url, {
      templates: [{ usageType: 'Generic', templateCode: '1000001', params: ['{{code}}', '5'] }],
    });
    await sendMessage(message('8613012345678'), config);
    await expectConnectorError(
      sendMessage(message('8613012345679'), { ...config, accessKeySecret: `${secretKey}-wrong` }),
      ConnectorErrorCodes.General,
      [...secrets, `${secretKey}-wrong`]
    );
    await expectConnectorError(
      sendMessage(message('8613012345670'), { ...config, sessionToken: `${sessionToken}-old` }),
      ConnectorErrorCodes.General,
      [...secrets, `${sessionToken}-old`]
    );
    const page = await (await fetch(`${emulator.url}/`)).text();
    const list = await (await fetch(`${emulator.url}/messages`)).text();
    const shown = [JSON.stringify(outcomes), page, list].join('\n');
    expect(outcomes.map((outcome) => outcome.code)).toEqual([
      'Ok',
      'AuthFailure.SignatureFailure',
      'AuthFailure.TokenFailure',
    ]);
    for (const secret of [...secrets, `${sessionToken}-old`]) {
      expect(shown).not.toContain(secret);
    }
  });

  it('an invalid account file is reported without its values', () => {
    let thrown: unknown;
    try {
      parseAccount({ secretId: 5, secretKey, sessionToken, apps: [{ sdkAppId: secretKey }] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(Error);
    const text = `${String(thrown)}\n${(thrown as Error).stack ?? ''}`;
    expect(text).not.toContain(secretKey);
    expect(text).not.toContain(sessionToken);
  });
});

describe('the CLI', () => {
  let directory: string;
  let printed: string[];

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'reliability-cli-'));
  });
  afterAll(async () => {
    await rm(directory, { recursive: true, force: true });
  });
  afterEach(() => {
    vi.restoreAllMocks();
    delete process.env.TENCENT_SMS_SECRET_KEY;
  });

  const capture = () => {
    printed = [];
    const keep = (...args: unknown[]) => void printed.push(args.map(String).join(' '));
    vi.spyOn(console, 'log').mockImplementation(keep);
    vi.spyOn(console, 'error').mockImplementation(keep);
    vi.spyOn(console, 'warn').mockImplementation(keep);
  };

  const writeConfig = async (name: string, config: unknown) => {
    const path = join(directory, name);
    await writeFile(path, typeof config === 'string' ? config : JSON.stringify(config));
    return path;
  };

  const expectNothingSecretPrinted = () => {
    const text = printed.join('\n');
    expect(text.length).toBeGreaterThan(0);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
    }
  };

  it('send prints no credential on success, on Tencent errors, on bad config or bad JSON', async () => {
    const { runSend } = await import('../../src/cli/send-command.js');
    const port = await closedPort();
    const cases: Array<[string, unknown, FaultHandler | undefined]> = [
      ['ok.json', validConfig(server.url), undefined],
      ['echo.json', validConfig(server.url), hostileAnswers[0]![1]],
      ['html.json', validConfig(server.url), hostileAnswers[4]![1]],
      ['bad-config.json', validConfig(server.url, { region: `ap-x\r\n${secretKey}`, language: secretKey }), undefined],
      ['refused.json', validConfig(`http://127.0.0.1:${port}`), undefined],
      ['not-json.json', `{"accessKeySecret": "${secretKey}", "sessionToken": "${sessionToken}",`, undefined],
      ['array.json', [secretKey, sessionToken], undefined],
    ];
    for (const [name, config, handle] of cases) {
      server.handle = handle ?? ((_request, response, body) => {
        const { PhoneNumberSet } = JSON.parse(body.toString('utf8')) as { PhoneNumberSet: string[] };
        replyJson(response, { Response: { SendStatusSet: [{ PhoneNumber: PhoneNumberSet[0], Code: 'Ok', SerialNo: 's', Fee: 1 }], RequestId: 'rq-cli' } });
      });
      const path = await writeConfig(name, config);
      capture();
      const status = await runSend(['--config', path, '--to', '+8613012345678']).catch((error: unknown) => {
        printed.push(String(error), (error as Error).stack ?? '');
        return 2;
      });
      expect(status, name).toBe(name === 'ok.json' ? 0 : status === 2 ? 2 : 1);
      expectNothingSecretPrinted();
      vi.restoreAllMocks();
    }
  });

  it('send with the secret from TENCENT_SMS_SECRET_KEY prints none of it', async () => {
    const { runSend } = await import('../../src/cli/send-command.js');
    server.handle = hostileAnswers[3]![1];
    const { accessKeySecret: _omitted, ...config } = validConfig(server.url);
    const path = await writeConfig('env.json', config);
    process.env.TENCENT_SMS_SECRET_KEY = secretKey;
    capture();
    expect(await runSend(['--config', path, '--to', '8613012345678'])).toBe(1);
    expectNothingSecretPrinted();
  });

  it('the emulator command logs calls without the account key or token', async () => {
    const { runEmulator } = await import('../../src/cli/emulator-command.js');
    const accountPath = await writeConfig('account.json', tokenAccount);
    const before = { int: new Set(process.rawListeners('SIGINT')), term: new Set(process.rawListeners('SIGTERM')) };
    capture();
    const running = runEmulator(['--port', '0', '--account', accountPath]);
    const started = Date.now();
    let url: string | undefined;
    while (!url && Date.now() - started < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      url = /listening on (http:\/\/\S+)/.exec(printed.join('\n'))?.[1];
    }
    try {
      expect(url).toBeDefined();
      const { sendMessage } = await connector();
      const config = validConfig(url!, { templates: [{ usageType: 'Generic', templateCode: '1000001', params: ['{{code}}', '5'] }] });
      await sendMessage(message('8613012345678'), config);
      await expectConnectorError(sendMessage(message('8613012345679'), { ...config, sessionToken: 'another-token' }));
      expect(printed.join('\n')).toMatch(/SendSms .*AuthFailure\.TokenFailure/);
      expectNothingSecretPrinted();
    } finally {
      // Stop it the way Ctrl+C does, through the listener it registered (not a real signal).
      for (const listener of process.rawListeners('SIGINT').filter((item) => !before.int.has(item))) {
        (listener as () => void)();
      }
      for (const listener of process.rawListeners('SIGTERM').filter((item) => !before.term.has(item))) {
        process.removeListener('SIGTERM', listener as () => void);
      }
      expect(await running).toBe(0);
    }
  });
});
