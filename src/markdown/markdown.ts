// The markdown chunk: src/components/message-list/message-parts.ts loads it for text with markup.
export {renderMarkdown} from './render.js';
export {toPlainText} from './parse.js';
