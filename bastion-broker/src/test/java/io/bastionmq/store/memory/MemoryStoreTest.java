package io.bastionmq.store.memory;

import io.bastionmq.store.Store;
import io.bastionmq.store.StoreContractTest;

class MemoryStoreTest extends StoreContractTest {
    @Override
    protected Store openStore() {
        return new MemoryStore();
    }
}
