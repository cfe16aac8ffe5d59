/**
 * The bridge to Spring's reactive transactions: {@link io.resequel.tx.spring.ResequelTransactionManager}, so that
 * {@code @Transactional} and {@code TransactionalOperator} drive Resequel transactions. Needs spring-tx on the class
 * path (an optional dependency of resequel-tx).
 */
package io.resequel.tx.spring;
