/**
 * The operator's guide as Logto shows it: README.md is rendered in the Console beside the form, in
 * a 639 px panel where a code line over 56 characters is cut or pushes the form out, and inline
 * code in a narrow table column breaks mid-word; its links resolve to Console URLs unless
 * absolute; and Logto never shows README.zh-CN.md. The guide also stays in step with the form (a
 * row per field) and with the code it quotes (config examples that validate, the emulator's
 * account).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { describe, expect, it } from 'vitest';

import { abuseProtectionGuard } from '../src/abuse-guard/config.js';
import { defaultPerPrefix } from '../src/abuse-guard/defaults.js';
import { defaultPort } from '../src/cli/emulator-command.js';
import { defaultMetadata } from '../src/constant.js';
import { connectorConfigFor } from '../src/emulator/connector-config.js';
import { defaultAccountInput } from '../src/emulator/default-account.js';
import { tencentSmsConfigGuard } from '../src/types.js';

import { legacyConfig } from './helpers/config.js';
import { repoRoot } from './helpers/logto-install.js';

const guides = {
  'README.md': await readFile(path.join(repoRoot, 'README.md'), 'utf8'),
  'README.zh-CN.md': await readFile(path.join(repoRoot, 'README.zh-CN.md'), 'utf8'),
};

/** The widest code line the Console's guide panel shows whole (639 px at 1280, and at 1440 px). */
const maxCodeLine = 56;
/** The longest run of prose without a space that the panel wraps without overflowing. */
const maxProseRun = 72;
/** The longest inline code a table column other than the last can hold without breaking it. */
const maxTableCode = 16;

type CodeBlock = { language: string; lines: string[]; startLine: number };

/** Fenced code blocks, each line without the fence's own indentation (as a list item nests it). */
const codeBlocks = (text: string): CodeBlock[] => {
  const blocks: CodeBlock[] = [];
  let open: (CodeBlock & { indent: number }) | undefined;
  for (const [index, line] of text.split('\n').entries()) {
    const fence = /^( *)```(\S*)\s*$/.exec(line);
    if (fence && !open) {
      open = { language: fence[2] ?? '', lines: [], startLine: index + 1, indent: fence[1]!.length };
    } else if (fence && open) {
      const { indent: _, ...block } = open;
      blocks.push(block);
      open = undefined;
    } else if (open) {
      const indent = open.indent;
      open.lines.push(line.slice(Math.min(indent, line.length - line.trimStart().length)));
    }
  }
  expect(open, 'an unclosed code fence').toBeUndefined();
  return blocks;
};

/** The text outside code blocks. */
const prose = (text: string) => {
  let inCode = false;
  return text
    .split('\n')
    .filter((line) => {
      if (/^ *```/.test(line)) {
        inCode = !inCode;
        return false;
      }
      return !inCode;
    })
    .join('\n');
};

/** Every link target: [text](target), ![alt](target), [label]: target, href="…", src="…". */
const linkTargets = (text: string) => {
  const markdown = prose(text).replaceAll(/`[^`\n]*`/g, '');
  return [
    ...[...markdown.matchAll(/\]\(\s*<?([^)\s>]*)/g)].map((match) => match[1]!),
    ...[...markdown.matchAll(/^\s*\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/gm)].map((match) => match[1]!),
    ...[...markdown.matchAll(/\b(?:href|src)\s*=\s*["']?([^"'\s>]+)/gi)].map((match) => match[1]!),
  ];
};

/** The cells of every table row, as written (no cell holds a `|`). */
const tableRows = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) => line.split('|').map((cell) => cell.trim()).slice(1, -1));

/** What names a key in the guide: a table row's first cell, or the start of a list item. */
const keyEntries = (text: string) =>
  text
    .split('\n')
    .filter((line) => line.startsWith('|') || line.startsWith('- '))
    .map((line) => (line.startsWith('|') ? (line.split('|')[1] ?? '').trim() : line.slice(2)));

/** A section's text: from its heading (matched by `pattern`) to the next heading of any level. */
const section = (text: string, pattern: RegExp) => {
  const lines = text.split('\n');
  const start = lines.findIndex((line) => /^#{1,6} /.test(line) && pattern.test(line));
  expect(start, `a heading matching ${pattern}`).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((line, index) => index > start && /^#{1,6} /.test(line));
  return lines.slice(start + 1, end === -1 ? undefined : end).join('\n');
};

const cjk = /[\u3400-\u9fff\uff00-\uffef\u3000-\u303f]/g;

/** Columns a line takes in a monospace font: CJK and full-width characters take two. */
const displayWidth = (line: string) => [...line].length + (line.match(cjk)?.length ?? 0);

describe.each(Object.entries(guides))('%s', (name, text) => {
  it('has a field-table row for every Console form field: its label, and its JSON key in the last column', () => {
    const rows = tableRows(text);
    const missing = (defaultMetadata.formItems ?? [])
      .filter(
        ({ label, key }) => !rows.some((cells) => cells[0] === label && cells.at(-1)?.startsWith(`\`${key}\``))
      )
      .map(({ key }) => key);
    expect(missing).toEqual([]);
  });

  it(`keeps inline code of over ${maxTableCode} characters out of every table column but the last`, () => {
    const long = tableRows(text).flatMap((cells) =>
      cells
        .slice(0, -1)
        .flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]!))
        .filter((code) => [...code].length > maxTableCode)
    );
    expect(long).toEqual([]);
  });

  it('states the minimum Logto version and what an older one does', () => {
    expect(text).toContain('1.38.0');
    expect(text).toContain('Connector requires @logto/connector-kit to be ^5');
  });

  it(`keeps every code line within ${maxCodeLine} characters, so the Console's guide panel shows it whole`, () => {
    const wide = codeBlocks(text).flatMap(({ lines, startLine }) =>
      lines
        .map((line, index) => ({ line: startLine + 1 + index, length: displayWidth(line), text: line }))
        .filter(({ length }) => length > maxCodeLine)
    );
    expect(wide).toEqual([]);
  });

  it(`has no unbreakable run of text wider than ${maxProseRun} characters outside code blocks`, () => {
    // Link targets are not displayed; CJK text breaks between any two characters.
    const shown = prose(text).replaceAll(/\]\([^)]*\)/g, ']').replaceAll(cjk, ' ');
    const runs = shown.split(/\s+/).filter((run) => [...run].length > maxProseRun);
    expect(runs).toEqual([]);
  });

  it('links only to absolute URLs: a relative link resolves to a Console page', () => {
    const targets = linkTargets(text);
    expect(targets.length).toBeGreaterThan(0);
    expect(targets.filter((target) => !/^https?:\/\/[^/]/.test(target))).toEqual([]);
  });

  it('says in the International numbers row that the switch off sends to +86 only, and what a config without it does', () => {
    const row = text.split('\n').find((line) => line.startsWith('| International numbers |')) ?? '';
    expect(row).toMatch(/[(（]\+86[)）]/);
    expect(row).toContain('invalid_request_parameters');
    expect(row).toMatch(/built-in connector|内置连接器/);
  });

  it('is an operator’s guide of at most 400 lines', () => {
    expect(text.trimEnd().split('\n').length).toBeLessThanOrEqual(400);
  });

  it('never tells anyone to run the unpublished package name through npx', () => {
    expect(text).not.toMatch(/npx\s+(?:-\S+\s+)*connector-tencent-sms/);
  });

  it('warns before the Console test that a number without +86 goes to the United States', () => {
    const console = section(text, name === 'README.md' ? /Test in the Console/ : /控制台测试/);
    const firstParagraph = console.trim().split(/\n\s*\n/)[0]!;
    expect(firstParagraph).toContain('+86');
    expect(firstParagraph).toContain('13012345678');
    expect(firstParagraph).toContain('+1 301 234 5678');
  });

  it('says where a refusal’s rule text ends up: the audit log and the response, not the log output', () => {
    expect(text).toMatch(/Audit logs/);
    expect(text).not.toMatch(/log names the rule|日志中写明规则/);
  });

  it('states the emulator’s built-in account, secret included, where it sends people to try it', () => {
    const tryIt = section(text, name === 'README.md' ? /Try it without Tencent/ : /不用腾讯云试用/);
    expect(tryIt).toContain('npm run emulator');
    for (const value of [
      defaultAccountInput.secretId,
      defaultAccountInput.secretKey,
      defaultAccountInput.apps[0]!.sdkAppId,
      defaultAccountInput.apps[0]!.region,
      defaultAccountInput.signatures[0]!,
    ]) {
      expect(tryIt).toContain(value);
    }
  });

  it('puts the sections in the order an operator follows them, the reference last', () => {
    const order =
      name === 'README.md'
        ? [/Install/, /Try it without Tencent/, /Set up Tencent/, /Console form/, /`send`/, /Test in the Console/,
            /phone sign-in/, /Stop SMS pumping/, /Reference/, /Troubleshooting/]
        : [/安装/, /不用腾讯云试用/, /配置腾讯云/, /表单/, /`send`/, /控制台测试/, /启用手机号登录/, /短信盗刷/, /参考/,
            /故障排查/];
    const headings = text.split('\n').filter((line) => /^#{2,6} /.test(line));
    const positions = order.map((pattern) => headings.findIndex((heading) => pattern.test(heading)));
    expect(positions.filter((position) => position < 0)).toEqual([]);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('says what the number-block budget costs colleagues with consecutive numbers, and how to raise it', () => {
    const pumping = section(text, name === 'README.md' ? /Stop SMS pumping/ : /短信盗刷/);
    expect(pumping).toContain('集团号段');
    expect(pumping).toContain('Trigger rate limit. Please try again later.');
    const defaultMax = defaultPerPrefix.max;
    const raised = codeBlocks(pumping)
      .filter(({ language }) => language === 'json')
      .map(({ lines }) => JSON.parse(lines.join('\n')) as { perPrefix?: { max?: number } })
      .find(({ perPrefix }) => perPrefix?.max !== undefined);
    expect(raised?.perPrefix?.max).toBeGreaterThan(defaultMax);
  });

  it('names, where it sends people to try it, every form field the emulator’s settings go in', () => {
    const tryIt = section(text, name === 'README.md' ? /Try it without Tencent/ : /不用腾讯云试用/);
    const config = connectorConfigFor(`http://127.0.0.1:${defaultPort}`);
    const labels = Object.keys(config).map((key) => defaultMetadata.formItems?.find((item) => item.key === key)?.label);
    expect(labels).not.toContain(undefined);
    expect(labels.filter((label) => !tryIt.includes(label!))).toEqual([]);
    expect(tryIt).toContain(`\`${config.endpoint}\``);
    expect(tryIt).toContain(`http://127.0.0.1:${defaultPort}`);
    // Only what the package carries: the developer docs are not in it.
    expect(tryIt).not.toMatch(/docs\/|development\.md/);
  });

  it('gives config examples that the connector accepts as written', () => {
    const examples = codeBlocks(text)
      .filter(({ language }) => language === 'json')
      .map(({ lines }) => JSON.parse(lines.join('\n')) as Record<string, unknown>);
    const configs = examples.filter((example) => 'accessKeyId' in example);
    const protectionKeys = Object.keys(abuseProtectionGuard.shape);
    const protections = examples.filter((example) => Object.keys(example).every((key) => protectionKeys.includes(key)));
    expect(configs.length).toBeGreaterThan(0);
    expect(protections.length).toBeGreaterThan(1);
    for (const config of configs) {
      expect(tencentSmsConfigGuard.safeParse(config).error?.issues).toBeUndefined();
    }
    for (const abuseProtection of protections) {
      const config = { ...legacyConfig(), pumpingProtection: true, abuseProtection };
      expect(tencentSmsConfigGuard.safeParse(config).error?.issues).toBeUndefined();
    }
  });
});

describe.each(Object.entries(guides))('the abuse protection in %s, as the code has it', (_, text) => {
  it('has a table row or list item for every abuseProtection key', () => {
    const entries = keyEntries(text);
    const missing = Object.keys(abuseProtectionGuard.shape).filter(
      (key) => !entries.some((entry) => entry.startsWith(`\`${key}\``))
    );
    expect(missing).toEqual([]);
  });

  it('states the rules the form starts with, at the values it starts with', () => {
    const item = defaultMetadata.formItems?.find(({ key }) => key === 'abuseProtection');
    const defaults = Object.entries(item?.defaultValue as Record<string, unknown>);
    expect(defaults.length).toBeGreaterThan(0);
    for (const [key, value] of defaults) {
      const row = keyEntries(text).find((entry) => entry.startsWith(`\`${key}\``)) ?? '';
      expect({ key, row: row.replaceAll(/\s/g, '') }).toEqual({
        key,
        row: expect.stringContaining(JSON.stringify(value)),
      });
    }
  });
});

describe('README.md, the guide the Console shows', () => {
  const text = guides['README.md'];
  const firstParagraph = text
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .find((paragraph) => paragraph !== '' && !paragraph.startsWith('#'))!;

  it('opens with a Chinese paragraph that names the Chinese guide in text', () => {
    expect(firstParagraph).toContain('README.zh-CN.md');
    const letters = firstParagraph.replaceAll(/`[^`]*`|README\.zh-CN\.md|[\s\d\p{P}\p{S}]/gu, '');
    const chinese = letters.match(cjk)?.length ?? 0;
    expect(chinese / letters.length).toBeGreaterThan(0.6);
  });

  it('says in that paragraph, too, that the Console test needs +86', () => {
    expect(firstParagraph).toContain('+86');
    expect(firstParagraph).toContain('+1 301 234 5678');
  });
});

describe('README.zh-CN.md, written as Chinese reads', () => {
  const text = guides['README.zh-CN.md'];

  it('names the English guide in its first lines', () => {
    expect(text.split('\n').slice(0, 6).join('\n')).toContain('README.md');
  });

  it('calls SMS pumping 盗刷 (toll fraud), not 轰炸 (bombing one phone)', () => {
    const headings = text.split('\n').filter((line) => line.startsWith('#'));
    expect(headings.some((heading) => heading.includes('短信盗刷'))).toBe(true);
    expect(headings.filter((heading) => heading.includes('轰炸'))).toEqual([]);
    // 轰炸 appears only where the guide tells the two apart.
    for (const sentence of text.split(/[。\n]/).filter((line) => line.includes('轰炸'))) {
      expect(sentence).toMatch(/盗刷/);
    }
  });

  it('names mainland and international SMS as such, and personal data as PIPL does (个人信息)', () => {
    expect(text.match(/一侧|两侧|该侧|个人数据/g) ?? []).toEqual([]);
  });

  it('avoids the phrases that read as translated', () => {
    for (const phrase of ['解读成', '（控制台测试中同样）', '保持字形', '空号国家码', '无法让你付费', '——']) {
      expect({ phrase, found: text.includes(phrase) }).toEqual({ phrase, found: false });
    }
  });

  it('says whose console each 控制台 is: Logto’s or Tencent’s', () => {
    const unqualified = [...text.matchAll(/(.{0,6})控制台/g)]
      .map((match) => match[1]!)
      .filter((before) => !/(?:Logto |短信|腾讯云)$/.test(before));
    expect(unqualified).toEqual([]);
  });
});

describe('what the package and its developer docs tell people to run', () => {
  it('never names the unpublished package to npx: whoever registers that name would run instead', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (
      await Promise.all(
        ['src', 'docs', 'scripts'].map(async (folder) =>
          (await readdir(path.join(repoRoot, folder), { recursive: true })).map((file) => path.join(folder, file))
        )
      )
    )
      .flat()
      .filter((file) => /\.(?:ts|mjs|md)$/.test(file));
    const offenders: string[] = [];
    for (const file of files) {
      const content = await readFile(path.join(repoRoot, file), 'utf8');
      if (/npx\s+(?:-\S+\s+)*connector-tencent-sms/.test(content)) {
        offenders.push(file);
      }
    }
    expect(files.length).toBeGreaterThan(20);
    expect(offenders).toEqual([]);
  });
});
