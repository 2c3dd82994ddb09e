package dev.ordergate.masterdata;

import dev.ordergate.sync.SyncRunDetails;
import dev.ordergate.sync.SyncRuns;
import org.springframework.stereotype.Component;

/** A master-data run's part of its report. */
@Component
class MasterDataRunDetails implements SyncRunDetails {

    private final MasterDataSync sync;

    MasterDataRunDetails(MasterDataSync sync) {
        this.sync = sync;
    }

    @Override
    public String kind() {
        return SyncRuns.MASTER_DATA;
    }

    @Override
    public MasterDataRunReport of(String runId) {
        return sync.report(runId);
    }
}
