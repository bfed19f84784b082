import { expect } from 'vitest';
import { checkStorageXml, formatXmlProblem } from '../emulator/storage-xml.js';

/** Fails the test when Confluence would refuse the body. */
export function expectAcceptedStorage(storage: string): void {
  const problem = checkStorageXml(storage);
  expect(problem && formatXmlProblem(problem), storage).toBeNull();
}
