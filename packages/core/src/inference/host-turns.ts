import type { ItemErrorCode } from '../schemas/error-codes';

/**
 * How many requests a batch may have in flight, and how many the server serves at once as far as the server
 * knows (see `chooseConcurrency`).
 */
export interface LaneLimits {
  concurrency: number;
  serverSlots: number;
}

/** One host as the turns see it (see host-rotation.ts). */
export interface RoutableHost {
  id: string;
  /** In the rotation: reachable, not failed since its last check. */
  up: boolean;
  /** Requests it serves at once. */
  slots: number;
  serves(model: string): boolean;
  /** Why it is out of the rotation, for the message of an image no host can take. */
  failure?: string | undefined;
}

/** No host in the rotation serves the batch's model: the image fails with this code and message, the batch goes on. */
export class NoHostError extends Error {
  override readonly name = 'NoHostError';

  constructor(
    /** No host lists the model at all, or every one that does is out of the rotation. */
    readonly code: Extract<ItemErrorCode, 'model-not-on-any-host' | 'no-host-available'>,
    message: string,
  ) {
    super(message);
  }
}

/** A granted request slot on `host`; `release` frees it once, however often it is called. */
export interface HostSlot {
  readonly host: string;
  release(): void;
}

/** One batch's place in the turns. */
export interface TurnQueue {
  /**
   * Resolves once this batch may send one more request, with the host it goes to: the batch's requests go in
   * the order they asked (FIFO), batches take turns. Rejects with the signal's reason if it aborts first, or
   * with a `NoHostError` once no host in the rotation serves the batch's model.
   */
  acquire(signal?: AbortSignal): Promise<HostSlot>;
  /** The batch is done asking; its lane leaves the turns once its last slot is released. */
  close(): void;
}

export interface TurnsSnapshot {
  /** Slots on the hosts in the rotation, all batches together. */
  slots: number;
  inFlight: number;
  /** Waiting requests per lane id, lanes in the order they will next be served. */
  waiting: Array<{ id: string; waiting: number; inFlight: number }>;
}

export interface HostTurns {
  /** `model`: which hosts may take the lane's requests (all when omitted). */
  openLane(id: string, limits: LaneLimits, model?: string): TurnQueue;
  snapshot(): TurnsSnapshot;
  /** A host went out of or back into the rotation: grant what can be granted, refuse what no host can take. */
  hostsChanged(): void;
}

interface Waiter {
  grant: (host: string) => void;
  refuse: (error: Error) => void;
}

interface Lane {
  id: string;
  model: string | undefined;
  limits: LaneLimits;
  inFlight: number;
  waiters: Waiter[];
  closed: boolean;
}

/** What the turns keep: the lanes, least recently served first, and the requests in flight on each host. */
interface Turns {
  lanes: Lane[];
  inFlightOn: Map<string, number>;
  inFlight: number;
  hostsNow: () => RoutableHost[];
}

/**
 * Fair turns in front of the hosts. Batches are served round-robin (the lane served longest ago goes first, a
 * new lane counts as never served), so four clients uploading at once each get about a quarter of the hosts and
 * none starves behind another's 35 images; within a batch, requests keep their order. Each grant is on the least
 * loaded host in the rotation that serves the lane's model, never past that host's slots.
 */
export function createHostTurns(hostsNow: () => RoutableHost[]): HostTurns {
  const turns: Turns = { lanes: [], inFlightOn: new Map(), inFlight: 0, hostsNow };
  return {
    openLane(id, limits, model) {
      const lane: Lane = { id, model, limits: normalise(limits), inFlight: 0, waiters: [], closed: false };
      turns.lanes.unshift(lane);
      // A batch asking for more than the hosts' slots may raise them.
      pump(turns);
      return {
        acquire: (signal) => acquire(turns, lane, signal),
        close: () => {
          if (lane.closed) return;
          lane.closed = true;
          removeIfDone(turns, lane);
          pump(turns);
        },
      };
    },
    snapshot: () => {
      const hosts = hostsNow();
      const open = openLanes(turns);
      return {
        slots: hosts.filter((host) => host.up).reduce((sum, host) => sum + hostCapacity(host, open, hosts), 0),
        inFlight: turns.inFlight,
        waiting: turns.lanes.map((lane) => ({ id: lane.id, waiting: lane.waiters.length, inFlight: lane.inFlight })),
      };
    },
    hostsChanged: () => pump(turns),
  };
}

const openLanes = (turns: Turns) => turns.lanes.filter((lane) => !lane.closed);

/** Refuses what no host can take, then grants while any lane may send and has a host. */
function pump(turns: Turns): void {
  const hosts = turns.hostsNow();
  refuseUnservable(turns, hosts);
  while (grantOne(turns, hosts));
}

/** Grants one waiter of the lane served longest ago that may send and has a host; false when none can. */
function grantOne(turns: Turns, hosts: RoutableHost[]): boolean {
  const open = openLanes(turns);
  for (const lane of turns.lanes) {
    if (lane.waiters.length === 0 || lane.inFlight >= lane.limits.concurrency) continue;
    const host = leastLoadedHost(lane.model, hosts, {
      capacity: (candidate) => hostCapacity(candidate, open, hosts),
      used: (candidate) => turns.inFlightOn.get(candidate.id) ?? 0,
    });
    if (!host) continue;
    turns.lanes.splice(turns.lanes.indexOf(lane), 1);
    turns.lanes.push(lane);
    lane.waiters.shift()?.grant(host.id);
    return true;
  }
  return false;
}

/** Waiters whose model no host in the rotation serves fail now, naming every host that could have. */
function refuseUnservable(turns: Turns, hosts: RoutableHost[]): void {
  for (const lane of [...turns.lanes]) {
    const error = lane.waiters.length > 0 ? noHostFor(lane.model, hosts) : undefined;
    if (!error) continue;
    for (const waiter of lane.waiters.splice(0)) waiter.refuse(error);
    removeIfDone(turns, lane);
  }
}

function removeIfDone(turns: Turns, lane: Lane): void {
  if (lane.closed && lane.inFlight === 0 && lane.waiters.length === 0) {
    const index = turns.lanes.indexOf(lane);
    if (index >= 0) turns.lanes.splice(index, 1);
  }
}

function acquire(turns: Turns, lane: Lane, signal?: AbortSignal): Promise<HostSlot> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (lane.closed) return Promise.reject(new Error(`request lane ${lane.id} is closed`));
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      const index = lane.waiters.indexOf(waiter);
      if (index >= 0) lane.waiters.splice(index, 1);
      removeIfDone(turns, lane);
      reject(signal?.reason);
    };
    const waiter: Waiter = {
      grant: (host) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(take(turns, lane, host));
      },
      refuse: (error) => {
        signal?.removeEventListener('abort', onAbort);
        reject(error);
      },
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    lane.waiters.push(waiter);
    pump(turns);
  });
}

/** Counts a granted request on its lane and host until its release, which gives the turn to the next. */
function take(turns: Turns, lane: Lane, host: string): HostSlot {
  const count = (change: number) => {
    lane.inFlight += change;
    turns.inFlight += change;
    turns.inFlightOn.set(host, (turns.inFlightOn.get(host) ?? 0) + change);
  };
  count(1);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    count(-1);
    removeIfDone(turns, lane);
    pump(turns);
  };
  return { host, release };
}

/** The least loaded host (by the share of its slots in use) that is up, serves the model and has a free slot. */
function leastLoadedHost(
  model: string | undefined,
  hosts: RoutableHost[],
  slots: { capacity: (host: RoutableHost) => number; used: (host: RoutableHost) => number },
): RoutableHost | undefined {
  let best: { host: RoutableHost; load: number } | undefined;
  for (const host of hosts) {
    if (!host.up || (model !== undefined && !host.serves(model))) continue;
    const capacity = slots.capacity(host);
    const used = slots.used(host);
    if (used >= capacity) continue;
    const load = used / capacity;
    if (!best || load < best.load) best = { host, load };
  }
  return best?.host;
}

/** Why no host can take a lane's requests, naming every host that could have; undefined while one can. */
function noHostFor(model: string | undefined, hosts: RoutableHost[]): NoHostError | undefined {
  const serving = hosts.filter((host) => model === undefined || host.serves(model));
  if (serving.some((host) => host.up)) return undefined;
  if (serving.length === 0) {
    return new NoHostError(
      'model-not-on-any-host',
      `No inference host serves model "${model}" (hosts: ${hosts.map((host) => host.id).join(', ')}).`,
    );
  }
  const tried = serving.map((host) => `${host.id}${host.failure ? ` (${host.failure})` : ''}`).join('; ');
  return new NoHostError('no-host-available', `No inference host can serve model "${model}" now; tried ${tried}.`);
}

/**
 * A host's slots, raised when a batch asked for more requests in flight than the hosts serving its model have
 * slots together (it asked the servers to queue that much): the excess is spread over them by their slots.
 */
function hostCapacity(host: RoutableHost, open: Lane[], hosts: RoutableHost[]): number {
  const slots = Math.max(1, host.slots);
  let capacity = slots;
  for (const lane of open) {
    if (lane.model !== undefined && !host.serves(lane.model)) continue;
    const serving = hosts.filter((other) => other.up && (lane.model === undefined || other.serves(lane.model)));
    const together = serving.reduce((sum, other) => sum + Math.max(1, other.slots), 0);
    const excess = lane.limits.concurrency - together;
    if (excess > 0) capacity = Math.max(capacity, slots + Math.ceil((excess * slots) / Math.max(1, together)));
  }
  return capacity;
}

function normalise(limits: LaneLimits): LaneLimits {
  const whole = (value: number) => (Number.isFinite(value) ? Math.max(1, Math.floor(value)) : 1);
  return { concurrency: whole(limits.concurrency), serverSlots: whole(limits.serverSlots) };
}
