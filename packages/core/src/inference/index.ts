export { createInferenceHost, type InferenceHost, type InferenceHostConfig, type HostHealth } from './inference-host';
export { parseHostList, parseHostUrl, HostUrlError, type HostAddress } from './host-url';
export { kindFromModelList, kindFromVersionProbe } from './detect-server';
export { namingOf, DEFAULT_SLOTS, SERVER_KINDS, type ServerKind } from './server-kind';
export {
  createHostRouter,
  type Delivery,
  type HostLane,
  type HostRouter,
  type HostRouterConfig,
  type RouterHealth,
  type SendOptions,
} from './host-router';
export type { HostStatus, KnownHost } from './host-rotation';
export { NoHostError, type LaneLimits, type TurnsSnapshot } from './host-turns';
export { mergeModels, type PooledModelInfo, type ModelHost } from './merge-models';
