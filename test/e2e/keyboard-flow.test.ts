import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, Page} from 'playwright';
import {shopDepartment, TEST_AGENT} from '../helpers/node/server-fixture.js';
import {PNG_BYTES} from '../helpers/node/uploads.js';
import {
  newContext,
  roomOf,
  useWidgetSuite,
  widgetHtml,
  type Agent,
  type WidgetSite,
} from '../helpers/node/widget-site.js';
import {
  DEEP_QUERY,
  assertFits,
  assertFocusShown,
  assertNoAxeViolations,
  focusOf,
  pressUntil,
  type Focus,
} from '../helpers/node/keyboard-checks.js';

/** How the page shows the widget: theme, language and viewport (640×400 is 200 % zoom). */
interface Variant {
  name: string;
  attributes: string;
  viewport: {width: number; height: number};
}

const BASE: Variant = {name: 'light', attributes: '', viewport: {width: 1280, height: 800}};
const VARIANTS: Variant[] = [
  {...BASE, name: 'dark', attributes: 'theme="dark"'},
  {...BASE, name: 'Arabic', attributes: 'lang="ar"'},
  {...BASE, name: '200 % zoom', viewport: {width: 640, height: 400}},
];

const DEPARTMENTS = [
  shopDepartment('Sales', TEST_AGENT.username),
  shopDepartment('Workshop', TEST_AGENT.username),
];

// Each screen's controls that must stay in view (`host-tag selector`, through shadow roots).
const HEADER = [
  'lc-window .bar button:not([hidden])',
  'lc-chat-menu .toggle',
  'lc-department-switcher .toggle',
];
const CHAT = [...HEADER, 'lc-composer textarea', 'lc-composer .send', 'lc-composer .attach'];
const SUBMITS = (host: string) => [...HEADER, `${host} button[type=submit]`];

const is =
  (host: string, test: (f: Focus) => boolean = () => true) =>
  (f: Focus) =>
    f.host === host && test(f);
const hasClass = (name: string) => (f: Focus) => f.className.split(' ').includes(name);

/** A page of the shop in `variant`, with `body` (the page's own content) after the widget. */
async function openShop(browser: Browser, site: WidgetSite, variant: Variant, body = '') {
  const context = await newContext(browser);
  await context.addInitScript(DEEP_QUERY);
  const page = await context.newPage();
  await page.setViewportSize(variant.viewport);
  const slug = variant.name.replace(/\W/g, '');
  await page.goto(await site.page(`${slug}.html`, widgetHtml(site.url, variant.attributes, body)));
  return {context, page};
}

/** Checks one screen: focus shown in the widget, no axe violation, nothing cut off. */
async function check(page: Page, variant: Variant, screen: string, controls: string[] | null) {
  const where = `${variant.name}, ${screen}`;
  await assertFocusShown(page, where);
  await assertNoAxeViolations(page, where);
  if (controls) await assertFits(page, where, controls);
}

/** Waits until the deep focus satisfies `wanted` (focus moves after a screen renders). */
async function focusSettles(page: Page, wanted: (f: Focus) => boolean, where: string) {
  // Polled once a frame; the bound only turns a hang into a failure that names the focus.
  for (const giveUp = Date.now() + 15_000; ;) {
    const focus = await focusOf(page);
    assert.notEqual(focus, null, `${where}: focus is lost`);
    if (wanted(focus!)) return;
    assert.ok(Date.now() < giveUp, `${where}: focus stays on ${JSON.stringify(focus)}`);
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
  }
}

/** Waits until a `host` element of the widget shows `text` (any text when empty). */
async function waitForText(page: Page, host: string, text = '') {
  await page.waitForFunction(
    ([tag, wanted]) =>
      window.deepAll(tag).some((e) => {
        const shown = e.shadowRoot!.textContent!.trim();
        return wanted ? shown.includes(wanted) : shown !== '';
      }),
    [host, text] as const,
  );
}

/** In forced colours the launcher and the send button keep a drawn edge. */
async function assertOutlinedInForcedColors(page: Page) {
  await page.emulateMedia({forcedColors: 'active'});
  const edges = await page.evaluate(() => {
    const edge = (element: Element | null) => {
      const s = getComputedStyle(element!);
      const border = s.borderStyle !== 'none' && parseFloat(s.borderWidth) > 0;
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
      const color = border ? s.borderColor : s.outlineColor;
      return (border || outline) && color !== 'rgba(0, 0, 0, 0)';
    };
    return {
      launcher: edge(window.deepAll('button[part=launcher]')[0]!),
      send: edge(window.deepAll('lc-composer')[0]!.shadowRoot!.querySelector('.send')),
    };
  });
  assert.deepEqual(edges, {launcher: true, send: true}, 'edges in forced colours');
  await page.emulateMedia({forcedColors: 'none'});
}

/** Tabs to the launcher, opens the window and registers, by keyboard. */
async function openAndRegister(page: Page) {
  await pressUntil(page, 'Tab', is('lc-launcher'));
  await page.keyboard.press('Enter');
  await focusSettles(
    page,
    is('lc-registration-form', (f) => f.id === 'name'),
    'opened',
  );
  await register(page);
}

/** Fills the registration form from its focused Name field and sends it, by keyboard. */
async function register(page: Page) {
  await page.keyboard.type('Ada Lovelace');
  await page.keyboard.press('Tab');
  await page.keyboard.type('ada@example.com');
  await pressUntil(page, 'Tab', (f) => f.tag === 'select');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await pressUntil(page, 'Tab', (f) => f.type === 'submit');
  await page.keyboard.press('Enter');
  await focusSettles(
    page,
    is('lc-composer', (f) => f.tag === 'textarea'),
    'registered',
  );
}

describe('the whole chat with the keyboard alone', () => {
  let site: WidgetSite;
  let browser: Browser;
  let desk: Agent;
  useWidgetSuite((suite) => void ({site, browser, agent: desk} = suite), {
    settings: {
      registrationForm: true,
      routing: 'manual',
      transcript: true,
      allowSwitchingDepartments: true,
      departments: DEPARTMENTS,
    },
  });

  async function walk(variant: Variant): Promise<void> {
    const {context, page} = await openShop(browser, site, variant);
    const fits = variant.viewport.width < 1000;
    // Listening from the start: Playwright turns on its file chooser interception
    // asynchronously, and a chooser opened before that would be the browser's own.
    const chooser = page.waitForEvent('filechooser', {timeout: 0});
    chooser.catch(() => {});

    // Launcher: the first Tab stop of the page.
    await pressUntil(page, 'Tab', is('lc-launcher'));
    await check(page, variant, 'launcher', null);

    // Registration: Enter opens the window and focus moves into it.
    await page.keyboard.press('Enter');
    await focusSettles(
      page,
      is('lc-registration-form', (f) => f.id === 'name'),
      'opened',
    );
    await check(page, variant, 'registration', fits ? SUBMITS('lc-registration-form') : null);
    // Sent empty first: focus moves to the first refused field, errors tied to the fields.
    await pressUntil(page, 'Tab', (f) => f.type === 'submit');
    await page.keyboard.press('Enter');
    await focusSettles(
      page,
      is('lc-registration-form', (f) => f.id === 'name'),
      'refused',
    );
    await check(page, variant, 'registration errors', null);
    await register(page);

    // Chat: focus lands in the composer; the first message puts the visitor in line.
    await check(page, variant, 'chat', fits ? CHAT : null);
    await page.keyboard.type('Is my bike ready?');
    await page.keyboard.press('Enter');
    await waitForText(page, 'lc-queue-banner');
    await check(page, variant, 'queue', fits ? CHAT : null);
    if (variant === BASE) await assertOutlinedInForcedColors(page);

    // "Attach a file" with Enter opens the file chooser.
    await pressUntil(page, 'Shift+Tab', is('lc-composer', hasClass('attach')));
    await page.keyboard.press('Enter');
    await (await chooser).setFiles({name: 'receipt.png', mimeType: 'image/png', buffer: PNG_BYTES});
    await page.waitForFunction(() => window.deepAll('img[alt="receipt.png"]').length > 0);

    // The agent takes the chat and answers.
    const rid = await roomOf(page);
    await desk.takeInquiryOf(rid);
    await desk.reply(rid, 'Yes, since this morning.');
    await waitForText(page, 'lc-message-list', 'Yes, since this morning.');
    const heard = await page.evaluate(() =>
      window.deepAll('.announcer p').map((p) => p.textContent!.trim()),
    );
    assert.deepEqual(
      heard.filter((t) => t.includes('morning')),
      ['Agent Smith: Yes, since this morning.'],
      'the reply is announced once',
    );
    assert.ok(!heard.some((t) => t.includes('bike')), "the visitor's own words are not");
    await check(page, variant, 'chat with the agent', fits ? CHAT : null);

    // "Change department" and "Chat options": pop-ups that Escape closes, focus back on them.
    await pressUntil(page, 'Shift+Tab', is('lc-department-switcher', hasClass('toggle')));
    await page.keyboard.press('Enter');
    await focusSettles(
      page,
      is('lc-department-switcher', (f) => f.tag === 'select'),
      'panel',
    );
    await check(page, variant, 'department panel', fits ? SUBMITS('lc-department-switcher') : null);
    await page.keyboard.press('Escape');
    await focusSettles(page, is('lc-department-switcher', hasClass('toggle')), 'panel closed');
    await pressUntil(page, 'Tab', is('lc-chat-menu', hasClass('toggle')));
    await page.keyboard.press('Enter');
    await focusSettles(
      page,
      is('lc-chat-menu', (f) => f.className === 'item'),
      'menu',
    );
    await check(page, variant, 'chat options', null);
    await page.keyboard.press('Escape');
    await focusSettles(page, is('lc-chat-menu', hasClass('toggle')), 'menu closed');

    // End chat → confirmation (focus on Cancel) → End chat.
    await pressUntil(page, 'Shift+Tab', is('lc-window', hasClass('end')));
    await page.keyboard.press('Enter');
    await focusSettles(page, is('lc-window', hasClass('cancel')), 'confirmation');
    await check(page, variant, 'end confirmation', null);
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');

    // Finished: focus on the closing words, then the rating with arrow keys.
    await focusSettles(page, is('lc-finished', hasClass('headline')), 'ended');
    await check(page, variant, 'finished', fits ? SUBMITS('lc-finished') : null);
    for (const presses of [4, 3]) {
      await pressUntil(
        page,
        'Tab',
        is('lc-rating-form', (f) => f.type === 'radio'),
      );
      await page.keyboard.press('Space');
      for (let i = 0; i < presses; i += 1) await page.keyboard.press('ArrowDown');
    }
    await pressUntil(
      page,
      'Tab',
      is('lc-rating-form', (f) => f.tag === 'textarea'),
    );
    await page.keyboard.type('Quick and kind.');
    await check(page, variant, 'rating', fits ? SUBMITS('lc-rating-form') : null);
    await pressUntil(
      page,
      'Tab',
      is('lc-rating-form', (f) => f.type === 'submit'),
    );
    await page.keyboard.press('Enter');
    await focusSettles(page, is('lc-rating-form', hasClass('done')), 'rated');
    await check(page, variant, 'rated', null);

    // The transcript, by email prefilled from the registration.
    await pressUntil(
      page,
      'Shift+Tab',
      is('lc-transcript-form', (f) => f.type === 'submit'),
    );
    await check(page, variant, 'transcript', fits ? SUBMITS('lc-transcript-form') : null);
    await page.keyboard.press('Enter');
    await focusSettles(page, is('lc-transcript-form', hasClass('done')), 'transcript sent');
    await check(page, variant, 'transcript sent', null);
    const {surveyFeedback, transcriptRequests} = await desk.feedback(rid);
    assert.equal(surveyFeedback.satisfaction, '5');
    assert.equal(surveyFeedback.agentKnowledge, '4');
    assert.equal(surveyFeedback.additionalFeedback, 'Quick and kind.');
    assert.equal(transcriptRequests[0].email, 'ada@example.com');
    const said = (await desk.messages(rid)).filter((m) => !m.t);
    assert.deepEqual(
      said.map((m) => m.msg || m.file?.name),
      ['Is my bike ready?', 'receipt.png', 'Yes, since this morning.'],
    );

    // "Start a new chat", then Escape puts focus back on the launcher.
    await pressUntil(page, 'Tab', is('lc-finished', hasClass('new-chat')));
    await page.keyboard.press('Enter');
    await focusSettles(
      page,
      is('lc-composer', (f) => f.tag === 'textarea'),
      'new chat',
    );
    await check(page, variant, 'new chat', fits ? CHAT : null);
    await page.keyboard.press('Escape');
    await focusSettles(page, is('lc-launcher'), 'closed');
    await check(page, variant, 'closed', null);
    assert.equal(await page.getByRole('dialog').count(), 0, 'the window is closed');
    assert.equal(await page.getByRole('button', {expanded: false}).count(), 1, 'the launcher');
    await context.close();
  }

  it('launcher, registration, queue, file, agent, end, rating, transcript, new chat', () =>
    walk(BASE));

  for (const variant of VARIANTS) {
    it(`the same walk in ${variant.name}`, () => walk(variant));
  }

  it('outlines the unread badge in forced colours; focus stays when the agent ends', async () => {
    const {context, page} = await openShop(browser, site, BASE);
    await openAndRegister(page);
    await page.keyboard.type('Hello?');
    await page.keyboard.press('Enter');
    await waitForText(page, 'lc-queue-banner');
    const rid = await roomOf(page);
    await desk.takeInquiryOf(rid);

    // Closed, an agent reply raises the unread badge, which forced colours keep outlined.
    await page.keyboard.press('Escape');
    await focusSettles(page, is('lc-launcher'), 'minimised');
    await desk.reply(rid, 'Still there?');
    await page.waitForFunction(() => window.deepAll('.badge:not([hidden])').length === 1);
    // Words for screen readers, which the window's chunk gave the launcher.
    assert.equal(
      await page.evaluate(
        () => window.deepAll('lc-launcher')[0]!.shadowRoot!.getElementById('unread')!.textContent,
      ),
      '1 unread message',
    );
    await page.emulateMedia({forcedColors: 'active'});
    const badge = await page.evaluate(() => {
      const style = getComputedStyle(window.deepAll('.badge')[0]!);
      return [
        style.outlineStyle,
        parseFloat(style.outlineWidth) > 0,
        style.outlineColor !== 'rgba(0, 0, 0, 0)',
      ];
    });
    assert.deepEqual(badge, ['solid', true, true], 'the badge keeps its edge');
    await page.emulateMedia({forcedColors: 'none'});
    await page.keyboard.press('Enter');
    await focusSettles(
      page,
      is('lc-composer', (f) => f.tag === 'textarea'),
      'reopened',
    );
    await page.keyboard.type('One more thing');
    await desk.close(rid);
    await focusSettles(page, is('lc-finished', hasClass('headline')), 'closed by the agent');
    await assertFocusShown(page, 'closed by the agent');
    await context.close();
  });

  it('on a 360×640 phone the window covers the page: Tab and Shift+Tab go round it', async () => {
    const behind = '<p><a href="#faq">Questions</a> <a href="#contact">Contact</a></p>';
    const tour = async (variant: Variant) => {
      const {context, page} = await openShop(browser, site, variant, behind);
      await openAndRegister(page);
      const stops: (Focus | null)[] = [];
      for (const key of ['Tab', 'Shift+Tab']) {
        // At least twice round the window's stops (four in the header, log, attach, text box).
        for (let i = 0; i < 24; i += 1) {
          await page.keyboard.press(key);
          stops.push(await focusOf(page));
        }
      }
      await context.close();
      return stops;
    };
    const phone = await tour({...BASE, name: 'phone', viewport: {width: 360, height: 640}});
    const left = phone.findIndex((f) => !f?.inWidget);
    assert.equal(left, -1, `Tab stop ${left + 1} is ${JSON.stringify(phone[left])}, out of sight`);
    const boxes = phone.filter((f) => f!.host === 'lc-composer' && f!.tag === 'textarea');
    assert.ok(boxes.length >= 4, 'each way, the text box comes round again');
    // Where the page shows beside the window, Tab goes on to it.
    const desktop = await tour({...BASE, name: 'beside the page'});
    assert.ok(
      desktop.some((f) => f?.tag === 'a'),
      "the page's links are Tab stops beside the window",
    );
  });

  it('opens the window without animation when the visitor asks for reduced motion', async () => {
    const {context, page} = await openShop(browser, site, BASE);
    await page.emulateMedia({reducedMotion: 'reduce'});
    await pressUntil(page, 'Tab', is('lc-launcher'));
    await page.keyboard.press('Enter');
    await focusSettles(page, is('lc-registration-form'), 'opened');
    const longest = await page.evaluate(() => {
      const all = (root: Document | ShadowRoot): Animation[] => [
        ...root.getAnimations(),
        ...[...root.querySelectorAll('*')].flatMap((e) => (e.shadowRoot ? all(e.shadowRoot) : [])),
      ];
      return Math.max(
        0,
        ...all(document).map((a) => Number(a.effect?.getComputedTiming().duration) || 0),
      );
    });
    assert.ok(longest < 1, `the window opens in ${longest} ms`);
    await context.close();
  });
});

describe('the offline form with the keyboard alone', () => {
  let site: WidgetSite;
  let browser: Browser;
  useWidgetSuite((suite) => void ({site, browser} = suite), {
    agents: [{...TEST_AGENT, available: false}],
    settings: {departments: DEPARTMENTS},
  });

  for (const variant of [BASE, ...VARIANTS]) {
    it(`leaves a message (${variant.name})`, async () => {
      const {context, page} = await openShop(browser, site, variant);
      const fits = variant.viewport.width < 1000;
      await pressUntil(page, 'Tab', is('lc-launcher'));
      await page.keyboard.press('Enter');
      await focusSettles(
        page,
        is('lc-offline-form', (f) => f.id === 'name'),
        'opened',
      );
      await check(page, variant, 'offline form', fits ? SUBMITS('lc-offline-form') : null);
      await page.keyboard.type('Grace Hopper');
      await page.keyboard.press('Tab');
      await page.keyboard.type('grace@example.com');
      await pressUntil(page, 'Tab', (f) => f.tag === 'textarea');
      await page.keyboard.type('Do you fix tandems?');
      await pressUntil(page, 'Tab', (f) => f.type === 'submit');
      await page.keyboard.press('Enter');
      await focusSettles(page, is('lc-offline-form', hasClass('done')), 'sent');
      await check(page, variant, 'offline sent', null);
      await page.keyboard.press('Escape');
      await focusSettles(page, is('lc-launcher'), 'closed');
      await context.close();
    });
  }
});
