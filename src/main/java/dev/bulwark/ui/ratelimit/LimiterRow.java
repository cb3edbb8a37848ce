package dev.bulwark.ui.ratelimit;

import dev.bulwark.ratelimit.Algorithm;
import dev.bulwark.ratelimit.Refill;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One limiter configuration as the form edits it. For the window strategies {@code capacity} is the
 * limit per window and {@code period} the window; {@code rate} only matters for the bucket strategies.
 */
public final class LimiterRow {
    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<Algorithm> strategy = new SimpleObjectProperty<>(Algorithm.TOKEN_BUCKET);
    private final StringProperty capacity = new SimpleStringProperty("10");
    private final StringProperty rate = new SimpleStringProperty("10");
    private final StringProperty period = new SimpleStringProperty("1s");
    private final ObjectProperty<Refill> refill = new SimpleObjectProperty<>(Refill.GREEDY);
    private final StringProperty error = new SimpleStringProperty("");

    /** A row with the given values. */
    public LimiterRow(String name, Algorithm strategy, String capacity, String rate, String period, Refill refill) {
        this.name.set(name);
        this.strategy.set(strategy);
        this.capacity.set(capacity);
        this.rate.set(rate);
        this.period.set(period);
        this.refill.set(refill);
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<Algorithm> strategyProperty() {
        return strategy;
    }

    public StringProperty capacityProperty() {
        return capacity;
    }

    public StringProperty rateProperty() {
        return rate;
    }

    public StringProperty periodProperty() {
        return period;
    }

    public ObjectProperty<Refill> refillProperty() {
        return refill;
    }

    /** The problem with this row, empty when it is fine. */
    public StringProperty errorProperty() {
        return error;
    }

    /** True when the strategy refills from a rate (token bucket, GCRA, leaky bucket). */
    public boolean usesRate() {
        Algorithm a = strategy.get();
        return a == Algorithm.TOKEN_BUCKET || a == Algorithm.GCRA || a == Algorithm.LEAKY_BUCKET;
    }
}
