import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const LOCK_FILE = 'server.lock';

/** What the lock file holds: enough to name the running server and to tell whether it still runs. */
export interface LockOwner {
  pid: number;
  host: string;
  port: number;
  hostname: string;
  /** When the process started, in clock ticks since boot (/proc/<pid>/stat): tells a reused pid apart. */
  processStart: string | null;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner,
  ) {
    super(
      `DATA_DIR ${dataDir} is in use by another vision-batch server (pid ${owner.pid} on ${owner.hostname}, http://${owner.host}:${owner.port}). ` +
        'Stop that server first, or give this one a DATA_DIR of its own.',
    );
  }
}

export interface DataDirLock {
  file: string;
  /** Records the port actually listened on (PORT=0 picks one). */
  setPort(port: number): void;
  /** Removes the lock file, if it is still this process's. */
  release(): void;
}

function processStart(pid: number): string | null {
  try {
    // Field 22 of /proc/<pid>/stat, counted after the command name, which is in parentheses and may hold spaces.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19] ?? null;
  } catch {
    return null;
  }
}

function isRunning(owner: LockOwner): boolean {
  if (owner.hostname !== os.hostname()) return true; // A DATA_DIR shared over the network: we cannot tell.
  try {
    process.kill(owner.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const start = processStart(owner.pid);
  return owner.processStart === null || start === null || start === owner.processStart;
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null; // Half-written or damaged: its writer died while writing it.
  }
}

function write(file: string, owner: LockOwner, flag: 'wx' | 'w'): void {
  writeFileSync(file, `${JSON.stringify(owner, null, 2)}\n`, { flag, mode: 0o644 });
}

/**
 * Makes this process the only server using `dataDir`, before anything else touches it: creates
 * `DATA_DIR/server.lock` (exclusively) holding our pid, host and port. A lock whose process is gone (killed,
 * power cut) is taken over; a live one throws `DataDirLockedError`, having changed nothing. Synchronous, so
 * it can be released from an `exit` handler.
 */
export function lockDataDir(dataDir: string, address: { host: string; port: number }): DataDirLock {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, LOCK_FILE);
  const owner: LockOwner = {
    pid: process.pid,
    host: address.host,
    port: address.port,
    hostname: os.hostname(),
    processStart: processStart(process.pid),
    startedAt: new Date().toISOString(),
  };
  for (let attempt = 0; ; attempt++) {
    try {
      write(file, owner, 'wx');
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || attempt >= 5) throw error;
    }
    const current = readOwner(file);
    if (current && isRunning(current)) throw new DataDirLockedError(dataDir, current);
    // Stale: move it aside under a name of our own, then check we moved the stale one and not a lock another
    // starting server has just written (if so, put it back and look again).
    const aside = `${file}.stale-${process.pid}`;
    try {
      renameSync(file, aside);
    } catch {
      continue;
    }
    const moved = readOwner(aside);
    if (moved && isRunning(moved)) {
      renameSync(aside, file);
      continue;
    }
    unlinkSync(aside);
  }
  const ours = () => readOwner(file)?.pid === process.pid;
  return {
    file,
    setPort(port) {
      owner.port = port;
      if (ours()) write(file, owner, 'w');
    },
    release() {
      try {
        if (ours()) unlinkSync(file);
      } catch {
        // Already gone: nothing to release.
      }
    },
  };
}
