/** All activities, created from the clients they talk to (one factory per external system). */
import { createInventoryActivities, type InventoryActivityDeps } from './inventory';
import { createKafkaActivities, type KafkaActivityDeps } from './kafka/publisher';
import { createNetworkActivities, type NetworkActivityDeps } from './network';

export type ActivityDeps = KafkaActivityDeps & InventoryActivityDeps & NetworkActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createKafkaActivities(deps),
    ...createInventoryActivities(deps),
    ...createNetworkActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
