package io.resequel.lambda;

import io.resequel.Resequel;
import io.resequel.ResequelOptions;
import io.resequel.tx.PoolOptions;

/** The starting point of a Resequel for AWS Lambda: {@link PoolOptions#lambda()}, pooler mode included. */
public final class LambdaDefaults {

    private LambdaDefaults() {
    }

    /** @return a builder with the Lambda pool settings; add the URL (and a password supplier) */
    public static ResequelOptions.Builder builder() {
        return Resequel.builder().pool(PoolOptions.lambda());
    }
}
