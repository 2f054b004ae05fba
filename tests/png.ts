/** Reading a PNG as a decoder would, to check that a picture Drill sends is one. */
import { crc32, inflateSync } from 'node:zlib';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** Samples per pixel by colour type: grey, RGB, palette, grey + alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

export const isPngSignature = (bytes: Uint8Array) =>
  Buffer.from(bytes).subarray(0, 8).equals(SIGNATURE);

/**
 * The size of a PNG, after checking it whole: the signature, every chunk's CRC, IHDR first,
 * IEND last, and the image data inflating to exactly one filter byte and one row of samples per
 * line. Throws on anything a decoder would refuse.
 */
export function decodePng(bytes: Uint8Array): { width: number; height: number } {
  const b = Buffer.from(bytes);
  if (!isPngSignature(b)) throw new Error('no PNG signature');
  let at = 8;
  let header: { width: number; height: number; depth: number; colour: number } | null = null;
  const data: Buffer[] = [];
  let ended = false;
  while (at + 12 <= b.length && !ended) {
    const length = b.readUInt32BE(at);
    const type = b.toString('latin1', at + 4, at + 8);
    const body = b.subarray(at + 8, at + 8 + length);
    if (crc32(b.subarray(at + 4, at + 8 + length)) !== b.readUInt32BE(at + 8 + length))
      throw new Error(`bad CRC in ${type}`);
    if (!header && type !== 'IHDR') throw new Error('IHDR is not the first chunk');
    if (type === 'IHDR')
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body.readUInt8(8),
        colour: body.readUInt8(9),
      };
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') ended = true;
    at += 12 + length;
  }
  if (!header || !ended) throw new Error('no IHDR or no IEND');
  const channels = CHANNELS[header.colour];
  if (!channels) throw new Error(`colour type ${header.colour}`);
  const row = Math.ceil((header.width * channels * header.depth) / 8);
  const pixels = inflateSync(Buffer.concat(data));
  if (pixels.length !== header.height * (row + 1))
    throw new Error(`${pixels.length} bytes of image data for ${header.width}×${header.height}`);
  return { width: header.width, height: header.height };
}
