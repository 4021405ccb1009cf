/**
 * Names an average colour the way a person would, so a test that sends solid-colour images can check which
 * image reached which request. Hue buckets are deliberately coarse: re-encoding shifts colours slightly.
 */
export function nameColour([r, g, b]: readonly [number, number, number]): string {
  const max = Math.max(r, g, b) / 255;
  const min = Math.min(r, g, b) / 255;
  const lightness = (max + min) / 2;
  const chroma = max - min;
  if (chroma < 0.12) {
    if (lightness < 0.15) return 'black';
    if (lightness > 0.88) return 'white';
    return 'gray';
  }
  const hue = hueDegrees(r / 255, g / 255, b / 255, max, chroma);
  if (hue < 15 || hue >= 345) return lightness > 0.7 ? 'pink' : 'red';
  if (hue < 45) return lightness < 0.35 ? 'brown' : 'orange';
  if (hue < 70) return 'yellow';
  if (hue < 165) return 'green';
  if (hue < 195) return 'cyan';
  if (hue < 255) return 'blue';
  if (hue < 285) return 'purple';
  // Dark magenta is what people call purple (#800080); bright and pale ones read as magenta and pink.
  if (hue < 320) return lightness < 0.4 ? 'purple' : lightness > 0.7 ? 'pink' : 'magenta';
  return lightness > 0.6 ? 'pink' : 'magenta';
}

function hueDegrees(r: number, g: number, b: number, max: number, chroma: number): number {
  let sector: number;
  if (max === r) sector = ((g - b) / chroma + 6) % 6;
  else if (max === g) sector = (b - r) / chroma + 2;
  else sector = (r - g) / chroma + 4;
  return sector * 60;
}
