import type { AgreementMessages, FailureMessages, JudgeMessages } from './explain-messages';

export const failuresRu: FailureMessages = {
  item: {
    cancelled: 'Отменено',
    'empty-file': 'Файл пуст.',
    'not-an-image': 'Это не изображение (формат не распознан).',
    'unsupported-format': 'Этот формат изображений не поддерживается: подойдут PNG, JPEG, GIF, BMP или WebP.',
    'corrupt-image': 'Изображение повреждено, его не прочитать.',
    'image-too-large': 'В изображении слишком много пикселей, его не подготовить.',
    'file-not-kept': 'Файл уже был отклонён и не сохранён: загрузите исправленную копию.',
    'preparation-failed': 'Изображение не удалось подготовить для модели.',
    'inference-timeout': 'Модель не ответила вовремя.',
    'inference-unreachable': 'Не удалось связаться с сервером модели (LM Studio, Ollama…).',
    'inference-error': 'Сервер модели ответил ошибкой.',
    'inference-bad-response': 'Ответ сервера модели не удалось прочитать.',
    'inference-unavailable': 'Сервер модели был занят или всё ещё загружал модель.',
    'inference-server-error': 'На сервере модели произошла внутренняя ошибка.',
    'model-cannot-see-images': 'Эта модель не видит изображений: выберите модель со зрением.',
    'model-not-on-any-host': 'Ни один сервер моделей не предлагает эту модель.',
    'no-host-available': 'Все серверы с этой моделью были недоступны.',
    'failover-exhausted': 'Ни один из опробованных серверов не справился с этим изображением.',
    'no-entity': 'Модель ответила, но ничего не назвала.',
    'not-sent': 'Изображение не отправлено.',
    'not-finished': 'Изображение ещё не проанализировано.',
  },
  request: {
    'no-images': 'Фотографии не отправлены.',
    'too-many-images': 'Слишком много фотографий для одного пакета.',
    'upload-too-large': 'Фотографии вместе слишком велики для одного пакета.',
    'unexpected-file-field': 'В загрузке файл в неожиданном поле.',
    'invalid-file-name': 'Имя файла нельзя использовать.',
    'prompt-too-long': 'Слишком длинный запрос к модели.',
    'field-too-long': 'Одно из полей загрузки слишком длинное.',
    'too-many-parts': 'В загрузке слишком много частей.',
    'malformed-upload': 'Загрузку не удалось прочитать.',
    'upload-interrupted': 'Загрузка прервалась.',
    'invalid-concurrency': 'Недопустимое число параллельных запросов.',
    'storage-full': 'На диске сервера не хватает места для этих фотографий.',
    'no-model': 'Модель не выбрана.',
    'model-not-available': 'На сервере модели нет такой модели.',
    'model-cannot-see-images': 'Эта модель не видит изображений.',
    'batch-not-found': 'Такого пакета нет (уже нет).',
    'comparison-not-found': 'Такого сравнения нет (уже нет).',
    'thumbnail-not-found': 'Такой картинки нет.',
    'endpoint-not-found': 'На сервере нет такого адреса.',
    'unknown-export-format': 'Неизвестный формат экспорта.',
    'batch-still-running': 'Пакет ещё идёт: отмените его или дождитесь конца.',
    'retry-unknown-index': 'В пакете нет такого изображения.',
    'review-unknown-index': 'В пакете или сравнении нет такого изображения.',
    'review-label-missing': 'Сначала введите метку: принимать нечего.',
    'nothing-to-retry': 'Повторять нечего: отклонённые файлы не сохраняются.',
    'inference-unreachable': 'Не удалось связаться с сервером модели (LM Studio, Ollama…).',
    'inference-auth-refused': 'Сервер модели не принял переданный ему ключ.',
    'inference-unavailable': 'Сервер модели занят или ещё загружает модель: попробуйте чуть позже.',
    'server-stopping': 'Сервер останавливается: отправьте снова, когда он перезапустится.',
    'access-token-required': 'Этому серверу нужен ключ доступа.',
    'access-token-wrong': 'Неверный ключ доступа.',
    'invalid-request': 'Сервер не смог прочитать запрос.',
    'internal-error': 'На сервере что-то пошло не так.',
    'server-unreachable': 'Сервер недоступен. Он ещё запущен?',
    'answer-unreadable': 'Ответ сервера не удалось прочитать.',
    unknown: 'Что-то пошло не так.',
  },
  details: 'Подробности',
};

export const judgeRu: JudgeMessages = {
  relation: {
    'no-label': () => 'нет метки для сравнения',
    'no-answer': () => 'нет ответа',
    'same-text': ({ answer }) => `${answer} — это ${answer}`,
    'same-name': ({ answer, name, byHead }) =>
      byHead ? `${answer} читается как ${name}, по главному слову` : `«${answer}» читается как ${name}`,
    synonym: ({ name, label }) => `${name} — другое название для ${label}`,
    hyponym: ({ name, label, path }) => `${name} — разновидность ${label} (WordNet: ${path})`,
    compound: ({ name, compound, label, path }) =>
      path ? `${name} — сокращение от ${compound}, а это разновидность ${label} (WordNet: ${path})` : `${name} — сокращение от ${compound}`,
    gloss: ({ name, label, gloss }) => `${name} — разновидность ${label} (WordNet: ${name} — ${gloss})`,
    bloom: ({ name, gloss }) => `${name} — цветковое растение (WordNet: ${name} — ${gloss})`,
    'part-of': ({ name, label, via }) =>
      `${name} — часть ${label} (WordNet: ${via ? `${name} — часть ${via}; ${label} — разновидность ${via}` : `${name} — часть ${label}`})`,
    includes: ({ name, label, via }) =>
      `${name} включает ${label} (WordNet: ${via ? `${label} — часть ${via}; ${name} — разновидность ${via}` : `${label} — часть ${name}`})`,
    everyday: ({ name, label, word, hypernym, path }) => {
      const usage = `в обиходе ${word} называют ${hypernym}, хотя в WordNet этого нет`;
      return path ? `${name} — разновидность ${word} (WordNet: ${path}), а ${usage}` : `${name} — это ${label}: ${usage}`;
    },
    broader: ({ name, label }) => `${name} — понятие шире, чем ${label} (${label} — разновидность ${name})`,
    unrelated: ({ name, labels }) => `${name} — не ${labels}`,
    'unknown-answer': ({ name, labels }) => `${name} — не ${labels} (слова ${name} нет в WordNet)`,
  },
  labelSense: (label, gloss) => `, если понимать ${label} как «${gloss}»`,
  readAs: (answer, name) => ` (${answer} прочитано как ${name})`,
  or: 'или',
};

export const agreementRu: AgreementMessages = {
  same: ({ answer, other }) => `${answer} и ${other} — одно и то же`,
  synonym: ({ answer, other }) => `${answer} — другое название для ${other}`,
  'kind-of': ({ answer, other }) => `${answer} — разновидность ${other}`,
  'same-label': ({ answer, other, label }) => `${answer} и ${other} — оба верны для метки ${label ?? ''}`,
};
