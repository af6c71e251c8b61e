// Every workflow the worker registers (the bundle entry point).
export { wiringCheck } from './wiringCheck';
