/** Long jobs (progress and Cancel) as the rest of Boardpack sees them: features and the hosts import only from here. */
export { jobsHandlers } from './handlers';
export { cancelJob, JobBusyError, JobCancelledError, jobProgress, runJob, RunningJob, watchJobs, type JobControls, type JobSession, type JobStep } from './jobs';
