import sharp from 'sharp';

/** Colours the double names back exactly, so a test can tell which image reached which request. */
export const COLOUR_HEX = {
  red: '#ff0000',
  green: '#00ff00',
  blue: '#0000ff',
  yellow: '#ffff00',
  white: '#ffffff',
  black: '#000000',
  gray: '#808080',
  orange: '#ff8c00',
  purple: '#800080',
  cyan: '#00ffff',
  magenta: '#ff00ff',
  brown: '#8b4513',
  pink: '#ffc0cb',
} as const;

export type ColourName = keyof typeof COLOUR_HEX;
export const COLOUR_NAMES = Object.keys(COLOUR_HEX) as ColourName[];

export function solidImage(
  colour: ColourName,
  options: { width?: number; height?: number; format?: 'png' | 'jpeg' } = {},
): Promise<Buffer> {
  const image = sharp({
    create: { width: options.width ?? 48, height: options.height ?? 32, channels: 3, background: COLOUR_HEX[colour] },
  });
  return (options.format === 'jpeg' ? image.jpeg() : image.png()).toBuffer();
}
