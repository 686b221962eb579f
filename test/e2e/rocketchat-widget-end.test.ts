import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Browser, Page} from 'playwright';
import {chatList, consoleOf} from '../helpers/node/console-page.js';
import {naturalWidth, photo, rcLauncher, rcSay} from '../helpers/node/rc-widget.js';
import {rcSite, rcVisitor} from '../helpers/node/rc-site.js';
import {shopDepartment, TEST_AGENT} from '../helpers/node/server-fixture.js';
import {agentOf, type WidgetSite} from '../helpers/node/widget-site.js';

const WES = {username: 'wes', password: 'wes-password', name: 'Wes Wrench'};
const QUOTE_PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

/** Chooses a file in the console the way an agent does. */
async function attach(agent: Page, file: {name: string; mimeType: string; buffer: Buffer}) {
  const chooser = agent.waitForEvent('filechooser');
  await agent.getByRole('button', {name: 'Attach a file'}).click();
  await (await chooser).setFiles(file);
}

describe("Rocket.Chat's widget on the reference server: departments, files, transfer, the end", () => {
  let site: WidgetSite;
  let browser: Browser;
  let host: string;

  before(async () => {
    ({site, host, browser} = await rcSite({
      agents: [TEST_AGENT, WES],
      settings: {
        registrationForm: true,
        transcript: true,
        departments: [
          shopDepartment('Sales', TEST_AGENT.username),
          shopDepartment('Workshop', WES.username),
        ],
      },
    }));
  });

  after(async () => {
    await browser?.close();
    await site?.close();
  });

  /** A new visitor page that registers with its pre-chat form, choosing `department`. */
  async function register(name: string, department: string) {
    const visitor = await rcVisitor(browser, host);
    const {rc} = visitor;
    await rcLauncher(rc).click();
    await rc.locator('input[name="name"]').fill(name);
    await rc.locator('input[name="email"]').fill(`${name.toLowerCase()}@example.com`);
    await rc.locator('select[name="department"]').selectOption({label: department});
    await rc.getByRole('button', {name: /start chat/i}).click();
    return visitor;
  }

  it("takes the department from its form, shows the agent's picture and PDF, follows a transfer, mails the transcript, starts a new chat", async () => {
    const smith = await consoleOf(browser, site.url, TEST_AGENT);
    const wes = await consoleOf(browser, site.url, WES);
    const {page: visitor, rc, problems, allowedNosub} = await register('Rita', 'Sales');
    await rcSay(visitor, 'Which saddle fits my bike?');

    // Sales' agent gets the chat, in Sales.
    await smith.bringToFront();
    await chatList(smith).getByRole('button', {name: /Rita/}).click();
    await smith.getByRole('log').getByText('Which saddle fits my bike?').waitFor();
    const [room] = await (await agentOf(site.url)).rooms();
    assert.equal(room.departmentId, 'sales');
    await rc.getByText(TEST_AGENT.name).first().waitFor();

    // The agent's picture shows; the PDF is a download link that serves the file.
    await attach(smith, {name: 'saddle.png', mimeType: 'image/png', buffer: await photo(smith)});
    await attach(smith, {name: 'quote.pdf', mimeType: 'application/pdf', buffer: QUOTE_PDF});
    const picture = rc.locator('img[src*="saddle.png"]');
    const width = await naturalWidth(picture);
    assert.equal(width, 64, 'the widget shows the picture');
    const link = rc.locator('a[href*="quote.pdf"]');
    assert.equal(await link.getAttribute('download'), '', 'a download link');
    const download = await link.evaluate(async (a: HTMLAnchorElement) => {
      const response = await fetch(a.href);
      return {type: response.headers.get('content-type'), body: await response.text()};
    });
    assert.match(download.type ?? '', /^application\/pdf/);
    assert.equal(download.body, QUOTE_PDF.toString());

    // Transferred to Workshop: its agent takes over, and the widget names them.
    await smith.getByRole('button', {name: 'Transfer', exact: true}).click();
    const dialog = smith.getByRole('dialog', {name: 'Transfer chat'});
    const target = dialog.getByRole('combobox', {name: 'Transfer to'});
    await target.locator('option', {hasText: 'Workshop'}).waitFor({state: 'attached'});
    await target.selectOption({label: 'Workshop'});
    await dialog.getByRole('button', {name: 'Transfer', exact: true}).click();
    await rc.getByText(WES.name).first().waitFor();
    await rc.getByText('transferred the chat to the department Workshop').waitFor();

    // Workshop's agent ends it: the widget offers the transcript, which goes to Rita's address.
    await wes.bringToFront();
    await chatList(wes).getByRole('button', {name: /Rita/}).click();
    await wes.getByRole('log').getByText('Which saddle fits my bike?').waitFor();
    allowedNosub.add(room._id);
    await wes.getByRole('button', {name: 'Close chat'}).click();
    await wes.getByRole('button', {name: 'Confirm close'}).click();
    await visitor.bringToFront();
    await rc.getByText('Would you like a copy of this chat emailed?').waitFor();
    await rc.getByRole('button', {name: 'Yes'}).click();
    await rc.getByText('Transcript sent').waitFor();
    const {transcriptRequests} = await (await agentOf(site.url, WES)).feedback(room._id);
    assert.equal(transcriptRequests[0]?.email, 'rita@example.com');

    // "New Chat": a second room, which the console lists as a chat of its own.
    await rc.getByRole('button', {name: 'OK'}).click();
    await rc.getByText('Chat Finished').waitFor();
    await rc.getByRole('button', {name: 'New Chat'}).click();
    await rcSay(visitor, 'One more thing: a bell?');
    await smith.bringToFront();
    await chatList(smith).getByRole('button', {name: /Rita/}).click();
    await smith.getByRole('log').getByText('One more thing: a bell?').waitFor();
    assert.equal(await smith.getByRole('log').getByText('Which saddle fits my bike?').count(), 0);
    const rooms = await (await agentOf(site.url)).openRoomIds();
    assert.equal(rooms.length, 1);
    assert.notEqual(rooms[0], room._id, 'a new room');
    assert.deepEqual(problems, []);
  });

  it('ends the chat from its Options menu, which the console shows as closed', async () => {
    const smith = await consoleOf(browser, site.url, TEST_AGENT);
    const {page: visitor, rc, problems, allowedNosub} = await register('Noor', 'Sales');
    await rcSay(visitor, 'Never mind, found it.');
    await smith.bringToFront();
    await chatList(smith).getByRole('button', {name: /Noor/}).click();
    await smith.getByRole('log').getByText('Never mind, found it.').waitFor();
    const desk = await agentOf(site.url);
    const rid = (await desk.rooms()).find((r) => r.fname === 'Noor')?._id;
    assert.ok(rid);
    allowedNosub.add(rid);

    await visitor.bringToFront();
    await rc.getByRole('button', {name: 'Options'}).click();
    await rc.getByText('Finish this chat').click();
    await rc.getByText('Are you sure you want to finish this chat?').waitFor();
    await rc.getByRole('button', {name: 'Yes'}).click();
    await rc.getByText('Would you like a copy of this chat emailed?').waitFor();
    await smith.bringToFront();
    await smith.getByRole('status').getByText('This chat is closed').waitFor();
    assert.ok(!(await desk.openRoomIds()).includes(rid), 'the room is closed');
    assert.deepEqual(problems, []);
  });

  it("moves the chat to another department from its Options menu, to that department's agent", async () => {
    const wes = await consoleOf(browser, site.url, WES);
    const {page: visitor, rc, problems} = await register('Sami', 'Sales');
    await rcSay(visitor, 'Actually, it is a repair.');
    await rc.getByText(TEST_AGENT.name).first().waitFor();

    await rc.getByRole('button', {name: 'Options'}).click();
    await rc.getByText('Change department').click();
    await rc.locator('select[name="department"]').selectOption({label: 'Workshop'});
    await rc.getByRole('button', {name: /start chat/i}).click();
    await rc.getByText('Are you sure you want to switch the department?').waitFor();
    await rc.getByRole('button', {name: 'Yes'}).click();
    await rc.getByText('Department switched').waitFor();
    await rc.getByRole('button', {name: 'OK'}).click();
    await rc.locator('header').getByText(WES.name).waitFor();

    // Workshop's agent has it, with what was said, and answers in the same widget.
    await wes.bringToFront();
    await chatList(wes).getByRole('button', {name: /Sami/}).click();
    await wes.getByRole('log').getByText('Actually, it is a repair.').waitFor();
    const room = (await (await agentOf(site.url, WES)).rooms()).find((r) => r.fname === 'Sami');
    assert.equal(room?.departmentId, 'workshop');
    await wes.getByLabel('Message').fill('Bring it in tomorrow.');
    await wes.getByRole('button', {name: 'Send'}).click();
    await rc.getByText('Bring it in tomorrow.').waitFor();
    assert.deepEqual(problems, []);
  });
});
