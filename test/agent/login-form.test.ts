import {expect, fixture, html, waitUntil} from '@open-wc/testing';
import {defineAgentElements} from '../../src/agent/define.js';
import type {LcAgentLogin} from '../../src/agent/login-form.js';

defineAgentElements();

describe('agent console: the login form after too many failures', () => {
  it('counts the wait down with the button off, then lets the agent try again', async () => {
    const form = await fixture<LcAgentLogin>(
      html`<lc-agent-login
        error="Too many failed attempts. Try again in 2 seconds."
        .retryAt=${Date.now() + 1500}
      ></lc-agent-login>`,
    );
    const alert = () => form.shadowRoot!.querySelector('[role="alert"]')!.textContent!.trim();
    const button = form.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!;
    expect(alert()).to.equal('Too many failed attempts. Try again in 2 seconds.');
    expect(button.disabled).to.equal(true);
    await waitUntil(() => alert().includes('in 1 second.'), 'the wait counts down', {
      timeout: 3000,
    });
    await waitUntil(() => !button.disabled, 'the button comes back', {timeout: 3000});
    expect(alert()).to.equal('You can try again now.');
  });
});
