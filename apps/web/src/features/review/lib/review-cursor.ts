/** The queue's items as the cursor needs them: their image index and whether a person decided them. */
export interface CursorItem {
  index: number;
  decision: unknown;
}

/** Where the queue opens: the first image nobody decided yet (the queue puts the doubtful first), else the first. */
export function openingIndex(items: readonly CursorItem[]): number | null {
  return (items.find((item) => item.decision === null) ?? items[0])?.index ?? null;
}

/** The cursor's position in the list; an image the filter no longer shows falls back to the first. */
export function positionOf(items: readonly CursorItem[], cursor: number | null): number {
  const position = items.findIndex((item) => item.index === cursor);
  return position === -1 ? 0 : position;
}

/** The image `step` places away, staying at the ends. */
export function movedIndex(items: readonly CursorItem[], cursor: number | null, step: number): number | null {
  if (!items.length) return null;
  const position = Math.min(items.length - 1, Math.max(0, positionOf(items, cursor) + step));
  return items[position]!.index;
}
