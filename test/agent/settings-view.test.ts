import {expect, fixture, html} from '@open-wc/testing';
import type {AdminSettings} from '../../src/agent/admin-api.js';
import type {LcAgentAvatar} from '../../src/agent/avatar-picker.js';
import type {AdminIntent, AdminState} from '../../src/agent/console-admin.js';
import {defineAgentElements} from '../../src/agent/define.js';
import {deepActiveElement} from '../../src/agent/focus.js';
import type {LcAgentSettings} from '../../src/agent/settings-view.js';

defineAgentElements();

const SETTINGS: AdminSettings = {
  title: 'Kettle & Crank',
  color: '#0f766e',
  offlineTitle: 'Leave us a message',
  offlineColor: '#475569',
  offlineMessage: 'We are out.',
  offlineSuccessMessage: 'Thanks!',
  registrationFormMessage: 'Who are you?',
  conversationFinishedMessage: 'Bye.',
  transcriptMessage: 'A copy?',
  smtpUrl: '',
  mailFrom: 'live-chat <no-reply@localhost>',
  offlineEmail: '',
  fileUploadRetentionDays: 0,
  chatRetentionDays: 0,
  visitorInactivityCloseMinutes: 0,
  visitorInactivityCloseMessage: 'Closed.',
  businessHours: {enabled: false, timeZone: 'UTC', days: {}},
  departments: [{_id: 'sales', name: 'Sales', showOnRegistration: true, agents: []}],
};

const loaded = (forms: AdminState['forms'] = {}): AdminState => ({
  status: 'loaded',
  settings: SETTINGS,
  agents: [{username: 'admin', name: 'Admin', isAdmin: true, openChats: 0}],
  forms,
});

describe('agent console: Settings while a save runs', () => {
  for (const [form, button] of [
    ['widget', 'Save widget settings'],
    ['departments', 'Save departments'],
    ['add-agent', 'Add agent'],
  ] as const) {
    it(`keeps the keyboard focus on "${button}" while it saves, and says it is busy`, async () => {
      const view = await fixture<LcAgentSettings>(
        html`<lc-agent-settings .state=${loaded()}></lc-agent-settings>`,
      );
      const save = [...view.shadowRoot!.querySelectorAll('button')].find(
        (b) => b.textContent!.trim() === button,
      )!;
      save.focus();
      view.state = loaded({[form]: {busy: true, message: 'Saving…', isError: false}});
      await view.updateComplete;
      expect(save.getAttribute('aria-disabled')).to.equal('true');
      expect(deepActiveElement()).to.equal(save, 'focus stays on the button');

      view.state = loaded({[form]: {busy: false, message: 'Saved.', isError: false}});
      await view.updateComplete;
      expect(save.getAttribute('aria-disabled')).to.equal('false');
      expect(deepActiveElement()).to.equal(save);
    });
  }

  it('a second press while saving sends the save once', async () => {
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const {ConsoleAdmin} = await import('../../src/agent/console-admin.js');
    let calls = 0;
    // A save that never answers: the form stays busy.
    const api = {
      saveSettings: () => {
        calls += 1;
        return new Promise<never>(() => undefined);
      },
    };
    const fakeHost = Object.assign(host, {
      renderRoot: host,
      updateComplete: Promise.resolve(true),
      addController: () => undefined,
      requestUpdate: () => undefined,
      removeController: () => undefined,
    });
    const admin = new ConsoleAdmin(fakeHost);
    (admin as unknown as {api: unknown}).api = api;
    admin.hostConnected();
    const intent: AdminIntent = {action: 'save-settings', form: 'widget', values: {title: 'A'}};
    for (let i = 0; i < 2; i += 1) {
      host.dispatchEvent(new CustomEvent('lc-agent-admin', {detail: intent}));
    }
    admin.hostDisconnected();
    expect(calls).to.equal(1);
  });
});

describe('agent console: Change picture while a picture uploads', () => {
  it('keeps the keyboard focus on the button, which says it is busy', async () => {
    const picker = await fixture<LcAgentAvatar>(
      html`<lc-agent-avatar name="Ada" src=""></lc-agent-avatar>`,
    );
    const button = picker.shadowRoot!.querySelector('button')!;
    button.focus();
    picker.busy = true;
    await picker.updateComplete;
    expect(button.getAttribute('aria-disabled')).to.equal('true');
    expect(deepActiveElement()).to.equal(button);
  });
});
