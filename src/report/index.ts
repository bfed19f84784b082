export { countChanges, totalsLine } from './counts.js';
export { howToResolve, resolveAdvice, type Face } from './explain.js';
export { toJson, toJsonReport, REPORT_SCHEMA_VERSION, type JsonChange, type JsonReport } from './json.js';
export { isConflict, toMarkdown, verdictLine, type MarkdownOptions } from './markdown.js';
export { htmlText, logLine, mdCell, mdCode, mdInline, mdLink, safeUrl, visibleControls } from './sanitise.js';
export { unifiedDiff } from './diff.js';
export { toText, type TextOptions } from './text.js';
export type { PageEdit, RemoteEdit } from './types.js';
