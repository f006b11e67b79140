// The detector tests' harness lives in test/helpers/detectorHarness.ts.
export * from '../../../../helpers/detectorHarness';
