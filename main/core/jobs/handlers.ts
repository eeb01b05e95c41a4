/** The long jobs' API methods: how far the running one has got, and Cancel. */
import type { FeatureHandlers, Session } from '../session';
import { cancelJob, jobProgress } from './jobs';

export function jobsHandlers(session: Session): FeatureHandlers<'jobs.progress' | 'jobs.cancel'> {
  return {
    'jobs.progress': async () => jobProgress(session),
    'jobs.cancel': async () => ({ cancelled: cancelJob(session) }),
  };
}
