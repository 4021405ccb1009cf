export { createInferenceHost, type InferenceHost, type InferenceHostConfig, type HostHealth } from './inference-host';
export { parseHostList, parseHostUrl, HostUrlError, type HostAddress } from './host-url';
export { kindFromModelList, kindFromVersionProbe } from './detect-server';
export { namingOf, DEFAULT_SLOTS, SERVER_KINDS, type ServerKind } from './server-kind';
