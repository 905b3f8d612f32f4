package dev.cnm.testkit.builtin;

import dev.cnm.api.store.GlobalStore;
import dev.cnm.core.store.InMemoryGlobalStore;
import dev.cnm.testkit.contract.GlobalStoreContract;

/** cnm-core's in-memory store passes the kit's store contract. */
class InMemoryGlobalStoreContractTest extends GlobalStoreContract {
  @Override
  protected GlobalStore newStore() {
    return InMemoryGlobalStore.create();
  }
}
