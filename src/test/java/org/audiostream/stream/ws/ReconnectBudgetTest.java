package org.audiostream.stream.ws;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReconnectBudgetTest {

    private final ReconnectBudget budget = new ReconnectBudget(3, attempt -> 100L * attempt, 10_000_000_000L);

    @Test
    void givesDelaysUntilUsedUp() {
        assertThat(budget.label()).isEmpty();
        assertThat(budget.next()).isEqualTo(100);
        assertThat(budget.next()).isEqualTo(200);
        assertThat(budget.label()).isEqualTo(", reconnect 2/3");
        assertThat(budget.next()).isEqualTo(300);
        assertThat(budget.next()).isEqualTo(-1);
        assertThat(budget.used()).isEqualTo(3);
    }

    @Test
    void onlyAStableConnectionRefillsTheBudget() {
        budget.next();
        budget.next();
        budget.connectionEnded(9_999_999_999L); // flapping: dropped before 10 s
        assertThat(budget.used()).isEqualTo(2);
        budget.connectionEnded(10_000_000_000L);
        assertThat(budget.used()).isZero();
        assertThat(budget.next()).isEqualTo(100);
    }

    @Test
    void zeroMeansNoReconnect() {
        assertThat(new ReconnectBudget(0, attempt -> 1L, 0).next()).isEqualTo(-1);
    }
}
