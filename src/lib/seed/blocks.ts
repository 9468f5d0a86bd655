/** Minimal Strapi "blocks" rich-text nodes as the seed writes them. */
export interface TextNode {
  type: 'text';
  text: string;
}

export interface ParagraphBlock {
  type: 'paragraph';
  children: TextNode[];
}

/** Turns plain paragraphs into Strapi blocks: one paragraph block per string. */
export function paragraphsToBlocks(paragraphs: readonly string[]): ParagraphBlock[] {
  return paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] }));
}
