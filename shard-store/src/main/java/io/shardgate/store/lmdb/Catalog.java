package io.shardgate.store.lmdb;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.shardgate.store.ShardRef;

/** An immutable snapshot of every live stream; replaced as a whole by the writer after a catalog change. */
final class Catalog {
    static final Catalog EMPTY = new Catalog(new TreeMap<>());

    private final TreeMap<String, StreamEntry> byName;
    private final Map<Long, ShardRef> refsByKey;
    private final Map<java.util.UUID, StreamEntry> byId;

    Catalog(TreeMap<String, StreamEntry> byName) {
        this.byName = byName;
        Map<Long, ShardRef> refs = new HashMap<>();
        Map<java.util.UUID, StreamEntry> ids = new HashMap<>();
        for (StreamEntry entry : byName.values()) {
            ids.put(entry.stream().id(), entry);
            for (int i = 0; i < entry.shardKeys().length; i++) {
                refs.put(entry.shardKeys()[i], new ShardRef(entry.stream().name(), i));
            }
        }
        this.refsByKey = refs;
        this.byId = ids;
    }

    StreamEntry get(java.util.UUID id) {
        return byId.get(id);
    }

    StreamEntry get(String name) {
        return byName.get(name);
    }

    Map<String, StreamEntry> streams() {
        return Collections.unmodifiableMap(byName);
    }

    ShardRef ref(long shardKey) {
        return refsByKey.get(shardKey);
    }

    Catalog with(StreamEntry entry) {
        TreeMap<String, StreamEntry> copy = new TreeMap<>(byName);
        copy.put(entry.stream().name(), entry);
        return new Catalog(copy);
    }

    Catalog without(String name) {
        TreeMap<String, StreamEntry> copy = new TreeMap<>(byName);
        copy.remove(name);
        return new Catalog(copy);
    }
}
