import type {ReactiveController} from 'lit';
import type {LcEventDetails} from '../events/events.js';
import {listen, type Listener} from './listeners.js';
import {TabElection} from './tab-election.js';
import type {WidgetHost} from './widget-host.js';

// Before any gesture in the page, browsers refuse to start audio (and say so in the console).
const hasGesture = () => navigator.userActivation?.hasBeenActive ?? true;

const TONE_HZ = 880;
const TONE_SECONDS = 0.18;
const TONE_GAIN = 0.15;

/**
 * Plays a short tone (WebAudio, no sound file) for each agent message, in one tab only: the
 * tabs of a site elect the player with a Web Lock, which the tab the visitor last used (a
 * click or key press, or becoming visible after one) takes over. A tab the visitor has not
 * touched never plays: browsers refuse to start audio there. `no-sound` silences it.
 */
export class SoundController implements ReactiveController {
  private audio: AudioContext | null = null;
  private readonly player = new TabElection(() => `live-chat:sound:${this.host.shell.server}`);

  constructor(private readonly host: WidgetHost) {
    host.addController(this);
  }

  hostConnected(): void {
    listen(true, this.listeners);
    if (hasGesture()) this.player.queue();
  }

  hostDisconnected(): void {
    listen(false, this.listeners);
    this.player.stop();
    void this.audio?.close().catch(() => undefined);
    this.audio = null;
  }

  private get listeners(): Listener[] {
    return [
      [this.host.shell, 'lc-message-received', this.handleMessage],
      [window, 'pointerdown', this.handleGesture, true],
      [window, 'keydown', this.handleGesture, true],
      [document, 'visibilitychange', this.handleVisibility],
    ];
  }

  private play(): void {
    const Context = globalThis.AudioContext;
    if (!Context || !hasGesture()) return;
    try {
      this.audio ??= new Context();
      const audio = this.audio;
      void audio.resume().catch(() => undefined);
      const now = audio.currentTime;
      const tone = audio.createOscillator();
      const volume = audio.createGain();
      tone.frequency.value = TONE_HZ;
      volume.gain.setValueAtTime(TONE_GAIN, now);
      volume.gain.exponentialRampToValueAtTime(0.0001, now + TONE_SECONDS);
      tone.connect(volume).connect(audio.destination);
      tone.start(now);
      tone.stop(now + TONE_SECONDS);
    } catch {
      // No audio device or a blocked context: a chat without sound is still a chat.
    }
  }

  private readonly handleMessage = (event: Event): void => {
    const {message} = (event as CustomEvent<LcEventDetails['lc-message-received']>).detail;
    if (this.host.shell.noSound || !this.player.isElected || message.author.role !== 'agent')
      return;
    this.play();
  };

  private readonly handleGesture = (): void => {
    this.player.steal();
  };

  private readonly handleVisibility = (): void => {
    if (document.visibilityState === 'visible' && hasGesture()) this.player.steal();
  };
}
