import type { TAgreementLink as AgreementLink } from '../schemas/comparison';

/** How two answers agree, in English, from the link's parts: "tabby is a kind of cat". The web app says it in its own language. */
export function explainAgreement(link: AgreementLink): string {
  switch (link.basis) {
    case 'same':
      return `${link.answer} reads as ${link.other}`;
    case 'synonym':
      return `${link.answer} is another word for ${link.other}`;
    case 'kind-of':
      return `${link.answer} is a kind of ${link.other}`;
    case 'same-label':
      return `${link.answer} and ${link.other} are both right for ${link.label ?? ''}`;
  }
}

/** Every link of an image, joined: "tabby is a kind of cat; kitten is a kind of cat". */
export const explainAgreements = (links: readonly AgreementLink[]): string => links.map(explainAgreement).join('; ');
