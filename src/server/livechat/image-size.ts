/** An image's size in pixels. */
export interface ImageSize {
  width: number;
  height: number;
}

const valid = (width: number, height: number): ImageSize | null =>
  width > 0 && height > 0 ? {width, height} : null;

function jpegSize(bytes: Buffer): ImageSize | null {
  let at = 2;
  while (at + 9 < bytes.length) {
    if (bytes[at] !== 0xff) return null;
    const marker = bytes[at + 1];
    // Start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return valid(bytes.readUInt16BE(at + 7), bytes.readUInt16BE(at + 5));
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  return null;
}

function webpSize(bytes: Buffer): ImageSize | null {
  if (bytes.length < 30) return null;
  const chunk = bytes.toString('latin1', 12, 16);
  if (chunk === 'VP8X') {
    return valid(bytes.readUIntLE(24, 3) + 1, bytes.readUIntLE(27, 3) + 1);
  }
  if (chunk === 'VP8L') {
    const bits = bytes.readUInt32LE(21);
    return valid((bits & 0x3fff) + 1, ((bits >> 14) & 0x3fff) + 1);
  }
  if (chunk === 'VP8 ') {
    return valid(bytes.readUInt16LE(26) & 0x3fff, bytes.readUInt16LE(28) & 0x3fff);
  }
  return null;
}

/**
 * The size of a png, gif, jpeg or webp image from its header (Rocket.Chat's
 * `image_dimensions`, which lets the widget keep the picture's box before it loads); null when
 * the header does not say.
 */
export function imageSize(bytes: Buffer, type: string): ImageSize | null {
  try {
    switch (type) {
      case 'image/png':
        return bytes.length >= 24 ? valid(bytes.readUInt32BE(16), bytes.readUInt32BE(20)) : null;
      case 'image/gif':
        return bytes.length >= 10 ? valid(bytes.readUInt16LE(6), bytes.readUInt16LE(8)) : null;
      case 'image/jpeg':
        return jpegSize(bytes);
      case 'image/webp':
        return webpSize(bytes);
      default:
        return null;
    }
  } catch {
    // A header cut short: no size, the picture still shows.
    return null;
  }
}
