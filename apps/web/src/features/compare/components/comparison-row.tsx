import { memo } from 'react';
import { FallbackImage } from '../../../components/fallback-image';
import { useObjectUrl } from '../../../hooks/use-object-url';
import { useI18n } from '../../../i18n';
import { thumbnailUrl } from '../../../lib/api-urls';
import { fastestAnswer } from '../lib/comparison-progress';
import { describeAgreement } from '../lib/describe-judgement';
import type { ComparisonImage } from '../lib/comparison-types';
import { AnswerCell } from './answer-cell';
import { LabelEditor } from './label-editor';

interface ComparisonRowProps {
  image: ComparisonImage;
  /** The first model's batch, whose server thumbnails show the photos once this page no longer has them. */
  thumbnailBatchId: string | null;
  localFile: File | undefined;
  saving: boolean;
  onLabel(index: number, label: string | null): void;
}

/** One photo: its label (editable), every model's answer side by side, and whether they agree. */
export const ComparisonRow = memo(function ComparisonRow({ image, thumbnailBatchId, localFile, saving, onLabel }: ComparisonRowProps) {
  const { t } = useI18n();
  const localUrl = useObjectUrl(localFile);
  const firstStatus = image.answers[0]?.status ?? 'pending';
  // The thumbnail exists once the first model has prepared the image: asked again when its answer arrives.
  const serverUrl = thumbnailBatchId ? `${thumbnailUrl(thumbnailBatchId, image.index)}?status=${firstStatus}` : undefined;
  const fastest = fastestAnswer(image.answers);
  const agreement = image.agree === null ? 'unknown' : image.agree ? 'agree' : 'disagree';
  // "Same" needs no saying; "tabby is a kind of cat" does.
  const how = describeAgreement(
    image.agreedBy.filter((link) => link.basis !== 'same'),
    t,
  );

  return (
    <tr
      className={`comparison-row comparison-row--${agreement}`}
      data-testid="comparison-row"
      data-filename={image.filename}
      data-agree={image.agree === null ? undefined : String(image.agree)}
    >
      <th scope="row" className="comparison-row__photo">
        <FallbackImage className="comparison-row__thumb" src={localUrl ?? serverUrl} width={56} height={56} />
        <span className="comparison-row__filename" title={image.filename}>
          {image.filename}
        </span>
      </th>
      <td className="comparison-row__label">
        <LabelEditor label={image.label} filename={image.filename} saving={saving} onSave={(label) => onLabel(image.index, label)} />
      </td>
      {image.answers.map((answer, position) => (
        <AnswerCell key={answer.batchId} answer={answer} filename={image.filename} fastest={fastest === position} />
      ))}
      <td className="comparison-row__agreement">
        {agreement === 'unknown' ? (
          '—'
        ) : (
          <span className={`agreement agreement--${agreement}`}>
            <span aria-hidden="true">{image.agree ? '=' : '≠'}</span> {image.agree ? t.comparison.agree : t.comparison.disagree}
          </span>
        )}
        {how && (
          <span className="agreement__how" data-testid="agreement-how">
            {how}
          </span>
        )}
      </td>
    </tr>
  );
});
