import { describe, expect, it } from 'vitest';
import { createHostTurns, NoHostError, type RoutableHost, type TurnQueue } from './host-turns';

const settle = () => new Promise((resolve) => setImmediate(resolve));

const host = (id: string, slots: number, models: string[] = ['m'], up = true): RoutableHost => ({
  id,
  slots,
  up,
  serves: (model) => models.includes(model),
});

/** Turns over one host with `slots` slots, serving model m. */
const oneHost = (slots: number) => createHostTurns(() => [host('a', slots)]);

/** Asks for `count` slots on a lane, recording each grant as `name<n>` and keeping its release. */
function ask(lane: TurnQueue, name: string, count: number, log: string[], releases: Array<() => void>, signal?: AbortSignal) {
  return Array.from({ length: count }, (_, n) =>
    lane.acquire(signal).then((slot) => {
      log.push(`${name}${n}`);
      releases.push(slot.release);
    }),
  );
}

/** Releases the oldest held slot, then lets the grants that follow happen. */
async function releaseOldest(releases: Array<() => void>) {
  releases.shift()?.();
  await settle();
}

describe('createHostTurns', () => {
  it('never grants more slots than it has, all batches together', async () => {
    const scheduler = oneHost(2);
    const log: string[] = [];
    const releases: Array<() => void> = [];
    ask(scheduler.openLane('a', { concurrency: 2, serverSlots: 2 }, 'm'), 'a', 4, log, releases);
    ask(scheduler.openLane('b', { concurrency: 2, serverSlots: 2 }, 'm'), 'b', 4, log, releases);
    await settle();
    expect(log).toHaveLength(2);
    expect(scheduler.snapshot()).toMatchObject({ slots: 2, inFlight: 2 });
    while (releases.length) {
      await releaseOldest(releases);
      expect(scheduler.snapshot().inFlight).toBeLessThanOrEqual(2);
    }
    expect(log).toHaveLength(8);
  });

  it('serves batches in turn, and each batch in the order it asked', async () => {
    const scheduler = oneHost(1);
    const log: string[] = [];
    const releases: Array<() => void> = [];
    const first = scheduler.openLane('first', { concurrency: 1, serverSlots: 1 }, 'm');
    ask(first, 'first', 4, log, releases);
    await settle();
    // A batch arriving while the first has three requests queued is not served after all of them.
    ask(scheduler.openLane('second', { concurrency: 1, serverSlots: 1 }, 'm'), 'second', 3, log, releases);
    ask(scheduler.openLane('third', { concurrency: 1, serverSlots: 1 }, 'm'), 'third', 2, log, releases);
    while (releases.length) await releaseOldest(releases);
    expect(log).toEqual(['first0', 'third0', 'second0', 'first1', 'third1', 'second1', 'first2', 'second2', 'first3']);
  });

  it('keeps each batch within its own concurrency even when slots are free', async () => {
    const scheduler = oneHost(4);
    const log: string[] = [];
    const releases: Array<() => void> = [];
    ask(scheduler.openLane('narrow', { concurrency: 1, serverSlots: 4 }, 'm'), 'narrow', 3, log, releases);
    ask(scheduler.openLane('wide', { concurrency: 4, serverSlots: 4 }, 'm'), 'wide', 4, log, releases);
    await settle();
    expect(log.filter((grant) => grant.startsWith('narrow'))).toEqual(['narrow0']);
    expect(log.filter((grant) => grant.startsWith('wide'))).toHaveLength(3);
  });

  it("raises a host's slots while a batch asks for more requests in flight than the hosts have", async () => {
    const scheduler = oneHost(4);
    expect(scheduler.snapshot().slots).toBe(4);
    const eager = scheduler.openLane('eager', { concurrency: 8, serverSlots: 4 }, 'm');
    expect(scheduler.snapshot().slots).toBe(8);
    const log: string[] = [];
    ask(eager, 'eager', 8, log, []);
    await settle();
    expect(log).toHaveLength(8);
    eager.close();
    expect(scheduler.snapshot().slots).toBe(4);
  });

  it('lets a waiting request leave when its batch is cancelled, and serves the others', async () => {
    const scheduler = oneHost(1);
    const log: string[] = [];
    const releases: Array<() => void> = [];
    const controller = new AbortController();
    ask(scheduler.openLane('busy', { concurrency: 1, serverSlots: 1 }, 'm'), 'busy', 1, log, releases);
    const cancelled = ask(
      scheduler.openLane('cancelled', { concurrency: 1, serverSlots: 1 }, 'm'),
      'cancelled',
      2,
      log,
      releases,
      controller.signal,
    );
    ask(scheduler.openLane('other', { concurrency: 1, serverSlots: 1 }, 'm'), 'other', 1, log, releases);
    await settle();
    controller.abort(new Error('cancelled by the user'));
    await expect(Promise.all(cancelled)).rejects.toThrow('cancelled by the user');
    while (releases.length) await releaseOldest(releases);
    expect(log).toEqual(['busy0', 'other0']);
    await expect(scheduler.openLane('late', { concurrency: 1, serverSlots: 1 }, 'm').acquire(controller.signal)).rejects.toThrow(
      'cancelled by the user',
    );
  });

  it('frees a slot once however often its release is called', async () => {
    const scheduler = oneHost(1);
    const lane = scheduler.openLane('a', { concurrency: 2, serverSlots: 1 }, 'm');
    const { release } = await lane.acquire();
    release();
    release();
    expect(scheduler.snapshot().inFlight).toBe(0);
    const again = await lane.acquire();
    expect(scheduler.snapshot().inFlight).toBe(1);
    again.release();
  });

  describe('with hosts', () => {
    it('puts each slot on a host that serves the model, never past its own slots, least loaded first', async () => {
      const hosts = [host('a', 2, ['m']), host('b', 1, ['m']), host('c', 4, ['other'])];
      const scheduler = createHostTurns(() => hosts);
      const lane = scheduler.openLane('batch', { concurrency: 3, serverSlots: 3 }, 'm');
      const granted: string[] = [];
      const pending = Array.from({ length: 4 }, () => lane.acquire().then((slot) => granted.push(slot.host)));
      await settle();
      expect(granted.sort()).toEqual(['a', 'a', 'b']);
      expect(scheduler.snapshot().inFlight).toBe(3);
      void pending;
    });

    it('refuses waiting requests with the hosts tried once no host in the rotation serves the model, and resumes when one is back', async () => {
      const hosts = [host('a', 1, ['m'])];
      const scheduler = createHostTurns(() => hosts);
      const lane = scheduler.openLane('batch', { concurrency: 1, serverSlots: 1 }, 'm');
      const first = await lane.acquire();
      const waiting = lane.acquire();
      hosts[0] = { ...host('a', 1, ['m'], false), failure: 'Cannot reach Ollama at a' };
      scheduler.hostsChanged();
      await expect(waiting).rejects.toThrow(NoHostError);
      await expect(waiting).rejects.toMatchObject({ code: 'no-host-available' });
      await expect(lane.acquire()).rejects.toThrow('No inference host can serve model "m" now; tried a (Cannot reach Ollama at a).');
      first.release();
      hosts[0] = host('a', 1, ['m']);
      scheduler.hostsChanged();
      expect((await lane.acquire()).host).toBe('a');
    });

    it('refuses at once, coded model-not-on-any-host, a model that no host lists', async () => {
      const scheduler = createHostTurns(() => [host('a', 1, ['m']), host('b', 2, ['m'])]);
      const lane = scheduler.openLane('batch', { concurrency: 1, serverSlots: 1 }, 'unknown');
      await expect(lane.acquire()).rejects.toMatchObject({
        name: 'NoHostError',
        code: 'model-not-on-any-host',
        message: 'No inference host serves model "unknown" (hosts: a, b).',
      });
    });
  });
});
