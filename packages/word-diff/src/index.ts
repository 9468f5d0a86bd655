/**
 * Word-level diff of two texts (what changed in a translation's source since it was made, or a
 * stored version against the current draft): the longest common subsequence over word, space and
 * punctuation tokens. No library in the project
 * does this, and the texts are paragraphs, so the quadratic table stays small; past a limit the
 * change is shown as the whole old text deleted and the new one inserted.
 */
export type DiffOp = 'equal' | 'insert' | 'delete';

export interface DiffPart {
  op: DiffOp;
  text: string;
}

/** Cells of the LCS table above which the diff gives up on alignment. */
export const MAX_CELLS = 4_000_000;

/**
 * Words (letters and digits, with inner apostrophes and hyphens: "UNESCO-Stadt", "don't"), runs
 * of whitespace and single other characters (punctuation), so that a changed comma does not mark
 * the word before it as changed.
 */
export function tokenize(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|\s+|[^\p{L}\p{N}\s]/gu) ?? [];
}

/** Appends a part, merging it with the previous one of the same kind. */
function push(parts: DiffPart[], op: DiffOp, text: string): void {
  if (text === '') return;
  const last = parts[parts.length - 1];
  if (last && last.op === op) last.text += text;
  else parts.push({ op, text });
}

/**
 * Inside one changed stretch, deletions are written before insertions and a lone space between
 * two changes joins them, so "a b" → "x y" reads as one deletion and one insertion.
 */
function tidy(parts: DiffPart[]): DiffPart[] {
  const joined: DiffPart[] = [];
  for (let i = 0; i < parts.length; i += 1) {
    const part = parts[i];
    const before = joined[joined.length - 1];
    const after = parts[i + 1];
    if (
      part.op === 'equal' &&
      /^\s+$/.test(part.text) &&
      before &&
      before.op !== 'equal' &&
      after &&
      after.op !== 'equal'
    ) {
      // Shared whitespace inside a change: both sides have it.
      joined.push({ op: 'delete', text: part.text }, { op: 'insert', text: part.text });
      continue;
    }
    joined.push({ ...part });
  }
  const result: DiffPart[] = [];
  let deleted = '';
  let inserted = '';
  const flush = () => {
    push(result, 'delete', deleted);
    push(result, 'insert', inserted);
    deleted = '';
    inserted = '';
  };
  for (const part of joined) {
    if (part.op === 'delete') deleted += part.text;
    else if (part.op === 'insert') inserted += part.text;
    else {
      flush();
      push(result, 'equal', part.text);
    }
  }
  flush();
  return result;
}

/**
 * The parts that turn `before` into `after`: concatenating the `equal` and `delete` parts gives
 * `before`, the `equal` and `insert` parts give `after`.
 */
export function wordDiff(before: string, after: string): DiffPart[] {
  const a = tokenize(before);
  const b = tokenize(after);
  // A shared start and end need no table.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA -= 1;
    endB -= 1;
  }
  const parts: DiffPart[] = [];
  push(parts, 'equal', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push(parts, 'delete', midA.join(''));
    push(parts, 'insert', midB.join(''));
  } else {
    // lengths[i][j]: LCS length of midA[i..] and midB[j..], in one flat array.
    const width = m + 1;
    const lengths = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i -= 1) {
      for (let j = m - 1; j >= 0; j -= 1) {
        lengths[i * width + j] =
          midA[i] === midB[j]
            ? lengths[(i + 1) * width + j + 1] + 1
            : Math.max(lengths[(i + 1) * width + j], lengths[i * width + j + 1]);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(parts, 'equal', midA[i]);
        i += 1;
        j += 1;
      } else if (lengths[(i + 1) * width + j] >= lengths[i * width + j + 1]) {
        push(parts, 'delete', midA[i]);
        i += 1;
      } else {
        push(parts, 'insert', midB[j]);
        j += 1;
      }
    }
    push(parts, 'delete', midA.slice(i).join(''));
    push(parts, 'insert', midB.slice(j).join(''));
  }
  push(parts, 'equal', a.slice(endA).join(''));
  return tidy(parts);
}

/** The text on one side of a diff: `before` without insertions, `after` without deletions. */
export function sideOf(parts: readonly DiffPart[], side: 'before' | 'after'): string {
  const skip: DiffOp = side === 'before' ? 'insert' : 'delete';
  return parts
    .filter((part) => part.op !== skip)
    .map((part) => part.text)
    .join('');
}
