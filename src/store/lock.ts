/**
 * One writer per store: a lock file created with `open(path, 'wx')` that holds the writer's pid. A second
 * run on the same store fails with E_STORE_IN_USE instead of interleaving its documents with the first; a
 * lock left by a run that was killed (its pid is gone) is taken over with a notice.
 */

import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { UserError } from '../core/errors.js';

/** The code of every "someone else is using this store" error. */
export const STORE_IN_USE = 'E_STORE_IN_USE';

/** A held lock; {@link release} removes the file if it is still ours. */
export interface StoreLock {
  readonly path: string;
  release(): void;
}

/** True when a process with this pid exists (EPERM: it exists but belongs to someone else). */
function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readPid(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** The error for a store another run holds. */
export function storeInUse(storePath: string, detail: string): UserError {
  return new UserError(STORE_IN_USE, `the store ${storePath} is in use by another run (${detail})`, {
    hint: 'wait for the other run to finish, or give this run its own output folder with --out',
    exitCode: 2,
  });
}

/**
 * Takes the lock at `lockPath` for `storePath`. `onNotice` hears about a stale lock that was taken over.
 * Throws {@link STORE_IN_USE} when a live process holds it.
 */
export function acquireLock(lockPath: string, storePath: string, onNotice: (message: string) => void = () => {}): StoreLock {
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(lockPath, 'wx');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EEXIST') {
        throw new UserError('E_STORE_LOCK', `cannot create the lock file ${lockPath} (${code ?? (error as Error).message})`, {
          hint: 'choose a folder you can write to with --out',
        });
      }
      const pid = readPid(lockPath);
      if (pid !== null && alive(pid)) throw storeInUse(storePath, `process ${pid} holds ${lockPath}`);
      if (pid === null && attempt === 0) {
        // The holder may be between creating the file and writing its pid: give it a moment.
        const until = Date.now() + 200;
        while (Date.now() < until) {
          /* busy wait: this path is rare and short */
        }
        continue;
      }
      onNotice(`taking over a stale lock ${lockPath} left by ${pid === null ? 'an unknown process' : `process ${pid}, which is no longer running`} (an earlier run was interrupted; it resumes now)`);
      rmSync(lockPath, { force: true });
      continue;
    }
    writeSync(fd, `${process.pid}\n`);
    closeSync(fd);
    let released = false;
    return {
      path: lockPath,
      release() {
        if (released) return;
        released = true;
        if (readPid(lockPath) === process.pid) rmSync(lockPath, { force: true });
      },
    };
  }
  throw storeInUse(storePath, `could not take ${lockPath}`);
}
