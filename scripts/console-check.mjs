// `node scripts/console-check.mjs <console-url> <user> <password> <screenshot-dir> [--endpoint URL]`
//
// Drives a running Logto's admin Console in Debian's Chromium and checks how this connector's guide
// reads there: sign in, Connectors → Set up SMS connector → pick this connector, then at several
// window widths measure whether the page scrolls sideways, whether a README code block cuts its
// lines and whether the form's right edge is on screen; press the test "Send" for a few classic
// mistakes and record the toast the admin reads; record what the connector picker shows. Prints
// a JSON report and exits 1 when a layout check fails. See docs/development.md, "Checking the
// guide in Logto's Console".
/* global window, document, getComputedStyle, PopStateEvent -- in page.evaluate, run by the browser */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

import { chromium } from 'playwright-core';

const usage =
  'usage: node scripts/console-check.mjs <console-url> <user> <password> <screenshot-dir> ' +
  '[--endpoint http://127.0.0.1:PORT] [--widths 1280,1440,1920]';

const parseArguments = (argv) => {
  const positional = [];
  const options = { widths: [1280, 1440, 1920] };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index];
    if (argument === '--endpoint') {
      options.endpoint = argv[++index];
    } else if (argument === '--widths') {
      options.widths = String(argv[++index]).split(',').map(Number);
    } else {
      positional.push(argument);
    }
  }
  if (positional.length !== 4 || options.widths.some((width) => !Number.isInteger(width))) {
    console.error(usage);
    process.exit(2);
  }
  const [consoleUrl, user, password, screenshotDir] = positional;
  // The Console lives under /console; accept the bare admin origin too.
  const consoleBase = `${new URL(consoleUrl).origin}/console`;
  return { consoleBase, user, password, screenshotDir: resolve(screenshotDir), ...options };
};

const args = parseArguments(process.argv.slice(2));

const root = dirname(dirname(fileURLToPath(import.meta.url)));
await import('./build-if-needed.mjs');
const { defaultMetadata } = await import(pathToFileURL(join(root, 'lib/constant.js')).href);
const emulatorModule = await import(pathToFileURL(join(root, 'lib/emulator/index.js')).href);
const { defaultAccountInput } = emulatorModule;

/** Logto's own Tencent connector, which its Docker image ships beside this one. */
const builtInTencentId = 'tencent-short-message-service';
const ourId = defaultMetadata.id;
const languages = [
  { tag: 'en', menuTitle: 'English' },
  { tag: 'zh-CN', menuTitle: '简体中文' },
];
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// The test sends go to the project's emulator: the one given, or one started here.
const emulator = args.endpoint ? undefined : await emulatorModule.startEmulator({ port: 0 });
const endpoint = args.endpoint ?? emulator.url;

await mkdir(args.screenshotDir, { recursive: true });
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: chromiumFlags,
});
const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
const page = await context.newPage();
page.setDefaultTimeout(20_000);
if (process.env.CONSOLE_CHECK_DEBUG) {
  page.on('framenavigated', (frame) => frame === page.mainFrame() && console.error('at', frame.url()));
  page.on('response', (response) => response.status() >= 400 && console.error('http', response.status(), response.url()));
}

const shot = async (name) => {
  const path = join(args.screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
};

/**
 * Moves inside the Console without reloading it. A reload drops the Console's token refresh when
 * one is in flight, and Logto then answers the next refresh 400 and signs the admin out.
 */
const visit = async (path) => {
  await page.waitForLoadState('networkidle');
  await page.evaluate((target) => {
    window.history.pushState({}, '', target);
    window.dispatchEvent(new PopStateEvent('popstate', { state: {} }));
  }, `${new URL(args.consoleBase).pathname}${path}`);
  await page.waitForLoadState('networkidle');
};

const signIn = async () => {
  await page.goto(`${args.consoleBase}/`);
  const identifier = page.locator('input[name="identifier"]');
  await identifier.waitFor();
  await identifier.fill(args.user);
  await page.locator('input[name="password"]').fill(args.password);
  await page.locator('button[type="submit"]').click();
  // Signed in once the Console's own navigation shows (the sign-in page is served elsewhere).
  await page.locator('a[href*="/console/connectors"]').first().waitFor({ timeout: 30_000 });
};

/** The Console keeps its language in the admin's own preferences; the user menu changes it. */
const setLanguage = async ({ tag, menuTitle }) => {
  await visit('/connectors/passwordless');
  await page.waitForLoadState('networkidle');
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current === tag) {
    return;
  }
  await page.locator('[class*="topbar"] [class*="container"][role="button"], [class*="topbar"] [class*="UserInfo"]')
    .last()
    .click();
  await page.getByText(/^(Language|语言)$/).hover();
  await page.getByText(menuTitle, { exact: true }).click();
  await page.waitForFunction((wanted) => document.documentElement.lang === wanted, tag);
  await page.keyboard.press('Escape');
};

/**
 * Name and description of every tile in the connector picker, with whether the Console cuts them
 * (the name is one line with an ellipsis, the description is clamped).
 */
const readTiles = () =>
  page.evaluate(() => {
    // The Console clamps with -webkit-line-clamp, which scroll sizes do not reveal: compare the
    // height with the clamp lifted for a moment.
    const isClamped = (element) => {
      if (!element) {
        return false;
      }
      const clamped = element.getBoundingClientRect().height;
      const style = element.getAttribute('style');
      element.style.setProperty('-webkit-line-clamp', 'unset');
      element.style.setProperty('display', 'block');
      const full = element.getBoundingClientRect().height;
      if (style === null) {
        element.removeAttribute('style');
      } else {
        element.setAttribute('style', style);
      }
      return full > clamped + 1;
    };
    return [...document.querySelectorAll('.ReactModal__Content [role="radio"]')].map((tile) => {
      const name = tile.querySelector('[class*="__name"]');
      const description = tile.querySelector('[class*="__description"]');
      return {
        id: tile.querySelector('input[type="radio"]')?.value,
        name: name?.textContent?.trim(),
        nameCut: isClamped(name),
        description: description?.textContent?.trim(),
        descriptionCut: isClamped(description),
      };
    });
  });

const openPicker = async () => {
  await visit('/connectors/passwordless');
  await page.waitForLoadState('networkidle');
  // The "SMS connector" row offers "Set up" only while no SMS connector is saved; after that the
  // picker is still reachable at its own address.
  const setUp = page
    .locator('tr', { hasText: /SMS connector|短信连接器/ })
    .getByRole('button', { name: /^(Set up|配置)$/ });
  if ((await setUp.count()) > 0) {
    await setUp.first().click();
  } else {
    await visit('/connectors/passwordless/create/Sms');
  }
  await page.waitForURL(/\/create\/sms/i);
  await page.locator('.ReactModal__Content [role="radio"] [class*="__name"]').first().waitFor();
};

const openGuide = async () => {
  // Through the list, so a guide already open is closed and its form starts afresh.
  await visit('/connectors/passwordless');
  await visit(`/connectors/passwordless/guide/${ourId}`);
  await page.locator('.ReactModal__Content input[name="formConfig.accessKeyId"]').waitFor();
  await page.waitForLoadState('networkidle');
};

/** What the admin sees of the guide modal at the current window size. */
const measureGuide = () =>
  page.evaluate(() => {
    const modal = document.querySelector('.ReactModal__Content');
    // The guide's outer box scrolls sideways when its two panels do not fit the window.
    const scroller = modal.firstElementChild;
    const readme = modal.querySelector('[class*="__readme"]:not([class*="__readmeTitle"]):not([class*="__readmeContent"])');
    const form = modal.querySelector('form');
    const viewport = window.innerWidth;
    // Each README code block is a read-only code editor: a scrolling box around a textarea that
    // holds the source and a highlighted copy with line numbers.
    const blocks = [...readme.querySelectorAll('pre:not(pre pre)')].map((pre) => {
      const source = pre.querySelector('textarea')?.value ?? pre.textContent;
      const lines = source.split('\n');
      const longest = lines.reduce((best, line) => ([...line].length > [...best].length ? line : best), '');
      const overflowing = [pre, ...pre.querySelectorAll('*')].filter(
        (element) =>
          element.tagName !== 'TEXTAREA' &&
          ['auto', 'scroll', 'hidden'].includes(getComputedStyle(element).overflowX) &&
          element.scrollWidth > element.clientWidth + 1
      );
      const widest = overflowing[0] ?? pre;
      return {
        firstLine: lines.find((line) => line.trim() !== '')?.trim().slice(0, 60),
        longestLine: longest,
        longestLength: [...longest].length,
        clientWidth: widest.clientWidth,
        scrollWidth: widest.scrollWidth,
        cut: overflowing.length > 0,
      };
    });
    const formBox = form.getBoundingClientRect();
    const visibleRight = Math.min(viewport, scroller.getBoundingClientRect().right);
    return {
      viewport,
      documentScrollWidth: document.documentElement.scrollWidth,
      modalScrollWidth: scroller.scrollWidth,
      modalClientWidth: scroller.clientWidth,
      readmeWidth: Math.round(readme.getBoundingClientRect().width),
      formWidth: Math.round(formBox.width),
      formRight: Math.round(formBox.right),
      formRightVisible: formBox.right <= visibleRight + 1,
      codeBlocks: blocks,
    };
  });

const checkLayout = (measure) => {
  const problems = [];
  if (measure.documentScrollWidth > measure.viewport) {
    problems.push(`page is ${measure.documentScrollWidth} px wide in a ${measure.viewport} px window`);
  }
  if (measure.modalScrollWidth > measure.modalClientWidth + 1) {
    problems.push(`guide scrolls sideways: ${measure.modalScrollWidth} px in ${measure.modalClientWidth} px`);
  }
  if (!measure.formRightVisible) {
    problems.push(`form's right edge at ${measure.formRight} px is off screen`);
  }
  for (const block of measure.codeBlocks.filter((item) => item.cut)) {
    problems.push(
      `code block cuts its lines (${block.scrollWidth} px in ${block.clientWidth} px); longest line ` +
        `${block.longestLength} chars: ${block.longestLine}`
    );
  }
  return problems;
};

/** The switch whose form item is titled `label` (the Console draws a title above each control). */
const switchFor = (label) =>
  page
    .locator('.ReactModal__Content [class*="field"]', { has: page.getByText(label, { exact: true }) })
    .locator('input[type="checkbox"]')
    .last();

const fillForm = async ({ secretKey, signName, templates, international = false }) => {
  const field = (key) => page.locator(`.ReactModal__Content input[name="formConfig.${key}"]`);
  await field('accessKeyId').fill(defaultAccountInput.secretId);
  await field('accessKeySecret').fill(secretKey);
  await field('sdkAppId').fill(defaultAccountInput.apps[0].sdkAppId);
  await field('region').fill(defaultAccountInput.apps[0].region);
  if (signName !== undefined) {
    await field('signName').fill(signName);
  }
  if (templates !== undefined) {
    const editor = page
      .locator('.ReactModal__Content [class*="field"]', { has: page.getByText('Templates', { exact: true }) })
      .locator('textarea')
      .last();
    await editor.fill(JSON.stringify(templates, undefined, 2));
  }
  // The Console's switch hides its checkbox under a drawn track; a click on the box is what a
  // click on the track does.
  await switchFor('Advanced settings').evaluate((box) => box.checked || box.click());
  // Off, as a new form starts, unless the case sends abroad on purpose.
  await switchFor('International numbers').evaluate((box, on) => box.checked === on || box.click(), international);
  await field('endpoint').fill(endpoint);
};

/** Presses the test "Send" for `phone` and returns the toast (or the success tip) the admin reads. */
const pressSend = async (phone, name) => {
  await page.locator('.ReactModal__Content input[type="tel"]').fill(phone);
  const started = Date.now();
  await page.getByRole('button', { name: /^(Send|发送)$/ }).click();
  // The Console draws its own toast (icon + message) inside react-hot-toast's container.
  const toasts = page.locator('[class*="toast"] [class*="message"]');
  const toast = toasts.last();
  const sent = page.getByText(/^(Test message sent|测试信息已发送)$/);
  await toast.or(sent).first().waitFor();
  const answeredAfterMs = Date.now() - started;
  const text = (await toast.isVisible()) ? await toast.innerText() : await sent.innerText();
  const screenshot = await shot(name);
  // Let the toast go before the next press, so each reading is of one answer.
  await toasts.first().waitFor({ state: 'detached', timeout: 15_000 }).catch(() => {});
  const shownForMs = Date.now() - started - answeredAfterMs;
  return { text: text.trim(), length: [...text.trim()].length, answeredAfterMs, shownForMs, screenshot };
};

/** What an admin reads in the 4.7 s a toast stays. */
const maxToastLength = 200;

const validTemplates = [
  { usageType: 'Generic', templateCode: '1000001', destination: 'mainland', params: ['{{code}}', '10'] },
  { usageType: 'Generic', templateCode: '1000002', destination: 'international', params: ['{{code}}', '10'] },
];
const toastCases = [
  {
    // The control: a correct form must reach the emulator and earn the Console's success tip.
    name: 'correct form',
    phone: '+86 130 1234 5670',
    form: { secretKey: defaultAccountInput.secretKey, signName: defaultAccountInput.signatures[0], templates: validTemplates },
  },
  {
    name: 'premium-rate number',
    phone: '+44 909 879 0000',
    // International numbers on: off, the switch would refuse it before its type is looked at.
    form: { secretKey: defaultAccountInput.secretKey, signName: defaultAccountInput.signatures[0], templates: validTemplates, international: true },
  },
  {
    name: 'template placeholders, no signature',
    phone: '+86 130 1234 5678',
    form: { secretKey: defaultAccountInput.secretKey },
  },
  {
    name: 'wrong SecretKey',
    phone: '+86 130 1234 5679',
    form: { secretKey: 'not-the-right-secret-key', signName: defaultAccountInput.signatures[0], templates: validTemplates },
  },
];

const report = { console: args.consoleBase, endpoint, connector: ourId, languages: {}, toasts: [], problems: [] };
try {
  await signIn();
  for (const language of languages) {
    await setLanguage(language);
    await openPicker();
    const tiles = await readTiles();
    const picker = await shot(`picker-${language.tag}`);
    const ours = tiles.find((tile) => tile.id === ourId);
    const builtIn = tiles.find((tile) => tile.id === builtInTencentId);
    // Pick this connector the way an admin does; the guide it opens is measured afresh per width
    // below, since the Console sizes its code editors once, when they appear.
    await page.locator(`.ReactModal__Content [role="radio"]:has(input[value="${ourId}"])`).click();
    await page.getByRole('button', { name: /^(Next|下一步)$/ }).click();
    await page.locator('.ReactModal__Content input[name="formConfig.accessKeyId"]').waitFor();
    const widths = {};
    for (const width of args.widths) {
      await page.setViewportSize({ width, height: 900 });
      await openGuide();
      const measure = await measureGuide();
      const problems = checkLayout(measure);
      widths[width] = { ...measure, problems, screenshot: await shot(`guide-${language.tag}-${width}`) };
      // A picture of each block that cuts its lines, scrolled into view inside the README panel.
      const pres = page.locator('.ReactModal__Content [class*="__readme"] pre:not(pre pre)');
      for (const [index, block] of measure.codeBlocks.entries()) {
        if (block.cut) {
          const path = join(args.screenshotDir, `guide-${language.tag}-${width}-block-${index + 1}.png`);
          await pres.nth(index).screenshot({ path });
          block.screenshot = path;
        }
      }
      report.problems.push(...problems.map((problem) => `${language.tag} ${width} px: ${problem}`));
    }
    await page.setViewportSize({ width: 1440, height: 900 });
    report.languages[language.tag] = {
      picker: { screenshot: picker, ours, builtIn, tiles },
      widths,
    };
    if (!ours) {
      report.problems.push(`${language.tag}: the picker shows no tile for ${ourId}`);
    }
  }
  // The toasts: Logto wraps the connector's message in its own phrases, which follow the language.
  for (const [round, language] of languages.entries()) {
    await setLanguage(language);
    for (const [index, item] of toastCases.entries()) {
      await openGuide();
      await fillForm(item.form);
      // Each language round texts other numbers: the emulator, like Tencent, refuses a second code
      // to one number within 30 s, which would turn the control into a failure.
      const phone = item.phone.replace(/\d$/, (digit) => String((Number(digit) + round * 4) % 10));
      const toast = await pressSend(phone, `toast-${language.tag}-${index + 1}`);
      report.toasts.push({ language: language.tag, case: item.name, phone, ...toast });
      if (toast.text.includes(defaultAccountInput.secretKey) || toast.text.includes('not-the-right-secret-key')) {
        report.problems.push(`toast for "${item.name}" shows the SecretKey`);
      }
      if (item.name === 'correct form' && !/^(Test message sent|测试信息已发送)$/.test(toast.text)) {
        report.problems.push(`the control send failed in ${language.tag}: ${toast.text}`);
      }
      if (toast.length > maxToastLength) {
        report.problems.push(`toast for "${item.name}" in ${language.tag} is ${toast.length} characters (at most ${maxToastLength})`);
      }
    }
  }
} catch (error) {
  // Where the Console was when a step failed says more than the selector that timed out.
  await shot('failure').catch(() => {});
  console.error(`failed at ${page.url()}`);
  throw error;
} finally {
  await browser.close();
  await emulator?.close();
}

console.log(JSON.stringify(report, null, 2));
const summary = [
  ...Object.entries(report.languages).flatMap(([tag, { widths, picker }]) => [
    ...[picker.ours, picker.builtIn].map(
      (tile) => `${tag}: picker tile ${tile?.id}: "${tile?.name}" — ${tile?.description}${tile?.nameCut ? ' (name cut with …)' : ''}${tile?.descriptionCut ? ' (description clamped)' : ''}`
    ),
    ...Object.values(widths).map(
      (measure) =>
        `${tag} ${measure.viewport} px: page ${measure.documentScrollWidth} px, guide ${measure.modalScrollWidth}/${measure.modalClientWidth} px, ` +
        `readme ${measure.readmeWidth} px, form ${measure.formWidth} px (right edge ${measure.formRightVisible ? 'visible' : 'cut'}), ` +
        `${measure.codeBlocks.filter((block) => block.cut).length}/${measure.codeBlocks.length} code blocks cut`
    ),
  ]),
  ...report.toasts.map((toast) => `${toast.language} toast (${toast.case}): ${toast.length} chars: ${toast.text}`),
  report.problems.length === 0 ? 'PASS' : `FAIL: ${report.problems.length} problem(s)`,
];
console.error(summary.join('\n'));
process.exitCode = report.problems.length === 0 ? 0 : 1;
