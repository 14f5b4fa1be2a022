package software.amazon.kinesis.coordinator;

import software.amazon.kinesis.checkpoint.CheckpointConfig;
import software.amazon.kinesis.leases.LeaseManagementConfig;
import software.amazon.kinesis.leases.exceptions.DependencyException;
import software.amazon.kinesis.leases.exceptions.InvalidStateException;
import software.amazon.kinesis.leases.exceptions.ProvisionedThroughputException;
import software.amazon.kinesis.lifecycle.LifecycleConfig;
import software.amazon.kinesis.metrics.MetricsConfig;
import software.amazon.kinesis.processor.ProcessorConfig;
import software.amazon.kinesis.retrieval.RetrievalConfig;

/**
 * The KCL's {@link Scheduler} for an application that runs exactly one worker, as {@code io.shardgate.it.KclIT} does.
 * It differs in one place: when the lease table is empty at start-up, the KCL waits a random 1 to 30 seconds (checking
 * every 3) before it lists the shards and creates the leases, so that a fleet of workers starting together does not
 * all do it. With one worker that wait only makes a test slow and its duration random, so this worker decides at once,
 * by the same rule: create the leases when the table is empty. Everything else is the KCL's own code. It lives in the
 * KCL's package because the method is package-private there.
 */
public class SingleWorkerScheduler extends Scheduler {

    public SingleWorkerScheduler(
            CheckpointConfig checkpointConfig,
            CoordinatorConfig coordinatorConfig,
            LeaseManagementConfig leaseManagementConfig,
            LifecycleConfig lifecycleConfig,
            MetricsConfig metricsConfig,
            ProcessorConfig processorConfig,
            RetrievalConfig retrievalConfig) {
        super(
                checkpointConfig,
                coordinatorConfig,
                leaseManagementConfig,
                lifecycleConfig,
                metricsConfig,
                processorConfig,
                retrievalConfig);
    }

    @Override
    boolean shouldInitiateLeaseSync()
            throws InterruptedException, DependencyException, ProvisionedThroughputException, InvalidStateException {
        return leaseRefresher().isLeaseTableEmpty();
    }
}
