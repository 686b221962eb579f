import {expect, fixture, html, waitUntil} from '@open-wc/testing';
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
    let calls = 0;
    // A save that never answers: the form stays busy.
    const {send} = await adminWith({
      saveSettings: () => {
        calls += 1;
        return new Promise<never>(() => undefined);
      },
    });
    const intent: AdminIntent = {action: 'save-settings', form: 'widget', values: {title: 'A'}};
    send(intent);
    send(intent);
    expect(calls).to.equal(1);
  });
});

describe('agent console: Settings when another admin changed the departments', () => {
  it('saves nothing, shows the newest departments and says why', async () => {
    const theirs = [
      ...SETTINGS.departments,
      {_id: 'repairs', name: 'Repairs', showOnRegistration: true, agents: []},
    ];
    const saved: unknown[] = [];
    let fresh = SETTINGS;
    const {admin, send, view} = await adminWith({
      settings: async () => fresh,
      agents: async () => loaded().agents,
      saveSettings: async (values: Partial<AdminSettings>) => {
        saved.push(values);
        return {...fresh, ...values};
      },
    });
    await admin.load();
    // Another admin adds "Repairs"; this one, on the list loaded before, adds "Returns".
    fresh = {...SETTINGS, departments: theirs};
    const mine = [
      ...SETTINGS.departments,
      {_id: 'returns', name: 'Returns', showOnRegistration: true, agents: []},
    ];
    send({action: 'save-settings', form: 'departments', values: {departments: mine}});
    await waitUntil(() => view().forms.departments?.busy === false);
    expect(saved).to.deep.equal([]);
    expect(view().forms.departments!.isError).to.equal(true);
    expect(view().forms.departments!.message).to.match(
      /Another administrator changed the departments/,
    );
    expect(view().settings!.departments.map((d) => d.name)).to.deep.equal(['Sales', 'Repairs']);

    // Made again on what is shown now, it goes through.
    send({
      action: 'save-settings',
      form: 'departments',
      values: {departments: [...theirs, mine[1]!]},
    });
    await waitUntil(() => view().forms.departments?.message === 'Saved.');
    expect(saved).to.have.length(1);
  });
});

/** A `ConsoleAdmin` on `api` (a partial `AdminApi`) for a host that renders nothing. */
async function adminWith(api: Record<string, unknown>) {
  const {ConsoleAdmin} = await import('../../src/agent/console-admin.js');
  const host = await fixture<HTMLElement>(html`<div></div>`);
  const fakeHost = Object.assign(host, {
    renderRoot: host,
    updateComplete: Promise.resolve(true),
    addController: () => undefined,
    requestUpdate: () => undefined,
    removeController: () => undefined,
  });
  const admin = new ConsoleAdmin(fakeHost);
  Object.assign(admin, {api, isAdmin: true});
  admin.hostConnected();
  const send = (intent: AdminIntent) =>
    host.dispatchEvent(new CustomEvent('lc-agent-admin', {detail: intent}));
  const view = () => (admin as unknown as {state: AdminState}).state;
  return {admin, send, view};
}

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

describe('agent console: the Settings section before the role is known', () => {
  it('says it is loading, not that it is for admins only, until `me` answers', async () => {
    const {ConsoleAdmin} = await import('../../src/agent/console-admin.js');
    const {render} = await import('lit');
    const host = await fixture<HTMLElement>(html`<div></div>`);
    const admin = new ConsoleAdmin(
      Object.assign(host, {
        renderRoot: host,
        updateComplete: Promise.resolve(true),
        addController: () => undefined,
        requestUpdate: () => render(admin.render(), host),
        removeController: () => undefined,
      }),
    );
    let answer: (response: Response) => void = () => undefined;
    const realFetch = window.fetch;
    window.fetch = () => new Promise<Response>((resolve) => (answer = resolve));
    try {
      const me = {_id: 'u1', username: 'bob', name: 'Bob'};
      admin.attach('', {userId: 'u1', authToken: 't', me} as never);
      render(admin.render(), host);
      expect(host.textContent!.trim()).to.equal('Loading settings…');
      answer(new Response(JSON.stringify({...me, roles: ['livechat-agent'], success: true})));
      await waitUntil(() => host.textContent!.includes('Only administrators'));
    } finally {
      window.fetch = realFetch;
    }
  });
});

describe('agent console: the agents list', () => {
  it('offers no "Remove" on the admin’s own account, which the server refuses', async () => {
    const state: AdminState = {
      ...loaded(),
      agents: [
        {username: 'admin', name: 'Admin', isAdmin: true, openChats: 0},
        {username: 'bob', name: 'Bob', isAdmin: false, openChats: 1},
      ],
      self: 'admin',
    };
    const view = await fixture<LcAgentSettings>(
      html`<lc-agent-settings .state=${state}></lc-agent-settings>`,
    );
    const removals = [...view.shadowRoot!.querySelectorAll('tbody button.danger')];
    expect(removals.map((b) => b.getAttribute('aria-label'))).to.deep.equal(['Remove bob']);
  });
});
