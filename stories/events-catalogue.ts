/**
 * The events catalogue's data, read from the sources themselves so the page cannot drift: each event
 * module in src/events/ (its name, what it means, its detail's interface, whether a host may cancel it)
 * and, from custom-elements.json, which elements fire it.
 */
import manifest from '../custom-elements.json';

export interface CatalogueEvent {
  name: string;
  className: string;
  summary: string;
  detail: string;
  cancelable: boolean;
  firedBy: string[];
  file: string;
}

const sources = import.meta.glob<string>('../src/events/portal-*.ts', { query: '?raw', import: 'default', eager: true });

interface Declaration {
  tagName?: string;
  events?: { name?: string }[];
}

function firedBy(name: string): string[] {
  const declarations = (manifest as { modules?: { declarations?: Declaration[] }[] }).modules?.flatMap((m) => m.declarations ?? []) ?? [];
  return declarations.filter((d) => d.tagName && d.events?.some((e) => e.name === name)).map((d) => d.tagName!);
}

export function eventsCatalogue(): CatalogueEvent[] {
  return Object.entries(sources)
    .map(([path, source]) => {
      const name = /eventName\s*=\s*'([^']+)'/.exec(source)?.[1] ?? '';
      const className = /export class (\w+)/.exec(source)?.[1] ?? '';
      // The class's own JSDoc: the last comment block right before `export class`.
      const before = source.slice(0, source.search(/export class \w+/));
      const start = before.lastIndexOf('/**');
      const end = before.lastIndexOf('*/');
      const comment = start >= 0 && end > start && !before.slice(end + 2).trim() ? before.slice(start + 3, end) : '';
      const summary = comment
        .split('\n')
        .map((line) => line.replace(/^\s*\*\s?/, ''))
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
      const detail = /export (interface \w+Detail \{[\s\S]*?\n\}|type \w+Detail =[\s\S]*?;\n)/.exec(source)?.[1] ?? '';
      return {
        name,
        className,
        summary,
        detail,
        cancelable: /cancelable:\s*true/.test(source),
        firedBy: firedBy(name),
        file: path.replace('../', ''),
      };
    })
    .filter((event) => event.name)
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** A piece of a sentence from the sources' comments: plain text, or what they wrote in backticks (code). */
export interface TextPart {
  text: string;
  code: boolean;
}

/** `Fires \`portal-signed-in\` once` as its parts, for the page to show the backticked ones as code. */
export function codeSpans(text: string): TextPart[] {
  return text
    .split(/(`[^`]+`)/)
    .filter(Boolean)
    .map((part) => (part.length > 2 && part.startsWith('`') && part.endsWith('`') ? { text: part.slice(1, -1), code: true } : { text: part, code: false }));
}
