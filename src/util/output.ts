/**
 * Output files of the commands that compute for a while (`forecast`, `backtest`, `series`, …):
 * the path is checked before any computation, missing folders are created (as `report` does),
 * and the content is written to a temporary file in the same folder, then renamed onto the path,
 * so a failure never leaves a half-written file and a bad path never costs the whole run.
 */
import { accessSync, constants, mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { KpicastError, OptionError } from '../errors.js';

/** An output path that passed {@link checkOutput}: `write` puts the content there. */
export interface OutputFile {
  /** The path as given. */
  readonly path: string;
  /** Creates the missing folders, writes `content` to a temporary file beside the path, renames it onto the path. */
  write(content: string | Uint8Array): void;
}

/** What the operating system said, in words a user reads (`EACCES` → `permission denied`). */
function because(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EROFS: 'read-only file system',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EISDIR: 'is a folder',
    ENOTDIR: 'a part of the path is a file, not a folder',
    ENAMETOOLONG: 'name too long',
    ENOENT: 'cannot create a file there',
  };
  return (code && words[code]) ?? String((error as Error).message ?? error).split('\n')[0];
}

/** A temporary file name in the folder of `target`, hidden and unique to this process and moment. */
const temporaryBeside = (target: string) => resolve(dirname(target), `.${basename(target).slice(0, 100)}.${process.pid}.${Date.now().toString(36)}.tmp`);

const exists = (path: string) => {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
};

/**
 * Checks that `path` can receive an output file, before any work is done: it is not a folder,
 * and its nearest existing folder is a folder this process may write into (the folders below
 * it are created by `write`). Throws OptionError naming `option` and the path otherwise.
 *
 * @example
 * checkOutput('out/weekly/forecasts.csv').write('unique_id,ds,y\n'); // creates out/weekly/, then the file
 * checkOutput('/tmp'); // throws OptionError: --out: got "/tmp" (is a folder), allowed: a file path
 */
export function checkOutput(path: string, option = '--out'): OutputFile {
  if (typeof path !== 'string' || path.trim() === '') throw new OptionError(option, path, 'a file path');
  const target = resolve(path);
  const stat = exists(target);
  if (stat?.isDirectory()) throw new OptionError(option, path, 'a file path', 'is a folder');
  if (stat && !stat.isFile()) throw new OptionError(option, path, 'a file path', 'not a regular file');
  // the nearest folder that exists: the file goes there, or the missing folders are created there
  let folder = dirname(target);
  while (!exists(folder) && dirname(folder) !== folder) folder = dirname(folder);
  const found = exists(folder);
  if (!found?.isDirectory()) throw new OptionError(option, path, 'a file path in a folder', `${folder} is ${found ? 'a file, not a folder' : 'missing'}`);
  try {
    accessSync(folder, constants.W_OK | constants.X_OK);
    if (stat) accessSync(target, constants.W_OK);
    // permissions are not the whole story (root ignores them; /proc, /sys and read-only mounts
    // refuse anyway): create and remove an empty file where the first write will happen
    const probe = temporaryBeside(resolve(folder, basename(target)));
    writeFileSync(probe, '', { flag: 'wx' });
    rmSync(probe, { force: true });
  } catch (error) {
    throw new OptionError(option, path, 'a file path this process may write', `${stat ? target : folder}: ${because(error)}`);
  }
  return {
    path,
    write(content) {
      const dir = dirname(target);
      try {
        mkdirSync(dir, { recursive: true });
      } catch (error) {
        throw new KpicastError(`${option} ${path}: cannot create the folder ${dir}: ${because(error)}`, 'E_OUTPUT');
      }
      const temporary = temporaryBeside(target);
      try {
        writeFileSync(temporary, content, { flag: 'wx' });
        renameSync(temporary, target);
      } catch (error) {
        rmSync(temporary, { force: true });
        throw new KpicastError(`${option} ${path}: cannot write: ${because(error)}`, 'E_OUTPUT');
      }
    },
  };
}
