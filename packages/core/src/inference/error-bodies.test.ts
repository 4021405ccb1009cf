import { describe, expect, it } from 'vitest';
import { withReadableErrors } from './error-bodies';

const answering = (status: number, body: string, type = 'application/json') =>
  withReadableErrors(async () => new Response(body, { status, headers: { 'content-type': type } }));

const read = async (fetcher: typeof fetch) => {
  const response = await fetcher('http://127.0.0.1:1/v1/chat/completions');
  return { status: response.status, body: (await response.json()) as unknown };
};

describe('withReadableErrors', () => {
  it("turns older vLLM's flat error, FastAPI's detail and a plain-text 404 into an error message, keeping the status", async () => {
    expect(await read(answering(400, '{"object":"error","message":"too many images","type":"BadRequestError","code":400}'))).toEqual({
      status: 400,
      body: { error: { message: 'too many images' } },
    });
    expect(await read(answering(404, '{"detail":"Not Found"}'))).toEqual({ status: 404, body: { error: { message: 'Not Found' } } });
    expect(await read(answering(404, '404 page not found', 'text/plain'))).toEqual({
      status: 404,
      body: { error: { message: '404 page not found' } },
    });
  });

  it('leaves bodies that already carry an error, and successful answers, as they are', async () => {
    const shaped = '{"error":{"message":"Loading model","type":"unavailable_error","code":503}}';
    expect(await (await answering(503, shaped)('x')).text()).toBe(shaped);
    expect(await (await answering(200, '{"ok":true}')('x')).text()).toBe('{"ok":true}');
  });
});
