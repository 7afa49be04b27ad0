import { expect } from '@open-wc/testing';
import '../src/index.js';

interface ManifestDeclaration {
  name: string;
  tagName?: string;
  attributes?: { name: string }[];
}

/**
 * custom-elements.json against the registered classes: every attribute an element observes is in the
 * manifest (Storybook's Attributes table, the JSX types) and the manifest lists none the element ignores.
 * Events, parts and CSS properties are checked against the sources by test/package-manifest.test.mjs.
 */
describe('custom-elements.json and the live elements', () => {
  it("lists exactly each element's observed attributes", async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as { modules: { declarations?: ManifestDeclaration[] }[] };
    const elements = manifest.modules.flatMap((module) => module.declarations ?? []).filter((declaration) => declaration.tagName);
    expect(elements.length).to.be.at.least(13);
    for (const declaration of elements) {
      const elementClass = customElements.get(declaration.tagName!) as (CustomElementConstructor & { observedAttributes?: string[] }) | undefined;
      expect(elementClass, `<${declaration.tagName}> is in the manifest but not registered by src/index.ts`).to.exist;
      expect(elementClass!.name).to.equal(declaration.name);
      const observed = [...(elementClass!.observedAttributes ?? [])].sort();
      const listed = (declaration.attributes ?? []).map((attribute) => attribute.name).sort();
      expect(listed, `<${declaration.tagName}>'s attributes in custom-elements.json`).to.deep.equal(observed);
    }
  });
});
