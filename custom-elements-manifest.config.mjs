// `cem analyze` (run by `npm run build`) writes custom-elements.json, the machine-readable
// public surface of <live-chat> for editors, Storybook and framework wrappers. Only the element
// and the settings class it extends: the other tags are internal to its shadow root.

// The element registers through defineOnce() (src/define.ts), which the analyzer does not
// recognise as a definition, and names its own attributes in `observedAttributes`: this adds
// the `custom-element-definition` export for each declaration with a `@tagname`, and ties each
// attribute to the property of the same name.
function definitions() {
  return {
    name: 'live-chat-definitions',
    packageLinkPhase({customElementsManifest}) {
      for (const mod of customElementsManifest.modules) {
        for (const declaration of mod.declarations ?? []) {
          if (!declaration.tagName) continue;
          for (const attribute of declaration.attributes ?? []) {
            const field = declaration.members?.find(
              (m) => m.kind === 'field' && m.name === attribute.name,
            );
            if (field && !attribute.fieldName) {
              attribute.fieldName = field.name;
              field.attribute = attribute.name;
            }
          }
          mod.exports = [
            ...(mod.exports ?? []),
            {
              kind: 'custom-element-definition',
              name: declaration.tagName,
              declaration: {name: declaration.name, module: mod.path},
            },
          ];
        }
      }
    },
  };
}

export default {
  globs: ['src/live-chat.ts', 'src/shell/settings.ts'],
  outdir: 'dist',
  litelement: true,
  plugins: [definitions()],
};
