import type { AgreementMessages, FailureMessages, JudgeMessages } from './explain-messages';

export const failuresEn: FailureMessages = {
  item: {
    cancelled: 'Cancelled',
    'empty-file': 'The file is empty.',
    'not-an-image': 'This is not an image (unrecognised format).',
    'unsupported-format': 'This image format is not supported: use PNG, JPEG, GIF, BMP or WebP.',
    'corrupt-image': 'The image is damaged and cannot be read.',
    'image-too-large': 'The image has too many pixels to prepare.',
    'file-not-kept': 'The file was refused before and not kept: upload a fixed copy.',
    'preparation-failed': 'The image could not be prepared for the model.',
    'inference-timeout': 'The model did not answer in time.',
    'inference-unreachable': 'LM Studio could not be reached.',
    'inference-error': 'LM Studio answered with an error.',
    'inference-bad-response': 'LM Studio sent an answer that could not be read.',
    'no-entity': 'The model answered, but named nothing.',
    'not-sent': 'The image was not sent.',
    'not-finished': 'The image had not been analysed yet.',
  },
  request: {
    'no-images': 'No photos were sent.',
    'too-many-images': 'Too many photos for one batch.',
    'upload-too-large': 'The photos are too large together for one batch.',
    'unexpected-file-field': 'The upload carried a file in an unexpected field.',
    'invalid-file-name': 'A file name cannot be used.',
    'prompt-too-long': 'The prompt is too long.',
    'field-too-long': 'A field of the upload is too long.',
    'too-many-parts': 'The upload has too many parts.',
    'malformed-upload': 'The upload could not be read.',
    'upload-interrupted': 'The upload was interrupted.',
    'invalid-concurrency': 'The number of parallel requests is not valid.',
    'storage-full': 'The server’s disk has too little space for these photos.',
    'no-model': 'No model was chosen.',
    'model-not-available': 'LM Studio does not offer this model.',
    'model-cannot-see-images': 'This model cannot see images.',
    'batch-not-found': 'This batch does not exist (any more).',
    'comparison-not-found': 'This comparison does not exist (any more).',
    'thumbnail-not-found': 'This picture does not exist.',
    'endpoint-not-found': 'The server has no such address.',
    'unknown-export-format': 'Unknown export format.',
    'batch-still-running': 'The batch is still running: cancel it or wait for it to finish.',
    'retry-unknown-index': 'The batch has no such image.',
    'nothing-to-retry': 'Nothing can run again: refused files are not kept.',
    'inference-unreachable': 'LM Studio could not be reached.',
    'inference-auth-refused': 'LM Studio refused the server’s key.',
    'server-stopping': 'The server is stopping: send it again once it has restarted.',
    'access-token-required': 'This server needs its access key.',
    'access-token-wrong': 'The access key is wrong.',
    'invalid-request': 'The server could not read the request.',
    'internal-error': 'Something went wrong on the server.',
    'server-unreachable': 'The server could not be reached. Is it still running?',
    'answer-unreadable': 'The server’s answer could not be read.',
    unknown: 'Something went wrong.',
  },
  details: 'Details',
};

export const judgeEn: JudgeMessages = {
  relation: {
    'no-label': () => 'there is no label to compare with',
    'no-answer': () => 'no answer',
    'same-text': ({ answer }) => `${answer} is ${answer}`,
    'same-name': ({ answer, name, byHead }) => (byHead ? `${answer} is read as ${name}, its head noun` : `"${answer}" reads as ${name}`),
    synonym: ({ name, label }) => `${name} is another word for ${label}`,
    hyponym: ({ name, label, path }) => `${name} is a kind of ${label} (WordNet: ${path})`,
    compound: ({ name, compound, label, path }) =>
      path ? `${name} is short for ${compound}, a kind of ${label} (WordNet: ${path})` : `${name} is short for ${compound}`,
    gloss: ({ name, label, gloss }) => `${name} is a kind of ${label} (WordNet: ${name} — ${gloss})`,
    bloom: ({ name, gloss }) => `${name} is a flowering plant (WordNet: ${name} — ${gloss})`,
    'part-of': ({ name, label, via }) =>
      `${name} is part of ${label} (WordNet: ${via ? `${name} is part of ${via}; ${label} is a kind of ${via}` : `${name} is part of ${label}`})`,
    includes: ({ name, label, via }) =>
      `${name} includes ${label} (WordNet: ${via ? `${label} is part of ${via}; ${name} is a kind of ${via}` : `${label} is part of ${name}`})`,
    everyday: ({ name, label, word, hypernym, path }) => {
      const usage = `${word} is called a ${hypernym} in everyday usage, which WordNet does not record`;
      return path ? `${name} is a kind of ${word} (WordNet: ${path}), and ${usage}` : `${name} is a ${label}: ${usage}`;
    },
    broader: ({ name, label }) => `${name} is broader than ${label} (${label} is a kind of ${name})`,
    unrelated: ({ name, labels }) => `${name} is not ${labels}`,
    'unknown-answer': ({ name, labels }) => `${name} is not ${labels} (${name} is not in WordNet)`,
  },
  labelSense: (label, gloss) => `, taking ${label} as "${gloss}"`,
  readAs: (answer, name) => ` (${answer} read as ${name})`,
  or: 'or',
};

export const agreementEn: AgreementMessages = {
  same: ({ answer, other }) => `${answer} reads as ${other}`,
  synonym: ({ answer, other }) => `${answer} is another word for ${other}`,
  'kind-of': ({ answer, other }) => `${answer} is a kind of ${other}`,
  'same-label': ({ answer, other, label }) => `${answer} and ${other} are both right for ${label ?? ''}`,
};
