/** "qwen/qwen3-vl-4b" -> { publisher: "qwen/", name: "qwen3-vl-4b" }: the name alone where room is short. */
export function splitModelId(id: string): { publisher: string; name: string } {
  const slash = id.indexOf('/');
  return slash > 0 ? { publisher: id.slice(0, slash + 1), name: id.slice(slash + 1) } : { publisher: '', name: id };
}

/** Models are told apart by colour in the chart, the cards and the table's columns, in their run order. */
export const MODEL_COLOURS = 6;
export const colourOf = (position: number): string => String(position % MODEL_COLOURS);
