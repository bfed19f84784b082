/**
 * @actions/workflow-parser imports its JSON schemas without `with { type: 'json' }` (it expects a
 * bundler). A loader hook adds the attribute for that package only, then the parser loads natively.
 */
import { register } from 'node:module';

const HOOK = `export async function load(url, context, next) {
  if (url.endsWith('.json') && url.includes('/@actions/workflow-parser/')) {
    return next(url, { ...context, importAttributes: { ...context.importAttributes, type: 'json' } });
  }
  return next(url, context);
}`;

let registered = false;

export async function loadWorkflowParser() {
  if (!registered) {
    register(`data:text/javascript,${encodeURIComponent(HOOK)}`);
    registered = true;
  }
  const workflows = await import('@actions/workflow-parser');
  const actions = await import('@actions/workflow-parser/actions/index');
  return {
    parseWorkflow: workflows.parseWorkflow,
    parseAction: actions.parseAction,
    NoOperationTraceWriter: workflows.NoOperationTraceWriter,
  };
}
