// Every workflow the worker registers (the bundle entry point).
export { contractLifecycle } from './contractLifecycle';
export { wiringCheck } from './wiringCheck';
