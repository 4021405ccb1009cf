import { describe, expect, it } from 'vitest';
import { consensusOf } from './consensus';

describe('consensus of several models', () => {
  it('takes the answer most models give by meaning, counting synonyms and kinds as the same', async () => {
    expect(await consensusOf(['dog', 'cat', 'puppy'], false)).toEqual({ entity: 'dog', models: 2, of: 3, agreed: false });
    expect(await consensusOf(['aeroplane', 'airplane', 'bird'], false)).toMatchObject({ entity: 'aeroplane', models: 2 });
  });

  it('breaks a tie by the models order, counts a model without an answer, and is null when nobody answered', async () => {
    expect(await consensusOf(['bird', 'airplane'], false)).toEqual({ entity: 'bird', models: 1, of: 2, agreed: false });
    expect(await consensusOf([null, 'cat'], null)).toEqual({ entity: 'cat', models: 1, of: 2, agreed: false });
    expect(await consensusOf([null, null], null)).toBeNull();
  });

  it("marks an image agreed when every model answered and the comparison's agreement links them all", async () => {
    expect(await consensusOf(['cat', 'tabby', 'siamese cat'], true)).toEqual({ entity: 'cat', models: 3, of: 3, agreed: true });
    expect(await consensusOf(['cat', null], true)).toMatchObject({ agreed: false });
  });
});
