/**
 * One memoised asynchronous value that is valid for one "generation" of the content: the caller
 * passes the current generation (a counter bumped on every relevant write) and gets the value
 * loaded for that generation, loading it again after any change. A failed load is not kept.
 */
export class GenerationMemo<T> {
  private entry?: { generation: number; value: Promise<T> };

  /** The value for `generation`: the memoised one, or `load()` when the generation changed. */
  get(generation: number, load: () => Promise<T>): Promise<T> {
    if (this.entry?.generation === generation) return this.entry.value;
    const entry = { generation, value: load() };
    this.entry = entry;
    entry.value.catch(() => {
      if (this.entry === entry) this.entry = undefined;
    });
    return entry.value;
  }
}
