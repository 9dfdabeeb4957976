/**
 * Reading the text files wsksim is given (vector files, steps scripts, known-failures lists): regular files only,
 * up to a documented size, as UTF-8.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import { VectorFormatError } from '../errors';

/** Largest input file wsksim reads (64 MiB; the whole shipped corpus is under 2 MiB). */
export const MAX_INPUT_BYTES = 64 * 1024 * 1024;

/**
 * Read a regular file as UTF-8 text. Anything else — a directory, a FIFO, a device such
 * as /dev/zero — or a file larger than `limit` is refused with a VectorFormatError naming the file, without reading
 * more than `limit` + 1 bytes, so it never blocks on a pipe nor grows without bound.
 */
export function readInputFile(path: string, what = 'file', limit = MAX_INPUT_BYTES): string {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new VectorFormatError(`cannot read ${what}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, path);
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) throw new VectorFormatError(`cannot read ${what}: not a regular file`, path);
    if (st.size > limit) throw new VectorFormatError(`${what} is ${st.size} bytes, over the ${limit}-byte limit`, path);
    // Read at most limit + 1 bytes whatever the reported size (files under /proc report 0).
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(1 << 20, limit + 1 - total));
      const n = readSync(fd, chunk, 0, chunk.length, null);
      if (n === 0) break;
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total > limit) throw new VectorFormatError(`${what} is over the ${limit}-byte limit`, path);
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    closeSync(fd);
  }
}
