import { mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createClient, type Client } from '@libsql/client';

/** The small SQLite database whose exclusive lock is the lock itself. Never removed: see `release`. */
export const LOCK_DATABASE = 'server.lock.db';
/** Names the server that holds the lock, for the message a second server prints and for people. */
export const OWNER_FILE = 'server.lock';

/**
 * How long a starting server waits for the lock before it gives up. A process killed with SIGKILL lets go of its
 * files only once the kernel has finished it, a moment after the signal was sent; a supervisor may restart sooner.
 */
const DYING_HOLDER_WAIT_MS = 1_000;
/** The holder writes its owner file right after it takes the lock; a refused server reading in between waits this long. */
const OWNER_FILE_WAIT_MS = 1_000;

/** What the owner file holds: enough to name the running server. */
export interface LockOwner {
  pid: number;
  host: string;
  port: number;
  hostname: string;
  startedAt: string;
}

export class DataDirLockedError extends Error {
  override readonly name = 'DataDirLockedError';
  constructor(
    readonly dataDir: string,
    readonly owner: LockOwner | null,
  ) {
    const who = owner
      ? `pid ${owner.pid} on ${owner.hostname}, http://${owner.host}:${owner.port}`
      : `pid unknown: ${path.join(dataDir, OWNER_FILE)} is missing or damaged`;
    super(
      `DATA_DIR ${dataDir} is in use by another vision-batch server (${who}). ` +
        'Stop that server first, or give this one a DATA_DIR of its own.',
    );
  }
}

export interface DataDirLock {
  /** The owner file. */
  file: string;
  /** Records the port actually listened on (PORT=0 picks one). */
  setPort(port: number): void;
  /** Removes the owner file and lets go of the lock; the process's exit does the latter anyway. */
  release(): void;
}

/**
 * Takes the lock in SQLite's exclusive locking mode: after `BEGIN EXCLUSIVE` the connection keeps its POSIX
 * advisory lock on the database file until it closes, and the kernel drops that lock the moment the process dies,
 * whatever becomes of its pid (a zombie, a reused number). Null when another process holds it.
 */
async function holdLockDatabase(file: string): Promise<Client | null> {
  // One connection: the locking mode belongs to a connection, and the lock to the one that took it.
  const client = createClient({ url: pathToFileURL(file).href, concurrency: 1, timeout: DYING_HOLDER_WAIT_MS });
  try {
    await client.executeMultiple('PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;');
    return client;
  } catch (error) {
    client.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') return null;
    throw error;
  }
}

function readOwner(file: string): LockOwner | null {
  try {
    const owner = JSON.parse(readFileSync(file, 'utf8')) as LockOwner;
    return Number.isInteger(owner.pid) ? owner : null;
  } catch {
    return null;
  }
}

async function ownerOfHeldLock(file: string): Promise<LockOwner | null> {
  const deadline = Date.now() + OWNER_FILE_WAIT_MS;
  for (;;) {
    const owner = readOwner(file);
    if (owner || Date.now() >= deadline) return owner;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Written aside then renamed into place, so a reader never sees half of it. Only the lock's holder writes it. */
function writeOwner(file: string, owner: LockOwner): void {
  const aside = `${file}.tmp`;
  writeFileSync(aside, `${JSON.stringify(owner, null, 2)}\n`, { mode: 0o644 });
  renameSync(aside, file);
}

/**
 * Makes this process the only server using `dataDir`, before anything else touches it: holds the kernel lock on
 * `DATA_DIR/server.lock.db`, then writes our pid, host and port to `DATA_DIR/server.lock`. While another live
 * process holds the lock this throws `DataDirLockedError`, having changed nothing; once that process is dead,
 * however it died, the lock is free. An owner file left by a killed server means nothing and is overwritten.
 */
export async function lockDataDir(dataDir: string, address: { host: string; port: number }): Promise<DataDirLock> {
  mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, OWNER_FILE);
  const client = await holdLockDatabase(path.join(dataDir, LOCK_DATABASE));
  if (!client) throw new DataDirLockedError(dataDir, await ownerOfHeldLock(file));
  const owner: LockOwner = {
    pid: process.pid,
    host: address.host,
    port: address.port,
    hostname: os.hostname(),
    startedAt: new Date().toISOString(),
  };
  writeOwner(file, owner);
  let held = true;
  return {
    file,
    setPort(port) {
      owner.port = port;
      if (held) writeOwner(file, owner);
    },
    release() {
      if (!held) return;
      held = false;
      // The owner file goes while we still hold the lock: the next holder writes its own only after taking it.
      // The database stays: removing it could let one server lock the removed file and another a new one.
      try {
        unlinkSync(file);
      } catch {
        // Already gone: nothing to remove.
      }
      client.close();
    },
  };
}
