/** Every text of the interface; each language provides all of them (the compiler checks). */
import type { ComparisonExportFormat } from '../config/limits';
import type { SniffRejection } from '../lib/sniff-image';
import type { AgreementMessages, FailureMessages, JudgeMessages } from './explain-messages';
import type { ReviewMessages } from './review-messages';

export type Count = (count: string, n: number) => string;

export interface Messages {
  /** Why something failed, by the server's code (see explain-messages.ts). */
  errors: FailureMessages;
  /** The judge's reasons, from their parts. */
  judge: JudgeMessages;
  /** How two answers agree, by basis. */
  agreedBy: AgreementMessages;
  /** The review queue. */
  review: ReviewMessages;
  units: { s: string; min: string; b: string; kb: string; mb: string; tokPerS: string };
  app: {
    name: string;
    tagline: string;
    nav: string;
    newBatch: string;
    history: string;
    language: string;
    /** Where the photos go: the inference servers the server is set up with. */
    footer: {
      /** Before the server has listed them (or when it cannot be asked). */
      unknown: string;
      /** `product` when every server is of that one kind; `addresses` (joined) null when all are on this machine. */
      to: (product: string | null, addresses: string | null, count: number) => string;
    };
  };
  access: { explain: string; tokenLabel: string; submit: string; wrongToken: string };
  upload: {
    heading: string;
    dropTitle: string;
    dropAction: string;
    dropHint: (maxImages: string, maxSize: string) => string;
    dropFolders: string;
    dropActive: string;
    inputLabel: string;
    chooseFolder: string;
    photos: Count;
    countOfMax: (count: string, max: string) => string;
    sizeOfMax: (size: string, max: string) => string;
    tooMany: (max: string, extra: string, n: number) => string;
    tooLarge: (max: string, over: string) => string;
    nearLimit: string;
    willFail: Count;
    removeRejected: string;
    clearAll: string;
    remove: (filename: string) => string;
    checking: string;
    duplicatesSkipped: Count;
    empty: string;
    rejection: Record<SniffRejection, string>;
  };
  /**
   * `product` in these: the one kind of inference server the app uses ("LM Studio"); null for several kinds or
   * while it is not known, and the text then speaks of the inference servers.
   */
  models: {
    heading: string;
    hint: string;
    seeds: string;
    others: (product: string | null) => string;
    unusable: string;
    loaded: string;
    notLoaded: string;
    notListed: (product: string | null) => string;
    textOnly: (type: string) => string;
    unknownVision: (product: string | null) => string;
    /** The inference servers: the heading, each one's state, its slots. */
    hostsTitle: string;
    hostAnswers: string;
    hostDown: string;
    hostRejoining: string;
    hostSlots: (slots: number) => string;
    hostUnknownKind: string;
    context: (tokens: string) => string;
    start: (model: string) => string;
    needPhotos: string;
    fixDataset: string;
    loading: (product: string | null) => string;
    unreachableTitle: (product: string | null) => string;
    /** What to do when the server that does not answer is LM Studio, the default server (LMSTUDIO_BASE_URL). */
    unreachableStepsDefaultServer: string[];
    /** The same for any other server, or when the kind is not known. */
    unreachableSteps: string[];
    noVisionTitle: (product: string | null) => string;
    noVisionSteps: (product: string | null) => string[];
    retry: string;
    advanced: string;
    prompt: string;
    promptHint: string;
    concurrency: string;
    concurrencyHint: (product: string | null) => string;
    uploading: (percent: string) => string;
    starting: string;
    submitFailed: string;
    compareToggle: string;
    compareHint: string;
    compareStart: Count;
    comparePickMore: string;
    compareFailed: string;
  };
  groundTruth: {
    heading: string;
    optional: string;
    hint: string;
    chooseCsv: string;
    removeCsv: (filename: string) => string;
    unreadable: string;
    labelsPhotos: (labelled: string, total: string) => string;
    fromFolders: string;
    useFolders: string;
    noLabels: string;
    noPhotoRows: Count;
    andMore: (count: string) => string;
    noFile: (line: string) => string;
    noLabel: (line: string, file: string) => string;
    repeated: (line: string, file: string) => string;
    severalPhotos: (line: string, file: string, count: string) => string;
    extraColumns: (line: string, columns: string) => string;
  };
  comparison: {
    heading: string;
    loading: string;
    notFound: string;
    waitingTurn: string;
    cancelFailed: string;
    deleteFailed: string;
    labelProblems: string;
    accuracy: string;
    correctOf: (correct: string, labelled: string) => string;
    noLabels: string;
    addLabelsHint: string;
    meanTime: string;
    speed: string;
    ttft: string;
    failures: string;
    quantization: string;
    mostAccurate: string;
    fastest: string;
    mistakes: string;
    noMistakes: string;
    agreement: (agreed: string, compared: string) => string;
    chartTitle: string;
    chartDescription: string;
    chartAsTable: string;
    xAxis: string;
    yAxis: string;
    model: string;
    photo: string;
    label: string;
    models: string;
    agree: string;
    disagree: string;
    addLabel: string;
    labelOf: (filename: string) => string;
    saveFailed: string;
    right: string;
    wrong: string;
    pending: string;
    failed: string;
    missing: string;
    fastestHere: string;
    export: string;
    exportNames: Record<ComparisonExportFormat, string>;
    partOf: string;
    open: string;
  };
  batch: {
    heading: string;
    loading: string;
    notFound: string;
    status: Record<'queued' | 'running' | 'completed' | 'cancelled', string>;
    itemStatus: Record<'queued' | 'running' | 'success' | 'error' | 'cancelled', string>;
    progress: (done: string, total: string) => string;
    failedCount: Count;
    cancelledCount: Count;
    elapsed: (clock: string) => string;
    eta: (time: string) => string;
    reconnecting: string;
    liveSpeed: (speed: string) => string;
    announceDone: (successful: string, failed: string) => string;
    cancel: string;
    cancelling: string;
    retry: (count: string, kind: 'failed' | 'cancelled' | 'both') => string;
    export: string;
    newBatch: string;
    anotherModel: string;
    askFieldsAgain: string;
    resumeTitle: string;
    resumeOpen: string;
    startedAt: (date: string) => string;
    model: string;
    actionFailed: string;
  };
  results: {
    heading: string;
    entities: string;
    noEntity: string;
    time: string;
    speed: string;
    ttft: string;
    rawAnswer: string;
    /** The raw answer's summary when the model's own phrase is known: "Model's answer: “Great Pyrenees dogs”". */
    modelNamed: (phrase: string) => string;
    runningFor: (time: string) => string;
    waiting: string;
    filterAll: string;
    filterFailed: string;
  };
  stats: {
    summary: (successful: string, failed: string) => string;
    successful: string;
    failed: string;
    cancelled: string;
    total: string;
    average: string;
    wall: string;
    perMinute: string;
    speed: string;
  };
  history: {
    heading: string;
    empty: string;
    emptyAction: string;
    open: string;
    delete: string;
    confirmDelete: string;
    keep: string;
    /** Said beside "Delete for good" for a comparison: more than one batch goes. */
    deleteComparisonWarning: string;
    loadMore: string;
    loading: string;
    photos: Count;
    failedToLoad: string;
    batchesTab: string;
    comparisonsTab: string;
    comparisonsEmpty: string;
    compareAction: string;
    labelled: (labelled: string, images: string) => string;
  };
  fields: {
    heading: string;
    preset: string;
    presets: Record<'entity' | 'caption' | 'tags' | 'count' | 'classify' | 'custom', string>;
    labels: string;
    labelsHint: string;
    name: string;
    type: string;
    types: Record<'text' | 'label' | 'labels' | 'number' | 'yesno' | 'tags', string>;
    values: string;
    description: string;
    addField: string;
    removeField: string;
    preview: string;
    prompt: string;
    schema: string;
    invalid: (reason: string) => string;
    asked: string;
    yes: string;
    no: string;
    unread: string;
    sum: string;
    mean: string;
    captionsZip: string;
    fieldAccuracy: (field: string) => string;
    /** Which field of a comparison the ground truth (labels, folders) judges. */
    truthField: (field: string) => string;
    truthFieldLabel: string;
    /** The choice that lets the server pick: it names the field it would take. */
    truthFieldAuto: (field: string) => string;
    precision: string;
    recall: string;
    confusion: string;
    truth: string;
  };
}
