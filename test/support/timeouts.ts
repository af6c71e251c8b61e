// Jest 30 ignores `testTimeout` inside `projects`; set the per-layer budget here (tests and hooks).
const layer = expect.getState().testPath ?? '';
jest.setTimeout(layer.includes('.int.test.') ? 180_000 : layer.includes('.workflow.test.') ? 120_000 : 5_000);
