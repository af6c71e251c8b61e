// The legacy code uses the shell's activity stubs: same activities, same retry policies.
export { events, inventory, network } from '../shell/activities';
