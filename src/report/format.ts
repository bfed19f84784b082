import type { Change } from '../sync/types.js';

export const EMPTY = '—';

export function pathOf(change: Change): string {
  if (change.previousPath && change.localPath && change.previousPath !== change.localPath) {
    return `${change.previousPath} → ${change.localPath}`;
  }
  return change.localPath ?? change.previousPath ?? EMPTY;
}

export function titleOf(change: Change): string {
  return change.previousTitle && change.previousTitle !== change.title
    ? `${change.previousTitle} → ${change.title}`
    : change.title;
}

export function outcomeOf(change: Change): string {
  if (change.outcome === 'failed' && change.error) return `failed (${change.error.code})`;
  return change.outcome;
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
