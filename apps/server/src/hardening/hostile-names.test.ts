import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COLOUR_NAMES, solidImage, type ColourName } from '@vision/testkit';
import { batchForm, postBatch, startTestServer, type TestServer } from '../testing/server-harness';
import { multipartBody } from '../testing/multipart';

const MODEL = 'qwen/qwen3-vl-4b';

/** Names a user (or an attacker) may give files; each must come back exactly as sent and never become a path. */
const HOSTILE_NAMES = [
  '../../etc/passwd.png',
  '..\\..\\windows\\win.ini.png',
  '/etc/shadow.png',
  'C:\\Windows\\System32\\drivers\\etc\\hosts.png',
  '%2e%2e%2f%2e%2e%2fescape.png',
  `${'a'.repeat(251)}.png`,
  `${'é'.repeat(125)}x.png`,
  '<img src=x onerror=alert(1)>.png',
  '<script>alert(document.cookie)</script>.png',
  'café-日本語-Ωμέγα.png',
  'cafe\u0301 (decomposed).png',
  '🐶🐱‍👤👩🏽‍🚀.png',
  'invoice\u202Egnp.exe.png',
  'say "cheese".png',
  "it's mine.png",
  'line one\nline two.png',
  'carriage\r\nreturn.png',
  'tab\there.png',
  '=HYPERLINK("http://example.invalid","click").png',
  '+SUM(1,2).png',
  '-2+3.png',
  '@SUM(A1).png',
  ' spaced out .png',
  '100%.png',
  '.hidden.png',
];

/** What a spreadsheet-safe CSV cell holds for a text: formulas are neutralised with a leading quote. */
const csvText = (name: string) => (/^[=+\-@\t\r]/.test(name) ? `'${name}` : name);

/** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i += 1;
    } else cell += char;
  }
  return rows;
}

async function walk(root: string, dir = root): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    found.push(path.relative(root, full));
    if (entry.isDirectory()) found.push(...(await walk(root, full)));
  }
  return found;
}

/** Every name the server itself gives things under DATA_DIR. */
const GENERATED_NAME =
  /^(uploads|batches|vision-batch\.db(-wal|-shm|-journal)?|vision-upload-\w{6}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+\.(upload|original|prepared\.jpg(\.partial)?))$/;

describe('hostile file names', () => {
  let server: TestServer;
  let sandbox: string;
  let dataDir: string;
  let colours: ColourName[];
  let batchId: string;

  /** Everything in the sandbox lives under DATA_DIR, and every name under it is one the server made up. */
  async function expectOnlyGeneratedNames() {
    const entries = await walk(sandbox);
    const outside = entries.filter((entry) => !`${entry}/`.startsWith('a/b/data/') && !['a', 'a/b', 'a/b/data'].includes(entry));
    expect(outside).toEqual([]);
    const unexpected = (await walk(dataDir)).filter((entry) => !GENERATED_NAME.test(path.basename(entry)));
    expect(unexpected).toEqual([]);
    return entries;
  }

  beforeAll(async () => {
    // DATA_DIR two levels down a private sandbox: a name used as a path would land in the sandbox, visibly.
    sandbox = await mkdtemp(path.join(os.tmpdir(), 'vision-names-'));
    dataDir = path.join(sandbox, 'a', 'b', 'data');
    await mkdir(dataDir, { recursive: true });
    server = await startTestServer({ dataDir, env: { LMSTUDIO_CONCURRENCY: '1' } });
    colours = HOSTILE_NAMES.map((_, index) => COLOUR_NAMES[index % COLOUR_NAMES.length]!);
  });
  afterAll(async () => {
    await server.close();
    await rm(sandbox, { recursive: true, force: true });
  });

  const files = () => Promise.all(HOSTILE_NAMES.map(async (name, index) => ({ name, data: await solidImage(colours[index]!) })));

  it('never uses a name as a path, while the batch runs or after', async () => {
    expect(Buffer.byteLength(HOSTILE_NAMES[5]!)).toBe(255);
    expect(Buffer.byteLength(HOSTILE_NAMES[6]!)).toBe(255);
    server.double.injectFault({ kind: 'hang', times: 1 });
    const { status, body } = await postBatch(server.url, '/api/batches', batchForm(await files(), { model: MODEL }));
    expect(status).toBe(202);
    batchId = body.batchId;
    await expect.poll(() => server.double.requests.length, { timeout: 5_000 }).toBe(1);

    // Mid-batch the originals wait on disk: under generated names only.
    const during = await expectOnlyGeneratedNames();
    expect(during.filter((entry) => entry.endsWith('.original')).length).toBeGreaterThan(0);

    await server.trpc.batches.cancel.mutate({ batchId });
    await server.trpc.batches.retry.mutate({ batchId });
    await expect.poll(async () => (await server.trpc.batches.get.query({ batchId })).status, { timeout: 15_000 }).toBe('completed');
    await expectOnlyGeneratedNames();
    for (const name of HOSTILE_NAMES.filter((candidate) => /[\\/]/.test(candidate))) {
      for (const base of [
        process.cwd(),
        os.tmpdir(),
        sandbox,
        dataDir,
        path.join(dataDir, 'uploads'),
        path.join(dataDir, 'batches', batchId),
      ]) {
        expect(existsSync(path.resolve(base, name)), `${name} from ${base}`).toBe(false);
      }
    }
  });

  it('returns every name exactly as sent, with the right result, in batches.get and the batch route', async () => {
    const view = await server.trpc.batches.get.query({ batchId });
    expect(view.items.map((item) => item.filename)).toEqual(HOSTILE_NAMES);
    expect(view.items.map((item) => item.result?.filename)).toEqual(HOSTILE_NAMES);
    expect(view.items.map((item) => item.result?.entity)).toEqual(colours);
    const routeView = (await (await fetch(`${server.url}/api/batches/${batchId}`)).json()) as typeof view;
    expect(routeView.items.map((item) => item.filename)).toEqual(HOSTILE_NAMES);
  });

  it('returns every name exactly as sent in the progress events', async () => {
    const finished = new Map<number, string>();
    const started = new Map<number, string>();
    await new Promise<void>((resolve, reject) => {
      server.trpc.batches.onProgress.subscribe(
        { batchId },
        {
          onData: ({ data }) => {
            if (data.type === 'item-started') started.set(data.index, data.filename);
            if (data.type === 'item-finished') finished.set(data.result.index, data.result.filename);
          },
          onComplete: resolve,
          onError: reject,
        },
      );
    });
    expect(HOSTILE_NAMES.map((_, index) => started.get(index))).toEqual(HOSTILE_NAMES);
    expect(HOSTILE_NAMES.map((_, index) => finished.get(index))).toEqual(HOSTILE_NAMES);
  });

  it('exports every name exactly in JSON and JSONL, and neutralises formulas in CSV', async () => {
    const exported = (format: string) => fetch(`${server.url}/api/batches/${batchId}/export?format=${format}`);
    const json = (await (await exported('json')).json()) as { results: Array<{ filename: string; entity: string }> };
    expect(json.results.map((result) => result.filename)).toEqual(HOSTILE_NAMES);
    expect(json.results.map((result) => result.entity)).toEqual(colours);

    const jsonl = (await (await exported('jsonl')).text())
      .trimEnd()
      .split('\n')
      .map((line) => JSON.parse(line) as { filename: string });
    expect(jsonl.map((line) => line.filename)).toEqual(HOSTILE_NAMES);

    const csvResponse = await exported('csv');
    // The download's own name comes from the model and batch id, never from a user's file name.
    expect(csvResponse.headers.get('content-disposition')).toMatch(/^attachment; filename="?vision-batch-[\w.-]+\.csv"?$/);
    const [header, ...rows] = parseCsv((await csvResponse.text()).replace(/^\uFEFF/, ''));
    const column = header!.indexOf('filename');
    expect(rows.map((row) => row[column])).toEqual(HOSTILE_NAMES.map(csvText));
    expect(rows.every((row) => row.length === header!.length)).toBe(true);
  });

  it('answers /api/analyze-batch with every name exactly as sent', async () => {
    const { status, body } = await postBatch(server.url, '/api/analyze-batch', batchForm(await files(), { model: MODEL }));
    expect(status).toBe(200);
    expect(body.results.map((result: { filename: string }) => result.filename)).toEqual(HOSTILE_NAMES);
    expect(body.results.map((result: { entity: string }) => result.entity)).toEqual(colours);
    await expectOnlyGeneratedNames();
    expect(await server.leftoverUploads()).toEqual([]);
  });
});

describe('a NUL byte in a file name', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  // FormData cannot carry a NUL byte in a file name, so these bodies are written by hand.
  const cases = [
    { form: 'a quoted filename', disposition: 'name="images[]"; filename="evil\0.png"', error: /malformed or oversized header.*NUL byte/ },
    {
      form: 'an RFC 5987 filename*',
      disposition: 'name="images[]"; filename*=UTF-8\'\'evil%00.png',
      error: /file name contains a NUL byte/,
    },
  ];

  for (const { form, disposition, error } of cases) {
    it(`refuses the whole request with a clear 400 when it comes in ${form}`, async () => {
      const red = await solidImage('red');
      const body = multipartBody([
        { disposition: 'name="model"', data: MODEL },
        { disposition: 'name="images[]"; filename="fine.png"', contentType: 'image/png', data: red },
        { disposition, contentType: 'image/png', data: red },
        { disposition: 'name="images[]"; filename="also-fine.png"', contentType: 'image/png', data: red },
      ]);
      const response = await fetch(`${server.url}/api/batches`, {
        method: 'POST',
        headers: { 'content-type': 'multipart/form-data; boundary=----hardening-boundary-7d1f' },
        body,
      });
      expect(response.status).toBe(400);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await response.json()).toEqual({ success: false, code: expect.any(String), error: expect.stringMatching(error) });
      // Nothing of the request was kept, the good files beside the bad name included.
      expect((await server.trpc.batches.list.query({ limit: 10 })).batches).toEqual([]);
      expect(server.double.requests).toEqual([]);
      expect(await server.leftoverUploads()).toEqual([]);
    });
  }
});
