// `mkdir -p` with an answer for every path. Node's recursive mkdir retries a directory that its parent's existence
// cannot explain, forever: under /proc, mkdir answers ENOENT although /proc exists, and `mkdirSync('/proc/x',
// { recursive: true })` spins a core without returning. Here each directory is tried at most twice: once, and once
// more after its parent was made; the second failure is the answer.
import { mkdirSync, statSync } from 'node:fs';
import path from 'node:path';

/** Makes `dir` and any missing parents; throws the file system's error naming the directory that could not be made. */
export function makeDirectory(dir: string): void {
  const absolute = path.resolve(dir);
  try {
    mkdirSync(absolute);
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      if (statSync(absolute).isDirectory()) return;
      throw error;
    }
    const parent = path.dirname(absolute);
    if (code !== 'ENOENT' || parent === absolute) throw error;
    makeDirectory(parent);
  }
  mkdirSync(absolute);
}
