import { ZSubmitComparisonAnswer } from '@vision/core/schemas';
import { describe, expect, it } from 'vitest';
import { createFormatters } from '../../../i18n/format';
import { en } from '../../../i18n/messages-en';
import { ru } from '../../../i18n/messages-ru';
import { describeLabelProblem } from './describe-label-problem';

// What POST /api/comparisons answers for a labels CSV with a repeated name and a row of three columns.
const answer = ZSubmitComparisonAnswer.parse({
  comparisonId: 'c',
  batchIds: ['b'],
  labelProblems: ['…'],
  labelIssues: [
    { kind: 'repeated', line: 4, file: 'A.JPG', firstLine: 2 },
    { kind: 'extra-columns', line: 5, columns: 3 },
  ],
});

describe('describeLabelProblem', () => {
  it("says the server's skipped label rows in Russian, from their kind", () => {
    const format = createFormatters('ru-RU', ru.units);
    expect(answer.labelIssues.map((problem) => describeLabelProblem(problem, ru, format))).toEqual([
      'Строка 4 снова размечает A.JPG; остаётся первая метка.',
      'В строке 5 столбцов: 3; читаются только имя файла и метка.',
    ]);
  });

  it('says the same in English', () => {
    const format = createFormatters('en-US', en.units);
    expect(answer.labelIssues.map((problem) => describeLabelProblem(problem, en, format))).toEqual([
      'Line 4 labels A.JPG again; the first label is kept.',
      'Line 5 has 3 columns; only the file name and the label are read.',
    ]);
  });
});
