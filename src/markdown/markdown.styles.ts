import {css} from 'lit';

/**
 * The elements `renderMarkdown()` makes, inside a message's `.text`. Colours derive from the
 * bubble's own text colour, so they suit agent and visitor bubbles, the widget and the console.
 */
export const markdownStyles = css`
  .text {
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .text code {
    padding-inline: 0.25em;
    border-radius: 0.25em;
    background: color-mix(in srgb, currentColor 12%, transparent);
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.9em;
  }
  .text pre {
    margin-block: 0.25em;
    padding: 0.5em;
    border-radius: 0.4em;
    background: color-mix(in srgb, currentColor 12%, transparent);
    white-space: pre-wrap;
  }
  .text pre code {
    padding: 0;
    background: none;
  }
  .text blockquote {
    margin-block: 0.25em;
    margin-inline: 0;
    padding-inline-start: 0.6em;
    border-inline-start: 3px solid color-mix(in srgb, currentColor 45%, transparent);
  }
  .text a {
    color: inherit;
    text-decoration: underline;
  }
`;
