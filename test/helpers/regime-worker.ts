// Worker for test/regime-map.test.ts: runs the regime-map tasks it is given and posts the rows back.
import { parentPort, workerData } from "node:worker_threads";
import { runRegimeTask, type RegimeTask } from "../../src/experiments";

parentPort!.postMessage((workerData as RegimeTask[]).map(runRegimeTask));
