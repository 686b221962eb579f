import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import {squeezeCss, squeezeCssParts, squeezeHtmlParts} from '../../scripts/minify-views.js';

// The build's template squeeze (scripts/minify-views.ts) may remove only what cannot change
// what the visitor sees: these are the cases a careless squeeze would break.
describe('the widget build’s template squeeze', () => {
  it('collapses html`` whitespace between attributes and across lines, never inside values', () => {
    const [out] = squeezeHtmlParts([
      '<p\n    class="a   b"\n    title=\'x  y\'\n  >\n    Hi  there\n  </p>',
    ]);
    assert.equal(out, '<p class="a   b" title=\'x  y\'> Hi  there </p>');
  });

  it('keeps <pre> and <textarea> text, comments, and the space before /> after a binding', () => {
    const parts = squeezeHtmlParts([
      '<pre>\n  a\n    b\n</pre>\n<textarea>\n x\n</textarea>\n<!--  keep\n  me -->\n<input value=',
      ' />\n<b>\n</b>',
    ]);
    assert.deepEqual(parts, [
      '<pre>\n  a\n    b\n</pre> <textarea>\n x\n</textarea> <!--  keep\n  me --> <input value=',
      ' /> <b> </b>',
    ]);
  });

  it('squeezes CSS without touching selectors or the spaces next to a binding', () => {
    assert.equal(
      squeezeCss(
        '/* why */\n:host {\n  margin: 0.5em calc(2 * var(--x));\n}\na :hover { color: red !important; }',
      ),
      ':host{margin:.5em calc(2*var(--x))}a :hover{color:red!important}',
    );
    assert.deepEqual(squeezeCssParts(['a { margin: ', ' auto; }']), ['a{margin:', ' auto}']);
  });
});
