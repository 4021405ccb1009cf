import type { Socket } from 'node:net';
import { defaultOptions, effectiveParallel } from './defaults';
import { FaultQueue } from './faults';
import type { RawImage } from './bmp';
import { corpusLabelReferences, LabelRegistry, type LabelReference } from './labels';
import { Scheduler } from './scheduler';
import type { AnswerStyle, ChatRequestLogEntry, DoubleMetrics, DoubleModel, DoubleOptions } from './types';

/** Everything the routes share: live options, models and their load state, labels, faults and the log. */
export class DoubleState {
  readonly options: DoubleOptions;
  readonly labels = new LabelRegistry();
  readonly faults = new FaultQueue();
  readonly requests: ChatRequestLogEntry[] = [];
  /** Model list requests since the last metrics reset: a client should not ask more often than it needs. */
  modelListRequests = 0;
  readonly scheduler: Scheduler;
  /** Sockets the double itself destroyed, so their close is not mistaken for the client leaving. */
  readonly killedSockets = new WeakSet<Socket>();
  private readonly manualLabels: LabelReference[] = [];
  private readonly loading = new Map<string, Promise<void>>();
  private labelsReady: Promise<void> = Promise.resolve();

  constructor(overrides: Partial<DoubleOptions>) {
    this.options = { ...defaultOptions(overrides.kind), ...withoutUndefinedKnobs(overrides) };
    this.options.models = this.options.models.map((model) => ({ ...model }));
    this.scheduler = new Scheduler(
      () => effectiveParallel(this.options),
      () => this.options,
    );
    this.labelsReady = this.rebuildLabels();
    if (this.options.startupLoadMs > 0) this.startLoading(this.options.startupLoadMs);
  }

  /** llama.cpp (re)loading its model: until then every route answers 503 "Loading model". */
  private loadingUntil = 0;

  startLoading(ms: number): void {
    this.loadingUntil = Math.max(this.loadingUntil, Date.now() + ms);
  }

  isLoading(): boolean {
    return Date.now() < this.loadingUntil;
  }

  metrics(): DoubleMetrics {
    return { ...this.scheduler.metrics(), modelListRequests: this.modelListRequests };
  }

  resetMetrics(): void {
    this.scheduler.resetMetrics();
    this.modelListRequests = 0;
  }

  /** Resolves once every configured reference image is fingerprinted; requests wait for it. */
  whenLabelsReady(): Promise<void> {
    return this.labelsReady;
  }

  async setOptions(partial: Partial<DoubleOptions>): Promise<void> {
    Object.assign(this.options, withoutUndefinedKnobs(partial));
    if (partial.models) this.options.models = partial.models.map((model) => ({ ...model }));
    if (partial.labels !== undefined || partial.labelCorpus !== undefined) this.labelsReady = this.rebuildLabels();
    await this.labelsReady;
  }

  async registerLabel(label: string, image: Uint8Array | RawImage): Promise<void> {
    const reference: LabelReference = image instanceof Uint8Array ? { label, bytes: image } : { label, raw: image };
    await this.labelsReady;
    await this.labels.register(reference);
    this.manualLabels.push(reference);
  }

  findModel(id: string): DoubleModel | undefined {
    return this.options.models.find((model) => model.id === id);
  }

  answerStyleFor(model: DoubleModel): AnswerStyle {
    return this.options.answerStyles[model.id] ?? model.answerStyle ?? 'json';
  }

  /**
   * JIT loading: the first request to a not-loaded model waits for the load, and concurrent requests share
   * it. Returns false when the model is not loaded and JIT is off.
   */
  async ensureLoaded(model: DoubleModel): Promise<boolean> {
    if (model.state === 'loaded') return true;
    if (!this.options.jit) return false;
    let load = this.loading.get(model.id);
    if (!load) {
      load = new Promise<void>((resolve) => setTimeout(resolve, this.options.jitLoadMs).unref()).then(() => {
        model.state = 'loaded';
        this.loading.delete(model.id);
      });
      this.loading.set(model.id, load);
    }
    await load;
    return true;
  }

  /** The 'unload' fault: the model goes away and JIT is off, as when a user unloads it in the app. */
  unload(modelId: string | undefined): void {
    this.options.jit = false;
    for (const model of this.options.models) if (modelId === undefined || model.id === modelId) model.state = 'not-loaded';
  }

  private async rebuildLabels(): Promise<void> {
    await this.labelsReady.catch(() => undefined);
    const corpus = this.options.labelCorpus ? await corpusLabelReferences() : [];
    const references = [...corpus, ...this.options.labels, ...this.manualLabels];
    const registry = new LabelRegistry();
    for (const reference of references) await registry.register(reference);
    this.labels.replaceWith(registry);
  }
}

/** `{ parallel: undefined }` means "version default", so that one key keeps its undefined. */
function withoutUndefinedKnobs(partial: Partial<DoubleOptions>): Partial<DoubleOptions> {
  return Object.fromEntries(
    Object.entries(partial).filter(([key, value]) => value !== undefined || key === 'parallel' || key === 'apiKey'),
  );
}
