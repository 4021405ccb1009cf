export { createInferenceHost, type InferenceHost, type InferenceHostConfig, type HostHealth } from './inference-host';
export { parseHostList, parseHostUrl, HostUrlError, type HostAddress } from './host-url';
export { kindFromModelList, kindFromVersionProbe } from './detect-server';
export { namingOf, DEFAULT_SLOTS, SERVER_KINDS, type ServerKind } from './server-kind';
export {
  createInferencePool,
  type InferencePool,
  type InferencePoolConfig,
  type HostStatus,
  type KnownHost,
  type PoolHealth,
} from './pool';
export { mergeModels, type PooledModelInfo, type ModelHost } from './merge-models';
