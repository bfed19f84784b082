export { countChanges, totalsLine } from './counts.js';
export { howToResolve, type Face } from './explain.js';
export { toJson, toJsonReport, REPORT_SCHEMA_VERSION, type JsonChange, type JsonReport } from './json.js';
export { toMarkdown, type MarkdownOptions } from './markdown.js';
export { toText, type TextOptions } from './text.js';
