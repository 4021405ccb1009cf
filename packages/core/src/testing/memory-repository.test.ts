import { describeRepositoryContract } from './repository-contract';
import { createMemoryBatchRepository } from './memory-repository';

describeRepositoryContract('in-memory', async () => ({ repository: createMemoryBatchRepository(), close: async () => {} }));
