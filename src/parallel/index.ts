export { WorkerPool, parallelMap, defaultThreads, checkThreads, MAX_THREADS, type TaskRef, type PoolOptions } from "./pool";
