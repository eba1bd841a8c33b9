/** The Api contract over the coordinator's HTTP transport, for main's own use (the board watch). */
import { ApiError, type Api } from '../shared/api';
import { callCoordinator, type CoordinatorConnection } from './coordinator-client';
import { openEventStream } from './event-stream';

export function coordinatorApi(connection: CoordinatorConnection): Api {
  return {
    async call(op, input) {
      const result = await callCoordinator(connection, { op, input });
      if (!result.ok) throw new ApiError(result.error);
      return result.output as never;
    },
    subscribe(lastEventId, onEvent, onState) {
      return openEventStream({ connection, after: lastEventId, onEvent, onState });
    },
  };
}
