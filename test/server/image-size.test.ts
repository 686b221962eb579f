import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {imageSize} from '../../src/server/livechat/image-size.js';
import {PNG_BYTES} from '../helpers/node/uploads.js';

function gif(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(13);
  bytes.write('GIF89a', 'latin1');
  bytes.writeUInt16LE(width, 6);
  bytes.writeUInt16LE(height, 8);
  return bytes;
}

function jpeg(width: number, height: number): Buffer {
  const app0 = Buffer.from([0xff, 0xe0, 0x00, 0x04, 0x00, 0x00]);
  const huffman = Buffer.from([0xff, 0xc4, 0x00, 0x03, 0x00]);
  const frame = Buffer.alloc(11);
  frame.writeUInt16BE(0xffc2, 0);
  frame.writeUInt16BE(9, 2);
  frame.writeUInt8(8, 4);
  frame.writeUInt16BE(height, 5);
  frame.writeUInt16BE(width, 7);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, huffman, frame]);
}

function webp(chunk: string, fill: (bytes: Buffer) => void): Buffer {
  const bytes = Buffer.alloc(32);
  bytes.write('RIFF', 0, 'latin1');
  bytes.write('WEBP', 8, 'latin1');
  bytes.write(chunk, 12, 'latin1');
  fill(bytes);
  return bytes;
}

describe('imageSize', () => {
  it('reads png, gif, progressive jpeg and the three webp forms', () => {
    assert.deepEqual(imageSize(PNG_BYTES, 'image/png'), {width: 1, height: 1});
    assert.deepEqual(imageSize(gif(640, 480), 'image/gif'), {width: 640, height: 480});
    assert.deepEqual(imageSize(jpeg(1024, 768), 'image/jpeg'), {width: 1024, height: 768});
    const extended = webp('VP8X', (b) => {
      b.writeUIntLE(799, 24, 3);
      b.writeUIntLE(599, 27, 3);
    });
    assert.deepEqual(imageSize(extended, 'image/webp'), {width: 800, height: 600});
    const lossless = webp('VP8L', (b) => b.writeUInt32LE(((300 - 1) << 14) | (400 - 1), 21));
    assert.deepEqual(imageSize(lossless, 'image/webp'), {width: 400, height: 300});
    const lossy = webp('VP8 ', (b) => {
      b.writeUInt16LE(320, 26);
      b.writeUInt16LE(240, 28);
    });
    assert.deepEqual(imageSize(lossy, 'image/webp'), {width: 320, height: 240});
  });

  it('gives no size for cut or empty headers and other types', () => {
    assert.equal(imageSize(PNG_BYTES.subarray(0, 20), 'image/png'), null);
    assert.equal(imageSize(gif(0, 10), 'image/gif'), null);
    assert.equal(imageSize(jpeg(10, 10).subarray(0, 12), 'image/jpeg'), null);
    assert.equal(imageSize(Buffer.from([0xff, 0xd8, 0x00, 0x00]), 'image/jpeg'), null);
    assert.equal(imageSize(Buffer.from('%PDF-1.4'), 'application/pdf'), null);
  });
});
