/**
 * The files a run writes. Names are fixed and always inside the output folder: no config value becomes a
 * path outside it.
 */

import { createWriteStream, mkdirSync, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import { join, resolve } from 'node:path';
import { UserError } from '../core/errors.js';

export { OUTPUT_FILES } from '../core/output-files.js';
import { OUTPUT_FILES } from '../core/output-files.js';

/** Creates the output folder, with a clear error when it cannot be made. */
export function prepareOutputDir(dir: string): string {
  const abs = resolve(dir);
  try {
    mkdirSync(abs, { recursive: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new UserError('E_OUTPUT_DIR', `cannot create the output folder ${abs} (${code})`, {
      hint: code === 'EACCES' ? 'choose a folder you can write to with --out DIR' : 'check the path given with --out or output.dir',
    });
  }
  return abs;
}

/** A line-oriented output file with back-pressure, so a fast scorer cannot fill memory ahead of the disk. */
export class LineWriter {
  private readonly stream: WriteStream;
  private failed: Error | null = null;
  count = 0;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' });
    this.stream.on('error', (error) => {
      this.failed = error;
    });
  }

  /** Writes text; waits when the stream's buffer is full. */
  async write(text: string): Promise<void> {
    if (this.failed) throw outputError(this.path, this.failed);
    this.count++;
    if (!this.stream.write(text)) await once(this.stream, 'drain');
  }

  /** Flushes and closes the file. */
  async close(): Promise<void> {
    if (this.failed) throw outputError(this.path, this.failed);
    this.stream.end();
    await once(this.stream, 'finish');
    if (this.failed) throw outputError(this.path, this.failed);
  }
}

/** Opens a writer for one of the fixed output files. */
export function openOutput(dir: string, name: (typeof OUTPUT_FILES)[keyof typeof OUTPUT_FILES]): LineWriter {
  return new LineWriter(join(dir, name));
}

function outputError(path: string, error: Error): UserError {
  const code = (error as NodeJS.ErrnoException).code ?? 'EIO';
  const hint =
    code === 'ENOSPC' ? 'the disk is full: free space or choose another folder with --out, then run again' : code === 'EACCES' ? 'choose a folder you can write to with --out' : undefined;
  return new UserError('E_OUTPUT_WRITE', `cannot write ${path} (${code})`, { hint, exitCode: 1 });
}
