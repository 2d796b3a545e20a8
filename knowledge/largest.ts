/**
 * The `limit` items with the largest scores, largest first, earlier items first among equals (what a stable sort
 * truncated to `limit` gives), in one pass when `limit` is small: the search needs the first few of thousands.
 */
export function largest<T>(items: readonly T[], limit: number, score: (item: T, at: number) => number): T[] {
  if (limit >= items.length) return items.map((item, at) => ({ item, at, value: score(item, at) })).sort((a, b) => b.value - a.value || a.at - b.at).map(({ item }) => item);
  if (limit <= 0) return [];
  const kept: { item: T; value: number }[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    const value = score(item, i);
    if (kept.length === limit) {
      if (value <= kept[limit - 1].value) continue;
      kept.pop();
    }
    let at = kept.length;
    while (at > 0 && kept[at - 1].value < value) at--;
    kept.splice(at, 0, { item, value });
  }
  return kept.map(({ item }) => item);
}
