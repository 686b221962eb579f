import {expect} from '@open-wc/testing';
import {render} from 'lit';
import {renderBanner} from '../../src/agent/render-top-bar.js';
import type {ConsoleSnapshot, ConnectionStatus} from '../../src/agent/types.js';

const snapshot = (connection: ConnectionStatus, isAvailable = true): ConsoleSnapshot => ({
  rooms: [],
  selected: null,
  isChatShown: true,
  messages: [],
  totalUnread: 0,
  connection,
  isAvailable,
  feedback: null,
});

function banner(notice: string, state: ConsoleSnapshot): string {
  const host = document.createElement('div');
  render(renderBanner(notice, state), host);
  return host.querySelector('[role="status"]')!.textContent!.trim();
}

describe('agent console banner', () => {
  it('says the connection is lost even over an earlier failure', () => {
    const failure = 'Could not close the chat. Try again.';
    expect(banner(failure, snapshot('reconnecting'))).to.equal('Connection lost. Reconnecting…');
    expect(banner(failure, snapshot('connected'))).to.equal(failure);
    expect(banner('', snapshot('connected', false))).to.match(/^You are away/);
  });

  it('is empty, taking no room, when there is nothing to say', () => {
    const host = document.createElement('div');
    render(renderBanner('', snapshot('connected')), host);
    expect(host.querySelector('[role="status"]')!.matches(':empty')).to.equal(true);
  });
});
