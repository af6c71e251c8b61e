/** All activities, created from the clients they talk to (one factory per external system). */
import { createKafkaActivities, type KafkaActivityDeps } from './kafka/publisher';

export type ActivityDeps = KafkaActivityDeps;

export function createActivities(deps: ActivityDeps) {
  return {
    ...createKafkaActivities(deps),
  };
}

export type Activities = ReturnType<typeof createActivities>;
