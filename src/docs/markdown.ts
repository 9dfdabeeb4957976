/**
 * Small Markdown helpers shared by the generated reference pages of docs/.
 */
import { SOURCES } from '../../abi/sources';
import type { Citation } from '../../abi/schema';

/** Text safe inside a Markdown table cell (pipes escaped, newlines folded). */
export function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** An HTML anchor that every Markdown renderer keeps, so citations such as docs/POLICY.md#check-10 resolve. */
export function anchor(id: string): string {
  return `<a id="${id}"></a>`;
}

/** A citation as one line: `REF (snapshot title): at`. */
export function citationText(c: Citation): string {
  const snap = (SOURCES as Record<string, { title: string } | undefined>)[c.ref];
  return `${c.ref}${snap ? ` (${snap.title})` : ''}: ${c.at}`;
}

/** The banner every generated page starts with. */
export function generatedBanner(from: string): string {
  return `<!-- Generated from ${from} by \`npm run docs\` (src/docs/); edit the source, not this file. -->\n\n`;
}
