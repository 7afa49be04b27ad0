import { noChange } from 'lit';
import { Directive, directive, PartType, type ElementPart, type PartInfo } from 'lit/directive.js';

/**
 * Sets custom properties on an element through CSSOM (`element.style.setProperty`), on first render
 * too. Lit's `styleMap` writes its first render as a `style` attribute, which a host page's strict
 * CSP (`style-src 'self'`, no `'unsafe-inline'`) blocks; CSSOM changes are not blocked. Use it as an
 * element binding: `<div ${cssVars({ '--rows': '12' })}>`. Only custom properties: anything else
 * belongs in the stylesheet.
 */
class CssVarsDirective extends Directive {
  #previous = new Set<string>();

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.ELEMENT) throw new Error('cssVars() is an element binding: <div ${cssVars(…)}>');
  }

  render(_vars: Readonly<Record<`--${string}`, string>>) {
    return noChange;
  }

  override update(part: ElementPart, [vars]: [Readonly<Record<`--${string}`, string>>]) {
    const style = (part.element as HTMLElement).style;
    for (const name of this.#previous) if (!(name in vars)) style.removeProperty(name);
    for (const [name, value] of Object.entries(vars)) {
      if (!name.startsWith('--')) throw new Error(`cssVars() sets custom properties only, not ${name}`);
      if (style.getPropertyValue(name) !== value) style.setProperty(name, value);
    }
    this.#previous = new Set(Object.keys(vars));
    return noChange;
  }
}

export const cssVars = directive(CssVarsDirective);
