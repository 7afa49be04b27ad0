/**
 * Merge tags for the contractor's email and text-message templates: `{{CompanyName}}`,
 * `{{InvoicePayLink}}` … A closed set of tags, each value escaped for where it lands — HTML text, an
 * HTML attribute, or a plain-text message — with no unescaped form. An unknown or misspelt tag is an
 * error naming it when the template is saved, never a blank in a sent message. (A general template
 * engine was measured and left out: mustache passes `javascript:` into an href, handlebars and eta
 * compile templates to code.)
 */

export const MERGE_TAGS = [
  'CustomerPortalLink',
  'InvoicePayLink',
  'OnlineEstimateLink',
  'VisitStatusLink',
  'ConfirmEmailLink',
  'PasswordResetLink',
  'CustomerFirstName',
  'CompanyName',
  'CompanyPhone',
  'RequestReference',
  'ServiceName',
  'PreferredDays',
  'VisitDate',
  'ArrivalWindow',
  'TechnicianName',
  'EstimateNumber',
  'InvoiceNumber',
  'ApprovedOption',
  'SignerName',
] as const;
export type MergeTag = (typeof MERGE_TAGS)[number];
export type MergeValues = Partial<Record<MergeTag, string>>;

/** Tags whose value is a web address: the only ones allowed inside an HTML attribute. */
const LINK_TAGS = new Set<MergeTag>(['CustomerPortalLink', 'InvoicePayLink', 'OnlineEstimateLink', 'VisitStatusLink', 'ConfirmEmailLink', 'PasswordResetLink']);

export type TemplateFormat = 'html' | 'text';

export class TemplateError extends Error {
  constructor(
    message: string,
    readonly tag: string,
  ) {
    super(message);
  }
}

/**
 * `{{ Tag }}`: the name is trimmed in code, not by the pattern. A lazy name between two `\s*` made an
 * unclosed `{{` followed by thousands of spaces backtrack for minutes, one server thread held by one save.
 */
const TAG = /\{\{([^{}]*)\}\}/g;

function isMergeTag(name: string): name is MergeTag {
  return (MERGE_TAGS as readonly string[]).includes(name);
}

/** Where each `{{…}}` sits in an HTML template: in text, inside a quoted attribute, or somewhere else. */
type Place = 'text' | 'attribute' | 'forbidden';

/** Scans HTML once, noting the place of every tag occurrence, in order. */
function placesIn(template: string): Place[] {
  const places: Place[] = [];
  let state: 'text' | 'tag' | 'quoted' | 'raw' = 'text';
  let quote = '';
  let rawEnd = '';
  for (let i = 0; i < template.length; i++) {
    if (template.startsWith('{{', i)) {
      const end = template.indexOf('}}', i);
      if (end < 0) break;
      places.push(state === 'text' ? 'text' : state === 'quoted' ? 'attribute' : 'forbidden');
      i = end + 1;
      continue;
    }
    const c = template[i]!;
    if (state === 'text' && c === '<') {
      const name = /^<\s*(script|style)\b/i.exec(template.slice(i));
      state = 'tag';
      rawEnd = name ? `</${name[1]!.toLowerCase()}` : '';
    } else if (state === 'tag' && (c === '"' || c === "'")) {
      state = 'quoted';
      quote = c;
    } else if (state === 'quoted' && c === quote) {
      state = 'tag';
    } else if (state === 'tag' && c === '>') {
      state = rawEnd ? 'raw' : 'text';
    } else if (state === 'raw' && template.slice(i).toLowerCase().startsWith(rawEnd)) {
      state = 'tag';
      rawEnd = '';
    }
  }
  return places;
}

/**
 * Checks a template when it is saved: every tag known (and, given `usable`, one this message fills
 * in), every link tag in an attribute, no tag inside a script or style or between a tag's attributes.
 * Throws a TemplateError naming the first problem.
 */
export function validateTemplate(template: string, format: TemplateFormat, usable?: readonly MergeTag[]): void {
  const places = format === 'html' ? placesIn(template) : [];
  let index = 0;
  for (const match of template.matchAll(TAG)) {
    const name = match[1]!.trim();
    const place = places[index++] ?? 'text';
    if (!isMergeTag(name)) {
      // A near miss among the tags this message can use (one it cannot would be refused next).
      const near = (usable ?? MERGE_TAGS).find((tag) => tag.toLowerCase() === name.replace(/\s+/g, '').toLowerCase());
      throw new TemplateError(
        near
          ? `Unknown merge tag {{${name}}}: did you mean {{${near}}}?`
          : // The tags this message can use, when known: the others would be refused next.
            `Unknown merge tag {{${name}}}. ${usable ? 'This message’s tags are' : 'Known tags'}: ${(usable ?? MERGE_TAGS).map((t) => `{{${t}}}`).join(', ')}.`,
        name,
      );
    }
    if (usable && !usable.includes(name)) {
      // A known tag this message has no value for would reach the customer as a blank ("Pay: []").
      throw new TemplateError(`{{${name}}} has nothing to fill in in this message. Its tags are: ${usable.map((t) => `{{${t}}}`).join(', ')}.`, name);
    }
    if (place === 'forbidden') throw new TemplateError(`{{${name}}} can only stand in text or inside a quoted attribute.`, name);
    if (place === 'attribute' && !LINK_TAGS.has(name)) {
      throw new TemplateError(`{{${name}}} is not a link: only link tags may stand inside an attribute.`, name);
    }
  }
  if (/\{\{|\}\}/.test(template.replace(TAG, ''))) throw new TemplateError('A merge tag is not closed: write tags as {{TagName}}.', '');
}

/** Text as HTML text or a quoted attribute's value: every character markup could read, as a character reference. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Plain text: no markup to escape, but no control characters or line breaks smuggled into a line. The
 * thin and narrow no-break spaces Intl puts in times and ranges ("8:00\u202fAM\u2009–\u200912:00")
 * become plain spaces: in a text message they would switch the whole message to the costlier Unicode
 * encoding.
 */
export function cleanText(value: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  return value.replace(/[\u0000-\u001f\u007f]+/g, ' ').replace(/[\u2000-\u200a\u202f\u00a0]/g, ' ');
}

/** Whether the template names this tag somewhere (as `{{Tag}}`, spaces inside the braces allowed). */
export function usesTag(template: string, tag: MergeTag): boolean {
  return [...template.matchAll(TAG)].some((match) => match[1]!.trim() === tag);
}

/** Only http(s) web addresses become links; anything else is dropped. */
function safeUrl(value: string): string {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.toString() : '';
  } catch {
    return '';
  }
}

/** Fills a validated template. A tag with no value for this message renders as nothing. */
export function renderTemplate(template: string, format: TemplateFormat, values: MergeValues): string {
  validateTemplate(template, format);
  const places = format === 'html' ? placesIn(template) : [];
  let index = 0;
  return template.replace(SPACED_TAG, (tag: string, space: string, spaced: string, offset: number, whole: string) => {
    const name = spaced.trim() as MergeTag;
    const place = places[index++] ?? 'text';
    const raw = values[name] ?? '';
    // An empty value takes the space before it when punctuation follows: "Hi {{CustomerFirstName}},"
    // greets someone with no name on file as "Hi," (not "Hi ,"), "Hola {{CustomerFirstName}}:" as "Hola:".
    const next = whole[offset + tag.length];
    if (raw === '' && (next === undefined || /[,:;.!?\n<]/.test(next))) return '';
    const value = LINK_TAGS.has(name) ? safeUrl(raw) : raw;
    if (format === 'text') return space + cleanText(value);
    return space + escapeHtml(place === 'attribute' ? value : cleanText(value));
  });
}

/** A tag with the one space before it, if any (renderTemplate). */
const SPACED_TAG = /( ?)\{\{([^{}]*)\}\}/g;
