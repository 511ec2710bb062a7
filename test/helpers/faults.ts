/** Shared by the fault tests: their printed figures and how they catch a typed rejection. */
import { expect } from '@open-wc/testing';
import { WcError } from '../../src/errors.js';

/** One `[figure] …` line in the test output: what a scenario measured. */
export const figure = (text: string): void => console.log(`[figure] ${text}`);
export const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

/** The WcError a promise rejects with (fails the test if it resolves or rejects with anything else). */
export async function rejection(promise: Promise<unknown>): Promise<WcError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(WcError);
    return error as WcError;
  }
  throw new Error('expected a rejection');
}
