package io.resequel.migrate;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Where a {@link Migrator} records what ran: a meta table ({@link MetaTable}), or nowhere ({@link #NONE}, Sequelize's
 * {@code seederStorage: 'none'}: every seeder runs each time).
 */
interface MetaStorage {

    /** Records nothing: nothing counts as executed. */
    MetaStorage NONE = new MetaStorage() {
        @Override
        public Mono<Void> ensure() {
            return Mono.empty();
        }

        @Override
        public Flux<Applied> list() {
            return Flux.empty();
        }

        @Override
        public Mono<Void> insert(String name, String checksum) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> delete(String name) {
            return Mono.empty();
        }

        @Override
        public Mono<Void> updateChecksum(String name, String checksum) {
            return Mono.empty();
        }
    };

    /** A recorded migration. @param name its name @param checksum its checksum when applied, or {@code null} */
    record Applied(String name, String checksum) {
    }

    /** @return completes once the storage exists */
    Mono<Void> ensure();

    /** @return what is recorded, in no particular order */
    Flux<Applied> list();

    /** @param name a migration @param checksum its checksum or {@code null} @return completes when recorded */
    Mono<Void> insert(String name, String checksum);

    /** @param name a migration @return completes when forgotten */
    Mono<Void> delete(String name);

    /** @param name a migration @param checksum the checksum to record @return completes when recorded */
    Mono<Void> updateChecksum(String name, String checksum);
}
