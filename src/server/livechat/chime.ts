/** Where the server serves its message sound; `config` names it in `resources.sound`. */
export const CHIME_PATH = '/sounds/chime.wav';

const SAMPLE_RATE = 16_000;
const SECONDS = 0.4;

/**
 * A short two-tone "ding" (A5 and E6, decaying), synthesised here so that the server ships no
 * third-party audio: 16 kHz, 8-bit mono PCM WAV, about 6 KB. Rocket.Chat's own widget plays
 * `resources.sound` for every new message and fails on every one when there is none.
 */
export function chimeWav(): Buffer {
  const samples = Math.round(SAMPLE_RATE * SECONDS);
  const wav = Buffer.alloc(44 + samples);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + samples, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16); // fmt chunk size
  wav.writeUInt16LE(1, 20); // PCM
  wav.writeUInt16LE(1, 22); // mono
  wav.writeUInt32LE(SAMPLE_RATE, 24);
  wav.writeUInt32LE(SAMPLE_RATE, 28); // bytes per second: one byte per sample
  wav.writeUInt16LE(1, 32); // block align
  wav.writeUInt16LE(8, 34); // bits per sample
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(samples, 40);
  for (let i = 0; i < samples; i++) {
    const t = i / SAMPLE_RATE;
    // A 5 ms attack avoids a click; the decay makes it a bell rather than a beep.
    const envelope = Math.min(1, t / 0.005) * Math.exp(-t * 9);
    const tone = 0.7 * Math.sin(2 * Math.PI * 880 * t) + 0.3 * Math.sin(2 * Math.PI * 1320 * t);
    wav[44 + i] = Math.round(128 + 100 * envelope * tone);
  }
  return wav;
}
