/**
 * Strapi "blocks" rich text ⇄ translation segments. Each text-bearing block (paragraph, heading,
 * quote, list item, code) is one segment; its inline formatting becomes paired codes with ids that
 * are unique within the segment, so a translator can move a code but not lose or invent one.
 */

export const MARKS = ['bold', 'italic', 'underline', 'strikethrough', 'code'] as const;
export type Mark = (typeof MARKS)[number];
export type CodeKind = Mark | 'link';

export interface TextLeaf {
  type: 'text';
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  strikethrough?: boolean;
  code?: boolean;
}

export interface LinkInline {
  type: 'link';
  url: string;
  children: TextLeaf[];
}

export type InlineNode = TextLeaf | LinkInline;

/** A block node as Strapi stores it; only `children` matters here, the rest is kept as is. */
export interface BlockNode {
  type: string;
  children?: Array<BlockNode | InlineNode>;
  [key: string]: unknown;
}

/** A paired inline code: formatting or a link around its contents. */
export interface InlineCode {
  id: string;
  kind?: CodeKind;
  url?: string;
  contents: Content;
}

/** Text with inline codes, the neutral form between blocks and XLIFF. */
export type Content = Array<string | InlineCode>;

/** One translatable block of a blocks field: its path (`2`, `3.1`) and its inline content. */
export interface BlockSegment {
  path: string;
  content: Content;
}

function isInline(node: BlockNode | InlineNode): node is InlineNode {
  return node.type === 'text' || node.type === 'link';
}

/** Splits blocks into one segment per text-bearing block (depth-first, nested lists included). */
export function blocksToSegments(blocks: readonly BlockNode[]): BlockSegment[] {
  const segments: BlockSegment[] = [];
  const walk = (nodes: readonly BlockNode[], prefix: string): void => {
    nodes.forEach((block, index) => {
      const path = prefix ? `${prefix}.${index}` : String(index);
      const children = block.children ?? [];
      if (block.type === 'image') return; // images carry no translatable text
      if (children.length > 0 && children.every(isInline)) {
        segments.push({ path, content: inlineToContent(children as InlineNode[]) });
      } else {
        walk(
          children.filter((child): child is BlockNode => !isInline(child)),
          path
        );
      }
    });
  };
  walk(blocks, '');
  return segments;
}

/** Inline nodes → content with codes numbered 1, 2, … in document order. */
export function inlineToContent(nodes: readonly InlineNode[]): Content {
  let next = 1;
  const wrapMarks = (leaf: TextLeaf): Content => {
    let content: Content = leaf.text === '' ? [] : [leaf.text];
    const marks = MARKS.filter((mark) => leaf[mark] === true);
    // Outermost mark first, so ids read left to right in the XML.
    const ids = marks.map(() => String(next++));
    for (let i = marks.length - 1; i >= 0; i -= 1) {
      content = [{ id: ids[i], kind: marks[i], contents: content }];
    }
    return content;
  };
  const result: Content = [];
  for (const node of nodes) {
    if (node.type === 'link') {
      const id = String(next++);
      const contents = mergeStrings(node.children.flatMap(wrapMarks));
      result.push({ id, kind: 'link', url: node.url, contents });
    } else {
      result.push(...wrapMarks(node));
    }
  }
  return mergeStrings(result);
}

function mergeStrings(content: Content): Content {
  const merged: Content = [];
  for (const part of content) {
    const last = merged[merged.length - 1];
    if (typeof part === 'string' && typeof last === 'string')
      merged[merged.length - 1] = last + part;
    else if (part !== '') merged.push(part);
  }
  return merged;
}

/** Every code of a content, depth-first. */
export function codesOf(content: Content): InlineCode[] {
  const codes: InlineCode[] = [];
  for (const part of content) {
    if (typeof part === 'string') continue;
    codes.push(part, ...codesOf(part.contents));
  }
  return codes;
}

/** The plain text of a content, codes removed. */
export function plainText(content: Content): string {
  return content
    .map((part) => (typeof part === 'string' ? part : plainText(part.contents)))
    .join('');
}

/**
 * Checks that a translated content has exactly the codes of its source (same ids, each once,
 * no link inside a link) and returns it with each code's kind and url taken from the source.
 * Throws an Error naming the offending code.
 */
export function bindCodes(target: Content, source: Content): Content {
  const sourceCodes = new Map(codesOf(source).map((code) => [code.id, code]));
  const seen = new Set<string>();
  const bind = (content: Content, insideLink: boolean): Content =>
    content.map((part) => {
      if (typeof part === 'string') return part;
      const original = sourceCodes.get(part.id);
      if (!original) throw new Error(`inline code "${part.id}" does not exist in the source`);
      if (seen.has(part.id)) throw new Error(`inline code "${part.id}" appears more than once`);
      seen.add(part.id);
      if (original.kind === 'link' && insideLink)
        throw new Error(`link "${part.id}" is nested in a link`);
      return {
        id: part.id,
        kind: original.kind,
        ...(original.url !== undefined ? { url: original.url } : {}),
        contents: bind(part.contents, insideLink || original.kind === 'link'),
      };
    });
  const bound = bind(target, false);
  const missing = [...sourceCodes.keys()].filter((id) => !seen.has(id));
  if (missing.length > 0)
    throw new Error(
      `inline code${missing.length > 1 ? 's' : ''} ${missing.map((id) => `"${id}"`).join(', ')} missing in the target`
    );
  return bound;
}

/** Content with bound codes → inline nodes (the inverse of `inlineToContent`). */
export function contentToInline(content: Content): InlineNode[] {
  const nodes: InlineNode[] = [];
  const emit = (
    parts: Content,
    marks: Mark[],
    into: InlineNode[] | TextLeaf[],
    link: LinkInline | null
  ): void => {
    for (const part of parts) {
      if (typeof part === 'string') {
        if (part === '') continue;
        const leaf: TextLeaf = { type: 'text', text: part };
        for (const mark of marks) leaf[mark] = true;
        (into as TextLeaf[]).push(leaf);
      } else if (part.kind === 'link') {
        if (link) throw new Error(`link "${part.id}" is nested in a link`);
        const inline: LinkInline = { type: 'link', url: part.url ?? '', children: [] };
        emit(part.contents, marks, inline.children, inline);
        if (inline.children.length === 0) inline.children.push({ type: 'text', text: '' });
        (into as InlineNode[]).push(inline);
      } else if (part.kind) {
        emit(part.contents, marks.includes(part.kind) ? marks : [...marks, part.kind], into, link);
      } else {
        throw new Error(`inline code "${part.id}" has no kind`);
      }
    }
  };
  emit(content, [], nodes, null);
  if (nodes.length === 0) nodes.push({ type: 'text', text: '' });
  return nodes;
}

/**
 * Rebuilds a blocks value: the source's structure with each segment's inline content replaced
 * by the translation at the same path. Blocks without a translation keep the source content.
 */
export function segmentsToBlocks(
  sourceBlocks: readonly BlockNode[],
  translated: ReadonlyMap<string, Content>
): BlockNode[] {
  const rebuild = (nodes: readonly BlockNode[], prefix: string): BlockNode[] =>
    nodes.map((block, index) => {
      const path = prefix ? `${prefix}.${index}` : String(index);
      const children = block.children ?? [];
      const content = translated.get(path);
      if (content && children.length > 0 && children.every(isInline)) {
        return { ...block, children: contentToInline(content) };
      }
      if (block.type === 'image' || children.length === 0 || children.every(isInline))
        return { ...block };
      return {
        ...block,
        children: rebuild(
          children.filter((child): child is BlockNode => !isInline(child)),
          path
        ),
      };
    });
  return rebuild(sourceBlocks, '');
}

/**
 * Canonical inline nodes: adjacent texts with the same marks merged, empty unformatted texts
 * dropped (the editor adds them around links), `false` marks removed. Used to compare content.
 */
export function normalizeBlocks(blocks: readonly BlockNode[]): BlockNode[] {
  return blocks.map((block) => {
    if (!block.children) return { ...block };
    const children = block.children;
    if (children.length > 0 && children.every(isInline)) {
      return { ...block, children: contentToInline(inlineToContent(children as InlineNode[])) };
    }
    return {
      ...block,
      children: normalizeBlocks(children.filter((child): child is BlockNode => !isInline(child))),
    };
  });
}

/**
 * Gives a stored translation the code ids of its source, so that exporting the current target
 * and importing it again binds each code to the same formatting: target codes are matched to
 * unused source codes of the same kind (and url, for links) in order. Returns null when the
 * codes do not correspond one to one (the translation's formatting differs from the source).
 */
export function alignCodes(target: Content, source: Content): Content | null {
  const available = codesOf(source);
  const used = new Set<InlineCode>();
  let ok = true;
  const align = (content: Content): Content =>
    content.map((part) => {
      if (typeof part === 'string') return part;
      const match =
        available.find(
          (code) => !used.has(code) && code.kind === part.kind && code.url === part.url
        ) ?? available.find((code) => !used.has(code) && code.kind === part.kind);
      if (!match) {
        ok = false;
        return part;
      }
      used.add(match);
      return { ...part, id: match.id, contents: align(part.contents) };
    });
  const aligned = align(target);
  return ok && used.size === available.length ? aligned : null;
}
