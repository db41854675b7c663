/**
 * Test helper: reads a PNG's size from its header and, through headless
 * Chromium, counts the distinct colours of its pixels (an image of a chart has
 * many; a blank one has one).
 */
import { chromium } from 'playwright-core';
import { chromiumArgs, findChromium } from '../../src/index.js';

export const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk (bytes 16-23, big-endian; PNG spec §11.2.2). */
export function pngSize(png: Buffer): { width: number; height: number } {
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Distinct RGBA colours of the image, decoded by the browser. */
export async function distinctColours(png: Buffer): Promise<number> {
  const browser = await chromium.launch({ executablePath: findChromium(), args: chromiumArgs });
  try {
    const page = await browser.newPage();
    // runs in the page (DOM types are not in this project's lib, hence a string)
    const script = `(async () => {
      const img = new Image();
      img.src = 'data:image/png;base64,${png.toString('base64')}';
      await img.decode();
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      const ctx = canvas.getContext('2d');
      ctx.drawImage(img, 0, 0);
      const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
      const seen = new Set();
      for (let i = 0; i < data.length; i += 4) seen.add(((data[i] << 24) | (data[i + 1] << 16) | (data[i + 2] << 8) | data[i + 3]) >>> 0);
      return seen.size;
    })()`;
    return await page.evaluate<number>(script);
  } finally {
    await browser.close();
  }
}
