package io.resequel.examples;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import org.junit.jupiter.api.Test;

/** Runs the tour (which holds the README's code) on in-memory H2, so the README's examples stay true. */
class TourTest {

    @Test
    void theTourRunsToItsEnd() {
        assertDoesNotThrow(() -> Tour.main(new String[0]));
    }
}
